"""Guessing codes (#23): wrong resume and class codes are budgeted per browser session and per
process, class codes carry 44 bits, and a code a session already found is never refused."""
from __future__ import annotations

import math
from datetime import timedelta

import pytest

from explorer import attempts, classes, guessing
from explorer.models import utcnow
from tests.apptest import on_page


def test_a_browser_may_try_ten_wrong_codes_in_ten_minutes():
    now = utcnow()
    for n in range(10):
        guessing.BUDGET.check("tab-1", now)
        guessing.BUDGET.wrong("tab-1", now + timedelta(seconds=n))
    with pytest.raises(guessing.GuessError, match="too many wrong codes from this browser") as refused:
        guessing.BUDGET.check("tab-1", now + timedelta(seconds=30))
    assert refused.value.params["time"] == f"{now + guessing.WINDOW:%H:%M}"
    guessing.BUDGET.check("tab-2", now + timedelta(minutes=2))  # another browser is not held up
    guessing.BUDGET.check("tab-1", now + guessing.WINDOW + timedelta(seconds=10))  # the window has passed


def test_a_process_accepts_sixty_wrong_codes_a_minute_from_all_browsers():
    """One guess a second at most per process (32.5 a second were measured before), however many
    sessions a guesser opens."""
    now = utcnow()
    for n in range(60):
        guessing.BUDGET.check(f"tab-{n}", now)
        guessing.BUDGET.wrong(f"tab-{n}", now)
    with pytest.raises(guessing.GuessError, match="being tried on this server"):
        guessing.BUDGET.check("tab-new", now + timedelta(seconds=5))
    guessing.BUDGET.check("tab-new", now + timedelta(seconds=61))


def test_class_codes_carry_at_least_40_bits_and_old_codes_still_work(database_url):
    code = classes.create_class("Period 3", "counselor", [], database_url)
    body = code.removeprefix("C-").replace("-", "")
    assert len(body) == classes.CLASS_CODE_LENGTH and set(body) <= set(attempts.ALPHABET)
    assert classes.CLASS_CODE_LENGTH * math.log2(len(attempts.ALPHABET)) >= 40  # 44.2 bits
    assert classes.get_class(" " + body.lower() + " ", database_url).class_code == code  # typed loosely
    from explorer import db
    from explorer.models import ClassGroup

    with db.session(database_url) as s:  # a class made by an earlier release: six characters
        s.add(ClassGroup(class_code="C-K7MQ4T", name="Old", created_by="counselor", group_fields="", area_code=""))
    assert classes.get_class("c-k7mq4t", database_url).name == "Old"


def test_the_quiz_page_stops_a_browser_guessing_class_codes(url):
    real = classes.create_class("Period 3", "counselor", ["campus"])
    at = on_page("pages/quiz.py")
    at.radio[0].set_value("9-12").run()
    box = next(t for t in at.text_input if t.label.startswith("Class code"))
    box.input("C-AAA-AAA-AA2").run()
    at.radio[0].set_value("6-8").run()  # the same typo on another rerun counts once
    for n in range(3, 12):
        next(t for t in at.text_input if t.label.startswith("Class code")).input(f"C-AAA-AAA-AA{n % 10}").run()
    # Ten different wrong codes: the real one is now refused too, with a message saying why and until when.
    next(t for t in at.text_input if t.label.startswith("Class code")).input(real).run()
    assert not any(t.label == "campus (optional)" for t in at.text_input)
    next(b for b in at.button if b.label == "Start the quiz").click().run()
    assert any("too many wrong codes from this browser" in e.value for e in at.error), [e.value for e in at.error]
    assert not at.get("progress")
    # Another browser (a classmate) is not held up by this one.
    other = on_page("pages/quiz.py")
    other.radio[0].set_value("9-12").run()
    next(t for t in other.text_input if t.label.startswith("Class code")).input(real).run()
    assert any(t.label == "campus (optional)" for t in other.text_input)


# ----- the resume code stays out of the address bar ----------------------------------------------------


def _scripts(at) -> str:
    """The JavaScript the page runs (run_in_browser iframes)."""
    from tests.markup import _nodes

    return " ".join(str(node.proto) for node in _nodes(at._tree) if "srcdoc" in str(getattr(node, "proto", "")))


def test_the_resume_code_never_sits_in_the_address_bar(url):
    at = on_page("pages/quiz.py")
    at.radio[0].set_value("9-12").run()
    next(b for b in at.button if b.label == "Start the quiz").click().run()
    code = at.session_state["resume_code"]
    assert "code" not in at.query_params
    assert f"cpe_quiz={code}; path=/; SameSite=Strict" in _scripts(at)  # a session cookie keeps it instead
    link = next(c.value for c in at.code)  # only where the student asks for a link
    assert link.endswith(f"/quiz?code={code}")
    for page in ("pages/profile.py", "pages/results.py", "pages/portfolio.py"):
        at.switch_page(page).run()
        assert "code" not in at.query_params, page


def test_a_link_opens_the_quiz_and_leaves_the_address_bar(url):
    code = attempts.start("9-12", "quick", "en")
    at = on_page("pages/quiz.py", code=code.lower().replace("-", ""))
    assert "code" not in at.query_params and at.session_state["resume_code"] == code
    assert any(f"Your resume code is **{code}**" in i.value for i in at.info)


def test_a_refresh_resumes_from_the_quiz_cookie(url, monkeypatch):
    from explorer.ui import quiz_state

    code = attempts.start("9-12", "quick", "en")
    monkeypatch.setattr(quiz_state, "_sent_quiz_cookie", lambda: f'"{code}"')  # a new session sends the cookie
    at = on_page("pages/quiz.py")
    assert any(f"Your resume code is **{code}**" in i.value for i in at.info)
    assert "code" not in at.query_params
    next(b for b in at.button if b.label == "Start over with a new quiz").click().run()
    next(b for b in at.button if b.label == "Yes, start a new quiz").click().run()  # it asks to confirm
    assert "resume_code" not in at.session_state
    assert "cpe_quiz=; path=/; SameSite=Strict; max-age=0" in _scripts(at)  # the cookie is cleared


@pytest.mark.parametrize("sent,code", [("K7M-Q4T-X9B", "K7M-Q4T-X9B"), ('"k7mq4tx9b"', "K7M-Q4T-X9B"),
                                       ("", None), (None, None), ("<script>", None), ("K7M", None)])
def test_only_a_resume_code_is_taken_from_the_cookie(sent, code):
    from explorer.ui import quiz_state

    assert quiz_state.code_from_cookie(sent) == code

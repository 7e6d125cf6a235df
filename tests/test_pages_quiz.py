"""AppTest: taking the quiz, resuming by code, and reaching the profile."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from explorer import attempts, clock, quiz
from tests.apptest import on_page

PATTERN = {"R": 1, "I": 4, "A": 0, "S": 3, "E": 2, "C": 0}  # I=20 S=15 E=10 R=5 -> code ISE


@pytest.fixture(autouse=True)
def app_database(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


@pytest.fixture
def student_clock(monkeypatch):
    """A student who takes 5 seconds per answer (the quality check would flag instant answers)."""
    monkeypatch.setattr(clock, "now", clock.stepping(5, datetime(2026, 10, 1, 9, 0, tzinfo=UTC)))




def answer_screen(at: AppTest, band: str) -> None:
    """Answer each unanswered item on the screen, one click (one rerun) at a time, as a student does."""
    theme_of = {f"{i.emoji} {i.text}".strip(): i.theme for i in quiz.item_bank(band, "en")}
    for index in range(len(at.radio)):
        radio = at.radio[index]  # re-read: every click reruns the script and rebuilds the tree
        if radio.label in theme_of and radio.value is None:
            value = PATTERN[theme_of[radio.label]]
            radio.set_value(value if band != "3-5" else min((0, 2, 4), key=lambda v: abs(v - value))).run()


def start_quiz(at: AppTest, band: str) -> str:
    at.radio[0].set_value(band).run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert "code" not in at.query_params  # the resume code stays out of the address bar
    return at.session_state["resume_code"]


def test_quick_form_reaches_profile_with_expected_code(student_clock):
    at = on_page("pages/quiz.py")
    code = start_quiz(at, "9-12")
    for screen in range(5):
        answer_screen(at, "9-12")
        assert f"{6 * (screen + 1)} of 30 answered" in at.get("progress")[0].proto.text
        if screen < 4:
            next(b for b in at.button if b.label == "Next →").click().run()
    next(b for b in at.button if b.label == "See my results").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Your interest profile"
    assert at.header[0].value == "Your interest code: ISE"
    saved = attempts.load(code)
    assert len(saved.answers) == 30 and saved.finished
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    bars = json.loads(charts[0].proto.spec)
    assert bars["encoding"]["y"]["sort"] == ["Realistic", "Investigative", "Artistic", "Social", "Enterprising",
                                             "Conventional"]


def test_back_and_forward_keep_answers(student_clock):
    at = on_page("pages/quiz.py")
    start_quiz(at, "6-8")
    answer_screen(at, "6-8")
    next(b for b in at.button if b.label == "Next →").click().run()
    assert "screen 2 of 5" in at.get("progress")[0].proto.text
    next(b for b in at.button if b.label == "← Back").click().run()
    assert all(r.value is not None for r in at.radio[:6])


def test_resume_with_code_on_another_device(student_clock):
    code = attempts.start("9-12", "quick", "en")
    for item in quiz.form_items("9-12", "quick")[:7]:
        attempts.save_answer(code, item.id, 3)
    at = on_page("pages/quiz.py")
    resume_input(at).input(code.lower().replace("-", ""))
    next(b for b in at.button if b.label == "Continue").click().run()
    assert "7 of 30 answered" in at.get("progress")[0].proto.text


@pytest.mark.parametrize("typed,message", [("K7M-Q4T-X9B", "No quiz was saved under the code K7M-Q4T-X9B"),
                                           ("K7M-Q0T-X9B", "never contains"), ("ABC", "has 9 characters")])
def test_bad_resume_codes_get_clear_messages(typed, message):
    at = on_page("pages/quiz.py")
    resume_input(at).input(typed)
    next(b for b in at.button if b.label == "Continue").click().run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert not at.get("progress")


def test_profile_page_without_a_quiz_points_to_the_quiz():
    at = on_page("pages/profile.py")
    assert "Take the interest quiz first" in at.info[0].value


def test_flat_or_hurried_answers_get_honest_message():
    code = attempts.start("9-12", "quick", "en")
    for item in quiz.form_items("9-12", "quick"):
        attempts.save_answer(code, item.id, 2)  # all the same, and instant
    at = on_page("pages/profile.py", code=code)
    assert at.header[0].value == "Your answers need another look"  # all the same is not "broad interests"
    warnings = " ".join(w.value for w in at.warning)
    assert "same answer" in warnings and "very quickly" in warnings and "broad interests" not in warnings
    assert any(b.label == "Take the quiz again" for b in at.button)
    assert not any("interest code" in h.value for h in at.header)


def test_grades_3_5_see_areas_and_activities_not_jobs(student_clock):
    code = attempts.start("3-5", "quick", "en")
    values = {"R": 4, "I": 4, "A": 0, "S": 2, "E": 0, "C": 0}
    for item in quiz.form_items("3-5", "quick"):
        attempts.save_answer(code, item.id, values[item.theme] if item.id[-1] != "5" or item.theme != "I" else 2)
    at = on_page("pages/profile.py", code=code)
    assert at.header[0].value.startswith("What you like most: Build and fix, Find out why")
    captions = " ".join(c.value for c in at.caption)
    assert "Activities like:" in captions and "🚲" in captions
    assert not at.get("dataframe")
    # Kid words everywhere on the page, charts included: no theory names, no "hexagon".

    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    page_text = " ".join([*(h.value for h in at.header), *(m.value for m in at.markdown),
                          *(c.proto.spec for c in charts)])
    assert "Build and fix" in charts[0].proto.spec
    for word in ("Investigative", "Realistic", "Conventional", "Enterprising", "hexagon", "Hexagon"):
        assert word not in page_text, word


def resume_input(at: AppTest):
    return next(t for t in at.text_input if t.label == "Your resume code")


def test_joining_a_class_with_a_bad_code_is_explained():
    at = on_page("pages/quiz.py")
    at.radio[0].set_value("9-12").run()
    next(t for t in at.text_input if t.label.startswith("Class code")).input("C-NOPE22")
    next(b for b in at.button if b.label == "Start the quiz").click().run()
    assert any("no class has the code C-NOPE22" in e.value for e in at.error)
    assert not at.get("progress")


def test_joining_a_class_asks_its_optional_fields():
    from explorer import classes

    class_code = classes.create_class("Period 3", "counselor", ["campus"])
    at = on_page("pages/quiz.py")
    at.radio[0].set_value("9-12").run()
    next(t for t in at.text_input if t.label.startswith("Class code")).input(class_code.lower()).run()
    next(t for t in at.text_input if t.label == "campus (optional)").input("North")
    next(b for b in at.button if b.label == "Start the quiz").click().run()
    assert at.get("progress")
    people = classes.members(class_code)
    assert list(people["campus"]) == ["North"] and not people["finished"].any()


def test_a_class_carries_its_region_to_students_who_join():
    from explorer import classes

    class_code = classes.create_class("Period 3", "counselor", [], area_code="0012420")
    at = on_page("pages/quiz.py")
    assert at.session_state["_kept_area"] == "0000000"
    at.radio[0].set_value("9-12").run()
    next(t for t in at.text_input if t.label.startswith("Class code")).input(class_code).run()
    next(b for b in at.button if b.label == "Start the quiz").click().run()
    at.run()  # the st.rerun after starting, which AppTest leaves to the next run
    assert not at.exception, at.exception
    assert at.get("progress")
    assert at.session_state["_kept_area"] == "0012420" and at.query_params["area"] in ("0012420", ["0012420"])


def test_grade_band_has_no_silent_default_and_grades_agree():
    at = on_page("pages/quiz.py")
    assert at.radio[0].value is None
    start = next(b for b in at.button if b.label == "Start the quiz")
    assert start.disabled and any("Choose your grade" in c.value for c in at.caption)
    at.radio[0].set_value("6-8").run()
    exact = next(s for s in at.selectbox if s.label == "Your exact grade (optional)")
    assert exact.options == ["—", "6", "7", "8"]
    assert not next(b for b in at.button if b.label == "Start the quiz").disabled


def test_a_finished_quiz_is_read_only_until_a_retake(student_clock):
    code = attempts.start("9-12", "quick", "en")
    for item in quiz.form_items("9-12", "quick"):
        attempts.save_answer(code, item.id, {"R": 0, "I": 4, "A": 1, "S": 3, "E": 2, "C": 1}[item.theme])
    attempts.finish(code)
    at = on_page("pages/quiz.py", code=code)
    assert not at.radio and any("You finished this quiz" in s.value for s in at.success)
    assert {b.label for b in at.button} >= {"See my profile", "Take the quiz again"}


def test_start_over_asks_first_and_keeps_the_quiz(student_clock):
    code = attempts.start("9-12", "quick", "en")
    at = on_page("pages/quiz.py", code=code)
    next(b for b in at.button if b.label == "Start over with a new quiz").click().run()
    assert at.session_state["resume_code"] == code  # nothing forgotten yet
    assert any(code in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Cancel").click().run()
    assert at.session_state["resume_code"] == code and not at.warning
    next(b for b in at.button if b.label == "Start over with a new quiz").click().run()
    next(b for b in at.button if b.label == "Yes, start a new quiz").click().run()
    assert "resume_code" not in at.session_state and attempts.load(code).resume_code == code


def test_a_tab_whose_answers_changed_elsewhere_says_so_and_shows_the_saved_ones(student_clock):
    at = on_page("pages/quiz.py")
    code = start_quiz(at, "9-12")
    at.radio[0].set_value(4).run()
    first = quiz.form_items("9-12", "quick")[0]
    assert attempts.load(code).answers == {first.id: 4}
    attempts.save_answer(code, first.id, 1)  # the same code, answered again in another tab
    at.run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info if "another tab" in i.value] == [
        "This quiz was changed in another tab or on another device; these are its latest answers."]
    assert at.radio[0].value == 1 and attempts.load(code).answers == {first.id: 1}
    at.run()
    assert not [i for i in at.info if "another tab" in i.value]  # said once, then quiet

"""AppTest: the portfolio, the family view by share link, and the counselor's advising and class pages."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from explorer import auth, classes, portfolio
from tests.apptest import on_page, signed_in
from tests.test_portfolio import REALISTIC, SOCIAL, finished

PASSWORD = "correct horse battery"


def test_portfolio_page_shows_favourites_history_and_exports(url):
    first = finished(url, SOCIAL)
    finished(url, REALISTIC, retake_of=first)
    portfolio.set_favourite(first, "29-1141.00", True, url)
    at = on_page("pages/portfolio.py", code=first)
    assert any("Registered Nurses" in m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == 1  # the history chart appears with two finished quizzes
    assert any(b.label == "Create a link for my family" for b in at.button)


def test_family_view_by_link_and_after_revoking(url):
    code = finished(url, SOCIAL)
    portfolio.set_favourite(code, "21-1012.00", True, url)
    token = portfolio.create_share_link(code, url)
    at = on_page("pages/family.py", share=token)
    assert at.header[0].value.startswith("Interest code: S")
    assert any("Educational, Guidance, and Career Counselors and Advisors" in m.value for m in at.markdown)
    portfolio.revoke_share_link(code, token, url)
    at = on_page("pages/family.py", share=token)
    assert any("not valid" in e.value for e in at.error) and not at.header


def logged_in(url: str, page: str, **state: str) -> AppTest:
    """A session where the counselor has logged in (the login form itself is tested in test_auth.py;
    AppTest registers only the first form submit of a session, so this test starts after it)."""
    auth.add_user("counselor", PASSWORD, url=url)
    return on_page(page, state={**signed_in(), **state})


def test_advising_lookup_and_note(url):
    code = finished(url, SOCIAL)
    at = logged_in(url, "pages/advising.py", advising_code=code.lower())
    assert at.header[0].value.startswith("Interest code: S")
    at.text_area[0].input("Talked about nursing and teaching")
    at.text_input[1].input("Visit the job fair")
    next(b for b in at.button if b.label == "Save note").click().run()
    assert any("Talked about nursing and teaching" in m.value for m in at.markdown)


def test_class_dashboard_page(url, kb):
    class_code = classes.create_class("Period 3", "counselor", ["campus"], url)
    for _n in range(4):
        classes.join(class_code, finished(url, SOCIAL), grade=10, groups={"campus": "North"}, url=url)
    at = logged_in(url, "pages/classes.py")
    table = at.dataframe[0].value
    assert list(table["Students"]) == ["0"]  # fewer than 10: nobody released yet
    assert any(i.value.startswith("4 students joined and 4 finished the quiz.") for i in at.info)
    assert at.get("download_button")

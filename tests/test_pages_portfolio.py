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


def test_family_view_by_link_and_after_revoking(url, kb):
    """Written to the family: the top areas in words (the code explained, never bare), the favourite with
    its pay and jobs in the student's region (from the link), the source; no "Your scores"."""
    code = finished(url, SOCIAL)
    portfolio.set_favourite(code, "21-1012.00", True, url)
    token = portfolio.create_share_link(code, url)
    at = on_page("pages/family.py", share=token, area="0012420")
    assert at.header[0].value.startswith("What your child likes most: Social")
    assert not any(h.value.startswith("Interest code") for h in at.header)
    assert any(c.value.startswith("Interest code S") and "first letters" in c.value for c in at.caption)
    counselor = next(m.value for m in at.markdown if "Educational, Guidance, and Career Counselors" in m.value)
    median = kb.local_figures[(kb.local_figures["area_code"] == "0012420")
                              & (kb.local_figures["oews_code"] == "21-1012")]["annual_median"].iloc[0]
    assert f"median ${int(median):,}" in counselor and "Austin" in counselor and "0012420" not in counselor
    assert any("BLS OEWS May 2025" in c.value for c in at.caption)
    chart = at.get("vega_lite_chart")[0]
    assert "Your scores" not in chart.proto.spec and "Your child's interest scores" in chart.proto.spec
    portfolio.revoke_share_link(code, token, url)
    at = on_page("pages/family.py", share=token)
    assert any("not valid" in e.value for e in at.error) and not at.header


def test_family_view_from_the_menu_explains_how_to_get_a_link(url):
    at = on_page("pages/family.py")
    assert not at.error and "family link" in at.info[0].value and "Ask your child" in at.info[0].value
    code = finished(url, SOCIAL)
    at = on_page("pages/family.py", code=code)  # a student opens it from the menu
    assert not at.error and "My portfolio" in at.info[0].value


def test_downloading_pdfs_makes_no_family_link(url, kb):
    from datetime import date

    from explorer import i18n, reports

    code = finished(url, SOCIAL)
    portfolio.set_favourite(code, "29-1141.00", True, url)
    portfolio.set_step(code, "29-1141.00", "now", True, url)
    at = on_page("pages/portfolio.py", code=code)
    assert len(at.get("download_button")) >= 2
    assert portfolio.family_link(code, url) is None and not portfolio.share_links(code, url)
    # The portfolio PDF is the student's: favourites with local figures, steps done, quizzes with dates.
    quizzes = [reports.PortfolioQuiz(q.resume_code, started.date(), q.band, q.form, p)
               for q, p, started in portfolio.history(code, url)]
    pdf = reports.portfolio_report(kb, code, portfolio.favourites(code, url), portfolio.plan(code, url), quizzes,
                                   "0012420", i18n.locale("en"), date(2026, 12, 7))
    from tests.test_reports import read

    _pages, text = read(pdf)
    text = " ".join(text.split())
    median = kb.local_figures[(kb.local_figures["area_code"] == "0012420")
                              & (kb.local_figures["oews_code"] == "29-1141")]["annual_median"].iloc[0]
    assert "My career portfolio" in text and "Registered Nurses" in text and f"median ${int(median):,}" in text
    assert "Pathway steps done: 1. This school year" in text
    assert f"{quizzes[0].started:%Y-%m-%d}: grades 9-12, quick form, code {code}" in text
    assert "family report" not in text and "Scan" not in text
    assert portfolio.family_link(code, url) is None


def logged_in(url: str, page: str, **state: str) -> AppTest:
    """A session where the counselor has logged in (the login form itself is tested in test_auth.py;
    AppTest registers only the first form submit of a session, so this test starts after it)."""
    auth.add_user("counselor", PASSWORD, url=url)
    return on_page(page, state={**signed_in(), **state})


def test_advising_lookup_and_note(url, kb):
    """Addressed to the counselor: the student's code, top matches found here and favourites with local
    pay, each opening the student's pathway; a button opens the student's results."""
    code = finished(url, SOCIAL)
    portfolio.set_favourite(code, "29-1141.00", True, url)
    at = logged_in(url, "pages/advising.py", advising_code=code.lower())
    assert at.header[0].value.startswith("The student's interest code: S")
    headings = [h.value for h in at.subheader]
    assert "The student's top matches here" in headings and "The student's favourites and pathway progress" in headings
    lines = [m.value for m in at.markdown]
    assert sum("Best fit" in m or "Great fit" in m for m in lines) == 5
    assert any(m.startswith("**Registered Nurses**: median pay $") and "0 of 6 pathway steps done" in m for m in lines)
    pathway_buttons = [b for b in at.button if b.label == "Pathway"]
    assert len(pathway_buttons) == 6
    favourite = next(b for b in pathway_buttons if b.key == "favourite_29-1141.00")
    favourite.click().run()
    assert at.session_state["occupation"] == "29-1141.00" and at.session_state["resume_code"] == code
    at = on_page("pages/advising.py", state={**signed_in(), "advising_code": code.lower()})
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
    # ... while the class's own counselor reads their class's counts (4 joined and finished).
    assert any(m.value.startswith("**Your class Period 3:** 4 students joined, 4 finished") for m in at.markdown)
    assert at.get("download_button")

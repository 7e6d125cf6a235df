"""AppTest: the counselor page "How well is the quiz working here?" on a simulated district."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer import auth
from explorer import psychometrics_sim as sim
from tests.apptest import on_page, signed_in

PAGE = "pages/quiz_quality.py"
PASSWORD = "correct horse battery"


@pytest.fixture
def url(url) -> str:
    """The app's database (tests/conftest.py) with a counselor account."""
    auth.add_user("counselor", PASSWORD, url=url)
    return url


def counselor_on_page() -> AppTest:
    return on_page(PAGE, state=signed_in())


def test_page_reads_a_simulated_district(url):
    sim.fill_database(url, students=500, band="9-12", form="full", seed=21)
    at = counselor_on_page()
    assert at.title[0].value == "How well is the quiz working here?"
    reliability = at.dataframe[0].value
    assert len(reliability) == 6 and reliability["Reading"].str.contains("consistent").all()
    assert (reliability["Quizzes"] > 300).all()  # the n behind each number
    assert any("Every activity goes with its own area" in s.value for s in at.success)
    assert any(m.value.startswith("Yes: areas next to each other") for m in at.markdown)
    assert any("English and Spanish forms" in m.value for m in at.markdown)
    assert len(at.get("download_button")) == 2


def test_page_shows_nothing_for_too_few_quizzes(url):
    sim.fill_database(url, students=6, band="9-12", form="full", unfinished_share=0, seed=22)
    at = counselor_on_page()
    assert any("Fewer than 10 usable quizzes" in i.value for i in at.info)
    assert len(at.dataframe) == 1  # only the answering table: exact started/finished, nothing released yet
    counts = dict(zip(at.dataframe[0].value["Quizzes"], at.dataframe[0].value["Count"]))
    assert counts["Finished"] == counts["Started"] != "0"
    assert counts["Released: the first to finish, in whole groups of 10"] == "0"
    assert "<10" not in counts.values()  # a count that is not small is never written "<10"
    assert not at.get("download_button")


def test_page_refuses_without_login(url):
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / PAGE), default_timeout=30)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Counselor login" and not at.dataframe


def test_page_opens_on_the_form_in_use(url):
    """A district whose students all took the quick form (6-8 here) sees that form first, not 9-12 full."""
    from explorer import psychometrics_data

    assert psychometrics_data.form_in_use(url) is None
    from tests.test_portfolio import SOCIAL, finished

    sim.fill_database(url, students=12, band="6-8", form="quick", seed=23)
    for _n in range(3):
        finished(url, SOCIAL, band="9-12")
    assert psychometrics_data.form_in_use(url) == ("6-8", "quick")
    at = counselor_on_page()
    chosen = {s.label: s.value for s in at.selectbox}
    assert chosen["Grade band"] == "6-8" and chosen["Form"] == "quick"

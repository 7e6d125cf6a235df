"""The view-models pages lay out: Locale formatting, the occupation page's text with its gaps, advising
progress counted against the plan's steps. Real data from the knowledge base."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from explorer import advising, advising_view, i18n, labor, occupation_view, pathways, profile_view, quiz, views
from explorer.i18n import Locale, locale

RURAL = "2200002"  # Central Louisiana nonmetropolitan area


def test_locale_formats_follow_the_language():
    en, es = locale("en"), locale("es")
    assert en.money(48250) == "$48,250" and en.money(23.2, cents=True) == "$23.20"
    assert en.count(1234.4) == "1,234" and en.percent(4.06) == "+4.1 %" and en.percent(-0.5) == "-0.5 %"
    assert (en.number_locale, es.number_locale) == ("en_US", "es_US")  # U.S. dollars and grouping in both
    for missing in (None, float("nan"), pd.NA):
        assert en.percent(missing) == ""
    assert en.date(dt.date(2026, 3, 1)) == es.date(dt.datetime(2026, 3, 1, 9, 30)) == "2026-03-01"
    assert es._("Your region") == i18n.translator("es")("Your region") != "Your region"
    assert locale("es") is locale("es") and locale("en") == Locale("en")
    assert es.money(239200) == "$239,200" and es.money(115, cents=True) == "$115.00"
    with pytest.raises(ValueError):
        Locale("fr")


def test_outlook_says_not_published_where_bls_gives_no_figure(kb):
    local = labor.local_occupations(kb, RURAL)
    gap = local[local["local_openings"].isna() & local["ep_openings_thousands"].notna()].iloc[0]
    text = occupation_view.outlook_text(gap, locale("en"))
    assert "Estimated openings per year here: **not published**" in text
    assert f"Openings per year in the U.S.: **{locale('en').count(gap['ep_openings_thousands'] * 1000)}**" in text
    full = local[local["local_openings"].notna()].iloc[0]
    assert "not published" not in occupation_view.outlook_text(full, locale("en"))
    assert "no publicado" in occupation_view.outlook_text(gap, locale("es")).lower()


def test_occupation_view_for_a_job_absent_here(kb):
    local = labor.local_occupations(kb, RURAL)
    absent = local[~local["in_area"]].iloc[0]
    view = occupation_view.occupation_view(kb, absent, RURAL, locale("en"))
    assert view.absent == labor.absent_text(absent, i18n.translator("en"), kb.regions.loc[RURAL, "name"])
    here = occupation_view.occupation_view(kb, local.loc["29-1141.00"], RURAL, locale("en"))
    assert here.absent == "" and here.title == "Registered Nurses" and here.english_title == ""
    assert here.skills and "rank" in here.skills_caption and here.ai is not None
    assert here.preparation[0].startswith("- Zone ")
    # Jobs and pay: the area, its state and the nation, as published; related jobs titled for the reader.
    wages = views.wage_rows(kb, local.loc["29-1141.00", "oews_code"], RURAL)
    assert here.wages.equals(views.wage_table(wages, locale("en"))) and len(here.wages) == len(wages) == 3
    assert list(here.related) == list(views.related(kb, "29-1141.00")) and here.related


def test_budget_lines_cover_share_and_unreleased_pay(kb):
    nurse = labor.local_occupations(kb, RURAL).loc["29-1141.00"]
    lines = occupation_view.budget_lines({"housing": 1000, "food": 200}, nurse, locale("en"))
    assert lines[0].startswith("You would spend **$1,200** a month, **$14,400** a year")
    share = round(100 * nurse["annual_median"] / (1200 * 12 / 0.85))
    assert lines[2].endswith(f"covers {share}% of it")


def test_advising_progress_counts_the_plans_steps(kb):
    answers = {item.id: 4 if item.theme in "RI" else 1 for item in quiz.form_items("9-12", "quick")}
    student = advising.StudentView(
        portfolio_code="P-TEST", latest=SimpleNamespace(band="9-12", form="quick"),
        profile=quiz.score("9-12", "quick", answers), favourites=["47-2111.00"],
        plan={"47-2111.00": {"now": True, "program": True, "credentials": False}}, prompts=(), history=1)
    view = advising_view.advising_view(student, kb, locale("en"))
    assert view.progress == [f"- Electricians: 2 of {len(pathways.PLAN_STEPS)} steps done"]
    assert list(pathways.PLAN_STEPS) == [k for k in pathways.STEP_TITLES if k != "job"]  # every step but the job
    assert view.no_favourites == "" and view.heading == f"The student's interest code: {student.profile.code.letters}"
    nothing = advising.StudentView(**{**vars(student), "favourites": []})
    assert advising_view.advising_view(nothing, kb, locale("en")).no_favourites == "No favourites yet."


def test_kids_profile_names_areas_in_words_without_a_code():
    answers = {item.id: 2 if item.theme in "AS" else 0 for item in quiz.form_items("3-5", "quick")}
    result = quiz.score("3-5", "quick", answers)
    assert result.confident
    view = profile_view.profile_view(result, "K7M-Q4T-X9B", locale("en"))
    assert view.kids and result.code.letters not in view.heading and view.strongest == ""
    assert len(view.meanings) == 3 and all(m.examples.startswith("Activities like:") for m in view.meanings)
    older = profile_view.profile_view(quiz.score("9-12", "quick", {i.id: 4 if i.theme in "RI" else 1
                                                                    for i in quiz.form_items("9-12", "quick")}),
                                      "K7M-Q4T-X9B", locale("en"))
    assert not older.kids and older.strongest and all(m.examples == "" for m in older.meanings)


def test_advising_history_names_the_form_in_the_readers_language(kb):
    answers = {item.id: 4 if item.theme in "RI" else 1 for item in quiz.form_items("9-12", "quick")}
    student = advising.StudentView(
        portfolio_code="P-TEST", latest=SimpleNamespace(band="9-12", form="quick"),
        profile=quiz.score("9-12", "quick", answers), favourites=[], plan={}, prompts=(), history=1)
    assert advising_view.advising_view(student, kb, locale("es")).history.endswith("cuestionario corto.")


def test_advising_careers_say_whose_figures_they_are(kb):
    from explorer import matching

    answers = {item.id: 4 if item.theme in "IS" else 1 for item in quiz.form_items("9-12", "quick")}
    student = advising.StudentView(
        portfolio_code="P-TEST", latest=SimpleNamespace(band="9-12", form="quick"),
        profile=quiz.score("9-12", "quick", answers), favourites=["29-1141.01"], plan={}, prompts=(), history=1)
    base = advising_view.advising_view(student, kb, locale("en"))
    view = advising_view.with_careers(base, student, kb, matching.Matcher.from_occupations(kb.occupations),
                                      "0012420", locale("en"))
    assert len(view.top_matches) == 5 and view.favourites[0].code == "29-1141.01"
    assert view.favourites[0].line.endswith("jobs here (all Registered Nurses); 0 of 6 pathway steps done")
    assert "BLS OEWS May 2025, Austin-Round Rock-San Marcos, TX" in view.matches_caption

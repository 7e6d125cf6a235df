"""Tables that cost tens of milliseconds to build, cached per student choice and language.

The views are kept with ``st.cache_resource``: every rerun, in every session, gets the same objects,
where ``st.cache_data`` would unpickle a fresh copy of each table on every click. They are
read-only by contract: pages and renderers take rows, columns and ``head()`` of them and never
change one in place. The same objects also let ``ui.table`` convert each table to Arrow once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from explorer import attempts, i18n, labor, matching
from explorer.attempts import SavedQuiz
from explorer.ui.resources import knowledge_base, matcher

if TYPE_CHECKING:
    from explorer.occupation_view import FitView, OccupationView


@dataclass(frozen=True)
class ResultsView:
    """What the results page shows for one student, area and set of choices (cached per process)."""

    shown: pd.DataFrame  # the first 40 rows of the ranking, one per BLS group
    display: pd.DataFrame  # the same rows as text cells
    count: int  # rows in the whole ranking
    fallback: dict[int, int]  # neighbouring job zones with more results, when the chosen ones have few
    titles: dict[str, str]  # code -> title in the reader's language, of the rows shown (open and compare pickers)


def _quiz_key(saved: SavedQuiz) -> tuple:
    """What identifies a quiz's answers in a cache key. A finished quiz never changes (a retake is a
    new attempt), so its resume code is enough and a rerun does not hash 60 answers and their times."""
    if saved.finished:
        return ("finished", saved.resume_code)
    return (saved.band, saved.form, tuple(sorted(saved.answers.items())), tuple(saved.answered_at))


@st.cache_resource(max_entries=2048, show_spinner=False)
def _results_view(quiz_key: tuple, _saved: SavedQuiz, area_code: str, priority: str, zones: tuple,
                  clusters: tuple, lang: str, wanted_skills: tuple = ()) -> ResultsView:
    """``_saved`` is read only on a miss (Streamlit does not hash a parameter named with "_");
    ``quiz_key`` stands for it in the key."""
    from explorer import quiz, skills, views

    saved = _saved
    scores = attempts.profile(saved).scores
    answers, band, form = saved.answers, saved.band, saved.form
    kb, model = knowledge_base(), matcher()
    local = labor.local_occupations(kb, area_code)
    ranked = matching.rank(model, dict(scores), local, job_zones=set(zones), clusters=set(clusters),
                           priorities=[priority])
    fallback = matching.zone_fallback(model, dict(scores), local, set(zones)) if zones else {}
    theme_of = {i.id: i.theme for i in quiz.form_items(band, form)}
    consistent = matching.consistent_picks(model, dict(answers), theme_of, ranked, local, [priority])
    ranked = skills.keep_jobs_using(kb, ranked, list(wanted_skills))
    shown = ranked.head(40)
    titles = labor.occupation_titles(kb, lang)
    display = views.results_table(shown, consistent, titles, i18n.locale(lang), priority)
    return ResultsView(shown=shown, display=display, count=len(ranked), fallback=fallback,
                       titles=titles[shown.index].to_dict())


def results_view(saved: SavedQuiz, area_code: str, priority: str, zones: tuple, clusters: tuple, lang: str,
                 wanted_skills: tuple = ()) -> ResultsView:
    """The ranking, consistent picks and display table for a saved quiz: computed once per choice, not per click.
    ``wanted_skills`` (up to 3 BLS skill ids) keeps only jobs that use them more than most occupations."""
    return _results_view(_quiz_key(saved), saved, area_code, priority, tuple(sorted(zones)), tuple(sorted(clusters)),
                         lang, tuple(sorted(wanted_skills)))


@st.cache_resource(max_entries=1024, show_spinner=False)
def cluster_names(area_code: str) -> list[str]:
    """The career clusters of the area's occupations, sorted: the results page's cluster filter."""
    return sorted(labor.local_occupations(knowledge_base(), area_code)["career_cluster"].dropna().unique())


@st.cache_resource(max_entries=1024, show_spinner=False)
def occupations_view(area_code: str, lang: str, search: str = "") -> pd.DataFrame:
    """The occupations list for one area and language (923 rows of formatted text): built once, not per click."""
    return labor.display_table(labor.local_occupations(knowledge_base(), area_code), i18n.locale(lang), search)


@st.cache_resource(max_entries=1024, show_spinner=False)
def compare_tables(area_code: str, chosen: tuple[str, ...], lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Jobs and pay, then skills and AI use, of the compared occupations side by side: a class
    compares the same few jobs, so each set is built once per area and language."""
    from explorer import skills, views

    kb = knowledge_base()
    local = labor.local_occupations(kb, area_code)
    loc = i18n.locale(lang)
    return views.compare_table(kb, local, list(chosen), loc), skills.compare_table(kb, local, list(chosen), loc)


@st.cache_data(ttl=300, show_spinner=False)
def student_top_matches(area_code: str) -> dict[str, int]:
    from explorer import privacy, quiz_results

    return quiz_results.top_match_counts(area_code, k=privacy.min_group())


@st.cache_resource(max_entries=4096, show_spinner=False)
def occupation_view(code: str, area_code: str, lang: str) -> OccupationView:
    """The occupation page's text and tables for one occupation, area and language: the same on
    every rerun (a favourite click, a budget figure), so it is built once per process, not per click."""
    from explorer import occupation_view as view

    kb = knowledge_base()
    occupation = labor.local_occupations(kb, area_code).loc[code]
    return view.occupation_view(kb, occupation, area_code, i18n.locale(lang))


@st.cache_resource(max_entries=4096, show_spinner=False)
def _fit_view(quiz_key: tuple, _saved: SavedQuiz, code: str, area_code: str, lang: str) -> FitView | None:
    from explorer import occupation_view as view

    occupation = labor.local_occupations(knowledge_base(), area_code).loc[code]
    return view.fit_view(matcher(), _saved, occupation, i18n.locale(lang))


def fit_view(saved: SavedQuiz | None, code: str, area_code: str, lang: str) -> FitView | None:
    """Why this job fits this student, built once per quiz, occupation and language."""
    if saved is None:
        return None
    return _fit_view(_quiz_key(saved), saved, code, area_code, lang)

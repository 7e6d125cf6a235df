"""Tables that cost tens of milliseconds to build, cached per student choice and language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from explorer import attempts, i18n, labor, matching
from explorer.attempts import SavedQuiz
from explorer.ui.resources import knowledge_base, matcher

if TYPE_CHECKING:
    from explorer.occupation_view import OccupationView


@dataclass(frozen=True)
class ResultsView:
    """What the results page shows for one student, area and set of choices (cached per process)."""

    shown: pd.DataFrame  # the first 40 rows of the ranking, one per BLS group
    display: pd.DataFrame  # the same rows as text cells
    count: int  # rows in the whole ranking
    fallback: dict[int, int]  # neighbouring job zones with more results, when the chosen ones have few


@st.cache_data(max_entries=2048, show_spinner=False)
def _results_view(scores: tuple, answers: tuple, band: str, form: str, area_code: str, priority: str,
                  zones: tuple, clusters: tuple, lang: str, wanted_skills: tuple = ()) -> ResultsView:
    from explorer import quiz, skills, views

    kb, model = knowledge_base(), matcher()
    local = labor.local_occupations(kb, area_code)
    ranked = matching.rank(model, dict(scores), local, job_zones=set(zones), clusters=set(clusters),
                           priorities=[priority])
    fallback = matching.zone_fallback(model, dict(scores), local, set(zones)) if zones else {}
    theme_of = {i.id: i.theme for i in quiz.form_items(band, form)}
    consistent = matching.consistent_picks(model, dict(answers), theme_of, ranked, local, [priority])
    ranked = skills.keep_jobs_using(kb, ranked, list(wanted_skills))
    shown = ranked.head(40)
    display = views.results_table(shown, consistent, labor.occupation_titles(kb, lang), i18n.locale(lang), priority)
    return ResultsView(shown=shown, display=display, count=len(ranked), fallback=fallback)


def results_view(saved: SavedQuiz, area_code: str, priority: str, zones: tuple, clusters: tuple, lang: str,
                 wanted_skills: tuple = ()) -> ResultsView:
    """The ranking, consistent picks and display table for a saved quiz: computed once per choice, not per click.
    ``wanted_skills`` (up to 3 BLS skill ids) keeps only jobs that use them more than most occupations."""
    scores = attempts.profile(saved).scores
    return _results_view(tuple(sorted(scores.items())), tuple(sorted(saved.answers.items())), saved.band, saved.form,
                         area_code, priority, tuple(sorted(zones)), tuple(sorted(clusters)), lang,
                         tuple(sorted(wanted_skills)))


@st.cache_data(max_entries=1024, show_spinner=False)
def occupations_view(area_code: str, lang: str, search: str = "") -> pd.DataFrame:
    """The occupations list for one area and language (923 rows of formatted text): built once, not per click."""
    return labor.display_table(labor.local_occupations(knowledge_base(), area_code), i18n.locale(lang), search)


@st.cache_data(ttl=300, show_spinner=False)
def student_top_matches(area_code: str) -> dict[str, int]:
    from explorer import quiz_results

    return quiz_results.top_match_counts(area_code)


@st.cache_data(max_entries=4096, show_spinner=False)
def occupation_view(code: str, area_code: str, area_name: str, oews_source: str, lang: str) -> OccupationView:
    """The occupation page's text for one occupation, area and language: the same on every rerun
    (a favourite click, a budget figure), so it is built once per process, not per click."""
    from explorer import occupation_view as view

    kb = knowledge_base()
    occupation = labor.local_occupations(kb, area_code).loc[code]
    return view.occupation_view(kb, occupation, area_name, oews_source, i18n.locale(lang))

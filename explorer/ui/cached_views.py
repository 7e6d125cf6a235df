"""Tables that cost tens of milliseconds to build, cached per student choice and language.

The views are kept with ``st.cache_resource``: every rerun, in every session, gets the same objects,
where ``st.cache_data`` would unpickle a fresh copy of each table on every click. They are
read-only by contract: pages and renderers take rows, columns and ``head()`` of them and never
change one in place. The same objects also let ``ui.table`` convert each table to Arrow once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from explorer import attempts, families, i18n, labor, local_results, matching
from explorer.attempts import SavedQuiz
from explorer.ui.resources import knowledge_base, matcher

if TYPE_CHECKING:
    from explorer.occupation_view import FitView, OccupationView
    from explorer.training_view import NearbyView


@dataclass(frozen=True)
class ResultsView:
    """What the results page shows for one student, area and set of choices (cached per process)."""

    shown: pd.DataFrame  # the fits published in the area, one row per BLS group and family (all of them)
    display: pd.DataFrame  # the same rows as text cells
    count: int  # rows of the found-here list (its length, not a page)
    fallback: dict[int, int]  # neighbouring job zones with more results, when the chosen ones have few
    titles: dict[str, str]  # code -> title in the reader's language, of every job listed (open and compare pickers)
    elsewhere_rows: pd.DataFrame  # fits not published in the area (their text is built when the list is opened)
    members: dict[str, list[tuple[str, str]]]  # row code -> (code, title) of the family members folded into it
    elsewhere_note: str  # its caption: what is absent here, and how "nearest" was measured
    lang: str = "en"
    few_note: str = ""  # when few Best and Great fits are found here: how many Good ones the toggle adds
    area_code: str = ""
    place_key: str | None = None
    _elsewhere: dict[str, pd.DataFrame] = field(default_factory=dict, compare=False, repr=False)
    _pages: dict[int, tuple[pd.DataFrame, list[str], list[str]]] = field(default_factory=dict, compare=False,
                                                                          repr=False)

    @property
    def elsewhere(self) -> pd.DataFrame:
        """The fits not found here, as text with the nearest areas that have them: built the first time the
        collapsed list is opened (finding the nearest areas is most of a results page's first cost)."""
        from explorer import places, views

        if "table" not in self._elsewhere:
            kb, loc = knowledge_base(), i18n.locale(self.lang)
            place = places.resolve(kb, self.place_key, self.area_code) or places.resolve(kb, self.place_key)
            nearest = [local_results.nearest_text(kb, row, place, loc, self.area_code)
                       for _c, row in self.elsewhere_rows.iterrows()]
            self._elsewhere["table"] = views.elsewhere_table(self.elsewhere_rows, nearest, loc, place is not None)
        return self._elsewhere["table"]

    def first(self, count: int) -> tuple[pd.DataFrame, list[str], list[str]]:
        """The first ``count`` rows as a table, their codes and their cards' Markdown: the same objects
        on every rerun (the table is converted to Arrow, the cards written, once per view and length)."""
        from explorer import views

        if count not in self._pages:
            head = self.display.head(count)
            self._pages[count] = (head, self.shown.index[:count].tolist(), views.card_texts(head, i18n.translator(self.lang)))
        return self._pages[count]


def _quiz_key(saved: SavedQuiz) -> tuple:
    """What identifies a quiz's answers in a cache key. A finished quiz never changes (a retake is a
    new attempt), so its resume code is enough and a rerun does not hash 60 answers and their times."""
    if saved.finished:
        return ("finished", saved.resume_code)
    return (saved.band, saved.form, tuple(sorted(saved.answers.items())), tuple(saved.answered_at))


@st.cache_resource(max_entries=2048, show_spinner=False)
def _results_view(quiz_key: tuple, _saved: SavedQuiz, area_code: str, priority: str, zones: tuple,
                  clusters: tuple, lang: str, wanted_skills: tuple = (), bands: tuple = local_results.DEFAULT_BANDS,
                  place_key: str | None = None) -> ResultsView:
    """``_saved`` is read only on a miss (Streamlit does not hash a parameter named with "_");
    ``quiz_key`` stands for it in the key."""
    from explorer import places, quiz, skills, views

    saved = _saved
    scores = attempts.profile(saved).scores
    answers, band, form = saved.answers, saved.band, saved.form
    kb, model = knowledge_base(), matcher()
    local = labor.local_occupations(kb, area_code)
    ranked = matching.rank(model, dict(scores), local, job_zones=set(zones), clusters=set(clusters),
                           priorities=[priority])
    fallback = local_results.zone_fallback(kb, model, dict(scores), local, set(zones), bands) if zones else {}
    ranked = skills.keep_jobs_using(kb, ranked, list(wanted_skills))
    lists = local_results.split(ranked, families.families(kb), bands)
    with_good = len(local_results.split(ranked, families.families(kb), (*bands, "good")).here)
    theme_of = {i.id: i.theme for i in quiz.form_items(band, form)}
    pool_rows, pool = local_results.consistency_pool(lists.here, local)
    consistent = matching.consistent_picks(model, dict(answers), theme_of, pool_rows, pool, [priority])
    titles = labor.occupation_titles(kb, lang)
    loc = i18n.locale(lang)
    shown, elsewhere = lists.here, lists.elsewhere
    display = views.results_table(shown, consistent, titles, loc, priority, band)
    place = places.resolve(kb, place_key, area_code) or places.resolve(kb, place_key)
    listed = local_results.listed_codes(shown) + local_results.listed_codes(elsewhere)
    members = {code: [(m, str(titles[m])) for m in family] for code, family in shown["family_members"].items() if family}
    return ResultsView(shown=shown, display=display, count=len(shown), fallback=fallback,
                       titles=titles[listed].to_dict(), members=members,
                       elsewhere_rows=elsewhere, area_code=area_code, place_key=place_key,
                       elsewhere_note=views.elsewhere_note(views.area_name(kb, area_code, loc._),
                                                           labor.oews_citation(kb, area_code, loc), place is not None,
                                                           loc._), lang=lang,
                       few_note=views.few_rows_note(len(shown), with_good - len(shown), loc._))


def results_view(saved: SavedQuiz, area_code: str, priority: str, zones: tuple, clusters: tuple, lang: str,
                 wanted_skills: tuple = (), good_too: bool = False, place_key: str | None = None) -> ResultsView:
    """The ranking, consistent picks and display tables for a saved quiz: computed once per choice, not per click.
    ``wanted_skills`` (up to 3 BLS skill ids) keeps only jobs that use them more than most occupations;
    ``good_too`` adds the Good band to Best and Great; ``place_key`` measures miles to the areas that
    have the jobs not found here."""
    bands = (*local_results.DEFAULT_BANDS, "good") if good_too else local_results.DEFAULT_BANDS
    return _results_view(_quiz_key(saved), saved, area_code, priority, tuple(sorted(zones)), tuple(sorted(clusters)),
                         lang, tuple(sorted(wanted_skills)), bands, place_key)


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


@st.cache_resource(max_entries=4096, show_spinner=False)
def nearby_training(code: str, area_code: str, place_key: str | None, lang: str) -> NearbyView | None:
    """Where to train near the student for one occupation, per place and language (None: no area chosen)."""
    from explorer import places, training, training_view

    kb = knowledge_base()
    origin = training.origin_of(kb, places.resolve(kb, place_key, area_code), area_code)
    if origin is None:
        return None
    registered = training.apprenticeships(kb, code)
    return training_view.nearby_view(training.near(kb, code, origin), registered, training.typical_hours(registered),
                                     i18n.locale(lang))

"""Pieces several pages draw the same way: notices that stop a page, tables, cards, credits."""
from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import streamlit as st

from explorer import labor, pathways, places, views
from explorer.attempts import SavedQuiz
from explorer.i18n import Translator

if TYPE_CHECKING:
    from explorer.ui.cached_views import ResultsView
from explorer.ui import navigation
from explorer.ui.context import Context
from explorer.views import md_escape


def attribution(ctx: Context) -> None:
    """O*NET's CC BY 4.0 notice and the BLS credit, required on every page that shows their data."""
    _ = ctx._
    st.divider()
    st.caption(
        _("This product includes information from the O\\*NET 30.1 Database by the U.S. Department of Labor, "
          "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O\\*NET® is a "
          "trademark of USDOL/ETA. Career Pathways "
          "Explorer has modified all or some of this information. USDOL/ETA has not approved, endorsed, or "
          "tested these modifications.")
    )
    # The link sits outside the caption: links inside faded caption text fail contrast checks.
    license_name, onet_name = _("CC BY 4.0 license"), _("O*NET OnLine")
    st.markdown(f"[{license_name}](https://creativecommons.org/licenses/by/4.0/) · [{onet_name}](https://www.onetonline.org/)")
    # One caption for both credits (a line break between them): every element costs each rerun.
    st.caption(
        _("Jobs and wages: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics "
          "(OEWS) {release}. Growth and openings: BLS Employment Projections 2024-34. Career clusters: "
          "Advance CTE National Career Clusters® Framework.").format(release=ctx.locale.month(ctx.kb.oews_release))
        + "  \n" + _("Skills: BLS Employment Projections skills data (Table 6.5). How AI is used: “Working with AI”, "
                     "Tomlinson, Jaffe, Wang, Counts and Suri, arXiv:2507.07935 (2025), CC BY 4.0."))


def texts(draw: Callable[[str], object], lines: list[str]) -> None:
    """Draw each non-empty line with ``draw`` (st.info, st.caption ...): a view-model leaves a line
    empty when there is nothing to say, and nothing is drawn for it."""
    for line in lines:
        if line:
            draw(line)


def no_jobs_for_kids(saved: SavedQuiz | None, _: Translator) -> None:
    """Grades 3-5 explore interest areas, never job lists or pay: say so and stop the page."""
    if saved is not None and saved.band == "3-5":
        st.info(_("In grades 3-5 we explore interest areas and activities, not job lists. See your profile."))
        st.page_link("pages/profile.py", label=_("My profile"), icon="🧭")
        st.stop()


def sample_catalog_notice(catalog: pathways.Catalog, _: Translator) -> None:
    """Label the made-up sample catalog wherever it shows, until a district imports its own."""
    if catalog.is_sample:
        st.warning(_(pathways.SAMPLE_NOTICE), icon="🧪")


def where_else(ctx: Context, oews_code: str | None, published_anywhere: bool) -> None:
    """For an occupation with no figures here: the nearest areas that have it (in miles from the student's
    place when known, else the other areas of the state), or nothing when BLS publishes it nowhere."""
    if not published_anywhere:
        return
    if (place := ctx.place) is not None:
        nearest = places.nearest_areas(ctx.kb, oews_code, place)
        if len(nearest):
            st.write(ctx._("Nearest areas with this job, from {place}: {areas}.").format(
                place=place.label, areas="; ".join(
                    ctx._("{name} ({miles} miles, {jobs} jobs)").format(
                        name=row["name"], miles=ctx.locale.count(row["miles"]),
                        jobs=labor.employment_text(row["employment"], None, True, ctx.locale))
                    for _i, row in nearest.iterrows())))
            st.caption(ctx._("Miles in a straight line to the nearest county of each area (Census 2023 county "
                             "points). Jobs: {release}.").format(release=f"BLS OEWS {ctx.locale.month(ctx.kb.oews_release)}"))
            return
    elsewhere = views.where_else(ctx.kb, oews_code, ctx.area_code)
    if len(elsewhere):
        st.write(ctx._("Where it exists in your state: {places}.").format(places="; ".join(
            f"{row['name']} ({labor.employment_text(row['employment'], None, True, ctx.locale)})"
            for _i, row in elsewhere.iterrows())))


# id(frame) -> (a weak reference to the frame, its Arrow table); see arrow_table.
_ARROW_TABLES: dict[int, tuple[weakref.ref, pa.Table]] = {}


def arrow_table(frame: pd.DataFrame, index: bool = False) -> pa.Table:
    """The frame as an Arrow table, converted once per frame object.

    ``st.dataframe`` converts a pandas frame to Arrow on every call (2-3 ms for the 40-row results
    table, more than the rest of its rerun); an Arrow table it passes through in a tenth of that. The
    cached views hand every rerun the same frame object (``st.cache_resource``), so the conversion is
    done once per view, not per click. An entry goes when its frame is garbage-collected.
    """
    kept = _ARROW_TABLES.get(id(frame))
    if kept is not None and kept[0]() is frame:
        return kept[1]
    converted = pa.Table.from_pandas(frame, preserve_index=index)
    key = id(frame)
    _ARROW_TABLES[key] = (weakref.ref(frame, lambda _gone: _ARROW_TABLES.pop(key, None)), converted)
    return converted


def facts_table(facts: pd.DataFrame) -> None:
    """A read-only table with its row labels (the compare tables: rows are facts, columns jobs)."""
    st.dataframe(arrow_table(facts, index=True), width="stretch")


def table(frame: pd.DataFrame, max_height: int = 560, open_codes: list[str] | None = None, key: str | None = None) -> None:
    """A read-only table as tall as its rows (up to ``max_height`` pixels, then it scrolls).

    With ``open_codes`` (one occupation code per row) and a ``key``, clicking a row opens that occupation.
    """
    height = min(max_height, 38 + 35 * max(len(frame), 1))
    if open_codes is None or key is None:
        st.dataframe(arrow_table(frame), hide_index=True, width="stretch", height=height)
        return
    st.dataframe(arrow_table(frame), hide_index=True, width="stretch", height=height, key=key,
                 on_select=functools.partial(_open_picked_row, key, list(open_codes)), selection_mode="single-row")


def result_cards(cards: list[str], codes: list[str], titles: list[str], _: Translator,
                 members: dict[str, list[tuple[str, str]]] | None = None) -> None:
    """The results table as cards, one per row (a phone shows a wide table as half titles).

    ``cards`` (:func:`explorer.views.card_texts`) say exactly what the table says, each cell as
    "column: value"; each card has an Open button for the occupation, and a folded family's other
    members (``members``: row code -> (code, title)) are one tap away.
    """
    for card, code, title in zip(cards, codes, titles):
        with st.container(border=True):
            st.markdown(card)  # one Markdown element per card: each element costs every rerun
            st.button(_("Open {title}").format(title=title), key=f"card_{code}", on_click=navigation.open_occupation,
                      args=(code,))
            family = (members or {}).get(code, [])
            if family:
                family_buttons(code, family, _)


def family_buttons(code: str, family: list[tuple[str, str]], _: Translator) -> None:
    """A folded family's other members, each with its own Open button, drawn only while the student
    has the section open (a family can have 30 members; every element costs every rerun)."""
    section = st.expander(_("{count} more: same job, other subjects or specialties").format(count=len(family)),
                          key=f"family_{code}", on_change="rerun")
    if section.open:
        with section:
            for member, title in family:
                st.button(title, key=f"card_{code}_{member}", on_click=navigation.open_occupation, args=(member,))


# Phones get the cards, wider screens the table: both are drawn and CSS shows one (the server
# does not know the screen's width). 640 px is where a table starts showing titles and pay in full.
RESULTS_LAYOUT_CSS = """<style>
@media (max-width: 639px) { .st-key-results_table_box { display: none; } }
@media (min-width: 640px) { .st-key-results_cards_box { display: none; } }
</style>"""


def results_list(display: pd.DataFrame, codes: list[str], cards: list[str], _: Translator,
                 members: dict[str, list[tuple[str, str]]]) -> None:
    """The results as cards on a phone and as a clickable table on a wider screen."""
    st.html(RESULTS_LAYOUT_CSS)
    with st.container(key="results_cards_box"):
        result_cards(cards, codes, display[_("Occupation")].tolist(), _, members)
    with st.container(key="results_table_box"):
        st.caption(_("Click a row to open the occupation."))
        table(display, open_codes=codes, key="results_table", max_height=38 + 35 * len(display))


SEARCH_LIMIT = 8  # buttons under the occupation search; more matches ask for another word


def _open_found(code: str, key: str) -> None:
    st.session_state[key] = ""  # the next page starts with an empty search box
    navigation.open_occupation(code)


def occupation_search(ctx: Context, key: str = "occupation_search") -> None:
    """Find and open any of the 923 occupations by name: English or Spanish title, or another name
    O*NET lists for it ("RN", "enfermera"); see :func:`explorer.labor.search_matches`."""
    _ = ctx._
    text = st.text_input(_("Find any occupation"), key=key, placeholder=_("e.g. nurse, enfermera, RN, welder"))
    if not text.strip():
        return
    local = labor.local_occupations(ctx.kb, ctx.area_code)
    found = labor.search_ranked(local, text.strip(), ctx.lang)
    if found.empty:
        st.caption(_("No occupation matches “{text}”. Try another word.").format(text=md_escape(text.strip())))
        return
    titles = labor.shown_titles(local.loc[found.index], ctx.lang)
    for code, name in found.head(SEARCH_LIMIT).items():
        label = _("{title} (also called “{name}”)").format(title=titles[code], name=name) if name else titles[code]
        st.button(md_escape(label), key=f"{key}_{code}", on_click=_open_found, args=(code, key))
    if len(found) > SEARCH_LIMIT:
        st.caption(_("{count} more match: add a word to narrow the search.").format(count=len(found) - SEARCH_LIMIT))


def elsewhere_list(view: ResultsView, _: Translator) -> None:
    """The fits not found near here, collapsed; the table is built and drawn only while the section is open."""
    section = st.expander(_("Fits you, not found near here ({count})").format(count=len(view.elsewhere_rows)),
                          key="elsewhere_open", on_change="rerun")
    if section.open:
        with section:
            st.caption(view.elsewhere_note)
            elsewhere = view.elsewhere
            table(elsewhere, open_codes=elsewhere[_("Code")].tolist(), key="elsewhere_table")


SHOWING_KEY = "results_showing"


def shown_count(total: int) -> int:
    """How many result rows this student asked to see: a page of them, more after each "Show more"."""
    from explorer.local_results import PAGE_SIZE

    return min(total, int(st.session_state.get(SHOWING_KEY, PAGE_SIZE)))


def _show_more(showing: int) -> None:
    from explorer.local_results import PAGE_SIZE

    st.session_state[SHOWING_KEY] = showing + PAGE_SIZE


def show_more_button(showing: int, total: int, _: Translator) -> None:
    """ "Show more (20 of 29 shown)" while rows are left: no fixed cap on a list."""
    if showing < total:
        st.button(_("Show more ({shown} of {total} shown)").format(shown=showing, total=total), key="show_more",
                  on_click=_show_more, args=(showing,))


def _open_picked_row(key: str, codes: list[str]) -> None:
    rows = st.session_state[key]["selection"]["rows"]
    if rows:
        navigation.open_occupation(codes[rows[0]])


def require_database(_: Translator) -> None:
    """Stop every page with one line when the database is behind the code (or unusable), instead of
    failing later on a missing column in the middle of a student's quiz."""
    from explorer import db, schema, settings

    try:
        settings.current()  # a wrong district setting stops the app rather than falling back to a default
    except settings.SettingsError as problem:
        st.error(_("The app cannot start: {reason}").format(reason=str(problem)))
        st.stop()
    try:
        db.get_engine()
    except (schema.SchemaError, db.DatabaseConfigError) as problem:
        st.error(_("The app cannot open its database: {reason}").format(reason=str(problem)))
        st.stop()


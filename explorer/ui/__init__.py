"""Streamlit glue: the only part of ``explorer`` that imports streamlit.

Shared, read-only objects (the knowledge base, translators) are cached once per process with
``st.cache_resource``; per-student choices (language, region) live in ``st.session_state`` and
in the URL (``?lang=es&area=0012420``) so a refresh or a shared link keeps them.
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from explorer import data, i18n, labor, matching, places
from explorer.data import KnowledgeBase

if TYPE_CHECKING:
    import pandas as pd

NATIONAL = "0000000"


@st.cache_resource(show_spinner=False)
def knowledge_base() -> KnowledgeBase:
    return data.knowledge_base()


@st.cache_resource(show_spinner=False)
def matcher() -> "matching.Matcher":
    """The similarity model fitted on the 923 occupation profiles, shared by every session."""
    return matching.Matcher.from_occupations(knowledge_base().occupations)


def open_occupation(code: str) -> None:
    """Callback: show one occupation's page next (and keep it in the URL for a refresh)."""
    st.session_state["occupation"] = code
    st.session_state["_go"] = "pages/occupation.py"


def bls(value: object, _: i18n.Translator) -> str:
    """A BLS category label in the reader's language."""
    from explorer.views import bls_label

    return bls_label(value, _)


def open_pathway(code: str) -> None:
    st.session_state["occupation"] = code
    st.session_state["_go"] = "pages/pathway.py"


def compare(codes: list[str]) -> None:
    st.session_state["compare"] = list(codes)
    st.session_state["_go"] = "pages/compare.py"


def go(page: str) -> None:
    """Callback: switch to ``page`` next (a button that reads as the next step, not a link)."""
    st.session_state["_go"] = page


def fragment(func):  # noqa: ANN001, ANN201 - a decorator, typed like st.fragment
    """``st.fragment`` for the high-frequency parts of a page (quiz screen, result filters, plan
    check-offs): a click inside reruns only that part. A callback inside it that asks to open
    another page (``go``, ``open_occupation``) gets a full rerun, where the switch happens."""

    @functools.wraps(func)
    def run(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        follow_navigation()
        return func(*args, **kwargs)

    return st.fragment(run)


def run_in_browser(script: str) -> None:
    """Run our own fixed JavaScript (never user text) in the page, for what Streamlit cannot do
    itself (set a cookie, move focus, close the menu). The script runs again only when its text
    changes, so callers put what should trigger it into the text."""
    st.iframe(f"<script>\n{script}\n</script>", height=1, tab_index=-1)


def close_menu_on_phone(page_path: str) -> None:
    """On a narrow screen the sidebar menu covers the page; close it once a page was chosen (the
    script is new only when the page changes, so choosing a region on a page leaves it open)."""
    import json

    with st.sidebar:
        run_in_browser(f"""const page = {json.dumps(page_path)};  // a new page gives a new script, which runs once
const doc = window.parent.document;
if (window.parent.innerWidth < 768) {{
  const bar = doc.querySelector('[data-testid="stSidebar"]');
  const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (bar && close && bar.getAttribute("data-collapsed") === "false") close.click();
}}
""")


def follow_navigation() -> None:
    """Pages request a switch from callbacks (where st.switch_page cannot run); honour it here."""
    if target := st.session_state.pop("_go", None):
        st.switch_page(target)


@dataclass(frozen=True)
class Context:
    """What every page needs to know about the person in front of it."""

    lang: str
    _: i18n.Translator
    area_code: str
    kb: KnowledgeBase
    place_key: str | None = None

    @property
    def place(self) -> "places.Place | None":
        """Where the student said they live (ZIP or town), if they did: distances are measured from it."""
        return places.resolve(self.kb, self.place_key, self.area_code) or places.resolve(self.kb, self.place_key)

    @property
    def area_name(self) -> str:
        """The region as a student reads it (OEWS calls the whole country "National")."""
        if self.area_code == NATIONAL:
            return self._("United States")
        return str(self.kb.regions.loc[self.area_code, "name"])

    @property
    def oews_source(self) -> str:
        return labor.oews_citation(self.kb, self.area_code)


def _initial_language() -> str:
    browser = getattr(st.context, "locale", None)
    return i18n.pick_language(st.query_params.get("lang"), browser)


def _initial_area(kb: KnowledgeBase) -> str:
    requested = st.query_params.get("area")
    if requested and requested in kb.regions.index:
        return requested
    if requested:
        st.session_state["_bad_area"] = requested
    return NATIONAL


def _sync_query(key: str, param: str) -> None:
    st.query_params[param] = st.session_state[key]


def sidebar() -> Context:
    """Language and region pickers shared by every page; returns the page context."""
    kb = knowledge_base()
    # Re-assigning keeps each choice when Streamlit gives the widget a new identity (it does on the
    # first run under st.navigation), instead of silently resetting it to the first option.
    if start_area := st.session_state.pop("_start_area", None):  # the class a student just joined
        st.session_state["area_code"] = st.session_state["_kept_area"] = start_area
        st.query_params["area"] = start_area
    # The "_kept_" copies are plain keys, so they survive a run in which the sidebar widgets are not
    # drawn (a fragment that switches pages), when Streamlit drops the widgets' own keys.
    st.session_state["lang"] = (st.session_state.get("lang") or st.session_state.get("_kept_lang")
                                or _initial_language())
    st.session_state["area_code"] = (st.session_state.get("area_code") or st.session_state.get("_kept_area")
                                     or _initial_area(kb))
    if "place_key" not in st.session_state and st.query_params.get("place"):
        st.session_state["place_key"] = st.query_params["place"]
    if "occupation" not in st.session_state and st.query_params.get("occ") in kb.occupations.index:
        st.session_state["occupation"] = st.query_params["occ"]
    _ = i18n.translator(st.session_state["lang"])
    with st.sidebar:
        st.selectbox(_("Language / Idioma"), list(i18n.LANGUAGES), key="lang",
                     format_func=i18n.LANGUAGES.get, on_change=_sync_query, args=("lang", "lang"))
        _ = i18n.translator(st.session_state["lang"])
        labels = region_labels(st.session_state["lang"])
        st.selectbox(_("Your region"), list(labels), key="area_code", format_func=labels.__getitem__,
                     help=_("Wages and jobs are shown for this area. Type to search."),
                     on_change=_sync_query, args=("area_code", "area"))
    st.session_state["_kept_lang"] = st.session_state["lang"]
    st.session_state["_kept_area"] = st.session_state["area_code"]
    _keep_in_url()
    if bad := st.session_state.pop("_bad_area", None):
        st.warning(_("The link asked for region {code}, which is not an OEWS area; showing the United States "
                     "instead.").format(code=bad))
    return Context(lang=st.session_state["lang"], _=_, area_code=st.session_state["area_code"], kb=kb,
                   place_key=st.session_state.get("place_key"))


@st.cache_resource(show_spinner=False)
def region_labels(lang: str) -> dict[str, str]:
    """Area code -> "Name (kind)" for the region picker, built once per language (583 labels)."""
    _ = i18n.translator(lang)
    regions = knowledge_base().regions
    kinds = {"state": _("state"), "metropolitan": _("metro area"), "nonmetropolitan": _("rural (nonmetro) area")}
    return {code: _("United States") if kind == "national" else f"{name} ({kinds[kind]})"
            for code, name, kind in zip(regions.index, regions["name"], regions["kind"])}


def _keep_in_url() -> None:
    """Mirror the session's choices into the URL on every page, so a refresh (a new session) keeps them.

    Streamlit drops query parameters when the sidebar navigation or st.switch_page changes page.
    """
    wanted = {"lang": st.session_state["lang"], "area": st.session_state["area_code"]}
    if code := st.session_state.get("resume_code"):
        wanted["code"] = code
    if occupation := st.session_state.get("occupation"):
        wanted["occ"] = occupation
    if place := st.session_state.get("place_key"):
        wanted["place"] = place
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def context() -> Context:
    """The context set up by the sidebar in app.py (pages call this, never the sidebar)."""
    if "lang" not in st.session_state:
        # Run as a bare file: Streamlit serves pages/ directly to the very first visitor of a fresh
        # server, before app.py has declared st.navigation. Go through app.py so the sidebar exists.
        st.session_state["_deep_link_page"] = sys._getframe(1).f_globals.get("__file__")
        st.switch_page("app.py", query_params=dict(st.query_params))
    kb = knowledge_base()
    lang = st.session_state.get("lang", i18n.DEFAULT_LANGUAGE)
    return Context(lang=lang, _=i18n.translator(lang), area_code=st.session_state.get("area_code", NATIONAL), kb=kb,
                   place_key=st.session_state.get("place_key"))


def follow_deep_link() -> None:
    """After st.navigation exists, send a cold-start visitor on to the page their link named."""
    page = st.session_state.pop("_deep_link_page", None)
    if page:
        try:
            st.switch_page(page, query_params=dict(st.query_params))
        except st.errors.StreamlitAPIException:
            pass  # not a page for this visitor (e.g. a counselor page before login): stay on the home page


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
    st.caption(
        _("Jobs and wages: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics "
          "(OEWS) {release}. Growth and openings: BLS Employment Projections 2024-34. Career clusters: "
          "Advance CTE National Career Clusters® Framework.").format(release=ctx.kb.oews_release)
    )
    st.caption(_("Skills: BLS Employment Projections skills data (Table 6.5). How AI is used: “Working with AI”, "
                 "Tomlinson, Jaffe, Wang, Counts and Suri, arXiv:2507.07935 (2025), CC BY 4.0."))


def no_jobs_for_kids(saved, _: i18n.Translator) -> None:
    """Grades 3-5 explore interest areas, never job lists or pay: say so and stop the page."""
    if saved is not None and saved.band == "3-5":
        st.info(_("In grades 3-5 we explore interest areas and activities, not job lists. See your profile."))
        st.page_link("pages/profile.py", label=_("My profile"), icon="🧭")
        st.stop()


def sample_catalog_notice(catalog, _: i18n.Translator) -> None:
    """Label the made-up sample catalog wherever it shows, until a district imports its own."""
    from explorer import pathways

    if catalog.is_sample:
        st.warning(_(pathways.SAMPLE_NOTICE), icon="🧪")


def find_place(text_key: str) -> None:
    """Callback of "Where do you live?": look the text up; one answer sets the region at once."""
    result = places.lookup(knowledge_base(), st.session_state.get(text_key, ""))
    st.session_state["place_lookup"] = result
    if len(result.places) == 1:
        choose_place(result.places[0])


def choose_place(place: "places.Place") -> None:
    """Use this place: its OEWS area becomes the region (the sidebar follows) and distances start from it."""
    st.session_state["area_code"] = place.area_code
    st.session_state["place_key"] = place.key
    st.session_state["place_chosen"] = place.label
    st.query_params["area"] = place.area_code
    st.query_params["place"] = place.key


def choose_place_from(key: str) -> None:
    """Callback of the choice among several places (a ZIP across areas, towns of one name)."""
    result = st.session_state.get("place_lookup")
    index = st.session_state.get(key)
    if result is not None and index is not None:
        choose_place(result.places[index])


def where_else(ctx: Context, occupation) -> None:
    """For an occupation with no figures here: the nearest areas that have it (in miles from the student's
    place when known, else the other areas of the state), or nothing when BLS publishes it nowhere."""
    from explorer import views

    if not occupation["published_anywhere"]:
        return
    if (place := ctx.place) is not None:
        nearest = places.nearest_areas(ctx.kb, occupation["oews_code"], place)
        if len(nearest):
            st.write(ctx._("Nearest areas with this job, from {place}: {areas}.").format(
                place=place.label, areas="; ".join(
                    ctx._("{name} ({miles} miles, {jobs} jobs)").format(
                        name=row["name"], miles=labor.count(row["miles"], ctx.lang),
                        jobs=labor.employment_text(row["employment"], None, True, ctx._, ctx.lang))
                    for _i, row in nearest.iterrows())))
            st.caption(ctx._("Miles in a straight line to the nearest county of each area (Census 2023 county "
                             "points). Jobs: {release}.").format(release=f"BLS OEWS {ctx.kb.oews_release}"))
            return
    elsewhere = views.where_else(ctx.kb, occupation["oews_code"], ctx.area_code)
    if len(elsewhere):
        st.write(ctx._("Where it exists in your state: {places}.").format(places="; ".join(
            f"{row['name']} ({labor.employment_text(row['employment'], None, True, ctx._, ctx.lang)})"
            for _i, row in elsewhere.iterrows())))


def table(frame, max_height: int = 560, open_codes: list[str] | None = None, key: str | None = None) -> None:
    """A read-only table as tall as its rows (up to ``max_height`` pixels, then it scrolls).

    With ``open_codes`` (one occupation code per row), clicking a row opens that occupation.
    """
    height = min(max_height, 38 + 35 * max(len(frame), 1))
    if open_codes is None:
        st.dataframe(frame, hide_index=True, width="stretch", height=height)
        return
    st.dataframe(frame, hide_index=True, width="stretch", height=height, key=key,
                 on_select=functools.partial(_open_picked_row, key, list(open_codes)), selection_mode="single-row")


@dataclass(frozen=True)
class ResultsView:
    """What the results page shows for one student, area and set of choices (cached per process)."""

    shown: "pd.DataFrame"  # the first 40 rows of the ranking, one per BLS group
    display: "pd.DataFrame"  # the same rows as text cells
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
    display = views.results_table(shown, consistent, labor.occupation_titles(kb, lang), i18n.translator(lang), lang,
                                  priority)
    return ResultsView(shown=shown, display=display, count=len(ranked), fallback=fallback)


def results_view(saved, area_code: str, priority: str, zones: tuple, clusters: tuple, lang: str,
                 wanted_skills: tuple = ()) -> ResultsView:
    """The ranking, consistent picks and display table for a saved quiz: computed once per choice, not per click.
    ``wanted_skills`` (up to 3 BLS skill ids) keeps only jobs that use them more than most occupations."""
    from explorer import attempts

    scores = attempts.profile(saved).scores
    return _results_view(tuple(sorted(scores.items())), tuple(sorted(saved.answers.items())), saved.band, saved.form,
                         area_code, priority, tuple(sorted(zones)), tuple(sorted(clusters)), lang,
                         tuple(sorted(wanted_skills)))


@st.cache_data(max_entries=1024, show_spinner=False)
def occupations_view(area_code: str, lang: str, search: str = ""):
    """The occupations list for one area and language (923 rows of formatted text): built once, not per click."""
    return labor.display_table(labor.local_occupations(knowledge_base(), area_code), i18n.translator(lang), lang, search)


def _chart(name: str, args: tuple, _: i18n.Translator):
    """Build one of the app's charts from plain, hashable arguments (so its spec can be cached)."""
    from explorer import charts, riasec, views

    kb = knowledge_base()
    if name == "bar":
        scores, max_score, band = args
        return charts.bar_chart(dict(scores), max_score, _, riasec.theme_names(band))
    if name == "hexagon":
        scores, max_score, band = args
        return charts.hexagon_chart(dict(scores), max_score, _, riasec.theme_names(band),
                                    charts.KIDS_SHAPE_TITLE if band == "3-5" else charts.HEXAGON_TITLE)
    if name == "comparison":
        scores, max_score, onet_code = args
        return charts.interest_comparison(dict(scores), max_score, kb.occupations.loc[onet_code], _)
    if name == "contribution":
        (contributions,) = args
        return charts.contribution_chart(dict(contributions), _)
    if name == "wage":
        oews_code, area_code = args
        wages = views.wage_rows(kb, oews_code, area_code)
        names = [_("United States") if c == NATIONAL else n for c, n in zip(wages["area_code"], wages["area"])]
        return charts.wage_chart(wages, names, _)
    if name == "skills":
        from explorer import skills

        ep_code, lang = args
        return charts.skills_chart(skills.skill_chart_rows(kb, ep_code, lang), _)
    raise ValueError(f"unknown chart {name!r}")


@st.cache_data(max_entries=4096, show_spinner=False)
def _chart_spec(name: str, args: tuple, lang: str) -> dict:
    """The chart's Vega-Lite spec with its datasets already in Arrow: Streamlit passes bytes through
    as they are, and otherwise converts every dataset to Arrow on every rerun (about 2-3 ms a chart)."""
    from streamlit import dataframe_util

    spec = _chart(name, args, i18n.translator(lang)).to_dict()
    spec["datasets"] = {dataset: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(rows))
                        for dataset, rows in spec.get("datasets", {}).items()}
    return spec


def chart(where, name: str, *args, lang: str, stretch: bool = True) -> None:
    """Draw a chart from its cached Vega-Lite spec: building and validating an Altair chart costs
    20-50 ms a rerun, drawing a cached spec well under 1 ms."""
    where.vega_lite_chart(_chart_spec(name, tuple(args), lang), width="stretch" if stretch else "content")


def scores_key(scores: dict[str, float]) -> tuple:
    return tuple(sorted(scores.items()))


def result_cards(display, codes: list[str], _: i18n.Translator) -> None:
    """The results table as cards, one per row (a phone shows a wide table as half titles).

    Every cell of the row appears as "column: value" (empty cells are left out), so the cards say
    exactly what the table says, with an Open button for the occupation.
    """
    from explorer.views import md_escape

    hidden = {_("#"), _("Occupation"), _("Code")}
    for (_i, row), code in zip(display.iterrows(), codes):
        with st.container(border=True):
            st.markdown(f"**{row[_('#')]}. {md_escape(row[_('Occupation')])}**")
            st.markdown("  \n".join(f"{md_escape(column)}: {md_escape(value)}" for column, value in row.items()
                                    if column not in hidden and str(value).strip()))
            st.button(_("Open {title}").format(title=row[_("Occupation")]), key=f"card_{code}",
                      on_click=open_occupation, args=(code,))


def _open_picked_row(key: str, codes: list[str]) -> None:
    rows = st.session_state[key]["selection"]["rows"]
    if rows:
        open_occupation(codes[rows[0]])


@st.cache_resource(show_spinner=False)
def known_soc() -> frozenset[str]:
    from explorer import catalog

    return frozenset(catalog.known_soc_codes(knowledge_base().occupations))


def editable_frame(spec, rows: list[dict[str, str]]):
    """A catalog table as text columns for st.data_editor (typed on save, with the import's checks)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=spec.column_names).astype("string")


def frame_rows(frame) -> list[dict[str, str]]:
    return [{k: ("" if v is None or v != v else str(v)) for k, v in row.items()}
            for row in frame.to_dict(orient="records")]


def import_uploads(uploads, known: frozenset[str]):
    """Uploaded CSV files -> an all-or-nothing import (files named as in the README; a wrongly named
    or non-UTF-8 file is a problem of the report, like a bad row)."""
    from explorer import catalog

    return catalog.import_files([(upload.name, upload.getvalue()) for upload in uploads], set(known))


@st.cache_data(ttl=300, show_spinner=False)
def student_top_matches(area_code: str) -> dict[str, int]:
    from explorer import quiz_results

    return quiz_results.top_match_counts(area_code)




def require_database(_: i18n.Translator) -> None:
    """Stop every page with one line when the database is behind the code (or unusable), instead of
    failing later on a missing column in the middle of a student's quiz."""
    from explorer import db, schema

    try:
        db.get_engine()
    except (schema.SchemaError, db.DatabaseConfigError) as problem:
        st.error(_("The app cannot open its database: {reason}").format(reason=str(problem)))
        st.stop()


SESSION_COOKIE = "cpe_counselor"
# Everything only a signed-in counselor put in the session; logout removes all of it, so the next
# person at the computer cannot see the last student looked up or a half-edited catalog.
COUNSELOR_KEYS = ("counselor", "counselor_seen", "counselor_token", "advising_code", "_cookie")
COUNSELOR_KEY_PREFIXES = ("editor_", "save_", "download_", "staff_")


def _write_cookie(token: str | None) -> None:
    """Set (or clear) the sign-in cookie from the browser: Streamlit cannot set cookies itself.

    A session cookie (gone when the browser closes), same-site only, Secure over HTTPS; it holds a
    random token whose hash the server checks, never the password.
    """
    import json

    value = json.dumps(token or "")
    life = "" if token else "; max-age=0"
    with st.sidebar:
        run_in_browser(f"""const secure = window.parent.location.protocol === "https:" ? "; Secure" : "";
window.parent.document.cookie = "{SESSION_COOKIE}=" + encodeURIComponent({value}) + "; path=/; SameSite=Strict{life}" + secure;
""")


def counselor() -> str | None:
    """The signed-in counselor's username, or None (also after 30 idle minutes).

    A refresh starts a new Streamlit session; the sign-in cookie sent with it resumes the counselor
    if the server still knows its token (not signed out, not idle too long, account not removed).
    """
    from explorer import auth
    from explorer.models import utcnow

    if pending := st.session_state.pop("_cookie", None):
        _write_cookie(pending if pending != "-" else None)
    user = st.session_state.get("counselor")
    token = st.context.cookies.get(SESSION_COOKIE)
    if not user and isinstance(token, str) and token and not st.session_state.get("_signed_out"):
        resumed = auth.resume_session(token)
        if resumed is not None:
            st.session_state.update(counselor=resumed.username, counselor_seen=utcnow(), counselor_token=token)
            user = resumed.username
    if user and auth.expired(st.session_state.get("counselor_seen")):
        logout()
        st.session_state["counselor_timed_out"] = True
        return None
    if user:
        st.session_state["counselor_seen"] = utcnow()
    return user


def login_form(ctx: Context) -> None:
    """The login form (and nothing else) for counselor pages."""
    from explorer import auth
    from explorer.models import utcnow

    _ = ctx._
    st.title(_("Counselor login"))
    if st.session_state.pop("counselor_timed_out", False):
        st.info(_("You were logged out after 30 minutes without activity."))
    with st.form("login"):
        username = st.text_input(_("Username"), autocomplete="username")
        password = st.text_input(_("Password"), type="password", autocomplete="current-password")
        if st.form_submit_button(_("Log in"), type="primary"):
            try:
                user = auth.login(username, password)
            except auth.AuthError as problem:
                reason = _(problem.message_id).format(**problem.params)
                st.error(_("Login refused: {reason}").format(reason=reason))
            else:
                token = auth.start_session(user.username)
                st.session_state.pop("_signed_out", None)
                st.session_state.update(counselor=user.username, counselor_seen=utcnow(), counselor_token=token,
                                        _cookie=token)
                st.rerun()


def require_counselor(ctx: Context) -> str:
    """Stop the page with the login form unless a counselor is logged in."""
    user = counselor()
    if not user:
        login_form(ctx)
        st.stop()
    return user


def logout() -> None:
    """Sign out: the server forgets the token, the cookie is cleared, counselor-only state is gone."""
    from explorer import auth

    auth.end_session(st.session_state.get("counselor_token", ""))
    for key in list(st.session_state):
        if key in COUNSELOR_KEYS or str(key).startswith(COUNSELOR_KEY_PREFIXES):
            del st.session_state[key]
    st.session_state["_cookie"] = "-"
    st.session_state["_signed_out"] = True  # this tab's old cookie is not used to sign back in


def family_report_pdf(saved, lang: str, favourites_first: bool = False):
    """A zero-argument function that builds this student's family report when the button is clicked.

    Streamlit runs it on another thread without the session, so everything it needs is captured here.
    """
    from explorer import attempts, pathways, portfolio, reports

    kb, model = knowledge_base(), matcher()
    area = st.session_state.get("area_code", NATIONAL)
    family_url = share_url("{token}")
    grade = {"6-8": 8, "9-12": 10}.get(saved.band, 10)
    starred = favourites(saved) if favourites_first else []

    def build() -> bytes:
        result = attempts.profile(saved)
        catalog = pathways.Catalog.load()
        careers = []
        if result.confident and saved.band != "3-5":
            ranked = matching.rank(model, result.scores, labor.local_occupations(kb, area))
            if favourites_first:  # the portfolio copy leads with the student's own favourites
                chosen = [c for c in starred if c in ranked.index]
                ranked = ranked.loc[chosen + [c for c in ranked.index if c not in chosen]]
            careers = reports.pick_careers(ranked, lambda code: pathways.build(kb, catalog, code, area, grade))
        # The QR code opens the read-only family link (revocable in My portfolio), never the resume
        # code, which could change the answers.
        token = portfolio.family_link(portfolio.portfolio_code(saved.resume_code))
        return reports.family_report(kb, result, careers, area, family_url.replace("{token}", token),
                                     i18n.translator(lang), lang, sample_catalog=catalog.is_sample)

    return build


def chosen_occupation(ctx: Context, page_title: str) -> str:
    """The occupation the student opened; without one, say how to choose one and stop the page."""
    code = st.session_state.get("occupation")
    if code not in ctx.kb.occupations.index:
        st.title(page_title)
        st.info(ctx._("Choose an occupation from your results first."))
        st.page_link("pages/results.py", label=ctx._("Careers that fit me"), icon="🎯")
        st.stop()
    return code



def restore_portfolio(raw: bytes) -> tuple[bool, str]:
    """Restore an uploaded portfolio file: (True, what was restored) or (False, every problem in the
    reader's language, as Markdown with the file's own text escaped). Nothing is written on False."""
    from explorer import portfolio
    from explorer.views import md_escape

    _ = i18n.translator(st.session_state.get("lang", "en"))
    try:
        owner = portfolio.import_portfolio(portfolio.parse_file(raw), set(knowledge_base().occupations.index))
    except portfolio.PortfolioError as problem:
        reasons = [md_escape(reason) for reason in problem.messages(_)]
        if len(problem.problems) == 1:
            return False, _("Nothing was restored: {reason}").format(reason=reasons[0])
        heading = _("Nothing was restored. The file has {count} problems:").format(count=len(problem.problems))
        return False, heading + "\n\n" + "\n".join(f"- {reason}" for reason in reasons)
    return True, _("Restored the portfolio {code}.").format(code=owner)


def share_url(token: str) -> str:
    base = getattr(st.context, "url", None) or "http://localhost:8501/"
    return base.split("?")[0].rsplit("/", 1)[0] + f"/family?share={token}"


def favourites(saved) -> list[str]:
    from explorer import portfolio

    return portfolio.favourites(portfolio.portfolio_code(saved.resume_code))


def toggle_favourite(saved, code: str, on: bool) -> None:
    from explorer import portfolio

    portfolio.set_favourite(portfolio.portfolio_code(saved.resume_code), code, on)


def toggle_step(saved, code: str, step: str, key: str) -> None:
    from explorer import portfolio

    portfolio.set_step(portfolio.portfolio_code(saved.resume_code), code, step, bool(st.session_state.get(key)))


def plan_steps(saved, code: str) -> dict[str, bool]:
    from explorer import portfolio

    if saved is None:
        return {}
    return portfolio.plan(portfolio.portfolio_code(saved.resume_code)).get(code, {})


@fragment
def favourite_button(saved, code: str, _: i18n.Translator) -> None:  # noqa: ANN001
    """The star button, redrawn alone when clicked (the occupation page around it stays)."""
    starred = code in favourites(saved)
    st.button(_("★ Remove from my favourites") if starred else _("☆ Add to my favourites"),
              on_click=toggle_favourite, args=(saved, code, not starred), key=f"favourite_{code}")


@fragment
def step_checkbox(saved, code: str, step: str, done: bool, _: i18n.Translator) -> None:  # noqa: ANN001
    """A pathway step's "Done" box, saved the moment it changes and redrawn alone."""
    key = f"plan_{code}_{step}"
    st.checkbox(_("Done"), value=done, key=key, on_change=toggle_step, args=(saved, code, step, key))

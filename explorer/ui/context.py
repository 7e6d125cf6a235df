"""What every page knows about the person in front of it: language, region, place.

Per-student choices live in ``st.session_state`` and in the URL (``?lang=es&area=0012420``) so a
refresh or a shared link keeps them. app.py draws the pickers (:func:`sidebar`); pages read the
result (:func:`context`).
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from explorer import i18n, labor, places, training, views
from explorer.data import KnowledgeBase
from explorer.i18n import Locale
from explorer.ui import navigation, quiz_state, session
from explorer.ui.resources import knowledge_base
from explorer.ui.session import KEYS

NATIONAL = labor.NATIONAL  # the OEWS code of the whole country


@dataclass(frozen=True)
class Context:
    """What every page needs to know about the person in front of it."""

    locale: Locale
    area_code: str
    kb: KnowledgeBase
    place_key: str | None = None

    @property
    def lang(self) -> str:
        return self.locale.lang

    @property
    def _(self) -> i18n.Translator:
        return self.locale._

    @property
    def place(self) -> places.Place | None:
        """Where the student said they live (ZIP or town), if they did: distances are measured from it."""
        return places.resolve(self.kb, self.place_key, self.area_code) or places.resolve(self.kb, self.place_key)

    @property
    def training_origin(self) -> training.Origin | None:
        """Where miles to colleges start: the student's place in the chosen area, else the area's middle
        (a student who picked another region sees colleges there, not miles from home)."""
        return training.origin_of(self.kb, places.resolve(self.kb, self.place_key, self.area_code), self.area_code)

    @property
    def area_name(self) -> str:
        """The region as a student reads it (OEWS calls the whole country "National")."""
        return views.area_name(self.kb, self.area_code, self._)

    @property
    def oews_source(self) -> str:
        return labor.oews_citation(self.kb, self.area_code, self.locale)


def _initial_language() -> str:
    browser = getattr(st.context, "locale", None)
    return i18n.pick_language(st.query_params.get("lang"), browser)


def _initial_area(kb: KnowledgeBase) -> str:
    requested = st.query_params.get("area")
    if requested and requested in kb.regions.index:
        return requested
    if requested:
        session.put(KEYS.bad_area, requested)
    return NATIONAL


def _sync_query(key: str, param: str) -> None:
    st.query_params[param] = st.session_state[key]


def _choose_region() -> None:
    """A region was picked: it goes in the URL and its section closes (its title names the new one)."""
    _sync_query(KEYS.area_code, "area")
    session.put(KEYS.region_open, False)


def sidebar() -> Context:
    """Language and region pickers shared by every page; returns the page context."""
    kb = knowledge_base()
    # Re-assigning keeps each choice when Streamlit gives the widget a new identity (it does on the
    # first run under st.navigation), instead of silently resetting it to the first option.
    if start_area := session.text(KEYS.start_area):  # the class a student just joined
        session.pop(KEYS.start_area)
        session.put(KEYS.area_code, start_area)
        session.put(KEYS.kept_area, start_area)
        st.query_params["area"] = start_area
    # The "_kept_" copies are plain keys, so they survive a run in which the sidebar widgets are not
    # drawn (a fragment that switches pages), when Streamlit drops the widgets' own keys.
    session.put(KEYS.lang, session.text(KEYS.lang) or session.text(KEYS.kept_lang) or _initial_language())
    session.put(KEYS.area_code, session.text(KEYS.area_code) or session.text(KEYS.kept_area) or _initial_area(kb))
    if not session.has(KEYS.place_key) and st.query_params.get("place"):
        session.put(KEYS.place_key, st.query_params["place"])
    if not session.has(KEYS.occupation) and st.query_params.get("occ") in kb.occupations.index:
        session.put(KEYS.occupation, st.query_params["occ"])
    _ = i18n.translator(st.session_state[KEYS.lang])
    with st.sidebar:
        st.selectbox(_("Language / Idioma"), list(i18n.LANGUAGES), key=KEYS.lang,
                     format_func=i18n.LANGUAGES.__getitem__, on_change=_sync_query, args=(KEYS.lang, "lang"))
        _ = i18n.translator(st.session_state[KEYS.lang])
        labels = region_labels(st.session_state[KEYS.lang])
        # The picker of 583 areas is drawn only while its section is open (about 1 ms of every rerun
        # otherwise); the section's title always names the region in use.
        picker = st.expander(_("Your region: {region}").format(region=views.md_escape(labels[st.session_state[KEYS.area_code]])),
                             key=KEYS.region_open, on_change="rerun", icon="📍")
        if picker.open:
            with picker:
                st.selectbox(_("Your region"), list(labels), key=KEYS.area_code, format_func=labels.__getitem__,
                             help=_("Wages and jobs are shown for this area. Type to search."),
                             on_change=_choose_region)
    session.put(KEYS.kept_lang, st.session_state[KEYS.lang])
    session.put(KEYS.kept_area, st.session_state[KEYS.area_code])
    quiz_state.current_code()  # a link's ?code= is taken into the session and out of the address bar
    _keep_in_url()
    quiz_state.write_quiz_cookie()
    if bad := session.pop(KEYS.bad_area):
        st.warning(_("The link asked for region {code}, which is not an OEWS area; showing the United States "
                     "instead.").format(code=views.md_escape(bad)))
    return _current(kb)


def _current(kb: KnowledgeBase) -> Context:
    return Context(locale=i18n.locale(session.get(KEYS.lang, i18n.DEFAULT_LANGUAGE)),
                   area_code=session.get(KEYS.area_code, NATIONAL), kb=kb, place_key=session.text(KEYS.place_key))


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
    wanted = {"lang": st.session_state[KEYS.lang], "area": st.session_state[KEYS.area_code]}
    # Never the resume code: it stays out of the address bar (explorer/ui/quiz_state.py).
    for param, key in (("occ", KEYS.occupation), ("place", KEYS.place_key)):
        if value := session.text(key):
            wanted[param] = value
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def context(page_file: str) -> Context:
    """The context set up by the sidebar in app.py (pages call this with their own ``__file__``,
    never the sidebar)."""
    if not session.has(KEYS.lang):
        navigation.remember_deep_link(page_file)  # run as a bare file: go through app.py, then come back
    return _current(knowledge_base())


def find_place(text_key: str) -> None:
    """Callback of "Where do you live?": look the text up; one answer sets the region at once."""
    result = places.lookup(knowledge_base(), session.get(text_key, ""))
    session.put(KEYS.place_lookup, result)
    if len(result.places) == 1:
        choose_place(result.places[0])


def choose_place(place: places.Place) -> None:
    """Use this place: its OEWS area becomes the region (the sidebar follows) and distances start from it."""
    session.put(KEYS.area_code, place.area_code)
    session.put(KEYS.place_key, place.key)
    session.put(KEYS.place_chosen, place.label)
    st.query_params["area"] = place.area_code
    st.query_params["place"] = place.key


def choose_place_from(key: str) -> None:
    """Callback of the choice among several places (a ZIP across areas, towns of one name)."""
    result = st.session_state.get(KEYS.place_lookup)
    index = st.session_state.get(key)
    if result is not None and index is not None:
        choose_place(result.places[index])


def chosen_occupation(ctx: Context, page_title: str) -> str:
    """The occupation the student opened; without one, say how to choose one and stop the page."""
    from explorer.ui.widgets import occupation_search

    code = session.text(KEYS.occupation)
    if code is None or code not in ctx.kb.occupations.index:
        st.title(page_title)
        st.info(ctx._("Choose an occupation from your results, or find any occupation by name."))
        occupation_search(ctx)
        st.page_link("pages/results.py", label=ctx._("Careers that fit me"), icon="🎯")
        st.stop()
    navigation.scroll_to_top(code)
    return code

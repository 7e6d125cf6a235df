"""Moving between pages: callbacks ask for a page, the next run switches to it.

``st.switch_page`` cannot run inside a callback, so callbacks put the target in the session
(:data:`KEYS.go`) and :func:`follow_navigation` honours it at the start of the next run.
"""
from __future__ import annotations

import contextlib
import functools
import json
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager

from explorer.ui import session
from explorer.ui.session import KEYS

P = ParamSpec("P")
R = TypeVar("R")


def go(page: str) -> None:
    """Callback: switch to ``page`` next (a button that reads as the next step, not a link)."""
    session.put(KEYS.go, page)


def open_occupation(code: str) -> None:
    """Callback: show one occupation's page next (and keep it in the URL for a refresh)."""
    session.put(KEYS.occupation, code)
    go("pages/occupation.py")


def open_pathway(code: str) -> None:
    session.put(KEYS.occupation, code)
    go("pages/pathway.py")


def compare(codes: list[str]) -> None:
    session.put(KEYS.compare, list(codes))
    go("pages/compare.py")


def session_pages(build: Callable[[], list[StreamlitPage]], lang: str, signed_in: bool) -> list[StreamlitPage]:
    """The navigation's pages, built once per session for its language and sign-in state.

    ``st.Page`` resolves each script's path on disk; a class answering a quiz reruns the app on every
    click, so the pages are kept in the session (not shared: Streamlit marks the page it is about to
    run on the object itself) and rebuilt only when the language or the sign-in changes.
    """
    wanted = (lang, signed_in)
    kept = st.session_state.get(KEYS.nav_pages)
    if not (isinstance(kept, tuple) and kept[0] == wanted):
        kept = (wanted, build())
        session.put(KEYS.nav_pages, kept)
    return kept[1]


def follow_navigation() -> None:
    """Pages request a switch from callbacks (where st.switch_page cannot run); honour it here."""
    if target := session.pop(KEYS.go):
        st.switch_page(str(target))


def fragment(func: Callable[P, R]) -> Callable[P, R]:
    """``st.fragment`` for the high-frequency parts of a page (quiz screen, result filters, plan
    check-offs): a click inside reruns only that part. A callback inside it that asks to open
    another page (``go``, ``open_occupation``) gets a full rerun, where the switch happens."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        follow_navigation()
        return func(*args, **kwargs)

    return st.fragment(run)


def run_in_browser(script: str) -> None:
    """Run our own fixed JavaScript (never user text) in the page, for what Streamlit cannot do
    itself (set a cookie, move focus, close the menu). The script runs again only when its text
    changes, so callers put what should trigger it into the text."""
    st.iframe(f"<script>\n{script}\n</script>", height=1, tab_index=-1)


def scroll_to_top(code: str) -> None:
    """A newly opened occupation starts at the top of its page, not where the last one was left
    (a related occupation is clicked at the bottom; Streamlit keeps the scroll position). The
    script is new, and runs, only when the occupation changes."""
    run_in_browser(f"""const opened = {json.dumps(code)};  // a new occupation gives a new script, which runs once
const doc = window.parent.document;
for (const box of [doc.querySelector('[data-testid="stMain"]'), doc.querySelector('[data-testid="stAppViewContainer"]'),
                   doc.scrollingElement]) {{
  if (box) box.scrollTo(0, 0);
}}
""")


def close_menu_on_phone(page_path: str) -> None:
    """On a narrow screen the sidebar menu covers the page; close it once a page was chosen (the
    script is new only when the page changes, so choosing a region on a page leaves it open).

    The browser remembers the last page it saw: the first page of a visit closes nothing, because
    the script can load after the student has already opened the menu on a slow connection."""
    with st.sidebar:
        run_in_browser(f"""const page = {json.dumps(page_path)};  // a new page gives a new script, which runs once
const doc = window.parent.document;
const before = window.parent.__cpeLastPage;
window.parent.__cpeLastPage = page;
if (before !== undefined && before !== page && window.parent.innerWidth < 768) {{
  const bar = doc.querySelector('[data-testid="stSidebar"]');
  const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (bar && close && bar.getAttribute("data-collapsed") === "false") close.click();
}}
""")


def remember_deep_link(page_file: str) -> None:
    """A page run as a bare file (Streamlit serves pages/ directly to the very first visitor of a
    fresh server, before app.py has declared st.navigation): go through app.py so the sidebar exists,
    and keep the page (its ``__file__``) for :func:`follow_deep_link`."""
    session.put(KEYS.deep_link_page, page_file)
    st.switch_page("app.py", query_params=dict(st.query_params))


_APP_RAN_ONCE = threading.Event()  # set at the end of the process's first full run of app.py


def note_cold_start() -> None:
    """Called first in app.py: is this the process's first run, in Streamlit's old multipage mode?

    Until app.py has once called st.navigation, Streamlit treats the pages/ folder as an old-style
    multipage app, and widgets drawn in that run get identities that the next run does not reuse:
    the first visitor's first click in the sidebar (opening the region section, choosing a
    language) would be lost. :func:`settle_cold_start` then reruns once, before they can click."""
    # AppTest forgets the mode before each of its runs; a server learns it once, so one rerun per
    # process is all a browser ever needs.
    if PagesManager.uses_pages_directory and not _APP_RAN_ONCE.is_set():
        session.put(KEYS.cold_start, True)


def settle_cold_start() -> None:
    """Called last in app.py: after an old-mode first run, draw the page once more with the widget
    identities every later run keeps (costs the first visitor of a process one rerun)."""
    _APP_RAN_ONCE.set()
    if session.pop(KEYS.cold_start):
        st.rerun()


def follow_deep_link() -> None:
    """After st.navigation exists, send a cold-start visitor on to the page their link named."""
    page = session.pop(KEYS.deep_link_page)
    if page:
        # Not a page for this visitor (e.g. a counselor page before login): stay on the home page.
        with contextlib.suppress(st.errors.StreamlitAPIException):
            st.switch_page(str(page), query_params=dict(st.query_params))

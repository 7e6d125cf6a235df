"""Every key this app keeps in ``st.session_state``, in one place, and typed access to them.

Pages and glue never spell a session key as a string literal of their own: a renamed key is a
change here, and logout's list of counselor-only keys cannot drift from the keys that exist.
Widget keys that only the widget reads (``budget_rent`` ...) stay with their widget.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


@dataclass(frozen=True)
class Keys:
    """Names of the session keys (values are what Streamlit stores them under)."""

    # The reader and the region (lang and area_code are also the sidebar widgets' keys).
    lang: str = "lang"
    area_code: str = "area_code"
    region_open: str = "region_open"  # widget: the sidebar's region section is open
    kept_lang: str = "_kept_lang"  # plain copies that survive a run without the sidebar widgets
    kept_area: str = "_kept_area"
    start_area: str = "_start_area"  # a class's area, applied before the region picker is drawn
    bad_area: str = "_bad_area"  # a region code from the URL that is not an OEWS area
    place_key: str = "place_key"
    place_lookup: str = "place_lookup"
    place_chosen: str = "place_chosen"
    place_choice: str = "place_choice"  # widget: the choice among several places
    where_text: str = "where_text"  # widget: "ZIP code or town"
    # Navigation.
    occupation: str = "occupation"
    compare: str = "compare"
    go: str = "_go"  # a page a callback asked to switch to
    deep_link_page: str = "_deep_link_page"
    cold_start: str = "_cold_start"  # this run is the process's first, in the old multipage mode
    # The student's quiz.
    resume_code: str = "resume_code"
    quiz_page: str = "quiz_page"
    quiz_error: str = "quiz_error"
    quiz_finished: str = "quiz_finished"
    finished_quiz: str = "_finished_quiz"  # the finished quiz of resume_code, kept (it never changes)
    portfolio_codes: str = "_portfolio_codes"  # resume code -> its portfolio, as looked up this session
    budget_kept: str = "_budget_kept"  # the budget check's figures, kept while its section is closed
    just_saved: str = "_just_saved"  # the quiz as an answer's callback saved it, read once by the same run
    save_error: str = "save_error"
    confirm_start_over: str = "confirm_start_over"
    # The counselor.
    counselor: str = "counselor"
    counselor_seen: str = "counselor_seen"
    counselor_token: str = "counselor_token"
    counselor_timed_out: str = "counselor_timed_out"
    advising_code: str = "advising_code"
    cookie: str = "_cookie"  # a sign-in cookie to write ("-" clears it)
    signed_out: str = "_signed_out"
    sent_cookie: str = "_sent_cookie"  # the sign-in cookie the browser sent when this session began
    # The app's navigation pages, built once per session for its language and sign-in state.
    nav_pages: str = "_nav_pages"


KEYS = Keys()
# Everything only a signed-in counselor put in the session; logout removes all of it, so the next
# person at the computer cannot see the last student looked up or a half-edited catalog.
COUNSELOR_KEYS = (KEYS.counselor, KEYS.counselor_seen, KEYS.counselor_token, KEYS.advising_code, KEYS.cookie)
COUNSELOR_KEY_PREFIXES = ("editor_", "save_", "download_", "staff_")


def get(key: str, default: T) -> T:
    """The value under ``key``, or ``default`` when it is missing or empty (None, "")."""
    value = st.session_state.get(key)
    return default if value is None or value == "" else value


def text(key: str) -> str | None:
    """A string value (a code, a language), or None when it is missing or empty."""
    value = st.session_state.get(key)
    return value if isinstance(value, str) and value else None


def flag(key: str) -> bool:
    return bool(st.session_state.get(key))


def put(key: str, value: object) -> None:
    st.session_state[key] = value


def pop(key: str, default: T | None = None) -> object | T | None:
    """Remove and return the value under ``key`` (a one-time message or request)."""
    return st.session_state.pop(key, default)


def forget(key: str) -> None:
    """Remove ``key`` if present (a callback: "Cancel" drops a pending confirmation)."""
    st.session_state.pop(key, None)


def has(key: str) -> bool:
    return key in st.session_state


def forget_counselor() -> None:
    """Drop every counselor-only key (logout), including the counselor pages' widget states."""
    for key in list(st.session_state):
        if key in COUNSELOR_KEYS or str(key).startswith(COUNSELOR_KEY_PREFIXES):
            del st.session_state[key]

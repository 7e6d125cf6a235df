"""A student's favourites and pathway check-offs, saved to their portfolio the moment they change."""
from __future__ import annotations

import streamlit as st

from explorer import portfolio
from explorer.attempts import SavedQuiz
from explorer.i18n import Translator
from explorer.ui.navigation import fragment
from explorer.ui.session import KEYS


def _owner(saved: SavedQuiz) -> str:
    """The portfolio of this quiz, looked up once per session: a quiz's portfolio is fixed when the
    quiz starts (a retake is linked to its first quiz then), and every star and check-off needs it."""
    owners = st.session_state.setdefault(KEYS.portfolio_codes, {})
    if saved.resume_code not in owners:
        owners[saved.resume_code] = portfolio.portfolio_code(saved.resume_code)
    return owners[saved.resume_code]


def favourites(saved: SavedQuiz) -> list[str]:
    return portfolio.favourites(_owner(saved))


def toggle_favourite(saved: SavedQuiz, code: str, on: bool) -> None:
    portfolio.set_favourite(_owner(saved), code, on)


def toggle_step(saved: SavedQuiz, code: str, step: str, key: str) -> None:
    portfolio.set_step(_owner(saved), code, step, bool(st.session_state.get(key)))


def plan_steps(saved: SavedQuiz | None, code: str) -> dict[str, bool]:
    if saved is None:
        return {}
    return portfolio.plan(_owner(saved)).get(code, {})


@fragment
def favourite_button(saved: SavedQuiz, code: str, _: Translator) -> None:
    """The star button, redrawn alone when clicked (the occupation page around it stays)."""
    starred = code in favourites(saved)
    st.button(_("★ Remove from my favourites") if starred else _("☆ Add to my favourites"),
              on_click=toggle_favourite, args=(saved, code, not starred), key=f"favourite_{code}")


@fragment
def step_checkbox(saved: SavedQuiz, code: str, step: str, done: bool, _: Translator) -> None:
    """A pathway step's "Done" box, saved the moment it changes and redrawn alone."""
    key = f"plan_{code}_{step}"
    st.checkbox(_("Done"), value=done, key=key, on_change=toggle_step, args=(saved, code, step, key))


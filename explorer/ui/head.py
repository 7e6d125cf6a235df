"""What every page sets in the document itself: its language, the browser tab's title, and one style
sheet of our own (a visible keyboard focus on every control)."""
from __future__ import annotations

import streamlit as st

from explorer import i18n

# WCAG 2.4.7 / 1.4.11: a keyboard focus that is seen, at least 3:1 against what is around it. Streamlit's
# own focus marks are faint (a quiz answer's is a light grey background, about 1.1:1 on white), so every
# focusable control gets a 3 px outline in a dark blue (#1a4fa0: 7.9:1 on white, 6.9:1 on Streamlit's
# light grey sidebar #f0f2f6) with a white gap that keeps it distinct from a control's own border.
FOCUS_CSS = """<style>
:root { --focus-ring: #1a4fa0; }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible,
summary:focus-visible, [role="button"]:focus-visible, [role="radio"]:focus-visible, [role="tab"]:focus-visible,
[role="switch"]:focus-visible, [role="checkbox"]:focus-visible, [role="combobox"]:focus-visible,
[tabindex]:focus-visible {
  outline: 3px solid var(--focus-ring) !important; outline-offset: 2px !important;
}
/* Radio answers and checkboxes: the input itself is hidden; the ring goes on the whole choice. */
[data-testid="stRadioOption"]:has(input:focus-visible), label:has(> input[type="radio"]:focus-visible),
label:has(input[type="checkbox"]:focus-visible), [data-baseweb="checkbox"]:has(input:focus-visible) {
  outline: 3px solid var(--focus-ring) !important; outline-offset: 2px; border-radius: 4px;
}
/* Select boxes and text inputs: BaseWeb draws the box around the focused input. */
[data-baseweb="select"]:focus-within > div, [data-baseweb="input"]:focus-within, [data-baseweb="textarea"]:focus-within {
  outline: 3px solid var(--focus-ring) !important; outline-offset: 2px;
}
</style>"""

# Sets <html lang> to the reader's language (screen readers pick their voice from it). Our own fixed
# script; the only value in it is a language code from i18n.LANGUAGES, never user text.
LANG_SCRIPT = "<script>document.documentElement.lang = {lang!r};</script>"


def page_head(lang: str) -> None:
    """Title, language and focus style for this run's page (``lang`` must be one of i18n.LANGUAGES)."""
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    st.set_page_config(page_title=i18n.translator(lang)("Career Pathways Explorer"))
    st.html(FOCUS_CSS)
    with st.sidebar:
        st.html(LANG_SCRIPT.format(lang=lang), unsafe_allow_javascript=True)

"""Translation of every user-facing string: English message ids, one catalog per other language.

Catalogs are Babel ``.po`` files under ``explorer/locale/<lang>/LC_MESSAGES/explorer.po`` read
directly with Babel (no compile step, so a catalog can never be stale). A translator is a plain
function per language, never ``gettext.install()``: that is process-global, and students on one
server would see each other's language.

Update the catalogs after changing strings::

    pybabel extract -F babel.cfg -o explorer/locale/explorer.pot .
    pybabel update -i explorer/locale/explorer.pot -d explorer/locale -D explorer
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "explorer"
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
# Babel locale used to format numbers and money for each language (U.S. dollars, U.S. grouping).
NUMBER_LOCALES: dict[str, str] = {"en": "en_US", "es": "es_US"}

Translator = Callable[[str], str]


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated where it is shown)."""
    return message


def pick_language(requested: str | None, browser_locale: str | None = None) -> str:
    """The language to use: an explicit ``?lang=`` wins, then the browser's locale, then English."""
    for candidate in (requested, browser_locale):
        if candidate:
            code = candidate.replace("_", "-").split("-")[0].lower()
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=len(LANGUAGES))
def catalog(lang: str) -> dict[str, str]:
    """msgid -> translation for one language; empty for English (the msgids are English)."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with open(path, "rb") as handle:
        po = read_po(handle, locale=lang, domain=DOMAIN)
    return {m.id: m.string for m in po if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def translator(lang: str) -> Translator:
    """A function that translates one English message into ``lang`` (falls back to English)."""
    messages = catalog(lang)
    return lambda message: messages.get(message, message)

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

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from babel.dates import format_skeleton
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

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
    return {m.id: m.string for m in po
            if m.id and isinstance(m.id, str) and m.string and isinstance(m.string, str) and not m.fuzzy}


@lru_cache(maxsize=len(LANGUAGES))
def translator(lang: str) -> Translator:
    """A function that translates one English message into ``lang`` (falls back to English)."""
    messages = catalog(lang)
    return lambda message: messages.get(message, message)


@dataclass(frozen=True)
class Locale:
    """The reader's language: its translator and its number formats, passed as one object.

    Text and numbers always change language together (a Spanish sentence with "1,234.5" in it
    reads wrong), so functions that build reader-facing text take a Locale, never a translator and
    a language code that could disagree.
    """

    lang: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language {self.lang!r}; choose one of {', '.join(LANGUAGES)}")

    @property
    def _(self) -> Translator:
        """Translate one English message id into this language."""
        return translator(self.lang)

    @property
    def number_locale(self) -> str:
        return NUMBER_LOCALES[self.lang]

    def money(self, value: float, *, cents: bool = False) -> str:
        """U.S. dollars, whole ("$48,250") or with cents ("$23.20")."""
        pattern = "¤#,##0.00" if cents else "¤#,##0"
        return format_currency(value, "USD", locale=self.number_locale, format=pattern, currency_digits=False)

    def count(self, value: float) -> str:
        """A whole number with the language's grouping ("1,234")."""
        return format_decimal(value, format="#,##0", locale=self.number_locale)

    def percent(self, value: float | None) -> str:
        """A signed change in percent ("+4.1 %"); blank when the figure is missing (None or NaN)."""
        if value is None or pd.isna(value):
            return ""
        return format_decimal(float(value), format="+#,##0.0;-#,##0.0", locale=self.number_locale) + " %"

    def month(self, release: str) -> str:
        """A release named by its month as BLS names it ("May 2025"), in this language ("mayo de
        2025"); any other text is returned as it is."""
        try:
            moment = dt.datetime.strptime(release, "%B %Y")
        except ValueError:
            return release
        return format_skeleton("yMMMM", moment, locale=self.number_locale)

    def date(self, value: dt.date) -> str:
        """A calendar date as ISO 8601 (2026-03-01): one form every reader and spreadsheet reads the same."""
        return f"{value:%Y-%m-%d}"


@lru_cache(maxsize=len(LANGUAGES))
def locale(lang: str) -> Locale:
    """The shared Locale of one language."""
    return Locale(lang)

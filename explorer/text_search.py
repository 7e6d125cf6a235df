"""Forgiving name search for students: no case, no accents, word starts, light plural and gender endings.

A student types "enfermera", "enfermeria", "nurses" or "RN"; each word of the query must start a
word of one name (a title, its Spanish title or another name for the job). Both are reduced first:

- folded: accents and case removed ("Enfermería" -> "enfermeria");
- stemmed lightly, the same way on both sides: a final "s" and then a final "a", "e" or "o"
  ("enfermeros", "enfermera" -> "enfermer"; "nurses", "nurse" -> "nurs"), English "-ing"
  ("nursing" -> "nurs") and the Spanish "-ería" of a trade ("enfermería" -> "enfermer",
  "carpintería" -> "carpinter").

Query words shorter than three letters after stemming must equal a whole word ("RN" does not find
"Rnd"), so short abbreviations stay precise. This is not a full stemmer: it only has to make the
common plural and feminine forms of job names meet.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
SHORT_WORD = 3  # query stems shorter than this must match a whole word


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: "Enfermería" -> "enfermeria" (ñ becomes n)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def stem(word: str) -> str:
    """The light stem described in the module docstring (``word`` already folded)."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word[-1] in "aeo":
        word = word[:-1]
    if len(word) > 5 and word.endswith("eri"):  # -ería: enfermería, carpintería, panadería
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def stems(text: str) -> tuple[str, ...]:
    """Stems of the words of a name or a query, in order (cached: the same titles are searched often)."""
    return tuple(stem(w) for w in _WORD.findall(fold(text)))


def _word_matches(query_stem: str, name_stems: tuple[str, ...]) -> bool:
    if len(query_stem) < SHORT_WORD:
        return query_stem in name_stems
    return any(s.startswith(query_stem) for s in name_stems)


def name_matches(query: str, name: str) -> bool:
    """True when every word of ``query`` starts a word of ``name`` (after folding and stemming)."""
    wanted = stems(query)
    if not wanted:
        return False
    have = stems(name)
    return all(_word_matches(w, have) for w in wanted)


def first_match(query: str, names: tuple[str, ...] | list[str]) -> str | None:
    """The first of ``names`` that ``query`` matches (see :func:`name_matches`), or None."""
    for name in names:
        if name_matches(query, name):
            return name
    return None

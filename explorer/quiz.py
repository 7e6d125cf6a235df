"""Interest quiz: our own item banks by grade band, answer scales, scoring and quality checks.

Items are concrete work activities written for this project (``data/items/items_<band>_<lang>.csv``);
none is copied from the O*NET Interest Profiler. Every answer is stored on a 0-4 scale as O*NET's
forms score it, so a theme's score is a sum: 0-20 on the quick form (5 items per theme), 0-40 on
the full form (10). Grades 3-5 answer on a 3-point scale stored as 0 / 2 / 4.
"""
from __future__ import annotations

import csv
import itertools
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from explorer import riasec
from explorer.i18n import LANGUAGES, N_
from explorer.paths import DATA_DIR
from explorer.riasec import THEMES, HollandCode

ITEMS_DIR = DATA_DIR / "items"
BANDS: tuple[str, ...] = ("3-5", "6-8", "9-12")
FORMS: dict[str, int] = {"quick": 5, "full": 10}  # items per theme
GRADES_BY_BAND: dict[str, tuple[int, ...]] = {"3-5": (3, 4, 5), "6-8": (6, 7, 8), "9-12": (9, 10, 11, 12)}
FORMS_BY_BAND: dict[str, tuple[str, ...]] = {"3-5": ("quick",), "6-8": ("quick", "full"), "9-12": ("quick", "full")}
GROUP_SIZE = 6  # one item per theme on each screen

# (stored value, label, emoji). Labels are words AND emoji so no one has to decode a face.
FIVE_POINT = ((0, N_("Strongly dislike"), "😣"), (1, N_("Dislike"), "🙁"), (2, N_("Not sure"), "😐"),
              (3, N_("Like"), "🙂"), (4, N_("Strongly like"), "😀"))
THREE_POINT = ((4, N_("Like"), "😀"), (2, N_("Not sure"), "🤔"), (0, N_("Dislike"), "🙁"))

# Speed: an answer is too fast when it comes sooner than a quick reader could read the activity
# and click. Careless-responding research flags about 2 seconds per survey item (Huang et al.
# 2012, J. Business and Psychology 27:99-114); our items are short, so the limit follows their
# length: MIN_RESPONSE_SECONDS to move and click, plus the words at a reading rate faster than
# typical for the grade (adults read non-fiction silently at about 238 words a minute, i.e. ~4
# words/s, Brysbaert 2019, J. Memory and Language 109:104047; grade 5 oral reading fluency at the
# 50th percentile is about 139 words a minute, Hasbrouck & Tindal 2017). The median of the ratio
# (gap / limit) over the answers is used, so one quick double-click does not count.
MIN_RESPONSE_SECONDS = 0.5
READING_WORDS_PER_SECOND: dict[str, float] = {"3-5": 2.5, "6-8": 3.5, "9-12": 5.0}
# Flags that stop a confident reading, and flags that only add a gentle caution to results that
# still show (a clear, peaked profile answered quickly, or with many equal answers, is still real).
BLOCKING_FLAGS = ("incomplete", "all_same", "nearly_all_same")
CAUTION_FLAGS = ("mostly_same", "too_fast")
SAME_ANSWER_SHARE = 0.80  # a caution
NEARLY_ALL_SAME_SHARE = 0.90  # blocking: at most one answer in ten carries information


class QuizInputError(ValueError):
    """An answer sheet or item bank that does not fit the quiz: the message lists each problem."""


@dataclass(frozen=True)
class Item:
    id: str
    theme: str
    band: str
    quick: bool
    emoji: str
    text: str


def scale(band: str) -> tuple[tuple[int, str, str], ...]:
    return THREE_POINT if band == "3-5" else FIVE_POINT


def check_band_form(band: str, form: str) -> None:
    if band not in BANDS:
        raise QuizInputError(f"unknown grade band {band!r}; use one of {', '.join(BANDS)}")
    if form not in FORMS_BY_BAND[band]:
        raise QuizInputError(f"grades {band} have no {form!r} form; use {' or '.join(FORMS_BY_BAND[band])}")


@lru_cache(maxsize=16)
def item_bank(band: str, lang: str) -> tuple[Item, ...]:
    """Every item of one band in one language, as written in its data file."""
    if band not in BANDS or lang not in LANGUAGES:
        raise QuizInputError(f"no item bank for band {band!r} in language {lang!r}")
    path = ITEMS_DIR / f"items_{band}_{lang}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    items = tuple(Item(id=r["id"], theme=r["theme"], band=r["band"], quick=r["quick"] == "yes",
                       emoji=r["emoji"], text=r["text"]) for r in rows)
    bad = [i.id for i in items if i.theme not in THEMES or i.band != band or not i.text.strip()]
    if bad:
        raise QuizInputError(f"{path}: items with a bad theme, band or empty text: {bad}")
    return items


def form_items(band: str, form: str, lang: str = "en") -> list[Item]:
    """The items of one form, interleaved R I A S E C so each screen mixes all six themes."""
    check_band_form(band, form)
    bank = [i for i in item_bank(band, lang) if form == "full" or i.quick]
    by_theme = {t: [i for i in bank if i.theme == t] for t in THEMES}
    return [by_theme[t][k] for k in range(FORMS[form]) for t in THEMES]


def groups(items: list[Item], size: int = GROUP_SIZE) -> list[list[Item]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def max_theme_score(form: str) -> int:
    return 4 * FORMS[form]


def answer_problems(band: str, form: str, answers: Mapping[str, object]) -> list[str]:
    """Every reason an answer sheet cannot be scored as given (empty list: it can)."""
    check_band_form(band, form)
    valid_ids = {i.id for i in form_items(band, form)}
    allowed = {value for value, _label, _emoji in scale(band)}
    problems = []
    for item_id, value in answers.items():
        if item_id not in valid_ids:
            problems.append(f"item {item_id!r} is not on the grades {band} {form} form")
        elif isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            problems.append(f"item {item_id!r}: answer {value!r} is not one of {sorted(allowed)}")
    return problems


def theme_scores(band: str, form: str, answers: dict[str, int]) -> dict[str, int]:
    """Sum of the 0-4 answers per theme; unanswered items add nothing (and are flagged elsewhere)."""
    problems = answer_problems(band, form, answers)
    if problems:
        raise QuizInputError("; ".join(problems))
    return riasec.theme_sums(answers, {i.id: i.theme for i in form_items(band, form)})


def min_seconds(item: Item) -> float:
    """The least time a quick reader of the item's grade band needs to read it and click."""
    return MIN_RESPONSE_SECONDS + len(item.text.split()) / READING_WORDS_PER_SECOND[item.band]


def quality_flags(answers: dict[str, int], total_items: int, answered_at: dict[str, datetime] | None = None,
                  items: dict[str, Item] | None = None) -> list[str]:
    """Why these answers may not show real interests: incomplete, all_same, nearly_all_same, mostly_same, too_fast.

    ``answered_at`` maps item id -> when it was saved; ``items`` (id -> Item) gives each item's
    length for the speed check (without it, the 2-second rule of Huang et al. is used).
    """
    flags = []
    if len(answers) < total_items:
        flags.append("incomplete")
    values = list(answers.values())
    if values:
        top_count = max(values.count(v) for v in set(values))
        if top_count == len(values) and len(values) > 1:
            flags.append("all_same")
        elif top_count / len(values) >= NEARLY_ALL_SAME_SHARE:
            flags.append("nearly_all_same")
        elif top_count / len(values) >= SAME_ANSWER_SHARE:
            flags.append("mostly_same")
    if answered_at and len(answered_at) >= 6:
        order = sorted(answered_at, key=answered_at.__getitem__)
        gaps = [(answered_at[b] - answered_at[a]).total_seconds() for a, b in itertools.pairwise(order)]
        limits = [min_seconds(items[b]) if items and b in items else 2.0 for b in order[1:]]
        # All-identical times mean the timing is unknown (a portfolio imported without times), not speed.
        if max(gaps) > 0 and statistics.median(g / limit for g, limit in zip(gaps, limits)) < 1.0:
            flags.append("too_fast")
    return flags


@dataclass(frozen=True)
class Profile:
    """A scored quiz: what the student sees, and whether it is safe to show it with confidence."""

    band: str
    form: str
    scores: dict[str, int]
    max_score: int
    code: HollandCode
    shape: str
    consistency: str
    differentiation: float
    flags: list[str] = field(default_factory=list)

    @property
    def confident(self) -> bool:
        """True when the answers are complete, not all alike, and show favourites (cautions allowed).

        Many equal answers (80%) only add a caution; nearly all equal (90%) stop a confident
        reading, because then three answers or fewer would decide the whole list.
        """
        return not any(f in BLOCKING_FLAGS for f in self.flags) and self.shape != "flat"

    @property
    def cautions(self) -> list[str]:
        """Flags that leave results on screen with a gentle word (quick answers, many equal answers)."""
        return [f for f in self.flags if f in CAUTION_FLAGS] if self.confident else []


def score(band: str, form: str, answers: dict[str, int],
          answered_at: dict[str, datetime] | list[datetime] | None = None, lang: str = "en") -> Profile:
    """Score an answer sheet. ``answered_at`` is item id -> save time (a list follows ``answers``' order)."""
    scores = theme_scores(band, form, answers)
    if isinstance(answered_at, list):
        answered_at = dict(zip(answers, answered_at))
    items = {i.id: i for i in form_items(band, form, lang)}
    top = max_theme_score(form)
    code = riasec.holland_code(scores)
    return Profile(band=band, form=form, scores=scores, max_score=top, code=code,
                   shape=riasec.profile_shape(scores, top), consistency=riasec.consistency(code),
                   differentiation=round(riasec.differentiation(scores, top), 3),
                   flags=quality_flags(answers, 6 * FORMS[form], answered_at, items))

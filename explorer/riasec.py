"""The six Holland (RIASEC) interest themes, the Holland code, and the shape of a profile.

Themes sit on a hexagon in the order R-I-A-S-E-C; neighbours are most alike, opposite corners
least alike. That geometry gives consistency (how close the top two themes are) and the
coordinates of the hexagon chart.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from explorer.i18n import N_

THEMES: tuple[str, ...] = ("R", "I", "A", "S", "E", "C")
THEME_NAMES: dict[str, str] = {
    "R": N_("Realistic"),
    "I": N_("Investigative"),
    "A": N_("Artistic"),
    "S": N_("Social"),
    "E": N_("Enterprising"),
    "C": N_("Conventional"),
}
# Grades 3-5: the same six areas in words an 8-year-old uses (no "Investigative", no "hexagon").
THEME_NAMES_KIDS: dict[str, str] = {
    "R": N_("Build and fix"),
    "I": N_("Find out why"),
    "A": N_("Make and create"),
    "S": N_("Help people"),
    "E": N_("Lead and sell"),
    "C": N_("Sort and count"),
}


def theme_names(band: str) -> dict[str, str]:
    """The names of the six areas for a grade band (untranslated msgids)."""
    return THEME_NAMES_KIDS if band == "3-5" else THEME_NAMES


# Shape thresholds, as a share of the highest possible theme score (20 quick, 40 full).
FLAT_RANGE = 0.20  # top minus bottom at most 20% of the scale: no clear favourites
CLEAR_PEAK_GAP = 0.15  # first minus second at least 15%: one clear peak


@dataclass(frozen=True)
class HollandCode:
    """Top three themes, highest first. ``tied`` lists groups of equal scores that touch the top three.

    Equal scores are ordered R-I-A-S-E-C so the code is deterministic, but ``ambiguous`` says
    when a tie crosses the cut after the third letter, so the code could honestly have been another.
    """

    letters: str
    tied: tuple[tuple[str, ...], ...]
    ambiguous: bool

    def __str__(self) -> str:
        return self.letters


def theme_sums(answers: Mapping[str, Any], theme_of: Mapping[str, str]) -> dict[str, Any]:
    """Each theme's score: the sum of its items' 0-4 answers (unanswered items add nothing). Answers
    may be numbers or, for many students at once, pandas columns (one per item)."""
    sums: dict[str, Any] = dict.fromkeys(THEMES, 0)
    for item_id, value in answers.items():
        sums[theme_of[item_id]] = sums[theme_of[item_id]] + value
    return sums


def ranked(scores: Mapping[str, float]) -> list[str]:
    """Themes from highest to lowest score; equal scores in hexagon order."""
    return sorted(THEMES, key=lambda t: (-scores[t], THEMES.index(t)))


def holland_code(scores: Mapping[str, float]) -> HollandCode:
    order = ranked(scores)
    groups: dict[float, list[str]] = {}
    for theme in order:
        groups.setdefault(scores[theme], []).append(theme)
    tied = tuple(tuple(g) for g in groups.values() if len(g) > 1 and any(t in order[:3] for t in g))
    ambiguous = any(order[2] in g and order[3] in g for g in tied)
    return HollandCode(letters="".join(order[:3]), tied=tied, ambiguous=ambiguous)


def hexagon_distance(a: str, b: str) -> int:
    """Steps around the hexagon between two themes: 1 neighbours, 2 alternate, 3 opposite."""
    d = abs(THEMES.index(a) - THEMES.index(b))
    return min(d, 6 - d)


def consistency(code: HollandCode) -> str:
    """"high" when the first two letters are neighbours, "medium" one apart, "low" opposite."""
    return {1: "high", 2: "medium", 3: "low"}[hexagon_distance(code.letters[0], code.letters[1])]


def differentiation(scores: Mapping[str, float], max_score: float) -> float:
    """Highest minus lowest theme score as a share of the scale (0 = flat, 1 = extreme)."""
    return (max(scores.values()) - min(scores.values())) / max_score


def profile_shape(scores: Mapping[str, float], max_score: float) -> str:
    """"flat", "one_peak" (a clear favourite) or "two_peaks" (the top themes are close)."""
    if differentiation(scores, max_score) <= FLAT_RANGE:
        return "flat"
    first, second = (scores[t] for t in ranked(scores)[:2])
    return "one_peak" if (first - second) / max_score >= CLEAR_PEAK_GAP else "two_peaks"


def hexagon_points(scores: Mapping[str, float], max_score: float) -> list[dict]:
    """Corner coordinates for a hexagon chart: R at the top, clockwise, radius = score / max."""
    points = []
    for i, theme in enumerate(THEMES):
        angle = math.radians(90 - 60 * i)
        share = scores[theme] / max_score
        points.append({"theme": theme, "order": i, "share": share,
                       "x": share * math.cos(angle), "y": share * math.sin(angle),
                       "edge_x": math.cos(angle), "edge_y": math.sin(angle)})
    return points

"""The six Holland (RIASEC) interest themes and the geometry of the hexagon they sit on."""
from __future__ import annotations

THEMES: tuple[str, ...] = ("R", "I", "A", "S", "E", "C")
THEME_NAMES: dict[str, str] = {
    "R": "Realistic",
    "I": "Investigative",
    "A": "Artistic",
    "S": "Social",
    "E": "Enterprising",
    "C": "Conventional",
}

"""The labelled sample of graduates' outcomes for the sample catalog: made up, seeded, reproducible.

``python -m explorer outcomes sample --out data/sample_outcomes`` writes one CSV per graduation year
(2023, 2024, 2025). Every id starts with ``SAMPLE-`` so an import marks the rows as sample data, the
pages say "Sample data", and a district's own import removes them. The numbers are drawn from fixed
probabilities per program (below), not from any real district: they exist so tests and screenshots
have something to show, including a small program (HS-FOREST, 4-5 graduates a year) that only pools
into a window and never gets a year of its own.
"""
from __future__ import annotations

import random
from pathlib import Path

from explorer import exports
from explorer.outcomes import COLUMNS, GROUP_PREFIX, SAMPLE_ID_PREFIX

SEED = 2026
YEARS = (2023, 2024, 2025)
# program: (graduates a year, credentials it may earn, SOC codes it leads to, chance of each step)
PROGRAMS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...], float]] = {
    "HS-HEALTH": (34, ("CNA-LA", "AHA-BLS"), ("31-1131", "29-2061"), 0.75),
    "HS-ELEC": (22, ("NCCER-CORE", "NCCER-ELEC1", "OSHA-10"), ("47-2111",), 0.7),
    "HS-WELD": (16, ("AWS-CW", "NCCER-CORE"), ("51-4121",), 0.65),
    "HS-IT": (12, ("COMPTIA-APLUS",), ("15-1232",), 0.5),
    "HS-FOREST": (5, (), ("45-4022",), 0.4),
}
GROUPS = {"gender": ("female", "male", ""), "campus": ("North", "South")}
BANDS = ("under_20k", "20k_to_30k", "30k_to_40k", "40k_to_50k", "50k_to_75k")


def rows_for(year: int, rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for program, (size, credentials, socs, chance) in PROGRAMS.items():
        for _ in range(size + rng.randint(-2, 2)):
            employed = rng.random() < chance * 0.75
            enrolled = rng.random() < 0.2
            status_12 = "both" if employed and enrolled else "employed" if employed else "enrolled" if enrolled \
                else rng.choice(("neither", "unknown"))
            in_field = employed and rng.random() < chance
            rows.append({
                "student_id": f"{SAMPLE_ID_PREFIX}{year}-{len(rows) + 1:04d}", "graduation_year": year,
                "program_codes": program,
                "credential_ids": "; ".join(c for c in credentials if rng.random() < chance),
                "dual_enrollment_credits": rng.choice((0, 0, 3, 6, 9, 12)),
                "wbl_types": "internship" if rng.random() < chance else "",
                "wbl_hours": rng.choice((0, 40, 120)) if rng.random() < chance else 0,
                "status_6_months": status_12 if rng.random() < 0.8 else rng.choice(("employed", "enrolled", "neither")),
                "status_12_months": status_12,
                "occupation_soc": (socs[0] if in_field else "35-2014") if employed else "",
                "wage_band": rng.choice(BANDS) if employed else "",
                f"{GROUP_PREFIX}gender": rng.choice(GROUPS["gender"]),
                f"{GROUP_PREFIX}campus": rng.choice(GROUPS["campus"]),
            })
    return rows


def write(out: Path, seed: int = SEED) -> list[Path]:
    """One file per year into ``out``; the same seed writes the same bytes."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    header = [*COLUMNS, f"{GROUP_PREFIX}gender", f"{GROUP_PREFIX}campus"]
    for year in YEARS:
        path = out / f"outcomes_{year}.csv"
        path.write_text(exports.rows_csv(header, rows_for(year, rng)), encoding="utf-8", newline="")
        paths.append(path)
    return paths

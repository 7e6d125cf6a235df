"""Where the project keeps its committed data and its runtime state."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
MANIFEST = DATA_DIR / "MANIFEST.json"
# Runtime state (the SQLite database) lives here; the folder is gitignored.
VAR_DIR = ROOT / "var"

KNOWLEDGE_FILES: dict[str, str] = {
    "occupations": "occupations.parquet",
    "related_occupations": "related_occupations.parquet",
    "regions": "regions.parquet",
    "local_figures": "local_figures.parquet",
    "zip_areas": "zip_areas.parquet",
    "towns": "towns.parquet",
    "county_points": "county_points.parquet",
    "alternate_titles": "alternate_titles.parquet",
    "skill_ranks": "skill_ranks.parquet",
    "work_styles": "work_styles.parquet",
    "ai_applicability": "ai_applicability.parquet",
    "ai_activities": "ai_activities.parquet",
    "institutions": "institutions.parquet",
    "program_awards": "program_awards.parquet",
    "cip_soc": "cip_soc.parquet",
    "cip_titles": "cip_titles.parquet",
    "program_earnings": "program_earnings.parquet",
    "apprenticeships": "apprenticeships.parquet",
}
# Written by hand for this project (not built from a source): plain-language descriptions and
# Spanish titles of every occupation, one row per O*NET-SOC code.
OCCUPATION_TEXT = "occupation_text.csv"
# Written by hand: our own plain words (English, Spanish) for the 17 BLS skills of skill_ranks.
SKILL_WORDS = "skill_words.csv"
# Written by hand: our Spanish names for what the app shows in English from its sources (career
# clusters, O*NET work styles and work activities, BLS occupation groups without an O*NET title).
CLUSTER_WORDS = "cluster_words.csv"
WORK_STYLE_WORDS = "work_style_words.csv"
AI_ACTIVITY_WORDS = "ai_activity_words.csv"
BLS_GROUP_WORDS = "bls_group_words.csv"
BUILD_COMMAND = "python -m explorer build-data --shared ../shared/data"

"""Load the committed knowledge base (``data/*.parquet``) as typed pandas tables, once per process.

The app and the CLI read only these files at run time; the public sources are needed only to
rebuild them (``python -m explorer build-data``). A missing, edited or truncated file fails here
with a message naming the file and the command that rebuilds it, before any page draws a number.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from explorer.build.sources import sha256_of
from explorer.paths import BUILD_COMMAND, DATA_DIR, KNOWLEDGE_FILES, OCCUPATION_TEXT

TEXT_COLUMNS = ["onet_code", "title", "title_es", "description_en", "description_es"]


class DataError(Exception):
    """The committed knowledge base is missing or does not match its manifest."""


@dataclass(frozen=True, eq=False)  # identity equality: usable as a cache key, one per process
class KnowledgeBase:
    """The derived tables, each keyed as documented in the README.

    occupations: one row per O*NET-SOC code with interest data, indexed by ``onet_code``.
    regions: every OEWS area, indexed by ``area_code``.
    local_figures: cross-industry OEWS figures per (area_code, oews_code); missing values are
        ``<NA>`` and the matching ``*_footnote`` column says why (4, 5 or 8, see :mod:`explorer.labor`).
    zip_areas, towns, county_points: where a student lives -> OEWS area (see :mod:`explorer.places`).
    alternate_titles: other names of each occupation (onet_code, rank, title), most common first.
    occupation_text: our own plain-language description (English, Spanish) and Spanish title of
        every occupation, indexed by ``onet_code`` (see :func:`read_occupation_text`).
    """

    occupations: pd.DataFrame
    related_occupations: pd.DataFrame
    regions: pd.DataFrame
    local_figures: pd.DataFrame
    zip_areas: pd.DataFrame
    towns: pd.DataFrame
    county_points: pd.DataFrame
    alternate_titles: pd.DataFrame
    skill_ranks: pd.DataFrame  # BLS EP Table 6.5 (ep_code, skill, percentile_rank, imputed)
    work_styles: pd.DataFrame  # O*NET 30.1 most distinctive work styles per onet_code
    ai_applicability: pd.DataFrame  # "Working with AI" score per onet_code (see explorer.ai_use)
    ai_activities: pd.DataFrame  # per (soc_code, iwa_id) of the paper
    institutions: pd.DataFrame  # IPEDS HD2024 active colleges with a program linked to a job (see explorer.training)
    program_awards: pd.DataFrame  # IPEDS C2024_A: (unitid, cip, award_level) -> completers 2023-24
    cip_soc: pd.DataFrame  # NCES CIP 2020 -> SOC 2018 crosswalk pairs
    cip_titles: pd.DataFrame  # CIP 2020 six-digit titles
    program_earnings: pd.DataFrame  # College Scorecard medians per (opeid6, cip4, credential_level)
    apprenticeships: pd.DataFrame  # DOL apprenticeable occupations (2019) joined to today's onet_code
    occupation_text: pd.DataFrame
    manifest: dict

    @property
    def oews_release(self) -> str:
        """The OEWS release the local figures come from, e.g. "May 2025"."""
        return self.manifest["files"][KNOWLEDGE_FILES["local_figures"]]["sources"][0]["release"]

    @property
    def ep_release(self) -> str:
        return "2024-34"


def _rebuild_hint() -> str:
    return f"rebuild it with `{BUILD_COMMAND}`"


def read_manifest(data_dir: Path) -> dict:
    path = data_dir / "MANIFEST.json"
    if not path.is_file():
        raise DataError(f"missing {path}; {_rebuild_hint()}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path} is not valid JSON ({exc}); {_rebuild_hint()}") from exc


def _read_table(data_dir: Path, manifest: dict, name: str, verify: bool) -> pd.DataFrame:
    filename = KNOWLEDGE_FILES[name]
    path = data_dir / filename
    entry = manifest.get("files", {}).get(filename)
    if not path.is_file():
        raise DataError(f"missing knowledge-base file {path}; {_rebuild_hint()}")
    if entry is None:
        raise DataError(f"{path} is not listed in {data_dir / 'MANIFEST.json'}; {_rebuild_hint()}")
    if verify and sha256_of(path) != entry["sha256"]:
        raise DataError(f"{path} is corrupt or edited (sha256 differs from MANIFEST.json); {_rebuild_hint()}")
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise DataError(f"{path} cannot be read ({exc}); {_rebuild_hint()}") from exc
    missing = [c for c in entry["columns"] if c not in frame.columns]
    if missing or len(frame) != entry["rows"]:
        raise DataError(f"{path} does not match MANIFEST.json (missing columns {missing}, "
                        f"{len(frame)} rows vs {entry['rows']}); {_rebuild_hint()}")
    return frame


def read_occupation_text(data_dir: Path, codes: pd.Index) -> pd.DataFrame:
    """The hand-written descriptions and Spanish titles, one row per code in ``codes`` (in that order).

    The file is edited by hand, so it is checked for shape, not against a hash: known columns,
    known and unique codes. A code without a row gets empty (``<NA>``) text; pages then show the
    English title and no description, and ``tests/test_occupation_text.py`` insists on every row.
    """
    path = data_dir / OCCUPATION_TEXT
    if not path.is_file():
        raise DataError(f"missing {path} (written by hand for this project, not by build-data): "
                        "restore it from the project's repository")
    try:
        frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"{path} is not UTF-8 CSV ({exc}); fix the file by hand") from exc
    missing = [c for c in TEXT_COLUMNS if c not in frame.columns]
    unknown = frame.loc[~frame["onet_code"].isin(codes), "onet_code"].tolist() if not missing else []
    repeated = frame.loc[frame["onet_code"].duplicated(), "onet_code"].tolist() if not missing else []
    if missing or unknown or repeated:
        raise DataError(f"{path}: expected columns {TEXT_COLUMNS} with one row per O*NET-SOC code of "
                        f"occupations.parquet (missing columns {missing}, unknown codes {unknown[:5]}, "
                        f"repeated codes {repeated[:5]}); fix the file by hand")
    frame = frame[TEXT_COLUMNS].replace("", pd.NA).set_index("onet_code", drop=False).reindex(codes)
    frame["onet_code"] = codes
    return frame


def load(data_dir: Path = DATA_DIR, *, verify: bool = True) -> KnowledgeBase:
    """Read every table and check it against ``MANIFEST.json`` (sha256, columns, rows)."""
    manifest = read_manifest(data_dir)
    tables = {name: _read_table(data_dir, manifest, name, verify) for name in KNOWLEDGE_FILES}
    tables["occupations"] = tables["occupations"].set_index("onet_code", drop=False)
    tables["regions"] = tables["regions"].set_index("area_code", drop=False)
    text = read_occupation_text(data_dir, tables["occupations"].index)
    return KnowledgeBase(manifest=manifest, occupation_text=text, **tables)


@lru_cache(maxsize=4)
def knowledge_base(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """The knowledge base, loaded once per process and shared read-only by every session."""
    return load(data_dir)

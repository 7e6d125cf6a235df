"""build-data: reproducible from the sources, and bad input leaves data/ untouched."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from explorer.build import BuildError, Sources, build_into
from explorer.data import DataError, load
from explorer.paths import DATA_DIR, KNOWLEDGE_FILES, ROOT


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory, shared_data) -> Path:
    out = tmp_path_factory.mktemp("data")
    build_into(Sources.from_shared(shared_data), out, "test")
    return out


def test_committed_data_equals_a_fresh_build(fresh_build):
    for filename in KNOWLEDGE_FILES.values():
        committed = pd.read_parquet(DATA_DIR / filename)
        rebuilt = pd.read_parquet(fresh_build / filename)
        pd.testing.assert_frame_equal(committed, rebuilt, check_exact=True, obj=filename)


def test_manifest_describes_every_file(fresh_build):
    manifest = json.loads((fresh_build / "MANIFEST.json").read_text())
    assert set(manifest["files"]) == set(KNOWLEDGE_FILES.values())
    for name, entry in manifest["files"].items():
        assert entry["rows"] == len(pd.read_parquet(fresh_build / name))
        assert entry["bytes"] == (fresh_build / name).stat().st_size
        assert entry["sources"] and all(s["license"] and s["release"] for s in entry["sources"])
        assert entry["inputs_sha256"] and entry["build_command"]
    assert "CC BY 4.0" in manifest["files"]["occupations.parquet"]["sources"][0]["attribution"]


def test_data_folder_is_small():
    total = sum(p.stat().st_size for p in DATA_DIR.rglob("*") if p.is_file())
    assert total < 25e6, f"data/ is {total / 1e6:.1f} MB"


def _copy_sources(shared: Path, tmp: Path) -> Path:
    copy = tmp / "shared"
    shutil.copytree(shared, copy, ignore=shutil.ignore_patterns("*.xlsx", "Tools Used.txt", "Technology Skills.txt",
                                                                 "Task*.txt", "Alternate Titles.txt"))
    return copy


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture
def target(tmp_path, fresh_build) -> Path:
    out = tmp_path / "data"
    shutil.copytree(fresh_build, out)
    return out


def _break(shared: Path, case: str) -> str:
    onet = shared / "onet" / "db_30_1_text"
    if case == "missing file":
        (onet / "Job Zones.txt").unlink()
        return "Job Zones.txt"
    if case == "renamed column":
        path = onet / "Interests.txt"
        path.write_text(path.read_text().replace("Data Value", "Value", 1))
        return "'Data Value'"
    if case == "wrong release layout":
        path = onet / "Interests.txt"
        lines = path.read_text().splitlines(keepends=True)
        path.write_text(lines[0] + "".join(line for line in lines[1:] if "\tOI\t" not in line))
        return "OI"
    if case == "ep not a table":
        (shared / "bls_ep" / "table_1_2_occupational_projections_2024_34.csv").write_text("just,some\n1,2\n")
        return "Typical education needed for entry"
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["missing file", "renamed column", "wrong release layout", "ep not a table"])
def test_bad_source_names_the_problem_and_leaves_data_untouched(case, shared_data, tmp_path, target):
    shared = _copy_sources(shared_data, tmp_path)
    expected_text = _break(shared, case)
    before = _snapshot(target)
    with pytest.raises(BuildError) as err:
        build_into(Sources.from_shared(shared), target, "test")
    message = str(err.value)
    assert expected_text in message and "\n" not in message
    assert _snapshot(target) == before
    assert not list(target.parent.glob(".build-*")), "staging folder left behind"


def test_cli_reports_bad_oews_path_in_one_line(tmp_path, shared_data):
    bogus = tmp_path / "oews.sqlite"
    bogus.write_bytes(b"not a database at all")
    run = subprocess.run([sys.executable, "-m", "explorer", "build-data", "--shared", str(shared_data),
                          "--oews", str(bogus), "--out", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and str(bogus) in run.stderr and "SQLite" in run.stderr
    assert not (tmp_path / "out" / "MANIFEST.json").exists()


def test_loader_names_missing_and_corrupt_files(tmp_path, fresh_build):
    copy = tmp_path / "data"
    shutil.copytree(fresh_build, copy)
    (copy / "regions.parquet").write_bytes(b"PAR1 truncated")
    with pytest.raises(DataError, match=r"regions\.parquet.*corrupt.*build-data"):
        load(copy)
    (copy / "regions.parquet").unlink()
    with pytest.raises(DataError, match=r"missing knowledge-base file .*regions\.parquet.*build-data"):
        load(copy)


def test_every_committed_data_file_is_in_the_manifest():
    from explorer.build.sources import sha256_of

    manifest = json.loads((DATA_DIR / "MANIFEST.json").read_text())
    on_disk = {str(p.relative_to(DATA_DIR)) for p in DATA_DIR.rglob("*") if p.is_file() and p.name != "MANIFEST.json"}
    assert on_disk == set(manifest["files"])
    for name, entry in manifest["files"].items():
        assert sha256_of(DATA_DIR / name) == entry["sha256"], f"{name} changed; rerun build-data"
        assert entry["sources"][0]["license"]

"""python -m explorer: subcommands, JSON output, and one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from explorer.paths import ROOT


def explorer(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, capture_output=True, text=True)


def test_help_lists_subcommands():
    run = explorer("--help")
    assert run.returncode == 0
    for name in ["build-data", "occupations", "regions"]:
        assert name in run.stdout


@pytest.fixture(scope="module")
def austin():
    run = explorer("occupations", "--area", "0012420", "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_occupations_json_for_austin(austin, oews_db):
    assert isinstance(austin, list) and len(austin) == 923
    by_code = {item["onet_code"]: item for item in austin}
    dev = by_code["15-1252.00"]
    assert dev["title"] == "Software Developers"
    cell = oews_db.execute("SELECT v01, v13 FROM cell WHERE key = 'OEUM0012420000000151252'").fetchone()
    assert dev["employment"] == int(cell["v01"]) and dev["annual_median"] == int(cell["v13"])
    assert dev["in_area"] is True and dev["footnotes"] == {}


def test_missing_values_are_null_with_footnote_never_zero(austin):
    for item in austin:
        for field in ["employment", "annual_median", "annual_p90", "hourly_median"]:
            assert item[field] != 0
            if item[field] is None:
                assert item["footnotes"].get(field) or item["footnotes"].get("all") in (
                    "not_in_area", "not_published_anywhere"), item
    statuses = {s for item in austin for s in item["footnotes"].values()}
    assert {"not_released", "not_in_area", "annual_only"} <= statuses


def test_top_coded_wage_is_null_with_its_footnote():
    run = explorer("occupations", "--area", "0038900", "--json")  # Portland-Vancouver-Hillsboro, OR-WA
    top = [item for item in json.loads(run.stdout) if item["footnotes"].get("annual_median") == "top_coded"]
    assert top and all(item["annual_median"] is None for item in top)


def test_unknown_area_is_one_clear_line():
    run = explorer("occupations", "--area", "9999999", "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("error: unknown area code '9999999'") and run.stderr.count("\n") == 1


def test_regions_search():
    run = explorer("regions", "--search", "austin")
    assert run.returncode == 0
    assert "0012420" in run.stdout and "Austin-Round Rock-San Marcos, TX" in run.stdout


def _sheet(tmp_path, body: dict) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(body))
    return str(path)


def test_score_answer_sheet(tmp_path):
    from explorer import quiz

    items = quiz.form_items("9-12", "quick")
    values = {"R": 4, "I": 1, "A": 3, "S": 0, "E": 2, "C": 0}
    run = explorer("score", "--answers", _sheet(tmp_path, {"band": "9-12", "form": "quick",
                                                            "answers": {i.id: values[i.theme] for i in items}}), "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["scores"] == {"R": 20, "I": 5, "A": 15, "S": 0, "E": 10, "C": 0}
    assert out["holland_code"] == "RAE" and out["shape"] == "one_peak" and out["quality_flags"] == []


@pytest.mark.parametrize("body,expected", [
    ({"band": "9-12", "form": "quick", "answers": {"HR01": 9}}, "answers.HR01: answer 9 is not one of 0, 1, 2, 3, 4"),
    ({"band": "9-12", "form": "quick", "answers": {"MR01": 2}}, "answers.MR01: not an item of the grades 9-12 quick form"),
    ({"band": "3-5", "form": "full", "answers": {}}, "form: grades 3-5 have no full form; use quick"),
    ({"answers": []}, "answers: expected an object, found […]"),
    ([1, 2], "expected an object, found […]"),
    ({"band": "9-12", "form": "quick", "answers": {"HR01": "4", "HI01": True, "HA01": 2.0, "ZZ01": 1}},
     'answers.HR01: expected a whole number without quotes, found "4"; answers.HI01: expected a whole number '
     "without quotes, found true; answers.HA01: expected a whole number without quotes, found 2.0; "
     "answers.ZZ01: not an item"),
    ({"band": 912, "form": "quick", "answers": {}}, "band: expected '3-5', '6-8' or '9-12', found 912"),
    ({"band": "9-12", "form": "quick", "answers": {}, "student": "Ana"}, "student: unknown key"),
    ({"band": "9-12", "form": "quick", "answers": {"HR01": 2**63}}, "answer 9223372036854775808 is not one of"),
])
def test_score_rejects_bad_sheets(tmp_path, body, expected):
    run = explorer("score", "--answers", _sheet(tmp_path, body))
    assert run.returncode == 2 and expected in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert run.stdout == "" and run.stderr.startswith(f"error: {tmp_path / 'answers.json'}: ") and run.stderr.count("\n") == 1


@pytest.mark.parametrize("content,expected", [
    (None, "is a folder; give the path of the JSON file itself"),
    ("missing", "no such file"),
    (b"\xff\xfe{\x00}", "the file is not UTF-8 text (byte 1 cannot be read)"),
    (b'{"band": "9-12",', "the file is not JSON (a mistake at line 1, column 17)"),
    (b"[" * 10_000 + b"]" * 10_000, "the file is nested more than 32 levels deep"),
    (b'{"band": "9-12", "form": "quick", "answers": {"HR01": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}',
     "the file is nested more than 32 levels deep"),
    (b'{"band": "9-12", "form": "quick", "answers": {"HR01": NaN}}', "the file contains NaN, which is not a JSON number"),
    (b" " * 2_000_001, "the file is larger than 2 MB"),
], ids=["folder", "missing", "not-utf8", "not-json", "deep", "deep-answer", "nan", "too-big"])
def test_score_refuses_unreadable_answer_files_in_one_line(tmp_path, content, expected):
    path = tmp_path / "sheet.json"
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    run = explorer("score", "--answers", str(path))
    assert run.returncode == 2 and run.stdout == "", run.stderr
    assert run.stderr == f"error: {path}: {expected}\n", run.stderr
    assert "Traceback" not in run.stderr


def test_score_reads_a_sheet_with_a_byte_order_mark(tmp_path):
    from explorer import quiz

    path = tmp_path / "bom.json"
    answers = {i.id: 4 if i.theme == "S" else 1 for i in quiz.form_items("6-8", "quick")}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"band": "6-8", "form": "quick", "answers": answers}).encode())
    run = explorer("score", "--answers", str(path), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["scores"]["S"] == 20


def test_match_json_ranks_with_local_figures(oews_db):
    run = explorer("match", "--scores", "R=5,I=20,A=0,S=15,E=10,C=3", "--area", "0012420", "--top", "10", "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    results = out["results"]
    assert len(results) == 10 and [r["rank"] for r in results] == list(range(1, 11))
    assert all(r["band"] in {"best", "great", "good"} and 0 <= r["r"] <= 1 for r in results)
    assert out["source"] == "BLS OEWS May 2025, Austin-Round Rock-San Marcos, TX"
    first = results[0]
    key = "OEUM0012420000000" + first["oews_code"].replace("-", "")
    cell = oews_db.execute("SELECT v01 FROM cell WHERE key = ?", (key,)).fetchone()
    assert first["employment"] == int(cell["v01"])


@pytest.mark.parametrize("scores,expected", [("R=5,I=20", "missing A, S, E, C"), ("R=5,I=x,A=0,S=1,E=1,C=1", "needs a number"),
                                             ("R=5,I=2,A=0,S=1,E=1,Q=1", "'Q=1' is not one of"),
                                             ("R=-5,I=2,A=0,S=1,E=1,C=1", "negative")])
def test_match_rejects_bad_scores(scores, expected):
    run = explorer("match", "--scores", scores)
    assert run.returncode == 2 and expected in run.stderr


def test_benchmark_peers_give_the_same_correlations_and_order(kb):
    from explorer import bench, labor, matching

    scores = {"R": 2, "I": 4, "A": 18, "S": 9, "E": 6, "C": 1}
    fast = matching.rank(matching.Matcher.from_occupations(kb.occupations), scores,
                         labor.local_occupations(kb, "0012420"), priorities=["fit"])
    for peer in (bench.naive_match(kb, scores, "0012420"), bench.corrcoef_match(kb, scores, "0012420")):
        assert np.allclose(fast["r"].to_numpy(), peer.loc[fast.index, "r"].to_numpy())
        # Ours lists one row per BLS group; dropping the other members, the peers' order is ours.
        leaders = [code for code in peer.index if code in set(fast.index)]
        assert [c for c in leaders if fast.loc[c, "in_area"]][:20] == [c for c in fast.index if fast.loc[c, "in_area"]][:20]


def test_match_json_names_whose_figures_and_the_group(tmp_path):
    run = explorer("match", "--scores", "R=5,I=20,A=0,S=15,E=10,C=3", "--area", "0012420", "--top", "10", "--json")
    results = json.loads(run.stdout)["results"]
    nurses = [r for r in results if (r["figures_for"] or {}).get("code") == "29-1141"]
    assert len(nurses) == 1 and nurses[0]["figures_for"]["title"] == "Registered Nurses"
    assert {m["title"] for m in nurses[0]["same_bls_group"]} >= {"Registered Nurses", "Acute Care Nurses"} - {nurses[0]["title"]}
    assert len({(r["figures_for"] or {}).get("code", r["onet_code"]) for r in results}) == len(results)
    text = explorer("match", "--scores", "R=5,I=20,A=0,S=15,E=10,C=3", "--area", "0012420", "--top", "10").stdout
    assert "Jobs and pay are for all Registered Nurses" in text


def test_match_here_lists_what_the_results_page_lists(kb):
    """--here: found in the area, Best and Great, college teachers as one row (Austin; Alexandria, LA)."""
    run = explorer("match", "--scores", "R=3,I=14,A=6,S=18,E=8,C=5", "--area", "0012420", "--top", "15", "--here",
                   "--json")
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)["results"]
    assert all(r["band"] in {"best", "great"} and r["employment"] is not None for r in results)
    teachers = [r for r in results if r["title"].endswith(", Postsecondary")]
    assert len(teachers) == 1 and len(teachers[0]["same_family"]) >= 20
    assert all(m["title"].endswith("Postsecondary") for m in teachers[0]["same_family"])
    local = set(kb.local_figures.loc[kb.local_figures["area_code"] == "0010780", "oews_code"])
    alexandria = json.loads(explorer("match", "--scores", "R=3,I=14,A=6,S=18,E=8,C=5", "--area", "0010780",
                                     "--here", "--json").stdout)["results"]
    assert len(alexandria) == 10 and all(r["oews_code"] in local for r in alexandria)

"""Skills and AI applicability (#14): the committed tables checked against the source files."""
from __future__ import annotations

import csv
import random
import re

import openpyxl
import pytest

from explorer import ai_use, skills
from explorer.build.skills_ai import SKILL_IDS
from explorer.i18n import locale, translator

SEED = 14
_ = translator("en")


@pytest.fixture(scope="module")
def table_6_5(shared_data) -> dict[str, dict[str, int]]:
    """Table 6.5 read cell by cell with openpyxl (not the build's pandas reader)."""
    book = openpyxl.load_workbook(shared_data / "bls_ep" / "skills.xlsx", read_only=True)
    rows = list(book["Table 6.5"].iter_rows(values_only=True))
    header = [str(c).strip() for c in rows[1]]
    out = {}
    for row in rows[2:]:
        if row[1] and re.fullmatch(r"\d{2}-\d{4}", str(row[1])):
            out[str(row[1])] = {SKILL_IDS[name]: int(row[i]) for i, name in enumerate(header) if name in SKILL_IDS}
    return out


def test_skill_ids_match_the_build():
    assert skills.SKILLS == tuple(SKILL_IDS.values()) and len(skills.SKILLS) == 17


def test_twenty_occupations_skill_ranks_equal_table_6_5(kb, table_6_5):
    codes = sorted(set(kb.occupations["ep_code"].dropna()))
    for ep_code in random.Random(SEED).sample(codes, 20):
        assert skills.ranks(kb, ep_code) == table_6_5[ep_code], ep_code
    # Every EP code we use has skills data.
    assert set(codes) <= set(table_6_5)
    assert skills.ranks(kb, "11-1011")["critical_thinking"] == 99


def test_top_skills_carry_source_and_plain_words(kb):
    nurse = kb.occupations.loc["29-1141.00"]
    top = skills.top_skills(kb, nurse, locale("en"))
    assert [s.skill for s in top][:2] == ["interpersonal", "adaptability"] and top[0].percentile_rank == 97
    assert all(s.source == "BLS Employment Projections 2024-34, skills data (Table 6.5)" for s in top)
    spanish = skills.top_skills(kb, nurse, locale("es"))
    assert spanish[0].label == "Relaciones con las personas" and spanish[0].plain != top[0].plain


def test_grouped_skill_ranks_say_whose_they_are(kb):
    specialty = kb.occupations.loc["13-1021.00"]  # Buyers and Purchasing Agents, Farm Products -> BLS 13-1020
    assert specialty["ep_basis"] == "bls_aggregate"
    assert "Buyers and purchasing agents" in skills.skills_note(kb, specialty, _)
    assert skills.skills_note(kb, kb.occupations.loc["29-1141.00"], _) == ""
    legislators = kb.occupations.loc["11-1031.00"]  # footnote [1] in Table 6.5
    assert "filled in" in skills.skills_note(kb, legislators, _)
    es = translator("es")
    # In Spanish the broader group is named in Spanish: ours for its SOC occupation, never a specialty's.
    assert "Compradores y agentes de compras" in skills.skills_note(kb, specialty, es, "es")
    assert "Otros médicos" in skills.skills_note(kb, kb.occupations.loc["29-1229.01"], es, "es")


def test_twenty_ai_scores_equal_the_paper(kb, shared_data):
    with open(shared_data / "ai_applicability" / "soc_ai_applicability_scores.csv", newline="") as handle:
        paper = {row["SOC Code"]: float(row["ai_applicability_score"]) for row in csv.DictReader(handle)}
    assert len(paper) == ai_use.STUDIED_OCCUPATIONS
    values = sorted(paper.values())
    codes = sorted(kb.occupations.index)
    for code in random.Random(SEED).sample(codes, 20):
        use = ai_use.ai_use(kb, code)
        assert use is not None and use.score == pytest.approx(paper[use.ai_code], rel=1e-6), code
        assert use.percentile == round(100 * sum(v < paper[use.ai_code] for v in values) / len(values))
        row = kb.occupations.loc[code]
        assert use.ai_code == (row["soc_code"] if row["soc_code"] in paper else row["oews_code"])
    assert ai_use.ai_use(kb, "11-1011.00").score == pytest.approx(0.155502898114603)


def test_iwa_join_equals_soc_to_iwas(kb, shared_data):
    folder = shared_data / "ai_applicability"
    with open(folder / "soc_to_iwas.csv", newline="") as handle:
        pairs = [(r["SOC Code"], r["IWA"]) for r in csv.DictReader(handle)]
    with open(folder / "iwa_metrics.csv", newline="") as handle:
        iwas = {r["IWA"]: r for r in csv.DictReader(handle)}
    table = kb.ai_activities
    assert len(table) == len(pairs)
    assert set(zip(table["soc_code"], table["iwa_id"])) == set(pairs)
    for soc in random.Random(SEED).sample(sorted({s for s, _i in pairs}), 5):
        rows = table[table["soc_code"] == soc]
        for r in rows.itertuples():
            assert r.iwa_title == iwas[r.iwa_id]["title"].strip().rstrip(".")
            assert r.share_user == pytest.approx(float(iwas[r.iwa_id]["share_user"]), rel=1e-6)
    nurse = ai_use.ai_use(kb, "29-1141.00")
    assert nurse.most and nurse.least and not set(nurse.most) & set(nurse.least)
    assert nurse.most[0].share >= nurse.most[-1].share >= max(a.share for a in nurse.least)


def test_grouped_ai_figures_say_whose_they_are(kb):
    grouped = ai_use.ai_use(kb, "13-1021.00")
    assert grouped.basis == "bls_aggregate" and grouped.ai_code == "13-1020"
    assert "Buyers and Purchasing Agents" in ai_use.ai_note(grouped, locale("en"))
    assert "Compradores y agentes de compras" in ai_use.ai_note(grouped, locale("es"))  # ours, in Spanish
    assert ai_use.ai_note(ai_use.ai_use(kb, "29-1141.00"), locale("en")) == ""


def test_ai_wording_never_says_risk_or_safe():
    words = " ".join([ai_use.SOURCE, ai_use.DATE_RANGE, ai_use.WHAT_IT_MEASURES, ai_use.CAVEAT, ai_use.PREPARING])
    assert not re.search(r"\b(risk|safe|safety)\w*", words, re.IGNORECASE)
    # Only what was measured (2024 conversations): no promise about which work stays a person's.
    assert not re.search(r"stay\w* yours|yours to do|will (stay|remain|keep)|part of the job|future-proof",
                         words, re.IGNORECASE)
    assert "2024" in ai_use.PREPARING and "does not say what AI will or will not do" in ai_use.PREPARING
    assert "2024" in ai_use.DATE_RANGE and "not the chance of losing the job" in ai_use.CAVEAT
    assert "arXiv:2507.07935" in ai_use.SOURCE and "CC BY 4.0" in ai_use.SOURCE


def test_work_styles_are_the_most_distinctive(kb, shared_data):
    """O*NET's DR is a rank: 1 = the style that sets the job most apart. The five kept are the five
    lowest ranks, 1 first; before, the five highest were kept (the least distinctive, for the 335
    occupations ranked on more than five styles)."""
    with open(shared_data / "onet" / "db_30_1_text" / "Work Styles.txt", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["Scale ID"] == "DR"]
    ranked: dict[str, dict[int, str]] = {}
    for r in rows:
        if float(r["Data Value"]) > 0:
            ranked.setdefault(r["O*NET-SOC Code"], {})[int(float(r["Data Value"]))] = r["Element Name"]
    kept = kb.work_styles.sort_values("rank").groupby("onet_code")["name"].agg(list)
    many = sorted(code for code in set(kept.index) & set(ranked) if max(ranked[code]) > 5)
    assert len(many) == 335
    for code in [*random.Random(SEED).sample(many, 30), *random.Random(SEED).sample(sorted(kept.index), 30)]:
        lowest = [ranked[code][d] for d in sorted(ranked[code])[:5]]
        assert kept[code] == lowest, code
    assert skills.work_styles(kb, many[0])[0] == ranked[many[0]][1]


def test_cli_json_carries_skill_ranks_and_ai_with_source():
    import json as _json
    import subprocess
    import sys

    from explorer.paths import ROOT

    run = subprocess.run([sys.executable, "-m", "explorer", "match", "--scores", "R=5,I=20,A=0,S=15,E=10,C=3",
                          "--area", "0012420", "--top", "5", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    for item in _json.loads(run.stdout)["results"]:
        ranks_ = item["skill_ranks"]
        assert set(ranks_["percentile_ranks"]) == set(skills.SKILLS) and "Table 6.5" in ranks_["source"]
        ai = item["ai_applicability"]
        assert 0 <= ai["percentile_among_785"] <= 100 and "arXiv:2507.07935" in ai["source"]
        assert "2024" in ai["data"] and "not the chance of losing the job" in ai["caveat"]


def test_skills_compare_table_names_the_jobs_like_the_facts_table(kb):
    from explorer import labor, views

    local = labor.local_occupations(kb, "0012420")
    codes = ["29-1141.00", "47-2111.00"]
    for lang in ("en", "es"):
        skills_side = skills.compare_table(kb, local, codes, locale(lang))
        facts_side = views.compare_table(kb, local, codes, locale(lang))
        assert list(skills_side.columns) == list(facts_side.columns) == list(labor.occupation_titles(kb, lang)[codes])
    assert "Registered Nurses" not in skills.compare_table(kb, local, codes, locale("es")).columns


def test_build_data_part_rebuilds_only_work_styles(shared_data, tmp_path):
    """`build-data --part work_styles` rewrites that table and its manifest entry, nothing else."""
    import hashlib
    import json as _json
    import shutil
    import subprocess
    import sys

    from explorer.paths import ROOT

    out = tmp_path / "data"
    shutil.copytree(ROOT / "data", out)
    (out / "work_styles.parquet").write_bytes(b"stale")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.is_file()}
    run = subprocess.run([sys.executable, "-m", "explorer", "build-data", "--shared", str(shared_data), "--part",
                          "work_styles", "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.is_file()}
    assert {n for n in after if after[n] != before.get(n)} == {"work_styles.parquet", "MANIFEST.json"}
    assert (out / "work_styles.parquet").read_bytes() == (ROOT / "data" / "work_styles.parquet").read_bytes()
    manifest = _json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    assert "--part work_styles" in manifest["files"]["work_styles.parquet"]["build_command"]

"""The committed knowledge base, checked against the public sources it was built from."""
from __future__ import annotations

import random

import pandas as pd

from explorer.riasec import THEMES

AGGREGATES = ["13-1020", "13-2020", "21-1018", "25-2052", "25-9045", "29-2010", "31-1120", "39-7010",
              "47-4090", "51-2028", "51-2090", "53-1047"]
SEED = 20251


def test_923_occupations_with_six_interest_scores(kb):
    occ = kb.occupations
    assert len(occ) == 923
    assert occ.index.is_unique
    scores = occ[list(THEMES)]
    assert scores.notna().all().all()
    assert ((scores >= 1) & (scores <= 7)).all().all()


def test_soc_code_is_first_seven_characters(kb):
    occ = kb.occupations
    assert (occ["soc_code"] == occ.index.str[:7]).all()


def test_regions_by_kind(kb):
    assert len(kb.regions) == 583
    assert kb.regions["kind"].value_counts().to_dict() == {"national": 1, "state": 54, "metropolitan": 393,
                                                           "nonmetropolitan": 135}
    austin = kb.regions.loc["0012420"]
    assert austin["name"] == "Austin-Round Rock-San Marcos, TX" and austin["state_name"] == "Texas"


def test_interest_scores_equal_interests_txt(kb, shared_data):
    raw = pd.read_csv(shared_data / "onet" / "db_30_1_text" / "Interests.txt", sep="\t", dtype=str)
    oi = raw[raw["Scale ID"] == "OI"]
    names = dict(zip(["Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"], THEMES))
    codes = random.Random(SEED).sample(sorted(kb.occupations.index), 20)
    for code in codes:
        rows = oi[oi["O*NET-SOC Code"] == code]
        assert len(rows) == 6
        for _, row in rows.iterrows():
            assert kb.occupations.loc[code, names[row["Element Name"]]] == float(row["Data Value"]), (code, row)


def test_local_figures_equal_oews_sqlite(kb, oews_db):
    local = kb.local_figures
    picks = local.sample(20, random_state=SEED)
    for _, row in picks.iterrows():
        key = "OEU" + ("N" if row["area_code"] == "0000000" else "S" if row["area_code"].endswith("00000")
                       and not row["area_code"].startswith("00") else "M")
        key += row["area_code"] + "000000" + row["oews_code"].replace("-", "")
        cell = oews_db.execute("SELECT v01, f01, v13, f13 FROM cell WHERE key = ?", (key,)).fetchone()
        assert cell is not None, key
        emp = None if cell["v01"] == "-" else int(cell["v01"])
        median = None if cell["v13"] == "-" else int(cell["v13"])
        assert (None if pd.isna(row["employment"]) else int(row["employment"])) == emp, key
        assert (None if pd.isna(row["annual_median"]) else int(row["annual_median"])) == median, key
        if median is None:
            assert int(row["annual_median_footnote"]) == int(cell["f13"]), key


def test_every_published_detailed_cell_is_present(kb, oews_db):
    expected = oews_db.execute(
        "SELECT count(*) FROM cell c JOIN occupation o ON o.occupation_code = substr(c.key, 18, 6) "
        "WHERE substr(c.key, 12, 6) = '000000' AND o.display_level = 3").fetchone()[0]
    assert len(kb.local_figures) == expected
    assert not kb.local_figures.duplicated(["area_code", "oews_code"]).any()


def test_bls_aggregate_codes_resolve(kb):
    occ = kb.occupations
    national = kb.local_figures[kb.local_figures["area_code"] == "0000000"].set_index("oews_code")
    for code in AGGREGATES:
        members = occ[occ["oews_code"] == code]
        assert len(members) >= 1, code
        assert (members["wage_basis"] == "bls_aggregate").all(), code
        assert code in national.index and pd.notna(national.loc[code, "employment"]), code
        assert members["ep_openings_thousands"].notna().all(), code


def test_missing_values_keep_their_reason(kb):
    local = kb.local_figures
    for column in ["annual_median", "employment"]:
        missing = local[column].isna()
        assert missing.any()
        assert local.loc[missing, f"{column}_footnote"].notna().all()
        assert not (local[column] == 0).any()
    reasons = set(local.loc[local["annual_median"].isna(), "annual_median_footnote"].astype(int))
    assert reasons == {4, 5, 8}


def test_projection_and_preparation_columns(kb, shared_data):
    occ = kb.occupations
    assert occ["job_zone"].between(1, 5).all()
    chief = occ.loc["11-1011.00"]
    assert chief["ep_openings_thousands"] == 22.2 and chief["ep_typical_education"] == "Bachelor's degree"
    assert chief["ep_training"] == "None"  # the BLS value "None", not a missing value
    bright = pd.read_csv(shared_data / "onet" / "bright_outlook" / "All_Bright_Outlook_Occupations.csv", dtype=str)
    assert set(occ.index[occ["bright_outlook"]]) == set(bright["Code"]) & set(occ.index)
    assert occ["career_cluster"].notna().all()


def test_holland_code_from_high_points(kb, shared_data):
    raw = pd.read_csv(shared_data / "onet" / "db_30_1_text" / "Interests.txt", sep="\t", dtype=str)
    ih = raw[(raw["Scale ID"] == "IH")].pivot(index="O*NET-SOC Code", columns="Element ID", values="Data Value")
    letters = {"0": "", "1": "R", "2": "I", "3": "A", "4": "S", "5": "E", "6": "C"}
    for code in random.Random(SEED).sample(sorted(kb.occupations.index), 20):
        expected = "".join(letters[ih.loc[code, e].split(".")[0]] for e in ["1.B.1.g", "1.B.1.h", "1.B.1.i"])
        assert kb.occupations.loc[code, "holland_code"] == expected, code

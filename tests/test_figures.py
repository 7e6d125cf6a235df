"""Whose figures an occupation shows: borrowed BLS rows named in words, hourly-only pay, no area at all."""
from __future__ import annotations

import random

import pytest

from explorer import audit, labor, pathways
from explorer.i18n import locale, translator

EN = translator("en")


def test_figures_title_is_the_bls_title_of_the_row_used(kb, oews_db):
    titles = dict(oews_db.execute("SELECT occupation_code, occupation_name FROM occupation"))
    occupations = kb.occupations[kb.occupations["oews_code"].notna()]
    for code in random.Random(9).sample(sorted(occupations.index), 20):
        row = occupations.loc[code]
        assert row["figures_title"] == titles[row["oews_code"].replace("-", "")], code


def test_borrowed_figures_are_named_in_words(kb):
    austin = labor.local_occupations(kb, "0012420")
    acute = austin.loc["29-1141.01"]  # Acute Care Nurses: a specialty of Registered Nurses
    assert labor.figures_for(acute) == {"code": "29-1141", "title": "Registered Nurses"}
    assert labor.figures_label(acute, EN) == "all Registered Nurses"
    assert "all Registered Nurses" in labor.figures_note(acute, EN)
    slpa = austin.loc["31-9099.01"]  # Speech-Language Pathology Assistants: an "all other" group
    assert slpa["all_other"] and "Healthcare Support Workers, All Other" in labor.figures_note(slpa, EN)
    assert labor.figures_for(austin.loc["29-1141.00"]) is None and labor.figures_note(austin.loc["29-1141.00"], EN) == ""


def test_hourly_only_occupations_show_hourly_pay(kb):
    national = labor.local_occupations(kb, "0000000")
    hourly_only = national[national["annual_median_footnote"] == 4]
    assert len(hourly_only) >= 4
    for code, row in hourly_only.iterrows():
        text = labor.pay_text(row, "median", locale("en"))
        assert text == f"${row['hourly_median']:,.2f}/hr", code


def test_occupations_published_nowhere_say_so(kb):
    rural = labor.local_occupations(kb, "2200002")
    for code in ("11-1031.00", "45-3031.00"):  # Legislators; Fishing and Hunting Workers
        row = rural.loc[code]
        assert not row["published_anywhere"]
        assert "in any area" in labor.absent_text(row, EN, "Central Louisiana nonmetropolitan area")
        assert labor.pay_text(row, "median", locale("en")) == "not published by BLS"
    web = rural.loc["15-1255.00"]
    assert web["published_anywhere"] and not web["in_area"]
    assert labor.absent_text(web, EN, "Central Louisiana").startswith("Not found in Central Louisiana")


@pytest.mark.parametrize("area", ["2200002", "0012420"])
def test_audit_never_calls_an_all_other_group_in_demand(kb, area):
    table = audit.audit(kb, pathways.Catalog([], [], [], []), area)
    assert table["soc_code"].is_unique
    mixed = table[table["all_other"]]
    assert len(mixed) > 0 and not mixed["in_demand"].any()
    positions = [table.index.get_loc(c) for c in mixed.index]
    assert min(positions) > max(table.index.get_loc(c) for c in table.index[~table["all_other"]])
    assert (mixed["figures_for"].str.contains("All Other")).all()
    # A parent row with its own figures leads its group: Registered Nurses, not a specialty.
    if "29-1141" in set(table["soc_code"]):
        assert table.index[table["soc_code"] == "29-1141"][0] == "29-1141.00"


def test_sample_catalog_is_recognised(tmp_path, sample_catalog_into):
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert not pathways.Catalog.load(url).is_sample
    assert sample_catalog_into(url).is_sample

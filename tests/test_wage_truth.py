"""Wages as BLS publishes them: a top-coded cell is "not published", never a number or a bar end;
hourly-only occupations show their hourly figures."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from explorer import charts, i18n, labor, views

NOT_PUBLISHED = "not published by BLS (above its reporting limit)"
PERCENTILES = ["p10", "p25", "median", "p75", "p90"]
EN = i18n.locale("en")


def test_a_top_coded_cell_is_not_published_not_a_cap(kb):
    # Orthopedic Surgeons, Minnesota: BLS publishes the 75th percentile at $809,530 and footnotes the 90th.
    wages = views.wage_rows(kb, "29-1242", "2700000")
    table = views.wage_table(wages, EN).set_index("Area")
    assert table.loc["Minnesota", "75th"] == "$809,530"
    assert table.loc["Minnesota", "90th percentile"] == NOT_PUBLISHED
    assert not table.stack().str.contains("239,200").any()
    assert labor.wage_text("annual_p90", None, 5, True, EN) == NOT_PUBLISHED
    assert labor.wage_text("hourly_p90", None, 5, True, EN) == NOT_PUBLISHED
    assert "239,200" not in i18n.locale("es")._(labor.TOP_CODE_NOTE)


def test_no_top_coded_cell_anywhere_is_shown_as_a_number(kb):
    figures = kb.local_figures
    top = figures[(figures[[f"annual_{p}_footnote" for p in PERCENTILES]] == 5).any(axis=1)]
    assert len(top) > 300
    rows = top.assign(in_area=True).to_dict("records")
    shown = {labor.pay_text(row, p, EN) for row in rows for p in PERCENTILES}
    assert NOT_PUBLISHED in shown and not any("239,200" in text or "≥" in text for text in shown)


def test_the_pay_chart_never_draws_the_limit_or_below_a_published_percentile(kb):
    wages = views.wage_rows(kb, "29-1242", "2700000")
    names = list(wages["area"])
    spec = charts.wage_chart(wages, names, EN._).to_dict()
    data = pd.DataFrame(next(iter(spec["datasets"].values())))
    minnesota = data[data["area"] == "Minnesota"].iloc[0]
    assert minnesota["line_end"] == 809_530  # the highest published percentile, not $239,200
    published = data[[f"annual_{p}" for p in PERCENTILES]]
    assert (data["line_end"] >= published.max(axis=1)).all() and (data["box_end"] >= data["annual_p25"]).all()
    drawn = data[["annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90", "line_end", "box_end"]]
    assert not (drawn == 239_200).any().any()
    encodings = json.dumps(spec)
    assert "line_end" in encodings and "box_end" in encodings


@pytest.mark.parametrize("oews_code", ["27-2011", "27-2031", "27-2042"])  # actors, dancers, musicians and singers
def test_hourly_only_occupations_show_hourly_figures(kb, oews_code):
    wages = views.wage_rows(kb, oews_code, labor.NATIONAL)
    national = wages.iloc[0]
    assert labor.footnote_status("annual_median", national["annual_median_footnote"]) == "hourly_only"
    row = views.wage_table(wages, EN).iloc[0]
    for percentile, label in zip(PERCENTILES, ["10th percentile", "25th (starting)", "Median", "75th",
                                               "90th percentile"]):
        value = national[f"hourly_{percentile}"]
        expected = f"${float(value):,.2f}/hr" if pd.notna(value) else NOT_PUBLISHED
        assert row[label] == expected, (label, row[label])
    assert "hourly pay only" not in " ".join(row)


def test_an_hourly_only_occupation_is_charted_in_hourly_pay(kb):
    wages = views.wage_rows(kb, "27-2011", labor.NATIONAL)  # actors
    spec = charts.wage_chart(wages, ["United States"], EN._).to_dict()
    data = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert data["hourly_median"].iloc[0] == pytest.approx(float(wages["hourly_median"].iloc[0]))
    assert data["line_end"].iloc[0] >= data["hourly_median"].iloc[0] > 0
    assert "Hourly pay" in json.dumps(spec) and "hourly_median" in json.dumps(spec["layer"])

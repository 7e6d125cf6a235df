"""Where I live: ZIP code or town -> OEWS area, choices for ZIPs across areas, distances in miles."""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from explorer import labor, places
from tests.apptest import APP


@pytest.mark.parametrize("text,area", [
    ("71301", "0010780"),  # Rapides Parish -> Alexandria, LA (spot checks from geo/PROVENANCE.md)
    ("78701", "0012420"),  # Travis County -> Austin
    ("06260", "0900001"),  # Northeastern CT planning region -> Connecticut nonmetropolitan area
    ("Pineville, LA", "0010780"),
    ("marksville", "2200002"),  # Avoyelles Parish -> Central Louisiana nonmetropolitan area
])
def test_zip_and_town_give_the_provenance_spot_checks(kb, text, area):
    result = places.lookup(kb, text)
    assert result.problem is None and result.places[0].area_code == area


def test_zip_codes_match_the_census_relationship_file(kb, shared_data):
    raw = pd.read_csv(shared_data / "geo" / "zip_primary_county_oews.csv", dtype=str).sample(20, random_state=3)
    for row in raw.itertuples():
        found = places.zip_places(kb, row.zcta)
        assert row.oews_area_code in {p.area_code for p in found}, row.zcta
        assert len(found) == int(row.n_oews_areas)


def test_a_zip_across_areas_offers_each_largest_share_first(kb):
    spans = kb.zip_areas.groupby("zcta").size()
    zcta = spans[spans > 1].index[0]
    found = places.lookup(kb, zcta).places
    assert len(found) > 1 and [p.share for p in found] == sorted((p.share for p in found), reverse=True)
    assert sum(p.share for p in found) == pytest.approx(1, abs=0.01)


@pytest.mark.parametrize("text,problem", [("", "empty"), ("7130", "zip_format"), ("30301", "zip_unknown"),
                                          ("Qzxville", "town_unknown")])
def test_bad_input_names_the_problem(kb, text, problem):
    result = places.lookup(kb, text)
    assert result.places == [] and result.problem == problem
    assert places.PROBLEMS[problem].format(text=text)


def test_town_search_folds_case_and_accents_and_filters_by_state(kb):
    assert places.lookup(kb, "DONA ANA").places[0].label == "Doña Ana, NM"
    several = places.lookup(kb, "Pineville").places
    assert len(several) >= 4 and len({p.area_code for p in several}) == len(several)
    assert [p.label for p in places.lookup(kb, "Pineville, NC").places] == ["Pineville, NC"]


def test_resolve_keeps_the_place_across_a_refresh(kb):
    town = places.lookup(kb, "Marksville").places[0]
    assert places.resolve(kb, town.key) == town
    assert places.resolve(kb, "z:71301").area_code == "0010780"
    assert places.resolve(kb, "nonsense") is None and places.resolve(kb, "t:abc") is None


def test_miles_are_great_circle_distances():
    # Austin (30.2672, -97.7431) to Dallas (32.7767, -96.7970): about 182 miles in a straight line.
    assert places.miles(30.2672, -97.7431, [32.7767], [-96.7970])[0] == pytest.approx(182, abs=3)


def test_nearest_areas_with_the_job_are_in_miles_from_the_student(kb):
    home = places.lookup(kb, "Marksville, LA").places[0]
    rural = labor.local_occupations(kb, home.area_code)
    web = rural.loc["15-1255.00"]  # web designers: not published in the Central Louisiana nonmetro area
    assert not web["in_area"]
    nearest = places.nearest_areas(kb, web["oews_code"], home)
    assert len(nearest) == 3 and nearest["miles"].is_monotonic_increasing
    assert home.area_code not in set(nearest["area_code"])
    published = set(kb.local_figures.loc[kb.local_figures["oews_code"] == web["oews_code"], "area_code"])
    assert set(nearest["area_code"]) <= published
    assert 0 < nearest["miles"].iloc[0] < 150 and nearest["employment"].notna().all()
    assert places.nearest_areas(kb, None, home).empty


def test_home_page_sets_the_region_from_a_zip_code():
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.text_input(key="where_text").input("71301")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, at.exception
    assert at.session_state["area_code"] == "0010780" and at.session_state["place_key"] == "z:71301"
    assert any("Alexandria, LA" in s.value for s in at.success)
    assert at.query_params["area"] == "0010780" and at.query_params["place"] == "z:71301"  # a refresh keeps both


def test_home_page_offers_a_choice_and_names_bad_input():
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.text_input(key="where_text").input("Pineville")
    at.button[0].click().run()
    choice = at.radio(key="place_choice")
    assert len(choice.options) >= 4 and any("Alexandria, LA" in o for o in choice.options)
    choice.set_value(0).run()
    assert at.session_state["area_code"] == "0010780"
    at.text_input(key="where_text").input("30301")
    at.button[0].click().run()
    assert any("town" in w.value for w in at.warning)

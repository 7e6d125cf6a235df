"""Results a student in one place reads: jobs found here first, families of near-identical jobs folded."""
from __future__ import annotations

import pandas as pd
import pytest

from explorer import families, i18n, labor, local_results, matching, places
from explorer.matching import Matcher

# A Social + Investigative student (quick form sums, 0-20).
SOCIAL_INVESTIGATIVE = {"R": 3, "I": 14, "A": 6, "S": 18, "E": 8, "C": 5}
ALEXANDRIA, CENTRAL_LA, AUSTIN = "0010780", "2200002", "0012420"
FIRST_PAGE = local_results.PAGE_SIZE


@pytest.fixture(scope="module")
def matcher(kb) -> Matcher:
    return Matcher.from_occupations(kb.occupations)


def lists(kb, matcher, area: str, **kwargs) -> local_results.SplitResults:
    return local_results.rank_here(kb, matcher, SOCIAL_INVESTIGATIVE, labor.local_occupations(kb, area), **kwargs)


def soc_rows(rows: pd.DataFrame, first: str, last: str) -> int:
    return int(rows["soc_code"].between(first, last).sum())


def test_family_rule_folds_college_teachers_and_physicians_not_distinct_health_jobs(kb):
    family = families.families(kb)
    soc = kb.occupations["soc_code"]
    postsecondary = soc.index[soc.str.startswith("25-1")]
    physicians = soc.index[soc.between("29-1211", "29-1249")]
    assert len(postsecondary) == 35 and (family[postsecondary] == "25-1000").all()
    assert len(physicians) == 21 and (family[physicians] == "29-1200").all()
    # Dietitians, occupational therapists, registered nurses, dentists: one broad field, distinct jobs.
    for code in ("29-1031.00", "29-1122.00", "29-1141.00", "29-1021.00", "29-1051.00"):
        assert code not in family.index
    # Every family the rule finds has a name and at least 5 members; the list in the README is this one.
    sizes = family.value_counts()
    assert sizes.to_dict() == {"25-1000": 35, "29-1200": 21, "51-4000": 15, "47-3000": 6, "25-2000": 5,
                               "35-2000": 5}
    assert set(sizes.index) == set(families.FAMILY_NAMES)


def test_a_title_list_ending_is_not_a_job_name():
    occupations = pd.DataFrame({
        "title": [f"Widget Machine {k}, Setters, and Tenders" for k in range(6)],
        "soc_code": [f"51-900{k}" for k in range(6)]}, index=[f"51-900{k}.00" for k in range(6)])
    assert families.find_families(occupations).empty  # ", and Tenders" is the tail of a list
    occupations["title"] = [f"Cooks, Kind {k}" for k in range(6)]
    assert (families.find_families(occupations) == "51-9000").all()
    assert families.find_families(occupations.head(4)).empty  # fewer than 5 members


@pytest.mark.parametrize("area", [ALEXANDRIA, CENTRAL_LA])
def test_louisiana_first_ten_are_local_and_not_one_family(kb, matcher, area):
    split = lists(kb, matcher, area)
    here = split.here
    first = here.head(10)
    assert first["in_area"].all()
    assert soc_rows(first, "25-1000", "25-1999") <= 2
    assert soc_rows(first, "29-1211", "29-1249") <= 2
    # Registered Nurses (BLS 29-1141) is on the first page, as a row or in the row whose figures are theirs.
    assert "29-1141.00" in local_results.listed_codes(here.head(FIRST_PAGE))
    # Best fits come before Great ones; inside a band, closest fit first; no Good unless asked.
    assert list(here["band"].unique()) == ["best", "great"]
    assert (here.groupby("band", sort=False)["r"].apply(lambda r: r.is_monotonic_decreasing)).all()
    # The old single list put 25 jobs not found here into the first 40; now they are apart.
    assert len(split.elsewhere) > 20 and not split.elsewhere["in_area"].any()
    assert (split.elsewhere["band"].isin(["best", "great"])).all()


def test_no_cap_every_local_fit_is_listed_once(kb, matcher):
    local = labor.local_occupations(kb, ALEXANDRIA)
    ranked = matching.rank(matcher, SOCIAL_INVESTIGATIVE, local)
    split = local_results.split(ranked, families.families(kb), ("best", "great", "good"))
    shown = local_results.listed_codes(split.here) + local_results.listed_codes(split.elsewhere)
    expected = matching.listed_codes(ranked, len(ranked))
    assert sorted(shown) == sorted(expected) and len(shown) == len(set(shown))
    assert len(split.here) > 40  # with Good fits, well past the old cap of 40
    assert split.here["rank"].tolist() == list(range(1, len(split.here) + 1))


def test_austin_college_teachers_are_one_row_with_their_subjects(kb, matcher):
    here = lists(kb, matcher, AUSTIN).here
    assert soc_rows(here.head(19), "25-1000", "25-1999") == 1  # was 17 of the top 19
    teachers = here[here["family"] == "25-1000"].iloc[0]
    assert len(teachers["family_members"]) >= 20
    assert all(kb.occupations.loc[c, "soc_code"].startswith("25-1") for c in teachers["family_members"])
    # The row that leads is the best-fitting subject; the others follow in list order.
    r = matcher.correlations(SOCIAL_INVESTIGATIVE)
    assert r[teachers["family_members"]].le(teachers["r"]).all()
    assert soc_rows(here, "29-1211", "29-1249") == 1


def test_good_fits_on_request_and_job_zone_choice(kb, matcher):
    with_good = lists(kb, matcher, ALEXANDRIA, bands=("best", "great", "good")).here
    assert "good" in set(with_good["band"])
    zone_3 = lists(kb, matcher, ALEXANDRIA, job_zones={3}).here
    assert len(zone_3) and (zone_3["job_zone"] == 3).all()
    # Few local rows in the chosen zone: the neighbours' counts are of the same list (local, Best and Great).
    local = labor.local_occupations(kb, ALEXANDRIA)
    fallback = local_results.zone_fallback(kb, matcher, SOCIAL_INVESTIGATIVE, local, {1})
    assert set(fallback) == {2}
    assert fallback[2] == len(lists(kb, matcher, ALEXANDRIA, job_zones={2}).here)
    assert local_results.zone_fallback(kb, matcher, SOCIAL_INVESTIGATIVE, local, {4}) == {}


def test_nearest_areas_for_a_job_not_found_here(kb, matcher):
    elsewhere = lists(kb, matcher, ALEXANDRIA).elsewhere
    place = places.zip_places(kb, "71301")[0]
    row = elsewhere.loc["21-1091.00"]  # Health Education Specialists: not published in Alexandria
    text = local_results.nearest_text(kb, row, place, i18n.locale("en"), ALEXANDRIA)
    nearest = places.nearest_areas(kb, "21-1091", place)
    assert text.startswith(f"{nearest['name'].iloc[0]} ({nearest['miles'].iloc[0]} miles)")
    assert "Alexandria" not in text
    no_place = local_results.nearest_text(kb, row, None, i18n.locale("en"), ALEXANDRIA)
    from explorer import views

    state = views.where_else(kb, "21-1091", ALEXANDRIA, 10)
    state = state[state["area_code"] != "2200000"]  # the state's own row is not a place to go
    assert no_place == "; ".join(state["name"].head(3)) and "miles" not in no_place
    assert no_place.startswith("New Orleans")  # Louisiana's area with the most such jobs


def test_consistency_counts_a_family_once(kb, matcher):
    local = labor.local_occupations(kb, AUSTIN)
    here = lists(kb, matcher, AUSTIN).here
    rows, pool = local_results.consistency_pool(here, local)
    teachers = here.index[here["family"] == "25-1000"][0]
    group = pool.loc[teachers, "figures_group"]
    assert (pool.loc[here.loc[teachers, "family_members"], "figures_group"] == group).all()
    assert rows.loc[teachers, "figures_group"] == group


def test_few_fits_here_point_to_the_good_ones():
    from explorer import views

    _ = i18n.locale("en")._
    assert "Also show Good fits" in views.few_rows_note(3, 12, _) and "12 more" in views.few_rows_note(3, 12, _)
    assert views.few_rows_note(10, 12, _) == "" and views.few_rows_note(3, 0, _) == ""

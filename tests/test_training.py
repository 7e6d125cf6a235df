"""Training near the student (IPEDS, CIP->SOC crosswalk, College Scorecard, DOL apprenticeship list).

The build's checks are the ones ../shared/data/programs|outcomes|apprenticeship/PROVENANCE.md list;
the lookup is checked against an independent join of the raw files.
"""
from __future__ import annotations

import json
import math
import random
import shutil

import pandas as pd
import pytest

from explorer import places, training
from explorer.build import BuildError, Sources, build_parts_into
from explorer.build import training as build_training
from explorer.data import knowledge_base
from explorer.paths import DATA_DIR, KNOWLEDGE_FILES

TRAINING_PARTS = ["institutions", "program_awards", "cip_soc", "cip_titles", "program_earnings", "apprenticeships"]


@pytest.fixture(scope="module")
def kb():
    return knowledge_base()


def _origin(kb, zip_code: str) -> training.Origin:
    place = places.lookup(kb, zip_code).places[0]
    origin = training.origin_of(kb, place, place.area_code)
    assert origin is not None
    return origin


def _names(options: training.TrainingOptions) -> set[str]:
    return {p.institution for p in options.programs}


# --- the build, checked as PROVENANCE.md describes the files -------------------------------------------------

def test_provenance_spot_checks_of_the_sources(shared_data):
    programs = shared_data / "programs"
    hd = build_training.institutions(programs)
    assert len(hd) == 6072 and int(hd["active"].sum()) == 5994
    rows = hd.set_index("unitid")
    cltcc = rows.loc[158088]
    assert (cltcc["name"], cltcc["city"], cltcc["zip"], cltcc["sector"]) == (
        "Central Louisiana Technical Community College", "Alexandria", "71301", 4)
    assert (cltcc["lat"], cltcc["lon"]) == (31.310461, -92.446693)
    assert rows.loc[159382, "name"] == "Louisiana State University-Alexandria" and rows.loc[159382, "sector"] == 1
    assert (rows.loc[222992, "lat"], rows.loc[222992, "lon"]) == (30.326304, -97.713778)
    awards = build_training.completions(programs, set(hd["unitid"]))
    # National first-major totals 2023-24 (all six-digit programs, every award level).
    assert int(awards["completers"].sum()) == 5_459_862
    by_level = awards.groupby("award_level")["completers"].sum()
    assert (by_level[5], by_level[3], by_level[21]) == (1_974_834, 998_920, 582_044)
    for unitid, n_rows, total in ((158088, 44, 1284), (159382, 38, 909), (222992, 213, 7835)):
        mine = awards[awards["unitid"] == unitid]
        assert (len(mine), int(mine["completers"].sum())) == (n_rows, total)
    largest = awards[awards["unitid"] == 158088].nlargest(3, "completers")["cip"].tolist()
    assert set(largest) == {"51.3902", "48.0508", "51.3901"}
    pairs = build_training.cip_soc(programs)
    raw = pd.read_excel(programs / build_training.CROSSWALK_FILE, sheet_name="CIP-SOC", dtype=str)
    assert raw["CIP2020Code"].nunique() == 2143 and raw["SOC2018Code"].nunique() == 868  # 867 + 99-9999
    for cip, soc in (("51.3801", "29-1141"), ("46.0302", "47-2111"), ("47.0604", "49-3023"), ("51.0801", "31-9092")):
        assert ((pairs["cip"] == cip) & (pairs["soc"] == soc)).any()
    assert not (pairs["soc"] == build_training.NO_MATCH_SOC).any()


def test_scorecard_keeps_official_columns_one_figure_per_opeid6(shared_data):
    earnings = build_training.scorecard(shared_data / "outcomes")
    assert list(earnings.columns) == ["opeid6", "cip4", "credential_level", "earnings_1yr", "earnings_4yr", "debt"]
    assert not earnings.duplicated(["opeid6", "cip4", "credential_level"]).any()
    ut_nursing = earnings[(earnings["opeid6"] == "003658") & (earnings["cip4"] == "51.38")
                          & (earnings["credential_level"] == 3)]
    assert ut_nursing["earnings_1yr"].tolist() == [75095.0]  # UT Austin nursing bachelor's, EARN_MDN_1YR
    # National nursing bachelor's, one row per OPEID6: 895 programs with a 1-year figure, median $74,438.
    bachelors = earnings[(earnings["cip4"] == "51.38") & (earnings["credential_level"] == 3)]["earnings_1yr"].dropna()
    assert (len(bachelors), bachelors.median()) == (895, 74438.0)


def test_apprenticeship_join_is_verifiable_and_reports_the_rest(shared_data, kb):
    joined, unjoined = build_training.apprenticeships(shared_data / "apprenticeship" / build_training.RAPIDS_FILE,
                                                      set(kb.occupations.index))
    raw = pd.read_csv(shared_data / "apprenticeship" / build_training.RAPIDS_FILE, dtype=str)
    assert len(joined) + len(unjoined) == len(raw) == 1373
    assert set(joined["onet_code"]) <= set(kb.occupations.index)
    electrician = joined[joined["rapids_code"] == "0159"].iloc[0]
    assert (electrician["onet_code"], electrician["term_hours"], electrician["joined_by"]) == ("47-2111.00", "8000",
                                                                                            "unchanged")
    # "53-2012-00" and "49.3023.02" are punctuation slips; a 2010 code that no longer exists is reported, not guessed.
    slips = joined.set_index("source_code")["onet_code"]
    assert slips["53-2012-00"] == "53-2012.00" and set(slips[["49.3023.02"]]) == {"49-3023.00"}
    assert (unjoined["reason"] != "").all() and "17-3029.00" in set(unjoined["onet_code"])
    renumbered = joined[joined["joined_by"] == "SOC 2010 -> 2018 renumbering"]
    assert set(renumbered["source_code"].str[:7]) <= set(build_training.SOC_2010_TO_2018)


def _broken_grand_total(folder):
    path = folder / "programs" / build_training.COMPLETIONS_FILE
    frame = pd.read_parquet(path)
    frame.loc[frame.index[frame["CIPCODE"] == "51.3801"][0], "CTOTALT"] += 1
    frame.to_parquet(path)
    return build_training.COMPLETIONS_FILE


def _missing_crosswalk(folder):
    (folder / "programs" / build_training.CROSSWALK_FILE).unlink()
    return build_training.CROSSWALK_FILE


def _hd_not_the_dictionary_release(folder):
    path = folder / "programs" / build_training.HD_FILE
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join(lines[:-50]))  # 50 institutions fewer than the dictionary counts
    return build_training.HD_FILE


@pytest.mark.parametrize("breaks", [_broken_grand_total, _missing_crosswalk, _hd_not_the_dictionary_release])
def test_a_wrong_source_file_fails_in_one_line_and_leaves_data_untouched(breaks, shared_data, tmp_path):
    shared = tmp_path / "shared"
    for folder in ("programs", "outcomes", "apprenticeship"):
        shutil.copytree(shared_data / folder, shared / folder)
    expected = breaks(shared)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    sources = Sources.from_shared(shared_data, programs_dir=shared / "programs", outcomes_dir=shared / "outcomes")
    with pytest.raises(BuildError) as err:
        build_parts_into(sources, data, "test", TRAINING_PARTS)
    assert expected in str(err.value) and "\n" not in str(err.value)
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before


def test_manifest_credits_scorecard_exactly_and_lists_what_did_not_join():
    manifest = json.loads((DATA_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    entry = manifest["files"][KNOWLEDGE_FILES["program_earnings"]]
    assert entry["sources"][0]["attribution"].startswith(
        "College Scorecard, U.S. Department of Education (June 2026 release), extract by Truewise (truewise.dev), "
        "CC BY 4.0")
    unjoined = manifest["files"][KNOWLEDGE_FILES["apprenticeships"]]["not_joined"]
    assert unjoined and all(row["reason"] for row in unjoined)


# --- the lookup ---------------------------------------------------------------------------------------------

def test_registered_nurses_near_alexandria_follow_the_crosswalk(kb):
    origin = _origin(kb, "71301")
    nurses = training.near(kb, "29-1141.00", origin)
    assert nurses.within_radius and nurses.radius == 60
    assert {"Louisiana State University-Alexandria", "Louisiana Christian University"} <= _names(nurses)
    assert "Central Louisiana Technical Community College" not in _names(nurses)
    assert [p.miles for p in nurses.programs] == sorted(p.miles for p in nurses.programs)
    assert all(p.miles <= 60 for p in nurses.programs)
    lsua = [p for p in nurses.programs if p.institution == "Louisiana State University-Alexandria"]
    assert {p.award_level for p in lsua} == {3, 5} and all(p.completers > 0 for p in lsua)
    practical = training.near(kb, "29-2061.00", origin)
    assert "Central Louisiana Technical Community College" in _names(practical)


def test_electricians_from_marksville_and_software_developers_in_austin(kb):
    electricians = training.near(kb, "47-2111.00", _origin(kb, "71351"))
    assert electricians.programs and electricians.programs[0].program == "Electrician"
    assert all(p.group in ("certificate", "short_certificate", "associate") for p in electricians.programs)
    developers = training.near(kb, "15-1252.00", _origin(kb, "78701"))
    assert "The University of Texas at Austin" in _names(developers)
    assert "Austin Community College District" in _names(developers)
    assert {p.group for p in developers.programs} >= {"bachelor_plus", "associate"}


def test_a_suppressed_scorecard_field_says_so_and_is_never_filled(kb):
    nurses = training.near(kb, "29-1141.00", _origin(kb, "71301"))
    statuses = {p.earnings.status for p in nurses.programs}
    assert {"reported", "suppressed"} <= statuses
    for program in nurses.programs:
        if program.earnings.status == "suppressed":
            assert (program.earnings.earnings_1yr, program.earnings.earnings_4yr, program.earnings.debt) == (None,) * 3


def test_campuses_sharing_an_opeid6_show_one_figure(kb):
    colleges = kb.institutions
    shared = colleges[colleges.duplicated("opeid6", keep=False)]
    found = None
    for opeid6, campuses in shared.groupby("opeid6"):
        figures = kb.program_earnings[(kb.program_earnings["opeid6"] == opeid6)
                                      & kb.program_earnings["earnings_1yr"].notna()]
        if len(campuses) >= 2 and not figures.empty:
            found = campuses, figures.iloc[0]
            break
    assert found is not None
    campuses, figure = found
    first = campuses.iloc[0]
    socs = kb.cip_soc[kb.cip_soc["cip"].str[:5] == figure["cip4"]]["soc"]
    onet = kb.occupations[kb.occupations["soc_code"].isin(set(socs))].index[0]
    options = training.near(kb, onet, training.Origin("campus", float(first["lat"]), float(first["lon"]), False),
                            radius=500)
    rows = [p for p in options.programs if p.unitid in set(campuses["unitid"]) and p.cip[:5] == figure["cip4"]
            and training.SCORECARD_LEVEL[p.award_level] == figure["credential_level"]]
    with_figure = [p for p in rows if p.earnings.status == "reported" and not p.earnings.shown_with]
    assert len(with_figure) == 1
    assert all(p.earnings.shown_with == with_figure[0].institution for p in rows if p is not with_figure[0])


def test_nothing_within_the_radius_gives_the_nearest_anywhere(kb):
    far = training.Origin("middle of Nevada", 39.0, -117.0, False)
    options = training.near(kb, "29-1141.00", far, radius=5)
    assert not options.within_radius and len(options.programs) == training.NEAREST_ANYWHERE
    assert all(p.miles > 5 for p in options.programs)


def test_area_centre_when_only_a_region_is_chosen(kb):
    origin = training.origin_of(kb, None, "2200002")  # Central Louisiana nonmetropolitan area
    assert origin is not None and origin.area_centre
    assert training.origin_of(kb, None, "0000000") is None  # the nation has no middle to measure from


def test_bad_lookups_name_the_problem(kb):
    origin = _origin(kb, "71301")
    with pytest.raises(training.TrainingError, match=r"99-9999\.99"):
        training.near(kb, "99-9999.99", origin)
    for radius in (0, 501, -3):
        with pytest.raises(training.TrainingError, match=f"{radius} is not"):
            training.near(kb, "29-1141.00", origin, radius=radius)


def test_apprenticeship_for_electricians_with_hours_and_vintage(kb):
    items = training.apprenticeships(kb, "47-2111.00")
    assert any(a.title.startswith("ELECTRICIAN") and a.term_hours == "8000" for a in items)
    assert training.typical_hours(items) == "8000"
    assert "2019" in training.APPRENTICESHIP_CITATION
    assert training.apprenticeships(kb, "15-1252.00") == [] or all(a.rapids_code for a in
                                                                    training.apprenticeships(kb, "15-1252.00"))


# --- an independent join of the raw files -------------------------------------------------------------------

def _haversine(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 3958.8 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def raw_join(shared_data):
    programs = shared_data / "programs"
    hd = pd.read_csv(programs / "hd2024.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    hd = hd[hd["CYACTIVE"] == "1"]
    awards = pd.read_parquet(programs / "c2024_a.parquet")
    awards = awards[awards["CIPCODE"].str.len() == 7]
    crosswalk = pd.read_excel(programs / "CIP2020_SOC2018_Crosswalk.xlsx", sheet_name="CIP-SOC", dtype=str)
    return hd.set_index("UNITID"), awards, crosswalk


def test_twenty_random_pairs_match_an_independent_join_of_the_raw_files(kb, raw_join):
    hd, awards, crosswalk = raw_join
    rng = random.Random(21)
    zips = kb.zip_areas["zcta"].drop_duplicates().tolist()
    codes = kb.occupations.index.tolist()
    checked = 0
    while checked < 20:
        code, zcta = rng.choice(codes), rng.choice(zips)
        place = places.zip_places(kb, zcta)[0]
        mine = training.near(kb, code, training.origin_of(kb, place, place.area_code), radius=60)
        soc = code[:7]
        cips = set(crosswalk.loc[crosswalk["SOC2018Code"] == soc, "CIP2020Code"])
        rows = awards[awards["CIPCODE"].isin(cips) & awards["UNITID"].astype(str).isin(hd.index)]
        expected = {}
        for row in rows.itertuples(index=False):
            college = hd.loc[str(row.UNITID)]
            miles = _haversine(place.lat, place.lon, float(college["LATITUDE"]), float(college["LONGITUD"]))
            expected[(int(row.UNITID), row.CIPCODE, int(row.AWLEVEL))] = miles
        within = {k: v for k, v in expected.items() if v <= 60}
        if not within:
            continue  # the fallback (nearest anywhere) is tested above; here the radius list is compared
        got = {(p.unitid, p.cip, p.award_level): p.miles for p in mine.programs}
        assert set(got) <= set(within) and mine.within_count == len(within), (code, zcta)
        assert all(abs(got[k] - within[k]) <= 0.5 for k in got), (code, zcta)
        for group, levels in training.AWARD_GROUPS.items():  # the nearest MAX_PER_GROUP of each kind
            expected_group = sorted(v for k, v in within.items() if k[2] in levels)
            listed = sorted(v for k, v in got.items() if k[2] in levels)
            assert len(listed) == min(len(expected_group), training.MAX_PER_GROUP), (code, zcta, group)
            assert not listed or listed[-1] <= expected_group[len(listed) - 1] + 0.5, (code, zcta, group)
        checked += 1


# --- the command line ---------------------------------------------------------------------------------------

def _run(capsys, *argv: str) -> tuple[int, str, str]:
    from explorer import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_programs_json_matches_the_lookup(kb, capsys):
    code, out, _err = _run(capsys, "programs", "--occupation", "29-1141.00", "--place", "71301", "--json")
    assert code == 0
    data = json.loads(out)
    expected = training.near(kb, "29-1141.00", _origin(kb, "71301"))
    assert [(p["unitid"], p["cip"], p["award_level"]) for p in data["programs"]] == [
        (p.unitid, p.cip, p.award_level) for p in expected.programs]
    assert data["radius_miles"] == 60 and data["within_radius"] and data["place"] == "ZIP 71301 (LA)"
    assert any(s.startswith("College Scorecard, U.S. Department of Education (June 2026 release)")
               for s in data["sources"])


@pytest.mark.parametrize("argv,message", [
    (["--occupation", "99-9999.99", "--place", "71301"], "no occupation has the code '99-9999.99'"),
    (["--occupation", "29-1141.00", "--place", "00000"], "We don't know the ZIP code 00000"),
    (["--occupation", "29-1141.00", "--place", "Alexandria"], "add the state"),
    (["--occupation", "29-1141.00", "--place", "71301", "--radius", "0"], "from 1 to 500; 0 is not"),
])
def test_cli_programs_bad_input_is_one_clear_line(capsys, argv, message):
    code, out, err = _run(capsys, "programs", *argv)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_cli_match_and_occupations_carry_the_nearest_program(kb, capsys):
    code, out, _err = _run(capsys, "match", "--scores", "R=1,I=4,A=0,S=4,E=1,C=1", "--area", "0010780", "--place",
                           "71301", "--json", "--top", "15")
    assert code == 0
    results = json.loads(out)["results"]
    origin = _origin(kb, "71301")
    for result in results:
        options = training.near(kb, result["onet_code"], origin)
        nearest = options.nearest if options.within_radius else None
        assert (result["nearest_program"] or {}).get("unitid") == (nearest.unitid if nearest else None)
    assert sum(r["nearest_program"] is not None for r in results) >= 3
    code, out, _err = _run(capsys, "occupations", "--area", "2200002", "--place", "71351", "--json")
    rows = {r["onet_code"]: r for r in json.loads(out)}
    assert rows["47-2111.00"]["nearest_program"]["program"] == "Electrician"


def test_cli_audit_shows_the_training_made_near_the_area(kb, capsys, url):
    code, out, _err = _run(capsys, "audit", "--area", "0010780", "--json")
    assert code == 0
    rows = {r["onet_code"]: r for r in json.loads(out)}
    assert rows and all(r["local_employment"] is not None for r in rows.values())
    practical = rows["29-2061.00"]  # LPNs: Central Louisiana Technical CC, 180 awards in 2023-24
    origin = training.origin_of(kb, None, "0010780")
    supply = training.supply_near(kb, origin)
    assert (practical["training_awards"], practical["training_colleges"]) == training.supply_for(kb, supply,
                                                                                                 {"29-2061"})
    assert practical["training_awards"] > 0 and not practical["no_training_nearby"]
    assert any(r["no_training_nearby"] for r in rows.values())


def test_a_city_lists_the_nearest_of_each_kind_and_counts_the_rest(kb):
    options = training.near(kb, "25-1071.00", _origin(kb, "10001"))  # health teachers, postsecondary, Manhattan
    assert options.within_count > len(options.programs)
    for group in training.AWARD_GROUPS:
        assert len(options.group(group)) <= training.MAX_PER_GROUP
    assert [p.miles for p in options.programs] == sorted(p.miles for p in options.programs)
    from explorer import training_view
    from explorer.i18n import locale

    note = training_view.training_view(options, locale("en")).note
    assert f"{options.within_count:,} programs within 60 miles" in note

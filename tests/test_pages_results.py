"""AppTest: ranked results, one occupation, compare; flat profiles get clusters, not fit labels."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from explorer import attempts, quiz
from explorer.benchmarks import pagebench
from tests.apptest import on_page


@pytest.fixture(autouse=True)
def app_database(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


def saved_quiz(values: dict[str, int], band: str = "9-12") -> str:
    """A finished quick quiz answered at a student's pace (5 s per item)."""
    code = attempts.start(band, "quick", "en")
    start = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    for k, item in enumerate(quiz.form_items(band, "quick")):
        value = values[item.theme] if k % 5 or band == "3-5" else max(0, values[item.theme] - 1)
        attempts.save_answer(code, item.id, value, now=start + timedelta(seconds=5 * k))
    attempts.finish(code)
    return code




INVESTIGATIVE_SOCIAL = {"R": 1, "I": 4, "A": 0, "S": 3, "E": 2, "C": 1}


def test_results_rank_by_band_with_local_figures():
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/results.py", code=code, area="0012420")
    table = at.dataframe[0].value
    assert len(table) == 20  # the first page; "Show more" adds the next
    fit = table["Fit ▼"]  # the column that sets the order inside each band carries the arrow
    assert fit.iloc[0].startswith("Best fit")
    assert list(table["#"]) == list(range(1, 21))
    order = {"Best fit": 0, "Great fit": 1, "Good fit": 2}
    assert fit.str.rsplit(" ", n=1).str[0].map(order).is_monotonic_increasing
    assert not any("Pearson" in m.value or "r = " in m.value for m in [*at.markdown, *at.caption])
    # One row per BLS labour market, and borrowed figures say whose they are, in words.
    borrowed = table[table["Jobs and pay for"] != ""]
    assert not borrowed["Jobs and pay for"].duplicated().any()
    assert (table["Jobs and pay for"] == "all Registered Nurses").sum() <= 1
    captions = " ".join(c.value for c in at.caption)
    assert "BLS OEWS May 2025, Austin-Round Rock-San Marcos, TX" in captions


def test_priority_and_zone_filters():
    code = saved_quiz({"R": 0, "I": 1, "A": 4, "S": 1, "E": 1, "C": 0})
    at = on_page("pages/results.py", code=code, area="0012420")
    at.multiselect(key="zones").select(1).run()
    assert any("Nearby levels have more" in w.value and "zone 2" in w.value for w in at.warning)
    at.multiselect(key="zones").unselect(1).run()
    at.selectbox(key="priority").select("wage").run()
    table = at.dataframe[0].value
    assert not at.warning and len(table) > 0


def test_flat_profile_gets_clusters_not_fit_labels():
    code = saved_quiz(dict.fromkeys("RIASEC", 2))
    at = on_page("pages/results.py", code=code, area="0012420")
    assert any("broad interests" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert "Career cluster" in table.columns and "Fit" not in table.columns


def test_open_occupation_then_compare():
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/results.py", code=code, area="0012420")
    first = at.dataframe[0].value.iloc[0]
    at.selectbox(key="open_choice").select(first["Code"])
    # The button is in the careers fragment, which follows the callback's navigation in the same run.
    next(b for b in at.button if b.label == "Open this occupation").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == first["Occupation"]
    assert any(s.value.startswith("Strong fit") for s in at.subheader)
    assert not any("r = " in s.value for s in at.subheader)
    wage_table = at.dataframe[0].value
    assert list(wage_table["Area"]) == ["Austin-Round Rock-San Marcos, TX", "Texas", "United States"]
    assert wage_table["Median"].iloc[0] == first["Median pay"] or "/hr" in first["Median pay"]


def test_compare_two_occupations():
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/compare.py", code=code, area="0012420")
    assert at.info
    at.multiselect[0].select("29-1141.00").select("15-1252.00").run()
    table = at.dataframe[0].value
    assert list(table.columns) == ["Registered Nurses", "Software Developers"]
    assert table.loc["Median pay", "Software Developers"] == "$134,120"


def test_occupation_absent_here_is_marked_with_where_else():
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/occupation.py", code=code, area="2200002", occ="15-1255.00")  # web designers, rural LA
    warnings = " ".join(w.value for w in at.warning)
    assert "Not found in Central Louisiana nonmetropolitan area" in warnings
    assert any("Where it exists in your state" in m.value for m in at.markdown)


def test_absent_occupation_names_the_nearest_areas_in_miles_from_the_students_town(kb):
    from explorer import places

    town = places.lookup(kb, "Marksville, LA").places[0]
    nearest = places.nearest_areas(kb, "15-1255", town)
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/occupation.py", code=code, area="2200002", occ="15-1255.00", place=town.key)
    text = " ".join(m.value for m in at.markdown)
    assert "from Marksville, LA" in text
    first = nearest.iloc[0]
    assert f"{first['name']} ({first['miles']} miles" in text


def test_grades_3_5_get_no_job_ranking():
    code = saved_quiz({"R": 4, "I": 4, "A": 0, "S": 2, "E": 0, "C": 0}, band="3-5")
    at = on_page("pages/results.py", code=code)
    assert "not job lists" in at.info[0].value and not at.dataframe


def test_results_as_cards_open_the_occupation():
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/results.py", code=code, area="0012420")
    first = at.dataframe[0].value.iloc[0]
    # Cards and table are both drawn; the browser shows cards under 640 px (tests/e2e: phone).
    card = " ".join(m.value for m in at.markdown)
    assert first["Occupation"] in card and "Median pay" in card and "Best fit" in card
    next(b for b in at.button if b.key == f"card_{first['Code']}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == first["Occupation"]


SOCIAL_INVESTIGATIVE = {"R": 1, "I": 3, "A": 1, "S": 4, "E": 2, "C": 1}


@pytest.mark.parametrize("zip_code", ["71301", "71351"])
def test_louisiana_results_list_local_jobs_first_and_fold_families(kb, zip_code):
    from explorer import places

    place = places.zip_places(kb, zip_code)[0]
    code = saved_quiz(SOCIAL_INVESTIGATIVE)
    at = on_page("pages/results.py", code=code, area=place.area_code, place=place.key)
    table = at.dataframe[0].value
    local = kb.local_figures[kb.local_figures["area_code"] == place.area_code]["oews_code"]
    oews = kb.occupations["oews_code"]
    first = table.head(10)
    assert oews[first["Code"]].isin(set(local)).all()  # all ten published in the student's area
    soc = kb.occupations.loc[first["Code"], "soc_code"]
    assert soc.str.startswith("25-1").sum() <= 2 and soc.between("29-1211", "29-1249").sum() <= 2
    page = " ".join(table["Occupation"]) + " " + " ".join(table["Also in this group"])
    assert "Registered Nurses" in page
    # Families: one row, the others named with it and one tap away on the card.
    family = table[table["Same job, other subjects or specialties"] != ""]
    assert len(family) >= 1
    # Good fits on request (AppTest forgets a fragment's widget values on the next run, so each
    # step below is checked on the run that sets it).
    best_and_great = int(at.subheader[0].value.rsplit("(", 1)[1].rstrip(")"))
    at.toggle(key="good_too").set_value(True).run()
    assert int(at.subheader[0].value.rsplit("(", 1)[1].rstrip(")")) > best_and_great
    # No fixed cap: "Show more" lists the rest, a page at a time.
    at.toggle(key="good_too").set_value(False)
    more = next(b for b in at.button if b.key == "show_more")
    more.click().run()
    assert len(at.dataframe[0].value) == best_and_great > 20
    # Not found here: apart, in a collapsed list drawn when opened, with the nearest areas in miles.
    assert len(at.dataframe) == 1 and any(e.label.startswith("Fits you, not found near here") for e in at.expander)
    at.session_state["elsewhere_open"] = True  # a browser sends the opened section back
    at.run()
    elsewhere = at.dataframe[1].value
    assert len(elsewhere) > 20 and not oews[elsewhere["Code"]].isin(set(local)).any()
    assert elsewhere["Nearest areas where BLS publishes it"].str.contains("miles").all()


def test_family_members_open_from_the_card():
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/results.py", code=code, area="0012420")
    table = at.dataframe[0].value
    teachers = table[table["Same job, other subjects or specialties"].str.contains("College teachers")].iloc[0]
    assert any(e.label.endswith("more: same job, other subjects or specialties") for e in at.expander)
    assert not [b for b in at.button if (b.key or "").startswith(f"card_{teachers['Code']}_")]  # drawn when opened
    at.session_state[f"family_{teachers['Code']}"] = True  # a browser sends the opened section back
    at.run()
    members = [b for b in at.button if (b.key or "").startswith(f"card_{teachers['Code']}_")]
    assert len(members) == len(teachers["Same job, other subjects or specialties"].split("; "))
    assert len(members) >= 20
    target = members[0]
    target.click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == target.label and at.title[0].value.endswith("Postsecondary")


def test_budget_check_opens_on_demand_and_counts_the_students_costs(kb):
    from explorer import budget, labor

    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    with pagebench.like_a_server():  # every run is app.py then the page, as in a browser
        _budget_check_round_trip(kb, code, budget, labor)


def _budget_check_round_trip(kb, code, budget, labor):
    at = on_page("pages/occupation.py", code=code, area="0012420", occ="29-1141.00")
    assert not at.number_input  # closed: its seven boxes are not drawn on every rerun
    at.session_state["budget_open"] = True  # what opening the section sends
    at.run()
    assert not at.exception, at.exception
    assert sorted(n.label for n in at.number_input) == sorted(budget.LABELS.values())
    at.number_input(key="budget_housing").set_value(2000)  # the student's rent
    at.session_state["budget_open"] = True  # a browser sends the open section with it; AppTest does not
    at.run()
    need = budget.check(budget.default_monthly() | {"housing": 2000})
    text = " ".join(m.value for m in at.markdown)
    assert f"${need.yearly_before_tax:,.0f}" in text
    nurse = labor.local_occupations(kb, "0012420").loc["29-1141.00"]
    share = round(100 * need.covered_share(nurse["annual_median"]))
    assert f"Median pay here: ${nurse['annual_median']:,.0f} · covers {share}% of it" in text
    # Closed, the boxes and their own state are gone; opened again, the student's rent is back.
    at.session_state["budget_open"] = False
    at.run()
    assert not at.number_input and "budget_housing" not in at.session_state
    at.session_state["budget_open"] = True
    at.run()
    assert at.number_input(key="budget_housing").value == 2000


def test_grades_6_8_read_no_job_zone_or_percentile():
    """Middle school words: the preparation filter, its choices and the table say no "job zone" or
    "percentile"; the filter's tooltip (a glossary) names O*NET's term."""
    code = saved_quiz({"R": 0, "I": 1, "A": 4, "S": 1, "E": 1, "C": 0}, band="6-8")
    at = on_page("pages/results.py", code=code, area="0012420")
    zones = at.multiselect(key="zones")
    assert zones.label == "How much school and training do you want?" and "job zones" in zones.help
    assert zones.options[0] == "Little or no preparation"
    table = at.dataframe[0].value
    headers = " ".join(map(str, table.columns))
    cells = " ".join(table.astype(str).to_numpy().ravel())
    assert "percentile" not in headers and "Starting pay (1 in 4 workers earn less)" in headers
    assert "Zone " not in cells and "zone" not in headers.lower()
    at.multiselect(key="zones").select(1).run()
    assert at.warning and not any("zone" in w.value for w in at.warning)
    # Grades 9-12 keep O*NET's words.
    older = on_page("pages/results.py", code=saved_quiz({"R": 0, "I": 1, "A": 4, "S": 1, "E": 1, "C": 0}),
                    area="0012420")
    assert older.multiselect(key="zones").label.endswith("(job zone)")


def test_no_untranslated_select_all_in_the_filters():
    """Streamlit's multiselect offers an English-only "Select all" (and choosing all is no filter): off."""
    at = on_page("pages/results.py", code=saved_quiz(INVESTIGATIVE_SOCIAL), area="0012420", lang="es")
    pickers = at.get("multiselect")
    assert len(pickers) >= 4 and all(p.proto.select_all == 0 for p in pickers)

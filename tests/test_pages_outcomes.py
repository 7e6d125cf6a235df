"""The public "Where our graduates landed" page and the pathway's outcome line (AppTest)."""
from __future__ import annotations

import pytest

from explorer import db, outcomes, outcomes_sample
from explorer.paths import DATA_DIR
from tests.apptest import on_page

RURAL = "2200002"


@pytest.fixture
def with_sample(url, sample_catalog_into, monkeypatch):
    monkeypatch.setenv(outcomes.SECRET_VARIABLE, "page test secret")
    sample_catalog_into(url)
    for year in outcomes_sample.YEARS:
        with db.session(url) as session:
            outcomes.import_year((DATA_DIR / "sample_outcomes" / f"outcomes_{year}.csv").read_text(), year,
                                 session=session)
    from explorer.ui import outcome_sections

    outcome_sections.graduates.clear()
    return url


def _texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "warning", "subheader") for e in at.get(kind))


def test_public_page_shows_a_program_safely_with_its_sample_label(with_sample):
    at = on_page("pages/outcomes.py", area=RURAL, lang="en")
    text = _texts(at)
    assert "Sample data" in text and "Health Sciences: Patient Care" in text
    headline = at.dataframe[0].value
    assert list(headline.columns) == ["Measure", "2023-2025"]
    graduates = int(headline.iloc[0, 1])
    assert graduates >= 90  # three years of about 34 graduates
    assert all(" of " in v or v == "too few to report" for v in headline.iloc[1:, 1])
    assert "By campus (as students reported it)" in text and "By gender (as students reported it)" in text
    assert "Groups of fewer than 10 graduates are not described" in text
    at.selectbox(key="outcomes_program").set_value(
        next(o for o in at.selectbox(key="outcomes_program").options if "Forestry" in o)).run()
    forestry_total = int(at.dataframe[0].value.iloc[0, 1])  # 4-6 a year: described only pooled
    trend = at.dataframe[1].value
    assert forestry_total >= 10 and set(trend["Graduates"]) == {"too few to report"}


def test_no_outcomes_yet_says_so(url):
    from explorer.ui import outcome_sections

    outcome_sections.graduates.clear()
    at = on_page("pages/outcomes.py", area=RURAL, lang="en")
    assert "The district has not published its graduates' outcomes yet." in _texts(at)


def test_pathway_program_step_says_how_our_graduates_fared(with_sample):
    at = on_page("pages/pathway.py", state={"occupation": "47-2111.00"}, area=RURAL, lang="en")
    text = _texts(at).replace("\\", "")
    assert "Of our 2023-2025 graduates of Electrical Construction" in text
    assert "were working or in college a year later" in text


def test_spanish_outcomes_page(with_sample):
    at = on_page("pages/outcomes.py", area=RURAL, lang="es")
    text = _texts(at)
    assert "Datos de muestra" in text and "Medida" in list(at.dataframe[0].value.columns)


def test_audit_lists_where_each_programs_graduates_landed(with_sample):
    from explorer import outcomes_view, pathways
    from explorer.i18n import locale

    catalog = pathways.Catalog.load(with_sample)
    table = outcomes_view.programs_table(outcomes.load_graduates(with_sample), catalog.programs, {"NCCER-CORE"},
                                         locale("en"), k=10)
    assert list(table["Program"]) == [p.name for p in catalog.programs]
    electrical = table[table["Program"] == "Electrical Construction"].iloc[0]
    assert electrical["Years"] == "2023-2025" and int(electrical["Graduates"]) >= 60
    never = table[~table["Program"].isin(["Health Sciences: Patient Care", "Electrical Construction",
                                           "Welding Technology", "IT Support", "Forestry and Natural Resources"])]
    assert set(never["Graduates"]) == {"too few to report"}  # programs with no imported graduates


def test_a_counselor_also_sees_each_group_year_by_year(with_sample):
    from explorer import auth
    from tests.apptest import signed_in

    auth.add_user("counselor", "correct horse battery", url=with_sample)
    at = on_page("pages/outcomes.py", state=signed_in("counselor", with_sample), area=RURAL, lang="en")
    assert "For counselors: by campus, year by year" in [s.value for s in at.subheader]
    public = on_page("pages/outcomes.py", area=RURAL, lang="en")
    assert not [s.value for s in public.subheader if s.value.startswith("For counselors")]

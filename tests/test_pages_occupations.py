"""Page tests (streamlit.testing AppTest): home, region picker, the occupations table."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from explorer.benchmarks import pagebench
from explorer.views import md_escape
from tests.apptest import APP, on_page


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def occupations_page(state: dict | None = None, **params: str) -> AppTest:
    return on_page("pages/occupations.py", state=state, **params)


def test_home_shows_region_picker_and_attribution():
    with pagebench.like_a_server():  # every run draws the sidebar
        at = open_app()
        assert at.title[0].value == "Career Pathways Explorer"
        # The region section names the region; its picker of 583 areas is drawn once it is opened.
        assert [e.label for e in at.sidebar.expander] == ["Your region: United States"]
        assert not [s for s in at.sidebar.selectbox if s.key == "area_code"]
        at.session_state["region_open"] = True
        at.run()
        assert at.sidebar.selectbox(key="area_code").value == "0000000"
        at.sidebar.selectbox(key="area_code").set_value("0012420")
        at.session_state["region_open"] = True  # a browser sends the open section back; AppTest does not
        at.run()
        assert at.session_state["area_code"] == "0012420" and at.query_params["area"] == "0012420"
        assert not at.session_state["region_open"]  # closed again, titled with the new region
        assert at.sidebar.expander[0].label == "Your region: " + md_escape("Austin-Round Rock-San Marcos, TX (metro area)")
    captions = " ".join(c.value for c in at.caption)
    assert "CC BY 4.0" in captions and "O\\*NET 30.1" in captions
    assert "Bureau of Labor Statistics" in captions and "May 2025" in captions


def test_region_from_link_and_table_uses_local_figures(oews_db):
    at = occupations_page(area="0012420")
    assert "Austin-Round Rock-San Marcos, TX" in at.title[0].value
    table = at.dataframe[0].value
    dev = table[table["Code"] == "15-1252.00"].iloc[0]
    median = int(oews_db.execute("SELECT v13 FROM cell WHERE key='OEUM0012420000000151252'").fetchone()[0])
    assert dev["Median yearly wage"] == f"${median:,}"
    assert "BLS OEWS May 2025, Austin-Round Rock-San Marcos, TX" in " ".join(c.value for c in at.caption)


def test_top_coded_and_unreleased_shown_as_such(kb):
    at = occupations_page(area="0038900")  # Portland-Vancouver-Hillsboro, OR-WA
    table = at.dataframe[0].value
    local = kb.local_figures[kb.local_figures["area_code"] == "0038900"].set_index("oews_code")
    top_code = local.index[local["annual_median_footnote"] == 5][0]
    hidden_code = local.index[local["annual_median_footnote"] == 8][0]
    by_soc = table.assign(soc=table["Code"].str[:7]).set_index("soc")
    assert set(by_soc.loc[[top_code], "Median yearly wage"]) == {"not published by BLS (above its reporting limit)"}
    assert set(by_soc.loc[[hidden_code], "Median yearly wage"]) == {"not released"}
    assert not table["Median yearly wage"].str.fullmatch(r"\$0").any()


def test_search_filters_titles():
    at = occupations_page(area="0012420")
    at.text_input[0].input("electrician").run()
    titles = at.dataframe[0].value["Occupation"].tolist()
    assert titles and all("electrician" in t.lower() for t in titles)


def test_changing_region_in_sidebar_updates_table():
    at = occupations_page(area="0012420", state={"region_open": True})
    at.sidebar.selectbox(key="area_code").select("4800000").run()
    assert at.title[0].value.endswith("Texas")
    assert at.query_params["area"] == ["4800000"] or at.query_params["area"] == "4800000"


def test_spanish_interface():
    at = occupations_page(area="0012420", lang="es")
    assert at.title[0].value.startswith("Ocupaciones en")
    assert "Salario anual mediano" in at.dataframe[0].value.columns


def test_unknown_region_in_link_is_explained():
    at = open_app(area="9999999")
    assert any("9999999" in w.value for w in at.warning)
    assert at.session_state["area_code"] == "0000000"
    assert at.sidebar.expander[0].label == "Your region: United States"


def test_any_occupation_opens_from_the_search_on_occupation_details():
    # Without an occupation chosen, the page offers the search instead of a dead end.
    at = on_page("pages/occupation.py", area="0012420")
    assert at.title[0].value == "Occupation details"
    at.text_input(key="occupation_search").input("RN").run()
    found = [b for b in at.button if (b.key or "").startswith("occupation_search_")]
    assert found and found[0].key == "occupation_search_29-1141.00", [b.label for b in found]
    found[0].click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Registered Nurses"
    assert at.text_input(key="occupation_search").value == ""  # emptied for the next search
    # From an occupation, another one by its Spanish name; a word that matches nothing says so.
    at = on_page("pages/occupation.py", area="0012420", occ="29-1141.00")
    at.text_input(key="occupation_search").input("soldador").run()
    welders = [b for b in at.button if b.key == "occupation_search_51-4121.00"]
    assert welders and "Welders" in welders[0].label and "also called" in welders[0].label
    welders[0].click().run()
    assert at.title[0].value.startswith("Welders")
    at = on_page("pages/occupation.py", area="0012420", occ="29-1141.00")
    at.text_input(key="occupation_search").input("[zzqx](http://x.example)").run()
    message = " ".join(c.value for c in at.caption)
    assert "No occupation matches" in message and "](" not in message  # typed text is never a link


def test_search_is_in_the_readers_language():
    at = on_page("pages/occupation.py", area="0012420", lang="es")
    at.text_input(key="occupation_search").input("enfermera").run()
    labels = {b.key: b.label for b in at.button if (b.key or "").startswith("occupation_search_")}
    assert "occupation_search_29-1141.00" in labels and "Enfermer" in labels["occupation_search_29-1141.00"]

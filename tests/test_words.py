"""Our Spanish names for what the sources publish in English: every name the app can show has one."""
from __future__ import annotations

import pandas as pd

from explorer import labor, words
from explorer.i18n import locale
from explorer.paths import DATA_DIR


def test_every_cluster_work_style_and_ai_activity_has_a_spanish_name(kb):
    for cluster in kb.occupations["career_cluster"].dropna().unique():
        assert words.cluster_name(cluster, "es") != cluster, cluster
        assert words.cluster_name(cluster, "en") == cluster
    styles = kb.work_styles.drop_duplicates("element_id")
    for element_id, name in zip(styles["element_id"], styles["name"]):
        assert words.work_style_name(element_id, name, "es") not in ("", name), name
    activities = kb.ai_activities.drop_duplicates("iwa_id")
    spanish = [words.activity_title(i, t, "es") for i, t in zip(activities["iwa_id"], activities["iwa_title"])]
    assert all(s and s != t for s, t in zip(spanish, activities["iwa_title"]))
    assert len(set(spanish)) == len(spanish)  # no two activities share a name
    # The table's English column is the title the data carries (an edit of one is seen here).
    table = pd.read_csv(DATA_DIR / "ai_activity_words.csv", dtype=str).set_index("iwa_id")["title_en"]
    assert (table.reindex(activities["iwa_id"]).to_numpy() == activities["iwa_title"].to_numpy()).all()


def test_every_bls_group_shown_has_a_spanish_name(kb):
    """"Los empleos y el pago son de todos los ..." names the group in Spanish for every shared figure."""
    table = labor.local_occupations(kb, "0000000")
    shared = table[table["figures_shared"]]
    assert len(shared) > 100
    english = shared["figures_title"]
    spanish = shared["figures_title_es"]
    assert spanish.notna().all() and not (spanish == english).any(), shared.loc[spanish == english, "figures_title"]
    nurse = table.loc["29-1141.01"]  # Acute Care Nurses -> BLS Registered Nurses
    assert labor.figures_note(nurse, locale("es")._, "es").count("Enfermeros registrados") == 1
    assert "Registered Nurses" in labor.figures_note(nurse, locale("en")._)


def test_concierges_and_janitors_have_different_spanish_titles(kb):
    titles = labor.occupation_titles(kb, "es")
    assert titles["39-6012.00"] != titles["37-2011.00"]
    assert "onserje" not in titles["39-6012.00"]


def test_ep_citation_names_the_country_in_the_readers_language(kb):
    assert labor.ep_citation(kb, locale("es")).endswith(", Estados Unidos")
    assert labor.ep_citation(kb).endswith(", United States")

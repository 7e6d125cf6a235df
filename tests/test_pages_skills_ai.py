"""Occupation page (#14): skills and AI panels, every number with its source, EN and ES."""
from __future__ import annotations

import json
import re

import pytest

from tests.apptest import on_page


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_occupation_page_shows_skills_and_ai_with_sources(lang):
    at = on_page("pages/occupation.py", state={"occupation": "29-1141.00"}, area="0012420", lang=lang)
    headers = [s.value for s in at.subheader]
    text = _texts(at)
    if lang == "en":
        assert "Skills this job uses most" in headers and "How AI is used in this work" in headers
        assert "**Interpersonal**: Getting along and working well with others (rank 97 of 100)" in text
        assert "People used AI help for this job's activities more than for 39% of the 785 occupations" in text
        assert "not the chance of losing the job" in text
    else:
        assert "Relaciones con las personas" in text and "Llevarse bien" in text
    assert "Table 6.5" in text and "arXiv:2507.07935" in text and "2024" in text
    # The most common IWA for RNs: O*NET's title in English, our words in Spanish.
    assert {"en": "Maintain current knowledge in area of expertise",
            "es": "Mantenerse al día en su área de trabajo"}[lang] in text
    assert not re.search(r"\b(risk|safe)", text.split("How AI is used")[-1], re.IGNORECASE) or lang == "es"
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    from explorer import i18n

    title = i18n.translator(lang)("Skill ranks compared with all occupations (0 to 100)")
    skills_specs = [s for s in specs if title in json.dumps(s, ensure_ascii=False)]
    assert skills_specs, "skills chart missing"


def test_grouped_occupation_says_whose_skills_and_ai_figures():
    at = on_page("pages/occupation.py", state={"occupation": "13-1021.00"}, area="0000000")
    text = _texts(at)
    assert "Skill ranks are for all Buyers and purchasing agents" in text
    assert "These AI figures are for all Buyers and Purchasing Agents (SOC 13-1020)" in text


def test_compare_shows_skills_and_ai_side_by_side():
    at = on_page("pages/compare.py", area="0012420")
    at.multiselect[0].select("29-1141.00").select("13-1021.00").run()
    table = at.dataframe[1].value
    assert table.loc["Interpersonal", "Registered Nurses"] == "97"
    assert table.loc["AI use: percentile among 785 occupations", "Registered Nurses"] == "39"
    assert table.loc["Skill ranks for", "Buyers and Purchasing Agents, Farm Products"] == "all Buyers and purchasing agents"
    assert "arXiv:2507.07935" in " ".join(c.value for c in at.caption)


def test_results_keep_jobs_that_use_the_chosen_skills(kb, monkeypatch, tmp_path):
    from explorer import skills
    from tests.test_pages_results import INVESTIGATIVE_SOCIAL, saved_quiz

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    code = saved_quiz(INVESTIGATIVE_SOCIAL)
    at = on_page("pages/results.py", code=code, area="0012420")
    before = len(at.dataframe[0].value)
    at.multiselect(key="wanted_skills").select("mechanical").select("physical").run()
    assert any("Table 6.5" in c.value for c in at.caption)
    titles = at.dataframe[0].value["Occupation"].tolist()
    assert 0 < len(titles) <= before
    by_title = kb.occupations.set_index("title")
    for title in titles[:10]:
        found = skills.ranks(kb, by_title.loc[title.split(" (")[0], "ep_code"] if title in by_title.index
                             else None) if title in by_title.index else None
        if found:
            assert (found["mechanical"] + found["physical"]) / 2 >= skills.USES_SKILLS_RANK

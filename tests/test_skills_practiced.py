"""Work-based learning says which durable skills it practises; the family report names each career's top three."""
from __future__ import annotations

from datetime import date

import pytest

from explorer import catalog, pathways, reports, skills
from explorer.i18n import locale
from tests.test_reports import RURAL, read, setup  # noqa: F401  (the module fixture)

HEADER = ("opportunity_id,type,title,employer,soc_codes,paid,hours,min_grade,location,commute_minutes,"
          "transportation_provided,virtual_option,skills_practiced,verified_by,verified_on\n")
ROW = "WBL-X,job_shadow,Shadow,Clinic,29-1141,no,8,10,Town,20,yes,no,{skills},counselor,2026-09-15\n"


def test_skills_practiced_are_checked_against_the_17_bls_skills(kb, database_url):
    known = catalog.known_soc_codes(kb.occupations)
    bad = catalog.import_texts({"work_based_learning": HEADER + ROW.format(skills="interpersonal; charisma")},
                               known, database_url, date(2026, 11, 1))
    assert [(p.line, p.column) for p in bad.problems] == [(2, "skills_practiced")]
    assert "charisma" in bad.problems[0].reason and catalog.table_rows("work_based_learning", database_url) == []
    good = catalog.import_texts({"work_based_learning": HEADER + ROW.format(skills=" interpersonal ;problem_solving")},
                                known, database_url, date(2026, 11, 1))
    assert good.ok
    assert catalog.table_rows("work_based_learning", database_url)[0]["skills_practiced"] == \
        "interpersonal; problem_solving"


def test_the_sample_catalog_fills_skills_and_the_pathway_shows_them(kb, tmp_path, sample_catalog_into):
    url = f"sqlite:///{tmp_path / 's.db'}"
    sample = sample_catalog_into(url)
    rows = catalog.table_rows("work_based_learning", url)
    assert rows and all(r["skills_practiced"] for r in rows)
    plan = pathways.build(kb, sample, "29-1141.00", RURAL, 10)
    step = next(s for s in plan.steps if s.kind == "work_based_learning")
    shadow = next(i for i in step.items if i.id == "WBL-01")
    assert shadow.skills == ["interpersonal", "speaking_listening"]
    assert skills.names(shadow.skills, "es") and skills.names(shadow.skills, "en") != skills.names(
        shadow.skills, "es")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_family_report_names_each_careers_top_three_skills(kb, setup, lang):  # noqa: F811
    profile, careers = setup
    pdf = reports.family_report(kb, profile, careers, RURAL, "http://example.org/f", locale(lang))
    pages, text = read(pdf)
    assert pages == 1
    for career in careers:
        top = skills.top_skills(kb, kb.occupations.loc[career.onet_code], locale(lang), n=3)
        assert top and f"{top[0].label} {top[0].percentile_rank}" in " ".join(text.split())
    assert "Table 6.5" in text

"""Pathways built backward from a job, credential value labels, and the audit, on the sample catalog."""
from __future__ import annotations

import pytest

from explorer import audit, pathways, settings
from explorer.paths import DATA_DIR

RURAL = "2200002"  # Central Louisiana nonmetropolitan area


@pytest.fixture
def sample(database_url, sample_catalog_into) -> pathways.Catalog:
    return sample_catalog_into(database_url)


def test_pathway_steps_in_order_with_totals(kb, sample):
    plan = pathways.build(kb, sample, "31-1131.00", RURAL, grade=10)  # nursing assistants
    assert [s.kind for s in plan.steps] == ["now", "program", "dual_enrollment", "work_based_learning", "credentials",
                                            "postsecondary", "job"]
    assert [p.code for p in plan.step("program").items] == ["HS-HEALTH"]
    de = plan.step("dual_enrollment")
    assert {c.course_code for c in de.items} == {"NURA 1010", "MEDT 1010", "BIOL 1014"}
    assert de.totals.credits == 12 and de.totals.cost == 0 and de.totals.meets_target
    ladder = [w.type for w in plan.step("work_based_learning").items]
    assert ladder == ["job_shadow", "clinical"]
    shadow = plan.step("work_based_learning").items[0]
    assert "unpaid" in shadow.barriers and "transportation" in shadow.supports
    creds = plan.step("credentials")
    assert {c.id for c in creds.items} == {"CNA-LA", "AHA-BLS"}
    assert creds.totals.cost == 185 and creds.totals.cost_after_waivers == 0
    job = plan.step("job").items[0]
    local = kb.local_figures[(kb.local_figures["area_code"] == RURAL) & (kb.local_figures["oews_code"] == "31-1131")]
    assert job.figures["annual_p25"] == local["annual_p25"].iloc[0]
    assert job.figures["annual_median"] == local["annual_median"].iloc[0]
    assert plan.step("now").items[0].course == "Health Science I"


def test_barriers_for_a_far_apprenticeship(kb, sample):
    plan = pathways.build(kb, sample, "47-2111.00", RURAL, grade=10)
    apprentice = plan.step("work_based_learning").items[0]
    assert apprentice.type == "registered_youth_apprenticeship"
    assert set(apprentice.barriers) == {"long_commute", "grade"}
    assert plan.step("dual_enrollment").totals == pathways.DualEnrollmentTotals(
        credits=8, cost=50, target_credits=settings.current().dual_enrollment_target_credits, meets_target=False)


def test_missing_steps_say_so(kb, sample):
    plan = pathways.build(kb, sample, "51-1011.00", RURAL, grade=11)  # production supervisors: nothing in catalog
    assert plan.step("program").missing == "no_program"
    assert plan.step("work_based_learning").missing == "no_wbl_virtual"
    assert plan.step("work_based_learning").items[0].virtual_alternative
    assert plan.step("credentials").missing == "no_credential"


@pytest.mark.parametrize("credential_id,label", [("COMPTIA-APLUS", "strong"), ("NCCER-ELEC1", "strong"),
                                                 ("SERVSAFE-FH", "low"), ("CNA-LA", "low")])
def test_credential_value_labels_follow_the_rule(kb, sample, credential_id, label):
    credential = next(c for c in sample.credentials if c.credential_id == credential_id)
    got, evidence = pathways.credential_value(kb, credential, RURAL)
    assert got == label
    area_median = kb.regions.loc[RURAL, "all_occupations_annual_median"]
    assert evidence and all(e.area_median == area_median for e in evidence)
    if label == "low":
        assert all(e.annual_median < area_median for e in evidence if e.in_area)


def test_audit_lists_known_gaps(kb, sample):
    table = audit.audit(kb, sample, RURAL)
    assert table.loc["51-1011.00", "gap"] == "no_pathway"  # production supervisors: in demand, nothing offered
    logging = table.loc["45-4022.00"]
    assert logging["in_demand"] and logging["gap"] == "incomplete" and not logging["has_credential"]
    assert table.loc["53-3032.00", "complete_pathway"] and table.loc["53-3032.00", "gap"] == "none"
    assert set(table["entry_education"]) <= set(pathways.SUB_ASSOCIATE_EDUCATION)
    complete = table[table["complete_pathway"]]
    assert len(complete) >= 15 and len(set(kb.occupations.loc[complete.index, "career_cluster"])) >= 5


def test_audit_hides_small_student_groups(kb, sample):
    table = audit.audit(kb, sample, RURAL, {"53-3032.00": 3, "29-2061.00": 12})
    assert table.loc["53-3032.00", "students_shown"] == "<10"
    assert table.loc["29-2061.00", "students_shown"] == "12"
    assert "3" not in audit.export_csv(table).split("53-3032.00", 1)[1].split("\n", 1)[0].split(",")[-1:]


def test_low_demand_programs(kb, sample):
    low = audit.low_demand_programs(kb, sample, RURAL).set_index("program")
    assert low.loc["HS-CULIN", "reason"] == "low_pay"
    assert "HS-HEALTH" not in low.index


def test_the_district_settings_move_the_pathway_and_audit_thresholds(kb, sample, monkeypatch):
    plan = pathways.build(kb, sample, "31-1131.00", RURAL, grade=10)
    credits = plan.step("dual_enrollment").totals.credits
    monkeypatch.setenv("EXPLORER_DUAL_ENROLLMENT_TARGET_CREDITS", str(int(credits) + 1))
    totals = pathways.build(kb, sample, "31-1131.00", RURAL, grade=10).step("dual_enrollment").totals
    assert totals.target_credits == credits + 1 and not totals.meets_target
    far = next(w for w in sample.work_based_learning if w.type == "registered_youth_apprenticeship")
    assert not far.transportation_provided
    monkeypatch.setenv("EXPLORER_LONG_COMMUTE_MINUTES", str(far.commute_minutes))  # "longer than": not a barrier
    rung = next(w for w in pathways.build(kb, sample, "47-2111.00", RURAL, grade=10).step("work_based_learning").items
                if w.id == far.opportunity_id)
    assert "long_commute" not in rung.barriers
    before = audit.audit(kb, sample, RURAL)
    openings = before.loc["45-4022.00", "local_openings"]
    monkeypatch.setenv("EXPLORER_IN_DEMAND_OPENINGS", str(int(openings) + 1))
    assert before.loc["45-4022.00", "in_demand"] and not audit.audit(kb, sample, RURAL).loc["45-4022.00", "in_demand"]


def test_credential_items_carry_the_exam_and_what_they_stack_into(kb, sample):
    import csv

    rows = {r["credential_id"]: r for r in csv.DictReader((DATA_DIR / "sample_catalog" / "credentials.csv").open())}
    items = pathways.build(kb, sample, "47-2111.00", RURAL, grade=10).step("credentials").items
    assert items and all((i.exam, i.stacks_into) == (rows[i.id]["exam"], rows[i.id]["stacks_into"]) for i in items)
    assert any(i.stacks_into for i in items)

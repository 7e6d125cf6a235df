"""The pathway page on the sample catalog: every step kind drawn by its renderer, from the plan's own data."""
from __future__ import annotations

import pytest

from explorer import labor, pathway_view, pathways
from explorer.i18n import locale
from tests.apptest import on_page

RURAL = "2200002"  # Central Louisiana nonmetropolitan area
ELECTRICIANS = "47-2111.00"


@pytest.fixture
def sample(url, sample_catalog_into) -> pathways.Catalog:
    return sample_catalog_into(url)


def _texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)]


def test_every_step_is_drawn_with_its_catalog_rows(kb, sample):
    at = on_page("pages/pathway.py", state={"occupation": ELECTRICIANS}, area=RURAL, lang="en")
    plan = pathways.build(kb, sample, ELECTRICIANS, RURAL, pathway_view.default_grade(None))
    assert [s.value for s in at.subheader] == [pathways.STEP_TITLES[s.kind] for s in plan.steps]
    text = "\n".join(_texts(at))
    de = plan.step("dual_enrollment")
    assert de.items and all(c.course_code in text for c in de.items)
    assert f"{de.totals.credits:g} college credits" in text
    # The on-campus barrier of dual enrollment is shown like those of work-based learning.
    assert "on_campus_schedule" in de.barriers and pathways.BARRIER_TEXT["on_campus_schedule"] in text
    for rung in plan.step("work_based_learning").items:
        assert rung.title in text and all(pathways.BARRIER_TEXT[b] in text for b in rung.barriers)
    job = plan.step("job").items[0]
    assert labor.pay_text(pathway_view.pd.Series(job.figures), "median", locale("en")) in text
    credentials = plan.step("credentials").items
    assert len(at.main.expander) == len(credentials)  # "Why this label" per credential
    # How each is earned and what it leads on to, as the catalog words them.
    assert any(c.exam for c in credentials) and any(c.stacks_into for c in credentials)
    for c in credentials:
        assert (not c.exam or f"How you earn it: {c.exam}" in text)
        assert (not c.stacks_into or f"Leads on to: {c.stacks_into}" in text)


def test_step_views_cover_every_kind_and_only_the_job_cannot_be_ticked(kb, sample):
    plan = pathways.build(kb, sample, ELECTRICIANS, RURAL, 10)
    views = pathway_view.step_views(plan, locale("es"))
    assert set(pathway_view.BUILDERS) == set(pathways.STEP_KINDS) == {v.kind for v in views}
    assert [v.kind for v in views if v.checkable] == list(pathways.PLAN_STEPS) == list(pathways.STEP_KINDS[:-1])
    de = next(v for v in views if v.kind == "dual_enrollment").body
    assert de.barriers.startswith("⚠️ ") and de.barriers != "⚠️ " + pathways.BARRIER_TEXT["on_campus_schedule"]


def test_a_virtual_alternative_has_no_hours_line(kb, sample):
    plan = pathways.build(kb, sample, "51-1011.00", RURAL, 11)  # nothing local: virtual options only
    rungs = next(v for v in pathway_view.step_views(plan, locale("en")) if v.kind == "work_based_learning").body.rungs
    assert rungs and not any("hours, from grade" in r.line for r in rungs)

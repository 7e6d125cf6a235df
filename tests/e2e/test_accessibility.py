"""axe-core (npm) injected into every page: no serious or critical accessibility violations."""
from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from explorer import auth, catalog, portfolio
from explorer.data import knowledge_base
from explorer.paths import DATA_DIR, ROOT
from tests.conftest import unavailable
from tests.e2e.test_results_browser import finished_quiz

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STUDENT_PAGES = ["", "quiz", "profile", "results", "occupation", "pathway", "compare", "portfolio", "occupations",
                 "outcomes", "k2"]
COUNSELOR_PAGES = ["advising", "classes", "catalog", "audit", "login"]


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def student(server_database):
    if not AXE.is_file():
        unavailable("axe-core is not installed (npm install)")
    assert catalog.import_folder(DATA_DIR / "sample_catalog", catalog.known_soc_codes(knowledge_base().occupations),
                                 server_database, date.today()).ok
    auth.add_user("axe", "correct horse battery", url=server_database)
    return finished_quiz(server_database)


def test_every_student_page_has_no_serious_violations(server, server_database, student, page):
    found = {}
    for path in STUDENT_PAGES:
        page.goto(f"{server}/{path}?code={student}&area=2200002&occ=47-2111.00")
        expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        page.wait_for_timeout(700)
        if problems := serious_violations(page):
            found[path or "home"] = problems
    token = portfolio.create_share_link(student, server_database)
    page.goto(f"{server}/family?share={token}")
    expect(page.get_by_role("heading", name="A student's career exploration")).to_be_visible()
    page.wait_for_timeout(700)
    if problems := serious_violations(page):
        found["family"] = problems
    assert not found, found


def test_every_counselor_page_has_no_serious_violations(server, student, page):
    page.goto(f"{server}/login")
    page.get_by_label("Username").fill("axe")
    page.get_by_role("textbox", name="Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Logged in as axe.")).to_be_visible()
    found = {}
    for name in ["Advising session", "Classes and dashboard", "District catalog", "Pathway audit", "Counselor account"]:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        page.wait_for_timeout(700)
        if problems := serious_violations(page):
            found[name] = problems
    assert not found, found

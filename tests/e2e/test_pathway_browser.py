"""End to end: a student opens a pathway; a counselor edits the catalog and the student's pathway changes."""
from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from explorer import auth, catalog
from explorer.data import knowledge_base
from explorer.paths import DATA_DIR
from tests.e2e.conftest import screenshot
from tests.e2e.test_results_browser import finished_quiz

PASSWORD = "correct horse battery"


def test_pathway_changes_when_counselor_edits_catalog(server, server_database, browser, page):
    report = catalog.import_folder(DATA_DIR / "sample_catalog", catalog.known_soc_codes(knowledge_base().occupations),
                                   server_database, date.today())
    assert report.ok
    auth.add_user("counselor", PASSWORD, url=server_database)
    code = finished_quiz(server_database)

    # Student: results -> first occupation -> its pathway.
    page.goto(f"{server}/results?code={code}&area=2200002")
    expect(page.get_by_test_id("stDataFrame")).to_contain_text("Best fit")
    page.get_by_role("button", name="Open this occupation").click()
    expect(page.get_by_role("heading", name="Jobs and pay")).to_be_visible()
    first_title = page.get_by_role("heading", level=1).first.inner_text().strip()
    page.get_by_role("button", name="See the pathway from this school year to this job").click()
    expect(page.get_by_role("heading", name=f"Your pathway to {first_title}")).to_be_visible()
    expect(page.get_by_role("heading", name="7. The job here")).to_be_visible()

    # The electricians' pathway, before and after the counselor's edit.
    page.goto(f"{server}/occupation?code={code}&area=2200002&occ=47-2111.00")
    expect(page.get_by_role("heading", name="Electricians", exact=True)).to_be_visible()
    page.get_by_role("button", name="See the pathway from this school year to this job").click()
    expect(page.get_by_role("heading", name="Your pathway to Electricians")).to_be_visible()
    expect(page.get_by_text("Total: 8 college credits, $50 to you.")).to_be_visible()
    expect(page.get_by_text("long commute, no transportation", exact=False)).to_be_visible()
    expect(page.get_by_text("strong local value").first).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "pathway-before-edit")

    staff = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    staff.set_default_timeout(20_000)
    staff.goto(f"{server}/login")
    expect(staff.get_by_role("heading", name="Counselor login")).to_be_visible()
    staff.get_by_label("Username").fill("counselor")
    staff.get_by_role("textbox", name="Password").fill("not the password")
    staff.get_by_role("button", name="Log in").click()
    expect(staff.get_by_text("Login refused: wrong username or password")).to_be_visible()
    staff.get_by_role("textbox", name="Password").fill(PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    expect(staff.get_by_text("Logged in as counselor.")).to_be_visible()
    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="District catalog").click()
    expect(staff.get_by_role("heading", name="District catalog")).to_be_visible()
    staff.get_by_role("tab", name="Dual enrollment courses").click()

    # Dual enrollment rows are sorted by college, then course code: ELEC 1020 is the 8th row; credits the 4th column.
    grid = staff.get_by_test_id("stDataFrame").locator("visible=true").first
    expect(grid.get_by_test_id("glide-cell-2-7")).to_have_text("ELEC 1020")
    grid.scroll_into_view_if_needed()
    staff.wait_for_timeout(300)
    box = grid.bounding_box()
    staff.mouse.click(box["x"] + 120, box["y"] + 35 + 17)  # first data cell (left of it: the row checkbox)
    for _ in range(7):
        staff.keyboard.press("ArrowDown")
    for _ in range(3):
        staff.keyboard.press("ArrowRight")
    staff.keyboard.type("8")
    staff.wait_for_timeout(400)  # let the cell editor open before committing with Enter
    staff.keyboard.press("Enter")
    expect(grid.get_by_test_id("glide-cell-4-7")).to_have_text("8")
    staff.get_by_role("button", name="Save Dual enrollment courses").click()
    expect(staff.get_by_text(re.compile(r"Saved \d+ rows"))).to_be_visible()
    screenshot(staff, "catalog-edited")
    assert "ELEC 1020,Residential Wiring,8," in catalog.export_text("dual_enrollment", server_database)

    page.reload()
    expect(page.get_by_text("Total: 12 college credits, $50 to you.")).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "pathway-after-edit")
    staff.context.close()

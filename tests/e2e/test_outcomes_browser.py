"""Where our graduates landed, in Chromium: the public page (desktop, phone, Spanish) and the pathway's line."""
from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from explorer import catalog, db, outcomes, outcomes_sample
from explorer.data import knowledge_base
from explorer.paths import DATA_DIR
from tests.e2e.conftest import idle, screenshot


def _import_sample(url: str) -> None:
    report = catalog.import_folder(DATA_DIR / "sample_catalog", catalog.known_soc_codes(knowledge_base().occupations),
                                   url, date.today())
    assert report.ok
    for year in outcomes_sample.YEARS:
        with db.session(url) as session:
            outcomes.import_year((DATA_DIR / "sample_outcomes" / f"outcomes_{year}.csv").read_text(), year,
                                 session=session, secret=b"e2e secret")


def test_public_outcomes_page_and_pathway_line(server, server_database, browser, page):
    _import_sample(server_database)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server}/outcomes?area=2200002")
    expect(page.get_by_role("heading", name="Where our graduates landed")).to_be_visible()
    expect(page.get_by_text("Sample data — made-up graduates", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    expect(page.get_by_role("heading", name="By campus (as students reported it)")).to_be_visible()
    idle(page)
    screenshot(page, "outcomes-desktop")
    page.get_by_role("heading", name="Year by year").scroll_into_view_if_needed()
    screenshot(page, "outcomes-desktop-years")

    page.goto(f"{server}/pathway?occ=47-2111.00&area=2200002")
    expect(page.get_by_text("Of our 2023-2025 graduates of Electrical Construction", exact=False)).to_be_visible()
    page.get_by_text("Of our 2023-2025 graduates", exact=False).scroll_into_view_if_needed()
    idle(page)
    screenshot(page, "outcomes-pathway-line")

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{server}/outcomes?area=2200002")
    expect(phone.get_by_role("heading", name="Where our graduates landed")).to_be_visible()
    idle(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(phone, "outcomes-phone")
    phone.context.close()

    spanish = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    spanish.set_default_timeout(20_000)
    spanish.goto(f"{server}/outcomes?area=2200002&lang=es")
    expect(spanish.get_by_role("heading", name="Dónde llegaron nuestros egresados")).to_be_visible()
    expect(spanish.get_by_text("Datos de muestra", exact=False)).to_be_visible()
    idle(spanish)
    screenshot(spanish, "outcomes-spanish")
    spanish.context.close()

"""Training near you in Chromium: a fresh install (no catalog) in Alexandria, LA on desktop, phone and in
Spanish, then the sample catalog's rows leading the public ones in Marksville."""
from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from explorer import catalog
from explorer.data import knowledge_base
from explorer.paths import DATA_DIR
from tests.e2e.conftest import idle, screenshot

NURSES_71301 = "occ=29-1141.00&area=0010780&place=z:71301"
ELECTRICIANS_71351 = "occ=47-2111.00&area=2200002&place=z:71351"


def _y(locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_fresh_install_pathway_and_occupation_list_colleges_near(server, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server}/pathway?{NURSES_71301}")
    expect(page.get_by_role("heading", name="Your pathway to Registered Nurses")).to_be_visible()
    expect(page.get_by_text("Programs that lead to this job within 60 miles of ZIP 71301 (LA)")).to_be_visible()
    start = _y(page.get_by_role("heading", name="6. After high school"))
    end = _y(page.get_by_role("heading", name="7. The job here"))
    for college in ("Louisiana State University-Alexandria", "Louisiana Christian University"):
        assert any(start < _y(found) < end for found in page.get_by_text(college).all()), college
    expect(page.get_by_text("too few graduates to report", exact=False).first).to_be_visible()
    expect(page.get_by_test_id("stMain")).not_to_contain_text("Central Louisiana Technical Community College")
    expect(page.get_by_text("ask your counselor whether you can take their courses", exact=False)).to_be_visible()
    idle(page)
    screenshot(page, "training-pathway-desktop-fresh")
    page.get_by_role("heading", name="6. After high school").scroll_into_view_if_needed()
    page.mouse.wheel(0, 350)
    screenshot(page, "training-pathway-desktop-fresh-after-high-school")

    page.goto(f"{server}/occupation?{NURSES_71301}")
    expect(page.get_by_role("heading", name="Where to train near you")).to_be_visible()
    page.get_by_role("heading", name="Where to train near you").scroll_into_view_if_needed()
    idle(page)
    screenshot(page, "training-occupation-desktop-fresh")
    page.get_by_role("button", name="See all", exact=False).click()
    expect(page.get_by_role("heading", name="Your pathway to Registered Nurses")).to_be_visible()


def test_fresh_install_pathway_on_a_phone_and_in_spanish(server, browser):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                locale="en-US").new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{server}/pathway?{NURSES_71301}")
    expect(phone.get_by_text("Programs that lead to this job within 60 miles of ZIP 71301 (LA)")).to_be_visible()
    expect(phone.get_by_text("Louisiana State University-Alexandria").first).to_be_visible()
    idle(phone)
    _no_sideways_scroll(phone)
    phone.get_by_role("heading", name="6. After high school").scroll_into_view_if_needed()
    screenshot(phone, "training-pathway-phone-fresh")
    phone.context.close()

    spanish = browser.new_context(viewport={"width": 1366, "height": 900}, locale="es-US").new_page()
    spanish.set_default_timeout(20_000)
    spanish.goto(f"{server}/pathway?{NURSES_71301}&lang=es")
    expect(spanish.get_by_text("Programas que llevan a este trabajo a menos de 60 millas de ZIP 71301 (LA)")).to_be_visible()
    expect(spanish.get_by_text("Títulos asociados (unos 2 años)")).to_be_visible()
    expect(spanish.get_by_text("Louisiana State University-Alexandria").first).to_be_visible()
    idle(spanish)
    spanish.get_by_text("Programas que llevan a este trabajo a menos de 60 millas de ZIP 71301 (LA)").scroll_into_view_if_needed()
    screenshot(spanish, "training-pathway-spanish-fresh")
    spanish.context.close()


def test_sample_catalog_rows_lead_public_rows(server, server_database, page):
    report = catalog.import_folder(DATA_DIR / "sample_catalog", catalog.known_soc_codes(knowledge_base().occupations),
                                   server_database, date.today())
    assert report.ok
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server}/pathway?{ELECTRICIANS_71351}")
    expect(page.get_by_role("heading", name="Your pathway to Electricians")).to_be_visible()
    expect(page.get_by_text("Sample data", exact=False).first).to_be_visible()
    start = _y(page.get_by_role("heading", name="4. Work-based learning: see the job, then do it"))
    end = _y(page.get_by_role("heading", name="5. Credentials"))
    district = [_y(e) for e in page.get_by_text("From your district's catalog:").all()]
    public = _y(page.get_by_text("Registered apprenticeships exist for this job", exact=False).first)
    assert any(start < y < public for y in district) and start < public < end
    idle(page)
    page.get_by_role("heading", name="4. Work-based learning: see the job, then do it").scroll_into_view_if_needed()
    screenshot(page, "training-pathway-desktop-sample")

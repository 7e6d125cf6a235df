"""End to end: a visitor picks a region and reads a local wage that equals the OEWS value."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.conftest import idle, screenshot


def test_pick_region_and_read_local_wage(server, page, oews_db):
    median = int(oews_db.execute("SELECT v13 FROM cell WHERE key='OEUM0012420000000151252'").fetchone()[0])
    page.goto(server)
    expect(page.get_by_role("heading", name="Career Pathways Explorer")).to_be_visible()
    expect(page.get_by_role("link", name="CC BY 4.0 license")).to_be_visible()

    sidebar = page.get_by_test_id("stSidebar")
    # This visitor is the server's first: its first click must not be lost to the cold start.
    sidebar.get_by_text("Your region: United States").click()  # the section opens on the region picker
    region = sidebar.get_by_role("combobox", name=re.compile("Your region"))
    expect(region).to_be_visible()
    idle(page)
    austin = page.get_by_role("option", name=re.compile("Austin-Round Rock-San Marcos, TX"))
    # On a server's first visit the picker's list sometimes closes once right after it opens (seen
    # on the busy CI machine, never on a warmed server): type again then, at most twice.
    for _attempt in range(3):
        region.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("Austin-Round")
        try:
            austin.click(timeout=5000)
            break
        except PlaywrightTimeoutError:
            idle(page)
    else:
        pytest.fail("the region picker never listed Austin-Round Rock-San Marcos, TX")
    expect(page.get_by_test_id("stMain").get_by_text("Your region: Austin-Round Rock-San Marcos, TX")).to_be_visible()
    expect(sidebar.get_by_text("Your region: Austin-Round Rock-San Marcos, TX (metro area)")).to_be_visible()
    expect(region).to_be_hidden()  # the section closed on the choice
    screenshot(page, "foundation-home-austin")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Occupations near you").click()
    expect(page.get_by_role("heading", name=re.compile("Occupations in Austin"))).to_be_visible()
    page.get_by_label("Search occupations").fill("Software Developers")
    page.keyboard.press("Enter")
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_contain_text("Software Developers")
    expect(grid).to_contain_text(f"${median:,}")
    expect(page.get_by_text("BLS OEWS May 2025, Austin-Round Rock-San Marcos, TX", exact=False)).to_be_visible()
    screenshot(page, "foundation-occupations-austin")


def test_unreleased_and_top_coded_render_as_words(server, page):
    page.goto(server + "/occupations?area=0038900")
    expect(page.get_by_role("heading", name=re.compile("Occupations in Portland"))).to_be_visible()
    page.get_by_label("Search occupations").fill("Anesthesiologists")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stDataFrame")).to_contain_text("not published by BLS (above its reporting limit)")
    screenshot(page, "foundation-top-coded")


def test_any_occupation_opens_from_the_list_the_search_and_related_at_the_top(server, page):
    # A row of "Occupations near you" opens its occupation.
    page.goto(server + "/occupations?area=0012420")
    page.get_by_label("Search occupations").fill("Software Developers")
    page.keyboard.press("Enter")
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_contain_text("Software Developers")
    idle(page)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row's selection marker
    expect(page.get_by_role("heading", name="Jobs and pay")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Software Developers")
    # The search box on the page opens any other occupation by another of its names.
    page.get_by_label("Find any occupation").fill("RN")
    page.keyboard.press("Enter")
    page.get_by_role("button", name=re.compile("^Registered Nurses")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registered Nurses")
    # A related occupation, clicked at the bottom of the page, opens at the top.
    idle(page)
    related = page.get_by_role("button", name="Licensed Practical and Licensed Vocational Nurses")
    related.scroll_into_view_if_needed()
    expect(page.get_by_role("heading", level=1)).not_to_be_in_viewport()
    related.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Licensed Practical and Licensed Vocational Nurses")
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    screenshot(page, "occupation-opened-from-related")

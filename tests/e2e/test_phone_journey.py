"""The whole student journey on a phone: ZIP -> quiz -> profile -> results -> occupation -> pathway -> family PDF."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
from playwright.sync_api import expect

from explorer import quiz
from tests.e2e.conftest import screenshot

PHONE = {"width": 390, "height": 844}
# Investigative and Social first -> a nurse-like student in Alexandria, LA.
CHOICE = {"R": "Dislike", "I": "Strongly like", "A": "Strongly dislike", "S": "Like", "E": "Not sure",
          "C": "Strongly dislike"}


def test_phone_journey_from_zip_to_family_report(server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(server + "/")
    page.get_by_label("ZIP code or town").fill("71301")
    page.get_by_role("button", name="Find my area").click()
    expect(page.get_by_text(re.compile("ZIP 71301 \\(LA\\): jobs and pay are shown for Alexandria, LA"))).to_be_visible()
    screenshot(page, "phone-home-zip")

    page.get_by_role("button", name="Take the interest quiz").click()
    expect(page.get_by_role("heading", name="Interest quiz")).to_be_visible()
    page.get_by_text("Grades 9-12").click()
    page.get_by_role("button", name="Start the quiz").click()
    items = quiz.form_items("9-12", "quick")
    for k, item in enumerate(items):
        if k and k % 6 == 0:
            page.get_by_role("button", name="Next →").click()
            expect(page.get_by_text(re.compile(rf"^{k} of 30 answered"))).to_be_visible()
        group = page.get_by_role("radiogroup", name=item.text, exact=True)
        group.get_by_text(re.compile(rf"^\S+ {CHOICE[item.theme]}$")).click()
        expect(group.get_by_role("radio", checked=True)).to_have_count(1)
        if k == 3:
            screenshot(page, "phone-quiz")
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name=re.compile("Your interest code: I"))).to_be_visible()
    expect(page.get_by_text("You answered quickly")).to_have_count(0)  # paced like a real student
    screenshot(page, "phone-profile")

    page.get_by_role("button", name="See careers that fit me").click()
    expect(page.get_by_role("heading", name=re.compile("Careers that fit you in Alexandria, LA"))).to_be_visible()
    # A phone gets cards (the table is drawn too, and hidden under 640 px).
    cards = page.get_by_role("button", name=re.compile("^Open (?!this)"))
    expect(cards.first).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "phone-results-cards")
    cards.first.click()
    expect(page.get_by_role("heading", name="Jobs and pay")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^(Strong|Good|Some) fit: "))).to_be_visible()
    page.wait_for_timeout(800)
    screenshot(page, "phone-occupation")

    page.get_by_role("button", name="See the pathway from this school year to this job").click()
    expect(page.get_by_role("heading", name=re.compile("^Your pathway to "))).to_be_visible()
    expect(page.get_by_role("heading", name="7. The job here")).to_be_visible()
    screenshot(page, "phone-pathway")

    page.goto(page.url.split("/pathway")[0] + "/profile?" + page.url.split("?", 1)[1])
    expect(page.get_by_role("heading", name=re.compile("Your interest code: I"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the family report (PDF)").click()
    reader = pypdf.PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1 and "Three careers that fit, here in Alexandria, LA" in text
    assert "BLS OEWS May 2025, Alexandria, LA" in text
    context.close()


def test_phone_menu_closes_after_choosing_a_page(server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-US")
    page = context.new_page()
    page.goto(server + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Occupations near you").click()
    expect(page.get_by_role("heading", name=re.compile("^Occupations in"))).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    context.close()

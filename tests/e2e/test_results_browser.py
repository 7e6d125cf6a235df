"""End to end from a saved quiz: results -> one occupation -> compare two, in a rural area."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from explorer import attempts, quiz
from tests.e2e.conftest import screenshot


def finished_quiz(url: str, values: dict[str, int] | None = None) -> str:
    code = attempts.start("9-12", "quick", "en", url)
    values = values or {"R": 3, "I": 1, "A": 0, "S": 2, "E": 1, "C": 4}
    start = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    for k, item in enumerate(quiz.form_items("9-12", "quick")):
        value = values[item.theme] if k % 5 else max(0, values[item.theme] - 1)
        attempts.save_answer(code, item.id, value, url, now=start + timedelta(seconds=5 * k))
    attempts.finish(code, url)
    return code


def results_occupation_compare(page, oews_area: str, titles: list[str], expected: str, shots: str) -> None:
    """From the results page: check the sources, open the first result, then compare two occupations."""
    expect(page.get_by_role("heading", name=re.compile("Careers that fit you in"))).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("Best fit")
    expect(page.get_by_text(f"BLS OEWS May 2025, {oews_area}", exact=False).first).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, f"results-{shots}")

    page.get_by_role("button", name="Open this occupation").click()
    expect(page.get_by_role("heading", name="Jobs and pay")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^(Strong|Good|Some) fit: "))).to_be_visible()
    expect(page.get_by_text("Things you like that this job uses:")).to_be_visible()
    page.wait_for_timeout(800)
    screenshot(page, f"occupation-{shots}")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Compare careers").click()
    picker = page.get_by_role("combobox", name=re.compile("Occupations to compare"))
    for title in titles:
        picker.click()
        page.keyboard.type(title)
        page.get_by_role("option", name=title, exact=True).click()
        page.keyboard.press("Escape")
    compare = page.get_by_test_id("stDataFrame").first  # the facts table; skills and AI use follow
    for text in [*titles, expected]:
        expect(compare).to_contain_text(text)
    page.wait_for_timeout(500)
    screenshot(page, f"compare-{shots}")


def test_results_occupation_compare(server, server_database, page):
    code = finished_quiz(server_database)
    page.goto(f"{server}/results?code={code}&area=2200002")
    expect(page.get_by_role("heading", name=re.compile("Careers that fit you in Central Louisiana"))).to_be_visible()
    results_occupation_compare(page, "Central Louisiana nonmetropolitan area",
                               ["Registered Nurses", "Bookkeeping, Accounting, and Auditing Clerks"], "$75,640", "rural")


def test_family_report_downloads_in_spanish(server, server_database, page):
    import io
    from pathlib import Path

    import pypdf

    code = finished_quiz(server_database)
    page.goto(f"{server}/profile?code={code}&area=2200002")
    expect(page.get_by_role("heading", name=re.compile("Your interest code: "))).to_be_visible()
    letters = page.get_by_role("heading", name=re.compile("Your interest code: ")).inner_text().split(": ")[1].strip()
    page.get_by_text("Español", exact=True).last.click()
    # The download button is rebuilt by the rerun the click starts: wait for that rerun to end, or a
    # busy machine downloads the English report drawn before it.
    expect(page.get_by_role("radio", name="Español").last).to_be_checked()
    page.wait_for_timeout(300)
    page.wait_for_function("document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state')"
                           " === 'notRunning'")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the family report (PDF)").click()
    pdf = pypdf.PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = pdf.pages[0].extract_text()
    assert len(pdf.pages) == 1 and letters in text and "Tres carreras que encajan" in text
    screenshot(page, "profile-with-report")


NURSE_LIKE = {"R": 1, "I": 4, "A": 0, "S": 3, "E": 2, "C": 1}  # Investigative and Social high


def test_nurse_like_results_list_each_bls_group_once(server, server_database, page, kb):
    code = finished_quiz(server_database, NURSE_LIKE)
    nurse_titles = set(kb.occupations.loc[kb.occupations["oews_code"] == "29-1141", "title"])  # RN and specialties
    for area, name, shot in (("0012420", "Austin-Round Rock-San Marcos, TX", "austin"),
                             ("2200002", "Central Louisiana nonmetropolitan area", "central-louisiana")):
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(f"{server}/results?code={code}&area={area}")
        expect(page.get_by_role("heading", name=re.compile("Careers that fit you in"))).to_be_visible()
        grid = page.get_by_test_id("stDataFrame").first
        expect(grid).to_contain_text("Best fit")
        expect(grid).to_contain_text("Median pay")
        expect(page.get_by_text(f"BLS OEWS May 2025, {name}", exact=False).first).to_be_visible()
        page.wait_for_timeout(800)
        screenshot(page, f"results-nurse-like-{shot}")
        # The grid draws on a canvas; its (virtualised) accessible table carries the visible cells' text.
        cells = grid.locator("[role=gridcell]").all_text_contents()
        assert len(cells) >= 60, len(cells)  # the first rows were read
        # Registered Nurses and its specialties share one BLS row: one line of the list.
        nurses = sum(c.strip() in nurse_titles for c in cells)
        assert nurses == 1 if area == "0012420" else nurses <= 1, shot


def test_clicking_a_result_row_opens_the_occupation(server, server_database, page):
    code = finished_quiz(server_database, NURSE_LIKE)
    page.goto(f"{server}/results?code={code}&area=0012420")
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("Best fit")
    first = grid.locator("[role=gridcell]").nth(2).text_content()  # the first row's Occupation cell
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the row's selection marker, left of "#"
    expect(page.get_by_role("heading", name="Jobs and pay")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(first)


SOCIAL_INVESTIGATIVE = {"R": 1, "I": 3, "A": 1, "S": 4, "E": 2, "C": 1}


def test_alexandria_lists_local_jobs_first_as_cards_on_a_phone_and_a_table_on_a_laptop(server, server_database,
                                                                                        browser, kb):
    """ZIP 71301: the first ten rows are jobs BLS publishes in Alexandria, LA, no family fills them;
    a 390 px phone gets cards with full titles and pay, a 1366 px laptop a table whose pay shows
    without scrolling sideways."""
    code = finished_quiz(server_database, SOCIAL_INVESTIGATIVE)
    url = f"{server}/results?code={code}&area=0010780&place=z:71301"
    local = set(kb.local_figures.loc[kb.local_figures["area_code"] == "0010780", "oews_code"])
    by_title = kb.occupations.set_index("title")

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                locale="en-US")
    page = phone.new_page()
    page.set_default_timeout(20_000)
    page.goto(url)
    expect(page.get_by_role("heading", name=re.compile("Jobs that fit you and exist in Alexandria, LA"))).to_be_visible()
    box = page.locator(".st-key-results_cards_box")
    expect(box.get_by_role("button", name=re.compile("^Open ")).nth(9)).to_be_visible()
    expect(page.locator(".st-key-results_table_box")).to_be_hidden()
    heads = [t.split(". ", 1)[1] for t in box.locator("strong").all_text_contents()[:10]]
    assert len(heads) == 10 and all(title in by_title.index for title in heads), heads  # full titles
    assert all(by_title.loc[t, "oews_code"] in local for t in heads), heads
    soc = by_title.loc[heads, "soc_code"]
    assert soc.str.startswith("25-1").sum() <= 2 and soc.between("29-1211", "29-1249").sum() <= 2
    text = box.inner_text()
    for k, title in enumerate(heads, start=1):
        card = text.split(f"{k}. {title}", 1)[1].split(f"{k + 1}. ", 1)[0]
        assert re.search(r"Median pay: (\$[\d,]+|not)", card) and "Starting pay" in card, card
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.get_by_text(re.compile("^Fits you, not found near here"))).to_be_visible()
    box.locator("strong").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    screenshot(page, "phone-results-71301-cards")
    phone.close()

    laptop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = laptop.new_page()
    page.set_default_timeout(20_000)
    page.goto(url)
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("Best fit")
    expect(page.locator(".st-key-results_cards_box")).to_be_hidden()
    box = grid.bounding_box()
    assert box["x"] + box["width"] <= 1366
    # The grid renders only the columns in view: the pay headers are there without scrolling sideways.
    headers = " ".join(grid.locator("[role=columnheader]").all_text_contents())
    assert "Median pay" in headers and "Starting pay (25th percentile)" in headers, headers
    page.wait_for_timeout(800)
    screenshot(page, "results-71301-laptop")
    # Good fits on request, and "Show more" keeps that choice (no fixed cap on the list).
    heading = page.get_by_role("heading", name=re.compile("Jobs that fit you and exist in Alexandria, LA"))
    best_and_great = int(re.search(r"\((\d+)\)", heading.inner_text()).group(1))
    page.get_by_text("Also show Good fits").click()
    expect(heading).not_to_have_text(re.compile(rf"\({best_and_great}\)"))
    with_good = int(re.search(r"\((\d+)\)", heading.inner_text()).group(1))
    assert with_good > best_and_great
    page.get_by_role("button", name=re.compile(r"^Show more \(20 of")).click()
    expect(page.get_by_role("button", name=re.compile(rf"^Show more \(40 of {with_good} shown\)"))).to_be_visible()
    # The fits not found here open on request, each with the nearest areas that have it, in miles.
    page.get_by_text(re.compile("^Fits you, not found near here")).click()
    elsewhere = page.get_by_test_id("stDataFrame").nth(1)
    expect(elsewhere).to_contain_text("miles")
    elsewhere.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    screenshot(page, "results-71301-not-found-here")
    laptop.close()


def test_a_folded_family_opens_its_members_on_a_phone(server, server_database, browser):
    """Austin: the ~27 college teaching subjects that fit are one card; each subject is one tap away."""
    code = finished_quiz(server_database, SOCIAL_INVESTIGATIVE)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                locale="en-US")
    page = phone.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{server}/results?code={code}&area=0012420")
    box = page.locator(".st-key-results_cards_box")
    more = box.get_by_text(re.compile(r"^\d+ more: same job, other subjects or specialties$"))
    expect(more.first).to_be_visible()
    heads = box.locator("strong").all_text_contents()
    assert sum(h.endswith(", Postsecondary") for h in heads) == 1, heads  # one card for the whole family
    teachers = next(k for k, h in enumerate(heads) if h.endswith(", Postsecondary"))
    assert teachers < 10, heads
    expander = box.get_by_text(re.compile(r"^(2\d|1\d) more: same job")).first
    expander.scroll_into_view_if_needed()
    expander.click()
    member = box.get_by_role("button", name=re.compile(r"Teachers, Postsecondary$")).nth(1)
    expect(member).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "phone-results-family-open")
    title = member.inner_text()
    member.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    phone.close()

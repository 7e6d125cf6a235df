"""End to end: a student takes the quick quiz, reloads, resumes by code on another device, finishes."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from explorer import quiz
from tests.e2e.conftest import focus_contrast, screenshot
from tests.e2e.test_results_browser import results_occupation_compare

# Like Investigative and Social most: I=20, S=15, E=10, R=5 on the quick form -> code ISE.
CHOICE = {"R": "Dislike", "I": "Strongly like", "A": "Strongly dislike", "S": "Like", "E": "Not sure",
          "C": "Strongly dislike"}


def answer(page, item: quiz.Item) -> None:
    group = page.get_by_role("radiogroup", name=item.text, exact=True)
    group.get_by_text(re.compile(rf"^\S+ {CHOICE[item.theme]}$")).click()
    expect(group.get_by_role("radio", checked=True)).to_have_count(1)


def progress(page, done: int) -> None:
    expect(page.get_by_text(re.compile(rf"^{done} of 30 answered"))).to_be_visible()


def test_student_quiz_journey(server, browser, page):
    items = quiz.form_items("9-12", "quick")
    page.goto(server + "/quiz")
    expect(page.get_by_role("heading", name="Interest quiz")).to_be_visible()
    page.get_by_text("Grades 9-12").click()
    page.get_by_role("button", name="Start the quiz").click()
    banner = page.get_by_text(re.compile(r"Your resume code is [2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}"))
    expect(banner).to_be_visible()
    code = re.search(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", banner.inner_text()).group(0)
    screenshot(page, "quiz-start")

    for k, item in enumerate(items[:15]):
        if k and k % 6 == 0:
            page.get_by_role("button", name="Next →").click()
            progress(page, k)
        answer(page, item)
    progress(page, 15)
    screenshot(page, "quiz-15-answered")

    assert "code=" not in page.url  # the resume code never sits in the address bar
    page.reload()  # a refresh is a new session: the browser's quiz cookie brings the answers back
    progress(page, 15)
    assert "code=" not in page.url

    other_device = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    other_device.goto(server + "/quiz")
    other_device.get_by_label("Your resume code").fill(code.lower().replace("-", " "))
    other_device.get_by_role("button", name="Continue").click()
    progress(other_device, 15)
    expect(other_device.get_by_text("screen 3 of 5")).to_be_visible()  # back where the student left off
    for k, item in enumerate(items[15:], start=15):
        if k % 6 == 0:
            other_device.get_by_role("button", name="Next →").click()
            progress(other_device, k)
        answer(other_device, item)
    progress(other_device, 30)
    other_device.get_by_role("button", name="See my results").click()
    expect(other_device.get_by_role("heading", name="Your interest code: ISE")).to_be_visible()
    expect(other_device.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    expect(other_device.get_by_text("What this does not measure")).to_be_visible()
    other_device.wait_for_timeout(800)  # let the charts finish drawing for the screenshot
    screenshot(other_device, "quiz-profile")

    # On to careers: results -> one occupation -> compare two.
    other_device.get_by_test_id("stSidebarNav").get_by_role("link", name="Careers that fit me").click()
    results_occupation_compare(other_device, "National", ["Registered Nurses", "Software Developers"], "$97,550",
                               "national")
    other_device.context.close()


def test_unknown_code_gets_a_clear_message(server, page):
    page.goto(server + "/quiz")
    page.get_by_label("Your resume code").fill("K7M-Q4T-X9B")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("No quiz was saved under the code K7M-Q4T-X9B")).to_be_visible()
    page.get_by_label("Your resume code").fill("K7M-Q0T-X9B")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(re.compile("never contains"))).to_be_visible()


SCALE = ["Strongly dislike", "Dislike", "Not sure", "Like", "Strongly like"]


def test_keyboard_only_quiz_screen(server, page):
    """No mouse: Start, six answers with the arrow keys, Tab to Next; focus lands on the new screen's
    first question after Start and after Next (so a screen reader reads it out). Every focused control
    shows a focus ring of at least 3:1 against its background (WCAG 2.4.7, 1.4.11)."""
    items = quiz.form_items("9-12", "quick")
    page.goto(server + "/quiz")
    expect(page.get_by_role("heading", name="Interest quiz")).to_be_visible()
    page.get_by_role("radio", name="Grades 9-12").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="Grades 9-12")).to_be_checked()
    start = page.get_by_role("button", name="Start the quiz")
    expect(start).to_be_enabled()  # the rerun the band choice started has drawn the button enabled
    page.wait_for_timeout(300)
    start.focus()
    expect(start).to_be_focused()
    page.keyboard.press("Shift+Tab")  # focus by keyboard (what :focus-visible answers to), then back
    page.keyboard.press("Tab")
    expect(start).to_be_focused()
    ratio, ring = focus_contrast(page)
    assert ratio >= 3, ("Start button", ratio, ring)
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^0 of 30 answered"))).to_be_visible()
    for screen in range(2):
        first = page.get_by_role("radiogroup", name=items[6 * screen].text, exact=True)
        expect(first.get_by_role("radio").first).to_be_focused()
        for k, item in enumerate(items[6 * screen:6 * screen + 6]):
            group = page.get_by_role("radiogroup", name=item.text, exact=True)
            if k:
                page.keyboard.press("Tab")
            expect(group.get_by_role("radio").first).to_be_focused()
            wanted = SCALE.index(CHOICE[item.theme])
            page.keyboard.press("Space")  # selects the focused first choice
            for _ in range(wanted):
                page.keyboard.press("ArrowRight")
            expect(group.get_by_role("radio", checked=True)).to_have_accessible_name(re.compile(CHOICE[item.theme]))
            ratio, ring = focus_contrast(page)
            assert ratio >= 3, (item.text, ratio, ring)
        progress(page, 6 * screen + 6)
        if screen == 0:
            page.keyboard.press("Tab")
            expect(page.get_by_role("button", name="Next →")).to_be_focused()
            ratio, ring = focus_contrast(page)
            assert ratio >= 3, ("Next", ratio, ring)
            page.keyboard.press("Enter")
            progress(page, 6)
            expect(page.get_by_text("screen 2 of 5")).to_be_visible()
    screenshot(page, "quiz-keyboard")

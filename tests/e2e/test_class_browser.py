"""End to end: a counselor creates a class, students join it by code and take the quick quiz, the
counselor reads the dashboard and writes a note in one student's advising view."""
from __future__ import annotations

import contextlib
import re

from playwright.sync_api import expect

from explorer import auth, classes, quiz
from tests.e2e.conftest import screenshot
from tests.e2e.test_quiz_browser import answer, progress
from tests.e2e.test_results_browser import finished_quiz

PASSWORD = "correct horse battery"


def log_in(page, server: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("Username").fill("teacher")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Logged in as teacher.")).to_be_visible()


def test_class_dashboard_and_advising(server, server_database, browser, page):
    auth.add_user("teacher", PASSWORD, url=server_database)
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(staff, server)
    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Classes and dashboard").click()
    staff.get_by_label("Class name").fill("Period 3")
    staff.get_by_role("textbox", name=re.compile("Optional self-reported fields")).fill("campus")
    staff.get_by_role("button", name="Create").click()
    created = staff.get_by_text(re.compile(r"Students join with the code C-[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}"))
    expect(created).to_be_visible()
    class_code = re.search(r"C-[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", created.inner_text()).group(0)

    # Ten classmates finished earlier (seeded); one more student takes the quiz now in the browser.
    for _ in range(10):
        classes.join(class_code, finished_quiz(server_database), grade=10, groups={"campus": "South"},
                     url=server_database)
    page.goto(f"{server}/quiz")
    page.get_by_text("Grades 9-12").click()
    page.get_by_label("Class code from your teacher (optional)").fill(class_code.lower())
    page.get_by_role("button", name="Start the quiz").click()
    banner = page.get_by_text(re.compile(r"Your resume code is [2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}"))
    expect(banner).to_be_visible()
    student_code = re.search(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", banner.inner_text()).group(0)
    items = quiz.form_items("9-12", "quick")
    for k, item in enumerate(items):
        if k and k % 6 == 0:
            page.get_by_role("button", name="Next →").click()
            progress(page, k)
        answer(page, item)
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your interest code: ISE")).to_be_visible()

    # (A reload would be a new session and log the counselor out: navigate away and back instead.)
    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Counselor account").click()
    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Classes and dashboard").click()
    table = staff.get_by_test_id("stDataFrame").first
    # 11 joined and finished (exact totals); the figures describe the first whole batch of 10 (#23).
    expect(staff.get_by_text("11 students joined and 11 finished the quiz.")).to_be_visible()
    expect(table).to_contain_text("10")
    expect(staff.get_by_text(re.compile(r"Your class .*: 11 students joined, 11 finished the quiz"))).to_be_visible()
    staff.get_by_role("combobox", name="Split by").click()
    staff.get_by_role("option", name="campus").click()
    # The released ten all said South: one group is no split, so the whole class is shown (the browser
    # student, who left campus blank, is not released yet and cannot be worked out by subtraction).
    expect(staff.get_by_text("Split this way, some groups would have fewer than 10 students")).to_be_visible()
    expect(staff.get_by_test_id("stDataFrame").first).to_contain_text("whole class")
    staff.wait_for_timeout(600)
    screenshot(staff, "class-dashboard")

    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Advising session").click()
    staff.get_by_label("Student's resume code").fill(student_code)
    staff.get_by_role("button", name="Look up").click()
    expect(staff.get_by_role("heading", name="The student's interest code: ISE")).to_be_visible()
    expect(staff.get_by_role("heading", name="The student's top matches here")).to_be_visible()
    staff.get_by_label("Note").fill("Interested in health and science; talked about lab technician programs")
    staff.get_by_label("Next step").fill("Sign up for the hospital job shadow")
    staff.get_by_role("button", name="Save note").click()
    expect(staff.get_by_text("Note saved.")).to_be_visible()
    expect(staff.get_by_test_id("stMarkdown").filter(has_text="Interested in health and science")).to_be_visible()
    staff.wait_for_timeout(500)
    screenshot(staff, "advising")
    staff.context.close()


def test_login_survives_a_refresh_and_logout_forgets_everything(server, server_database, browser):
    """A refresh is a new Streamlit session: the same-site cookie's token signs the counselor back
    in; after "Log out" neither a refresh nor the old token does, and the last student is gone."""
    with contextlib.suppress(auth.AuthError):  # made by the test above in this module's server
        auth.add_user("teacher", PASSWORD, url=server_database)
    student = finished_quiz(server_database)
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(staff, server)
    staff.wait_for_timeout(500)
    cookie = [c for c in staff.context.cookies() if c["name"] == "cpe_counselor"]
    assert len(cookie) == 1 and cookie[0]["sameSite"] == "Strict" and len(cookie[0]["value"]) >= 40
    assert PASSWORD not in cookie[0]["value"] and cookie[0]["value"] not in staff.url
    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Advising session").click()
    staff.get_by_label("Student's resume code").fill(student)
    staff.get_by_role("button", name="Look up").click()
    expect(staff.get_by_role("heading", name=re.compile("interest code"))).to_be_visible()

    staff.reload()
    expect(staff.get_by_role("heading", name="Advising session")).to_be_visible()
    expect(staff.get_by_label("Student's resume code")).to_be_visible()

    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Counselor account").click()
    staff.get_by_role("button", name="Log out").click()
    expect(staff.get_by_role("heading", name="Counselor login")).to_be_visible()
    staff.wait_for_timeout(500)
    assert not [c for c in staff.context.cookies() if c["name"] == "cpe_counselor" and c["value"]]
    staff.reload()
    expect(staff.get_by_role("heading", name="Counselor login")).to_be_visible()
    expect(staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Advising session")).to_have_count(0)
    # The old token is dead on the server too, even if a copy of the cookie was kept.
    assert auth.resume_session(cookie[0]["value"], server_database) is None
    staff.context.close()

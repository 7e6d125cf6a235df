"""End to end: a counselor opens "How well is the quiz working here?" on a simulated district of
1,200 finished quizzes (English and Spanish, two campuses) and downloads the anonymous answers."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from explorer import auth, psychometrics_sim
from tests.e2e.conftest import SCREENSHOTS, idle, screenshot
from tests.e2e.test_class_browser import PASSWORD, log_in


def test_quiz_quality_page(server, server_database, page):
    psychometrics_sim.fill_database(server_database, students=1200, band="9-12", form="full", spanish_share=0.35)
    auth.add_user("teacher", PASSWORD, url=server_database)
    log_in(page, server)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Quiz quality").click()
    expect(page.get_by_role("heading", name="How well is the quiz working here?")).to_be_visible()
    expect(page.get_by_role("heading", name="Are the answers consistent?")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("consistent")
    expect(page.get_by_text(re.compile(r"72 of 72 order predictions hold"))).to_be_visible()
    expect(page.get_by_text("English and Spanish forms", exact=False)).to_be_visible()
    expect(page.get_by_text("Self-reported campus", exact=False)).to_be_visible()
    page.wait_for_timeout(800)
    screenshot(page, "quiz-quality")
    # Streamlit scrolls inside its own container, so each part gets its own viewport screenshot.
    for heading, name in [("Activities", "items"), ("Do the six areas keep the hexagon shape?", "structure"),
                          ("Does each activity work the same way for every group?", "fairness"),
                          ("How were the quizzes answered?", "answering")]:
        if name == "answering":  # the last part: a taller window shows it whole
            page.set_viewport_size({"width": 1280, "height": 1500})
        page.get_by_role("heading", name=heading).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"quiz-quality-{name}.png"))

    idle(page)  # a download button the running rerun redraws may swallow the click
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the answers (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("finished_on,lang,") and ",HR01," in text.splitlines()[0]
    assert not re.search(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", text)  # no resume codes
    assert not re.search(r"\d\d:\d\d", text)  # no times of day

"""Occupation page in Chromium (#14): skills and AI panels in English and Spanish, axe-clean, screenshots."""
from __future__ import annotations

from playwright.sync_api import expect

from explorer import i18n
from tests.e2e.conftest import screenshot
from tests.e2e.test_accessibility import AXE, serious_violations

SKILLS, AI = "Skills this job uses most", "How AI is used in this work"


def test_skills_and_ai_panels_in_english_and_spanish(server, page):
    for lang, skill_name in (("en", "Interpersonal"), ("es", "Relaciones con las personas")):
        page.goto(f"{server}/occupation?occ=29-1141.00&area=0012420&lang={lang}")
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        expect(page.get_by_text(skill_name).first).to_be_attached()
        _ = i18n.translator(lang)
        for name, heading in (("skills", _(SKILLS)), ("ai", _(AI))):
            found = page.get_by_role("heading", name=heading)
            found.scroll_into_view_if_needed()
            expect(found).to_be_visible()
            page.wait_for_timeout(900)
            page.screenshot(path=str(screenshot(page, f"occupation_{name}_{lang}")))
        expect(page.get_by_text("arXiv:2507.07935").first).to_be_visible()
        if AXE.is_file():
            assert serious_violations(page) == []

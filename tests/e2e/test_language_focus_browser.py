"""The page speaks the reader's language to the browser (``<html lang>``, the tab title), and every
control a keyboard reaches shows its focus (WCAG 2.4.7, 1.4.11: a ring of at least 3:1)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import focus_contrast, idle, screenshot


@pytest.mark.parametrize("lang,heading,title", [("en", "Where do you live?", "Career Pathways Explorer"),
                                                ("es", "¿Dónde vives?", "Explorador de Trayectorias Profesionales")])
def test_html_lang_and_tab_title_follow_the_reader(server, page, lang, heading, title):
    page.goto(f"{server}/?lang={lang}")
    expect(page.get_by_text(heading).first).to_be_visible()
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")
    expect(page).to_have_title(title)
    # Switching the language in the sidebar changes both without a reload.
    other = {"en": "Español", "es": "English"}[lang]
    page.get_by_test_id("stSidebar").get_by_role("combobox").first.click()
    page.get_by_role("option", name=other).click()
    page.wait_for_function(f"document.documentElement.lang === '{ {'en': 'es', 'es': 'en'}[lang] }'")


@pytest.mark.parametrize("width", [1280, 390])
def test_every_control_tab_reaches_shows_a_focus_ring(server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{server}/quiz")
        expect(page.get_by_role("heading", name="Interest quiz")).to_be_visible()
        idle(page)
        seen = []
        for _step in range(18):
            page.keyboard.press("Tab")
            page.wait_for_timeout(250)  # Streamlit animates some focus styles (transitions of 200 ms)
            ratio, ring = focus_contrast(page)
            name = page.evaluate("(document.activeElement.getAttribute('aria-label') || "
                                 "document.activeElement.innerText || document.activeElement.tagName).slice(0, 40)")
            seen.append((name, round(ratio, 1)))
            if page.evaluate("document.activeElement === document.body"):
                continue
            assert ratio >= 3, (name, ratio, ring, seen)
        assert len({n for n, _r in seen}) >= 5, seen  # the walk really moved through controls
        screenshot(page, f"focus-ring-{width}")
    finally:
        context.close()

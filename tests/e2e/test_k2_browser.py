"""A K-2 child visits all six places by touch on a 390 px phone: every screen speaks, no job or number shows."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from explorer import k2
from tests.e2e.conftest import idle, screenshot


def test_six_places_by_touch_on_a_phone(server, browser):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{server}/k2")
    main = phone.get_by_test_id("stMain")
    for number, place in enumerate(k2.PLACES):
        for step, activity in enumerate(place.activities):
            expect(phone.get_by_role("heading", name=place.name)).to_be_visible()
            expect(main.get_by_text(activity.text)).to_be_visible()
            expect(phone.locator("audio").first).to_be_attached()
            idle(phone)
            sources = phone.locator("audio").evaluate_all("els => els.map(e => e.currentSrc || e.src)")
            assert sources and all(sources), (place.theme, step)  # every screen has its spoken prompt
            shown = " ".join(main.locator("[data-testid=stMarkdown], [data-testid=stHeading], [data-testid=stCaptionContainer],"
                                          " button").all_inner_texts())
            assert "$" not in shown and not re.search(r"\d", shown.replace("K-2", "")), shown
            button = phone.get_by_role("button", name=re.compile("I like it" if step == 0 else "It's okay"))
            box = button.bounding_box()
            assert box and box["height"] >= 90 and box["width"] >= 90  # large touch targets
            if number == 0 and step == 0:
                idle(phone)
                screenshot(phone, "k2-phone-workshop")
            button.tap()
            idle(phone)
    expect(phone.get_by_role("heading", name="The places you liked")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(phone, "k2-phone-summary")
    phone.context.close()

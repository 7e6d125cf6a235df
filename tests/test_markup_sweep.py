"""AppTest sweep (#23): link and image payloads in every URL parameter, every typed field and the stored
data a page shows (class names, fields and self-reported groups, catalog text, advising notes) never
come back as a link or an image on any page."""
from __future__ import annotations

import shutil
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from explorer import advising, auth, catalog, classes
from explorer import psychometrics_sim as sim
from explorer.paths import DATA_DIR
from tests.apptest import APP, first_visit, signed_in
from tests.markup import PAYLOAD, live_links, markup_found, payload_shown
from tests.test_portfolio import SOCIAL, finished

PASSWORD = "correct horse battery"
URL_PARAMS = ("area", "code", "occ", "place", "share", "lang")
STUDENT_PAGES = ["pages/home.py", "pages/quiz.py", "pages/profile.py", "pages/results.py", "pages/occupation.py",
                 "pages/pathway.py", "pages/compare.py", "pages/portfolio.py", "pages/occupations.py",
                 "pages/family.py", "pages/login.py", "pages/outcomes.py", "pages/k2.py"]
COUNSELOR_PAGES = ["pages/advising.py", "pages/classes.py", "pages/catalog.py", "pages/audit.py",
                   "pages/quiz_quality.py", "pages/login.py"]


def test_the_detector_finds_what_streamlit_would_link():
    assert live_links("[Sign in again](https://evil.example)") and live_links("see https://evil.example/x")
    assert live_links("mail help@evil.example") and live_links("go to www.evil.example")
    assert not live_links("[CC BY 4.0 license](https://creativecommons.org/licenses/by/4.0/)")
    assert not live_links(r"\[Sign in again\]\(https" + "\u2060" + "://evil.example\\)")


@pytest.fixture(scope="module", autouse=True)
def warm_app():
    """One run first: the very first run of a process is the cold start, which draws no page."""
    AppTest.from_file(APP, default_timeout=30).run()


@pytest.fixture
def stored(url, kb, tmp_path):
    """A district whose stored text is all payload: a class (name, field, every member's answer), the
    quiz-quality groups, a catalog and an advising note."""
    auth.add_user("counselor", PASSWORD, url=url)
    class_code = classes.create_class(PAYLOAD, "counselor", [PAYLOAD], url)
    codes = [finished(url, SOCIAL) for _n in range(13)]
    for code in codes:
        classes.join(class_code, code, grade=10, groups={PAYLOAD: PAYLOAD}, url=url)
    sim.fill_database(url, students=80, group_field=PAYLOAD, campuses=(PAYLOAD, "North"), seed=5)
    folder = tmp_path / "catalog"
    shutil.copytree(DATA_DIR / "sample_catalog", folder)
    programs = folder / "programs.csv"
    programs.write_text(programs.read_text().replace("Health Sciences: Patient Care", PAYLOAD.replace("\n", " ")
                                                     .replace(",", " ")))
    report = catalog.import_folder(folder, catalog.known_soc_codes(kb.occupations), url, date(2026, 11, 22))
    assert report.ok, report.problems
    advising.add_note(codes[0], "counselor", PAYLOAD, next_step=PAYLOAD, url=url)
    return codes[0]


def _open(page: str, state: dict | None = None, **params: str) -> tuple[AppTest, list[str]]:
    """``page`` opened as a first visit does (app.py, then the page), with the markup of every run: a
    message may show on one run only (the first page's warning about a link's region)."""
    at = first_visit(state, **params)
    found = [f"{page} first run: {m}" for m in markup_found(at)]
    shown = payload_shown(at)
    at.switch_page(page)
    for _run in range(2):
        at.run()
        found += [f"{page}: {m}" for m in markup_found(at)]
        shown += payload_shown(at)
    if "area" in params:  # the warning about the link's region quotes it, as text
        assert shown, f"{page}: the payload never reached the screen"
    assert not at.exception, at.exception
    return at, found


def _sweep(at: AppTest, where: str) -> list[str]:
    """The markup after typing the payload into every text field, and after each button pressed with
    the fields filled."""
    found = []
    for box in [*at.text_input, *at.text_area]:
        box.input(PAYLOAD[:box.proto.max_chars or None] if getattr(box.proto, "max_chars", 0) else PAYLOAD)
    at.run()
    found += [f"{where} typed: {m}" for m in markup_found(at)]
    for index in range(len(at.button)):
        if index >= len(at.button):
            break
        if at.button[index].disabled:
            continue
        label = at.button[index].label
        at.button[index].click().run()
        found += [f"{where} pressed {label!r}: {m}" for m in markup_found(at)]
    return found


@pytest.mark.parametrize("page", STUDENT_PAGES)
def test_student_pages_turn_no_url_or_typed_text_into_links(url, stored, page):
    params = dict.fromkeys(URL_PARAMS, PAYLOAD)
    at, found = _open(page, **params)
    found += _sweep(at, page)
    # The same page with a real quiz in the URL, so the pages that need one draw everything.
    at, more = _open(page, code=stored, area=PAYLOAD, place=PAYLOAD)
    found += more + _sweep(at, page + " with a quiz")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("page", COUNSELOR_PAGES)
def test_counselor_pages_turn_no_stored_or_typed_text_into_links(url, stored, page):
    at, found = _open(page, state={**signed_in(), "advising_code": stored},
                      area=PAYLOAD)
    if page in ("pages/classes.py", "pages/quiz_quality.py", "pages/advising.py"):
        assert payload_shown(at), f"{page}: the stored payload never reached the screen"
    found += _sweep(at, page)
    assert not found, "\n".join(found)

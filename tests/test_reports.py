"""The family report: one page, the student's code letters, the region's wage figures, English and Spanish."""
from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pypdf
import pytest

from explorer import catalog, labor, matching, pathways, quiz, reports
from explorer.i18n import locale, translator
from explorer.paths import DATA_DIR

RURAL = "2200002"


@pytest.fixture(scope="module")
def setup(kb, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('rep') / 'r.db'}"
    assert catalog.import_folder(DATA_DIR / "sample_catalog", catalog.known_soc_codes(kb.occupations), url,
                                 date(2026, 11, 22)).ok
    items = quiz.form_items("9-12", "quick")
    values = {"R": 4, "I": 1, "A": 0, "S": 2, "E": 1, "C": 3}
    answers = {i.id: values[i.theme] if k % 5 else max(0, values[i.theme] - 1) for k, i in enumerate(items)}
    times = [datetime(2026, 10, 1, tzinfo=UTC) + timedelta(seconds=5 * k) for k in range(30)]
    profile = quiz.score("9-12", "quick", answers, times)
    ranked = matching.rank(matching.Matcher.from_occupations(kb.occupations), profile.scores,
                           labor.local_occupations(kb, RURAL))
    cat = pathways.Catalog.load(url)
    careers = reports.pick_careers(ranked, lambda code: pathways.build(kb, cat, code, RURAL, 10))
    return profile, careers


def read(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("lang,words", [("en", "Three careers that fit"), ("es", "Tres carreras")])
def test_family_report_is_one_page_with_code_and_local_wage(kb, setup, lang, words):
    profile, careers = setup
    pdf = reports.family_report(kb, profile, careers, RURAL, "http://example.org/results?code=K7M-Q4T-X9B",
                                locale(lang))
    pages, text = read(pdf)
    assert pages == 1
    assert profile.code.letters in text and words in text
    first = kb.local_figures[(kb.local_figures["area_code"] == RURAL)
                             & (kb.local_figures["oews_code"] == kb.occupations.loc[careers[0].onet_code, "oews_code"])]
    assert f"${int(first['annual_median'].iloc[0]):,}" in text
    release = {"en": "May 2025", "es": "mayo de 2025"}[lang]  # the month in the family's language
    assert kb.oews_release == "May 2025" and f"BLS OEWS {release}, Central Louisiana nonmetropolitan area" in text
    assert len({kb.occupations.loc[c.onet_code, "oews_code"] for c in careers}) == 3


def test_flat_profile_report_says_broad_interests(kb):
    answers = {i.id: 2 for i in quiz.form_items("9-12", "quick")}
    profile = quiz.score("9-12", "quick", answers)
    pages, text = read(reports.family_report(kb, profile, [], RURAL, "http://example.org", locale("en")))
    assert pages == 1 and "Broad interests" in text


def test_budget_check():
    from explorer import budget, settings

    defaults = settings.current()
    need = budget.check(budget.default_monthly())
    month = sum(defaults.budget_monthly.values())
    assert need.monthly_total == month and need.yearly_after_tax == 12 * month
    assert need.yearly_before_tax == pytest.approx(12 * month / (1 - defaults.budget_tax_share))
    assert need.tax_share == defaults.budget_tax_share
    assert need.covered_share(need.yearly_before_tax) == pytest.approx(1.0)
    assert need.covered_share(need.yearly_before_tax / 2) == pytest.approx(0.5)
    assert need.covered_share(None) is None
    import pandas as pd

    assert need.covered_share(pd.NA) is None
    with pytest.raises(ValueError):
        budget.check({"housing": -5})


def test_report_names_borrowed_figures_and_the_sample_catalog(kb, setup):
    profile, careers = setup
    pdf = reports.family_report(kb, profile, careers, RURAL, "http://example.org", locale("en"),
                                sample_catalog=True)
    pages, text = read(pdf)
    assert pages == 1 and "Sample data" in " ".join(text.split())
    local = labor.local_occupations(kb, RURAL)
    for career in careers:
        row = local.loc[career.onet_code]
        if row["figures_shared"]:  # the sentence that says whose figures these are is printed with it
            assert row["figures_title"].split(",")[0] in " ".join(text.split())
    # Nurse-like student in Austin: Registered Nurses' figures appear under one career at most.
    nurse = quiz.score("9-12", "quick", {i.id: {"R": 1, "I": 4, "A": 0, "S": 4, "E": 2, "C": 1}[i.theme]
                                         for i in quiz.form_items("9-12", "quick")})
    ranked = matching.rank(matching.Matcher.from_occupations(kb.occupations), nurse.scores,
                           labor.local_occupations(kb, "0012420"))
    picked = reports.pick_careers(ranked, lambda code: pathways.build(kb, pathways.Catalog([], [], [], []), code,
                                                                      "0012420", 10))
    assert len({kb.occupations.loc[c.onet_code, "oews_code"] for c in picked}) == 3
    text = " ".join(read(reports.family_report(kb, nurse, picked, "0012420", "http://example.org", locale("en")))[1].split())
    for career in picked:
        row = labor.local_occupations(kb, "0012420").loc[career.onet_code]
        assert not row["figures_shared"] or "Jobs and pay are" in text


def test_grades_3_5_report_has_activities_and_no_jobs_or_pay(kb, setup):
    _profile, careers = setup
    answers = {i.id: {"R": 4, "I": 4, "A": 0, "S": 2, "E": 0, "C": 0}[i.theme] for i in quiz.form_items("3-5", "quick")}
    kid = quiz.score("3-5", "quick", answers)
    for lang in ("en", "es"):
        pages, text = read(reports.family_report(kb, kid, careers, RURAL, "http://example.org", locale(lang)))
        assert pages == 1 and "$" not in text
        assert not any(kb.occupations.loc[c.onet_code, "title"] in text for c in careers)
        assert quiz.item_bank("3-5", lang)[0].text.split()[0] in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_report_title_fits_the_page_in_every_language(kb, setup, lang):
    """The Spanish title once ran off the page: measure it at the size the PDF really uses."""
    from fpdf import FPDF

    profile, careers = setup
    pdf = reports.family_report(kb, profile, careers, RURAL, "http://example.org/f", locale(lang))
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    title = translator(lang)("Career Pathways Explorer - family report")
    sizes = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append(size * tm[0])
                      if text.strip() and text.strip() in title and len(text.strip()) > 8 else None)
    assert title in page.extract_text() and sizes
    ruler = FPDF(format="Letter")
    ruler.add_font("DejaVu", "B", str(reports.FONT_DIR / "DejaVuSans-Bold.ttf"))
    ruler.set_font("DejaVu", "B", max(sizes))
    assert ruler.get_string_width(title) <= ruler.w - 20 + 0.5  # Letter less the 10 mm margins, in mm


@pytest.mark.parametrize("lang,words", [("en", "Nearest training:"), ("es", "Formación más cercana:")])
def test_family_report_names_the_nearest_training_on_a_fresh_install(kb, setup, lang, words):
    from explorer import places, training

    profile, _careers = setup
    origin = training.origin_of(kb, places.resolve(kb, "z:71351", RURAL), RURAL)
    empty = pathways.Catalog([], [], [], [])
    careers = [reports.Career(code, "best", pathways.build(kb, empty, code, RURAL, 10, origin))
               for code in ("29-1141.00", "47-2111.00", "33-9032.00")]  # nurses, electricians, security guards
    pages, text = read(reports.family_report(kb, profile, careers, RURAL, "http://example.org", locale(lang)))
    text = " ".join(text.split())
    nearest = [training.near(kb, c.onet_code, origin) for c in careers]
    named = [n.nearest.institution for n in nearest if n.programs and n.within_radius and n.nearest]
    assert pages == 1 and text.count(words) == len(named) == 2  # no security program within 60 miles
    assert all(name in text for name in named)
    assert "NCES IPEDS 2024-25" in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_family_report_speaks_to_parents_and_makes_no_qr_without_a_link(kb, setup, lang):
    """The code is explained in plain words (no bare "Interest code: ISE (...)"), and a report whose
    student made no family link carries no QR code, only how to get one."""
    from explorer import explain, family_view

    profile, careers = setup
    loc = locale(lang)
    _pages, text = read(reports.family_report(kb, profile, careers, RURAL, "", loc))
    text = " ".join(text.split())
    interests = family_view.interests(profile, loc)
    assert interests.heading in text and interests.code_note in text
    first = profile.code.letters[0]
    assert loc._(explain.THEME_MEANING_FAMILY[first]) in text
    assert f"Interest code: {profile.code.letters} (" not in text
    assert loc._("Scan for a read-only family view; the student can turn the link off in My portfolio.") not in text
    assert "family link" in text or "enlace para la familia" in text


def test_family_report_first_step_and_costs_come_from_public_training(kb):
    """Without a catalog step, the first step is the nearest program that leads to the job, and its
    graduates' median debt is a cost: the report never says no costs are listed when one is known."""
    from explorer import places, training

    area = "0010780"  # Alexandria, LA
    origin = training.origin_of(kb, places.resolve(kb, "z:71301", area), area)
    empty = pathways.Catalog.load("sqlite://")  # no district catalog
    nurse = pathways.build(kb, empty, "29-1141.00", area, 10, origin)
    nearest = nurse.step("postsecondary").items[0].programs.nearest
    assert nearest is not None and nearest.earnings.debt is not None
    profile = quiz.score("9-12", "quick", {i.id: 4 if i.theme == "S" else 1 for i in quiz.form_items("9-12", "quick")})
    _pages, text = read(reports.family_report(kb, profile, [reports.Career("29-1141.00", "best", nurse)], area, "",
                                              locale("en")))
    text = " ".join(text.split())
    assert f"Look at the {nearest.program} program at {nearest.institution}." in text
    assert f"owed a median ${nearest.earnings.debt:,.0f}" in text
    assert "no costs" not in text and "Talk with your counselor" not in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_family_report_text_never_runs_into_the_sources(kb, setup, lang, monkeypatch):
    """The careers end above the page's foot, so the sources never print over them (one page)."""
    profile, careers = setup
    ends = []
    draw = reports._careers

    def measured(pdf, *args, **kwargs):
        draw(pdf, *args, **kwargs)
        ends.append((pdf.get_y(), pdf.h))

    monkeypatch.setattr(reports, "_careers", measured)
    pages, _text = read(reports.family_report(kb, profile, careers, RURAL, "http://example.org/family?share=x",
                                              locale(lang)))
    (end, height), = ends
    assert pages == 1 and end <= height - 25  # room for the four lines of sources below

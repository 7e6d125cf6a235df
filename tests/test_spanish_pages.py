"""Every student and counselor page, and the family report PDF, in Spanish: no English sentence slips
through (a scan with an allow-list).

The scan reads every text element AppTest sees (titles, headers, markdown, captions, info boxes,
widget labels, button labels, table headers), or the PDF's text, and flags English function words.
Allowed: names of sources and their own titles (cited as published: "Occupational Employment and Wage
Statistics", "Working with AI"), and proper names (colleges, CIP program titles, BLS area names).
Occupation, BLS group, career cluster, work style and AI activity names are ours in Spanish, so
they are scanned like any other text.
"""
from __future__ import annotations

import re

import pytest

from explorer import attempts, quiz
from tests.apptest import on_page

ENGLISH = re.compile(r"\b(the|and|your|you|with|this|that|for|from|jobs?|careers?|pay|here|more|about|what|"
                     r"which|shown|choose|take|see|show|open|all|other|of|workers?|select)\b", re.IGNORECASE)
# Published names of sources and data the page itself says are in English.
ALLOWED = [
    r"U\.S\. Department of Labor, Employment and Training Administration", r"Bureau of Labor Statistics",
    r"Occupational Employment and Wage Statistics", r"Working with AI", r"National Career Clusters",
    r"O\*NET(®)? (OnLine|Work Styles)?", r"Employment Projections", r"USDOL/ETA", r"Used under the CC BY",
    r"Tomlinson, Jaffe, Wang, Counts (and|y) Suri", r"Table 6\.5", r"Career Clusters",
    r"career-pathways-explorer/portfolio", r"Career Pathways Explorer",  # the file format and the app
]


def _texts(at) -> list[str]:
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        out += [e.value for e in at.get(kind)]
    for kind in ("button", "radio", "selectbox", "multiselect", "text_input", "toggle", "checkbox"):
        out += [getattr(e, "label", "") for e in at.get(kind)]
    for frame in at.get("arrow_data_frame"):
        out += [str(c) for c in frame.value.columns]
    return [t for t in out if t]


def _proper_names() -> list[str]:
    """College and program names as NCES publishes them (the page says so) and BLS area names, longest first."""
    from explorer.data import knowledge_base

    kb = knowledge_base()
    names = set(kb.institutions["name"]) | set(kb.cip_titles["title"]) | set(kb.regions["name"])
    return sorted(names, key=len, reverse=True)


PROPER_NAMES = _proper_names()


def _english_left(text: str) -> list[str]:
    text = text.replace("\\", "")
    for name in PROPER_NAMES:
        if name in text:
            text = text.replace(name, " ")
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    text = re.sub(r"\[[^\]]*\]\([^)]*\)", " ", text)  # link targets
    return ENGLISH.findall(text)


@pytest.fixture
def student(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'es.db'}")
    code = attempts.start("9-12", "quick", "es")
    values = {"R": 1, "I": 4, "A": 0, "S": 3, "E": 2, "C": 0}
    for item in quiz.form_items("9-12", "quick"):
        attempts.save_answer(code, item.id, values[item.theme])
    attempts.finish(code)
    return code


@pytest.mark.parametrize("page", ["pages/home.py", "pages/quiz.py", "pages/profile.py", "pages/results.py",
                                  "pages/occupation.py", "pages/pathway.py", "pages/compare.py",
                                  "pages/portfolio.py", "pages/occupations.py"])
def test_student_pages_in_spanish_have_no_english_sentences(student, page):
    at = on_page(page, state={"occupation": "29-1141.00", "compare": ["29-1141.00", "15-1252.00"]},
                 code=student, lang="es", area="0012420")
    assert not at.exception, at.exception
    english_data: set[str] = set()
    texts = _texts(at)
    assert len(texts) >= 3 and any(" de " in t or " que " in t or " tu " in t for t in texts), texts  # real Spanish
    found = {}
    for text in texts:
        if text in english_data:
            continue
        words = _english_left(text)
        if words:
            found[text[:120]] = words
    assert not found, found
    # Dates in citations are Spanish too ("BLS OEWS mayo de 2025, ..."): the release month is not a name.
    assert not [t for t in texts if "May 2025" in t]


COUNSELOR = "consejera"


@pytest.fixture
def counselor_db(student):
    from explorer import auth

    auth.add_user(COUNSELOR, "una-clave-bastante-larga-2026")
    return student


@pytest.mark.parametrize("page", ["pages/advising.py", "pages/classes.py", "pages/catalog.py", "pages/audit.py",
                                  "pages/quiz_quality.py", "pages/outcomes.py", "pages/family.py"])
def test_counselor_and_family_pages_in_spanish_have_no_english_sentences(counselor_db, page):
    from explorer import portfolio
    from tests.apptest import signed_in

    owner = portfolio.portfolio_code(counselor_db)
    portfolio.set_favourite(owner, "29-1141.00", True)
    share = portfolio.create_share_link(owner)
    at = on_page(page, state=signed_in(COUNSELOR), lang="es", area="0012420", share=share)
    assert not at.exception, at.exception
    texts = _texts(at)
    assert len(texts) >= 3, texts
    found = {t[:120]: w for t in texts if (w := _english_left(t))}
    assert not found, found


def _pdf_text(pdf: bytes) -> str:
    import io

    import pypdf

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)  # lines joined: a name wrapped over two lines is still one name


@pytest.mark.parametrize("area", ["2200002", "0012420"])
def test_family_report_pdf_in_spanish_has_no_english_sentences(kb, student, area):
    """Central Louisiana's careers for this student include one whose figures are a BLS group's
    ("Otros médicos"), so group names are scanned too."""
    from explorer import labor, matching, pathways, reports
    from explorer.i18n import locale

    profile = attempts.profile(attempts.load(student))
    ranked = matching.rank(matching.Matcher.from_occupations(kb.occupations), profile.scores,
                           labor.local_occupations(kb, area))
    catalog = pathways.Catalog.load()
    careers = reports.pick_careers(ranked, lambda code: pathways.build(kb, catalog, code, area, 10))
    text = _pdf_text(reports.family_report(kb, profile, careers, area, "http://example.org/family?share=x",
                                           locale("es")))
    titles = labor.occupation_titles(kb, "es")
    assert all(titles[c.onet_code] in text for c in careers)
    assert not _english_left(text), (_english_left(text), text)
    assert "Estados Unidos" in text and "United States" not in text


def test_portfolio_pdf_in_spanish_has_no_english_sentences(kb, student):
    from datetime import date

    from explorer import portfolio, reports
    from explorer.i18n import locale

    owner = portfolio.portfolio_code(student)
    for code in ("29-1141.00", "29-1229.01", "39-6012.00"):  # its own figures, a BLS group's, concierges
        portfolio.set_favourite(owner, code, True)
    portfolio.set_step(owner, "29-1141.00", "now", True)
    quizzes = [reports.PortfolioQuiz(q.resume_code, started.date(), q.band, q.form, p)
               for q, p, started in portfolio.history(owner)]
    text = _pdf_text(reports.portfolio_report(kb, owner, portfolio.favourites(owner), portfolio.plan(owner), quizzes,
                                              "0012420", locale("es"), date(2026, 12, 7)))
    assert "Mi portafolio de carreras" in text and "Enfermeros registrados" in text and "Otros médicos" in text
    assert "Concierges de hotel" in text and "Pasos del camino hechos: 1. Este año escolar" in text
    assert not _english_left(text), (_english_left(text), text)

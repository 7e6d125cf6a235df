"""What a student takes away: the family report PDF, the portfolio file, the family link."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer import attempts, file_schemas, i18n, labor, matching, pathways, places, portfolio, settings, training
from explorer.attempts import SavedQuiz
from explorer.pathway_view import default_grade
from explorer.ui import session
from explorer.ui.catalog_editor import Upload
from explorer.ui.context import NATIONAL
from explorer.ui.resources import knowledge_base, matcher
from explorer.ui.session import KEYS
from explorer.views import md_escape


def family_report_pdf(saved: SavedQuiz, lang: str) -> Callable[[], bytes]:
    """A zero-argument function that builds this student's family report when the button is clicked.

    Streamlit runs it on another thread without the session, so everything it needs is captured here.
    """
    from explorer import reports  # fpdf, segno and vl-convert: loaded by the pages that offer a PDF

    kb, model = knowledge_base(), matcher()
    area = session.get(KEYS.area_code, NATIONAL)
    origin = training.origin_of(kb, places.resolve(kb, session.text(KEYS.place_key), area), area)
    family_url = share_url("{token}", area)
    grade = default_grade(saved.band)
    starred = portfolio.favourites(portfolio.portfolio_code(saved.resume_code))

    def build() -> bytes:
        result = attempts.profile(saved)
        catalog = pathways.Catalog.load()
        careers = []
        if result.confident and saved.band != "3-5":
            ranked = matching.rank(model, result.scores, labor.local_occupations(kb, area))
            # The report leads with the careers the student saved (those found here), then the best fits.
            chosen = [c for c in starred if c in ranked.index]
            ranked = ranked.loc[chosen + [c for c in ranked.index if c not in chosen]]
            careers = reports.pick_careers(ranked, lambda code: pathways.build(kb, catalog, code, area, grade, origin))
        # The QR code opens the read-only family link (revocable in My portfolio), never the resume
        # code, which could change the answers; without a link the student made, there is no QR code.
        token = portfolio.family_link(portfolio.portfolio_code(saved.resume_code))
        return reports.family_report(kb, result, careers, area, family_url.replace("{token}", token) if token else "",
                                     i18n.locale(lang), sample_catalog=catalog.is_sample)

    return build


def portfolio_pdf(saved: SavedQuiz, lang: str) -> Callable[[], bytes]:
    """A zero-argument function that builds the student's portfolio PDF (favourites with local figures,
    pathway steps done, quizzes with dates) when the button is clicked; it makes no family link."""
    from explorer import reports

    kb = knowledge_base()
    area = session.get(KEYS.area_code, NATIONAL)
    owner = portfolio.portfolio_code(saved.resume_code)

    def build() -> bytes:
        quizzes = [reports.PortfolioQuiz(quiz.resume_code, started.date(), quiz.band, quiz.form, profile)
                   for quiz, profile, started in portfolio.history(owner)]
        return reports.portfolio_report(kb, owner, portfolio.favourites(owner), portfolio.plan(owner), quizzes, area,
                                        i18n.locale(lang))

    return build


def restore_portfolio(upload: bytes | Upload) -> tuple[bool, str]:
    """Restore an uploaded portfolio file: (True, what was restored) or (False, every problem in the
    reader's language, as Markdown with the file's own text escaped). Nothing is written on False; a
    file over the size limit is refused from its size, before it is read."""
    _ = i18n.translator(session.get(KEYS.lang, i18n.DEFAULT_LANGUAGE))
    size = len(upload) if isinstance(upload, bytes) else upload.size
    if size > file_schemas.MAX_FILE_BYTES:
        return False, _("Nothing was restored: {reason}").format(reason=_("the file is larger than {limit} MB").format(
            limit=f"{file_schemas.MAX_FILE_BYTES / 1e6:g}"))
    raw = upload if isinstance(upload, bytes) else upload.getvalue()
    try:
        owner = portfolio.import_portfolio(portfolio.parse_file(raw), set(knowledge_base().occupations.index))
    except portfolio.PortfolioError as problem:
        reasons = [md_escape(reason) for reason in problem.messages(_)]
        if len(problem.problems) == 1:
            return False, _("Nothing was restored: {reason}").format(reason=reasons[0])
        heading = _("Nothing was restored. The file has {count} problems:").format(count=len(problem.problems))
        return False, heading + "\n\n" + "\n".join(f"- {reason}" for reason in reasons)
    return True, _("Restored the portfolio {code}.").format(code=owner)


def share_url(token: str, area_code: str = NATIONAL) -> str:
    """The family link: under the district's ``public_url`` if set, else the address this browser used. It
    carries the student's region, so the family sees the same local figures."""
    region = f"&area={area_code}" if area_code != NATIONAL else ""
    return settings.app_url(f"family?share={token}{region}", getattr(st.context, "url", None))



def explain_family_link(_: i18n.Translator) -> None:
    """The family page opened from the menu (no family link): how a family gets its view, told to the
    student when this browser holds one's quiz, else to the family; then the page stops."""
    from explorer.ui import quiz_state

    own = quiz_state.load_current() is not None
    st.info(_("This page shows a family what their student found, through a family link the student makes. "
              "Students: make one under “Keep it or share it” in My portfolio, then send it or print the family "
              "report with its QR code.") if own else
            _("Families: this page opens from the family link or the QR code on the family report your child "
              "makes in the app. Ask your child for it."))
    if own:
        st.page_link("pages/portfolio.py", label=_("Make a family link in My portfolio"), icon="⭐")
    st.stop()

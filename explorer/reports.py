"""The one-page family report (PDF, any catalog language): interests, three local careers, first steps.

Built with fpdf2 (a bundled DejaVu Sans font, so accents and dashes print), the profile chart as a
PNG from vl-convert, and a QR code from segno that opens the student's read-only family link.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import segno
import vl_convert
from fpdf import FPDF

from explorer import charts, explain, family_view, labor, matching, skills, training_view
from explorer.data import KnowledgeBase
from explorer.i18n import Locale, Translator
from explorer.pathways import (
    SAMPLE_NOTICE,
    CredentialTotals,
    DualEnrollmentTotals,
    EnrollProgram,
    LookAtTraining,
    Pathway,
)
from explorer.quiz import Profile
from explorer.riasec import theme_names
from explorer.training import TrainingProgram

FONT_DIR = Path(__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class Career:
    """One of the three careers on the report, with its pathway for the first step and costs."""

    onet_code: str
    band: str
    pathway: Pathway


def _first_step(pathway: Pathway, _: Translator) -> str:
    """One concrete thing to do this school year: the catalog's first step, else the nearest program
    that leads to the job (public data), else the counselor."""
    now = pathway.step("now")
    for item in now.items:
        if isinstance(item, EnrollProgram):
            return _("Sign up for {course} ({program}).").format(course=item.course, program=item.program)
        if isinstance(item, LookAtTraining):
            return _("Look at the {program} program at {college}.").format(program=item.program,
                                                                           college=item.institution)
        return _("Ask about {title} with {employer}.").format(title=item.title, employer=item.employer)
    nearest = _nearest_program(pathway)
    if nearest is not None:
        return _("Look at the {program} program at {college}.").format(program=nearest.program,
                                                                       college=nearest.institution)
    return _("Ask the school counselor which class or program this year leads toward this job.")


def _nearest_program(pathway: Pathway) -> TrainingProgram | None:
    """The nearest program within the training radius that leads to the job (public data), if any."""
    options = pathway.step("postsecondary").items[0].programs
    return options.nearest if options is not None and options.within_radius else None


def _nearest_training(pathway: Pathway, loc: Locale) -> str:
    """The nearest program that leads to the job (public data), or "" when no place or program is known."""
    item = pathway.step("postsecondary").items[0]
    nearest = training_view.nearest_text(item.programs, loc)
    return loc._("Nearest training: {program}.").format(program=nearest) if nearest else ""


def _costs(pathway: Pathway, loc: Locale) -> str:
    _ = loc._
    de = pathway.step("dual_enrollment").totals
    creds = pathway.step("credentials").totals
    parts = []
    if isinstance(de, DualEnrollmentTotals) and de.credits:
        parts.append(_("dual enrollment: {credits} college credits for {cost}").format(
            credits=f"{de.credits:g}", cost=loc.money(de.cost)))
    if isinstance(creds, CredentialTotals) and creds.cost:
        parts.append(_("credentials: {cost} ({after} after fee waivers)").format(
            cost=loc.money(creds.cost), after=loc.money(creds.cost_after_waivers)))
    supports = sorted({s for item in pathway.step("work_based_learning").items for s in item.supports})
    if "transportation" in supports:
        parts.append(_("transportation provided for some work-based learning"))
    nearest = _nearest_program(pathway)
    if nearest is not None and nearest.earnings.debt is not None:
        parts.append(_("graduates of {program} at {college} owed a median {debt} in federal student loans "
                       "(College Scorecard)").format(program=nearest.program, college=nearest.institution,
                                                     debt=loc.money(nearest.earnings.debt)))
    return "; ".join(parts) if parts else _("the district catalog lists no costs for this path yet; ask the "
                                            "college or training program about tuition and aid")


def family_report(kb: KnowledgeBase, profile: Profile, careers: list[Career], area_code: str, family_url: str,
                  loc: Locale, today: date | None = None, sample_catalog: bool = False) -> bytes:
    """A one-page PDF for a student's family. ``careers`` are the three to show (already chosen).

    Grades 3-5 get interest areas and activities to try instead: no job lists and no pay. When the
    first steps come from the sample catalog, the report says so.
    """
    _ = loc._
    kids = profile.band == "3-5"
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_("Career Pathways Explorer - family report"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    title = _("Career Pathways Explorer - family report")
    pdf.set_font("DejaVu", "B", 17)
    # A longer translation (Spanish: 223 mm at 17 pt on a 190 mm line) is set smaller, never cut off.
    pdf.set_font_size(min(17.0, 17.0 * width / pdf.get_string_width(title)))
    pdf.cell(width, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    region = kb.regions.loc[area_code, "name"]
    pdf.cell(width, 5, _("{date} · Region: {area}").format(date=(today or date.today()).isoformat(), area=region),
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    interests = family_view.interests(profile, loc)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(width, 6, interests.heading, new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 1
    chart = charts.bar_chart(profile.scores, profile.max_score, _, theme_names(profile.band),
                             charts.FAMILY_SCORES_TITLE).properties(width=330, height=150)
    png = vl_convert.vegalite_to_png(chart.to_json(), scale=2)
    pdf.image(io.BytesIO(png), x=pdf.l_margin, y=top, w=100)
    pdf.set_font("DejaVu", "", 8)
    if family_url:  # only when the student has made a family link (a download never makes one)
        qr = io.BytesIO()
        segno.make(family_url, error="m").save(qr, kind="png", scale=6, border=2)
        pdf.image(qr, x=pdf.w - pdf.r_margin - 42, y=top, w=42)
        pdf.set_xy(pdf.w - pdf.r_margin - 50, top + 43)
        pdf.multi_cell(50, 4, _("Scan for a read-only family view; the student can turn the link off in My "
                                "portfolio."), align="C")
    else:
        pdf.set_xy(pdf.w - pdf.r_margin - 58, top + 8)
        pdf.multi_cell(58, 4, _("To see this online, ask your child to make a family link in My portfolio; the "
                                "next report then carries its QR code."), align="C")
    pdf.set_y(top + 52)
    pdf.set_font("DejaVu", "", 8.5)
    for line in [*interests.meanings, interests.code_note]:
        if line:
            pdf.multi_cell(width, 4.0, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)

    if kids:
        _kids_activities(pdf, profile, width, loc)
    else:
        _careers(pdf, kb, careers, area_code, width, loc, sample_catalog)

    # The sources sit at the foot of the page, or right below a long career list (never over it).
    pdf.set_y(max(pdf.get_y() + 1, pdf.h - 38))
    pdf.set_font("DejaVu", "", 7)
    sources = " ".join(filter(None, [
        _("Sources: {oews}; {ep}.").format(oews=labor.oews_citation(kb, area_code, loc), ep=labor.ep_citation(kb, loc)),
        _("Training: {source}; programs linked to jobs by the NCES CIP-SOC crosswalk (expert judgment).").format(
            source=_(training_view.IPEDS_CITATION)) if any(_nearest_training(c.pathway, loc) for c in careers) else "",
        _("Interests compared with the O*NET 30.1 Database (USDOL/ETA), used under CC BY 4.0; modified by Career "
          "Pathways Explorer, not approved or endorsed by USDOL/ETA."),
        _("Interests are not abilities: this is for exploring, not for choosing or being chosen."),
    ]))
    pdf.multi_cell(width, 3.6, sources, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _kids_activities(pdf: FPDF, profile: Profile, width: float, loc: Locale) -> None:
    """Grades 3-5: the top interest areas in kid words and activities to try (no jobs, no pay)."""
    from explorer import quiz
    from explorer.riasec import ranked

    _ = loc._
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(width, 7, _("Things to try together"), new_x="LMARGIN", new_y="NEXT")
    bank = quiz.item_bank("3-5", loc.lang)
    for theme in ranked(profile.scores)[:3]:
        pdf.set_font("DejaVu", "B", 10.5)
        pdf.multi_cell(width, 5.5, _(theme_names("3-5")[theme]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        examples = ", ".join(i.text for i in bank if i.theme == theme)
        for line in (_(explain.THEME_MEANING_KIDS[theme]), _("Activities like: {examples}").format(examples=examples)):
            pdf.multi_cell(width, 4.6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)


def _careers(pdf: FPDF, kb: KnowledgeBase, careers: list[Career], area_code: str, width: float, loc: Locale,
             sample_catalog: bool) -> None:
    _ = loc._
    region = kb.regions.loc[area_code, "name"]
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(width, 7, _("Three careers that fit, here in {area}").format(area=region), new_x="LMARGIN", new_y="NEXT")
    if sample_catalog:
        pdf.set_font("DejaVu", "B", 8.5)
        pdf.multi_cell(width, 4.4, _(SAMPLE_NOTICE), new_x="LMARGIN", new_y="NEXT")
    local = labor.local_occupations(kb, area_code)
    titles = labor.occupation_titles(kb, loc.lang)
    for career in careers[:3]:
        row = local.loc[career.onet_code]
        pdf.set_font("DejaVu", "B", 10.5)
        pdf.multi_cell(width, 5.5, f"{titles[career.onet_code]} - {_(matching.BAND_LABELS[career.band])}", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.set_font("DejaVu", "", 8.5)
        pay = _("Starting pay {start}, median {median}; {jobs} jobs here.").format(
            start=labor.pay_text(row, "p25", loc), median=labor.pay_text(row, "median", loc),
            jobs=labor.employment_text(row["employment"], row["employment_footnote"], row["in_area"], loc))
        lines = [pay]
        if note := labor.figures_note(row, _, loc.lang):
            lines.append(note)
        if top := skills.top_skills(kb, kb.occupations.loc[career.onet_code], loc, n=3):
            line = _("Skills it uses most: {skills} (rank of 100 among all jobs; {source}).").format(
                skills=", ".join(f"{s.label} {s.percentile_rank}" for s in top), source=top[0].source)
            note = skills.skills_note(kb, kb.occupations.loc[career.onet_code], _, loc.lang)
            lines.append(" ".join(filter(None, [line, note])))
        lines += [_("First step this school year: {step}").format(step=_first_step(career.pathway, _)),
                  _nearest_training(career.pathway, loc),
                  _("Costs and supports: {costs}").format(costs=_costs(career.pathway, loc))]
        for line in filter(None, lines):
            pdf.multi_cell(width, 4.2, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.2)


def pick_careers(ranked, pathways_for, limit: int = 3) -> list[Career]:
    """The first ``limit`` results found in the area, each with its pathway (``pathways_for(code)``)."""
    here = ranked[ranked["in_area"]]  # one row per BLS group already: three distinct labour markets
    return [Career(code, here.loc[code, "band"], pathways_for(code)) for code in here.index[:limit]]


@dataclass(frozen=True)
class PortfolioQuiz:
    """One finished quiz of the portfolio, for the portfolio PDF."""

    resume_code: str
    started: date
    band: str
    form: str
    profile: Profile


def portfolio_report(kb: KnowledgeBase, owner: str, favourites: list[str], plan: dict[str, dict[str, bool]],
                     quizzes: list[PortfolioQuiz], area_code: str, loc: Locale, today: date | None = None) -> bytes:
    """The student's own portfolio as a PDF: favourite careers with their local figures and the pathway
    steps checked off, and every finished quiz with its date. Not the family report: no QR code, no link."""
    from explorer.pathways import STEP_TITLES

    _ = loc._
    pdf = _document(_("My career portfolio"))
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("DejaVu", "B", 17)
    pdf.cell(width, 9, _("My career portfolio"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(width, 5, _("Portfolio code {code} · {date} · Region: {area}").format(
        code=owner, date=loc.date(today or date.today()), area=family_view.area_label(kb, area_code, loc)),
        new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _heading(pdf, width, _("Favourite careers"))
    found = family_view.careers(kb, favourites, area_code, loc)
    for career in found:
        done = [_(STEP_TITLES[step]) for step, ok in plan.get(career.code, {}).items() if ok]
        pdf.set_font("DejaVu", "B", 10.5)
        pdf.multi_cell(width, 5.5, career.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        steps = (_("Pathway steps done: {steps}").format(steps="; ".join(done)) if done
                 else _("Pathway steps done: none yet"))
        for line in filter(None, [career.figures[:1].upper() + career.figures[1:], career.note, steps]):
            pdf.multi_cell(width, 4.6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    if not found:
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(width, 4.6, _("None yet: mark careers with ☆ on their page."), new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, width, _("My quizzes"))
    pdf.set_font("DejaVu", "", 9)
    for quiz in quizzes:
        names = theme_names(quiz.band)
        top = (", ".join(_(names[t]) for t in quiz.profile.code.letters) if quiz.profile.confident
               else _("broad interests, no single area stands out"))
        line = _("{date}: grades {band}, {form} form, code {code}: {top}").format(
            date=loc.date(quiz.started), band=quiz.band, form=_(explain.FORM_NAMES.get(quiz.form, quiz.form)),
            code=quiz.resume_code, top=top)
        pdf.multi_cell(width, 4.6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 7)
    pdf.multi_cell(width, 3.6, " ".join([
        family_view.source(kb, area_code, loc),
        _("Interests are not abilities: this is for exploring, not for choosing or being chosen.")]),
        new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _document(title: str) -> FPDF:
    pdf = FPDF(format="Letter")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, width: float, text: str) -> None:
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(width, 8, text, new_x="LMARGIN", new_y="NEXT")

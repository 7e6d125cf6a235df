"""The advising session page as text: a student's profile, favourites, progress and notes for a
counselor (who is addressed as "usted" in Spanish). No streamlit here."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from explorer import explain, labor, local_results, matching
from explorer.advising import StudentView
from explorer.data import KnowledgeBase
from explorer.i18n import Locale
from explorer.models import AdvisingNote
from explorer.pathways import PLAN_STEPS
from explorer.views import md_escape as esc


class CareerLine(NamedTuple):
    """One of the student's careers as the counselor reads it, with the occupation it opens."""

    code: str
    line: str


@dataclass(frozen=True)
class AdvisingView:
    heading: str
    warnings: list[str]
    cautions: list[str]
    history: str
    progress: list[str]  # one line per favourite: steps done of the plan's steps
    no_favourites: str  # "" when there are favourites
    prompts: list[str]
    top_matches: list[CareerLine] = field(default_factory=list)  # the student's best fits found here
    favourites: list[CareerLine] = field(default_factory=list)  # with local pay and steps done
    matches_caption: str = ""


def advising_view(view: StudentView, kb: KnowledgeBase, loc: Locale) -> AdvisingView:
    _ = loc._
    profile = view.profile
    titles = labor.occupation_titles(kb, loc.lang)
    progress = [_("- {title}: {done} of {total} steps done").format(
        title=titles[code], done=sum(view.plan.get(code, {}).values()), total=len(PLAN_STEPS))
        for code in view.favourites or []]
    return AdvisingView(
        heading=_("The student's interest code: {code}").format(code=profile.code.letters) if profile.confident
        else _(explain.heading(profile)),
        warnings=[_(m) for m in explain.honest_messages(profile)],
        cautions=[_(m) for m in explain.caution_messages(profile)],
        history=_("Quizzes finished in this portfolio: {n}. Latest: grades {band}, {form} form.").format(
            n=view.history, band=view.latest.band, form=_(explain.FORM_NAMES.get(view.latest.form, view.latest.form))),
        progress=progress, no_favourites="" if view.favourites else _("No favourites yet."),
        prompts=[f"- {_(prompt)}" for prompt in view.prompts])


def note_text(note: AdvisingNote, loc: Locale) -> str:
    """One saved note as Markdown: date, counselor, due date, the note and its next step (all escaped)."""
    due = loc._(" · due {date}").format(date=loc.date(note.due_on)) if note.due_on else ""
    return (f"**{loc.date(note.created_at)}** · {esc(note.counselor)}{due}  \n{esc(note.note)}"
            + (f"  \n→ {esc(note.next_step)}" if note.next_step else ""))


def with_careers(base: AdvisingView, view: StudentView, kb: KnowledgeBase, model: matching.Matcher, area_code: str,
                 loc: Locale, n: int = 5) -> AdvisingView:
    """``base`` with the student's top ``n`` fits found in ``area_code`` (what the student's results page
    lists first) and favourites, each with its local pay, for the counselor. No fits when the quiz's
    answers cannot be ranked (the warnings say why)."""
    from dataclasses import replace

    _ = loc._
    local = labor.local_occupations(kb, area_code)
    titles = labor.occupation_titles(kb, loc.lang)

    def pay(code: str) -> str:
        row = local.loc[code]
        if not row["in_area"]:
            return _("not found in this area")
        figures = _("median pay {median}, {jobs} jobs here").format(median=labor.pay_text(row, "median", loc),
                                                                    jobs=labor.jobs_text(row, loc))
        whose = labor.figures_label(row, _, loc.lang)  # "all Registered Nurses" when a group's figures
        return f"{figures} ({whose})" if whose else figures

    matches: list[CareerLine] = []
    if view.profile.confident:
        here = local_results.rank_here(kb, model, view.profile.scores, local).here
        matches = [CareerLine(code, _("**{title}** ({band}): {pay}").format(
            title=esc(titles[code]), band=_(matching.BAND_LABELS[here.loc[code, "band"]]), pay=pay(code)))
            for code in here.index[:n]]
    favourites = [CareerLine(code, _("**{title}**: {pay}; {done} of {total} pathway steps done").format(
        title=esc(titles[code]), pay=pay(code), done=sum(view.plan.get(code, {}).values()), total=len(PLAN_STEPS)))
        for code in view.favourites if code in local.index]
    caption = _("Jobs and pay: {source}. Fits as the student's results page lists them in this area.").format(
        source=labor.oews_citation(kb, area_code, loc))
    return replace(base, top_matches=matches, favourites=favourites, matches_caption=caption)

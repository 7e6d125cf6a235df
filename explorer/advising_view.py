"""The advising session page as text: a student's profile, favourites, progress and notes for a
counselor (who is addressed as "usted" in Spanish). No streamlit here."""
from __future__ import annotations

from dataclasses import dataclass

from explorer import explain
from explorer.advising import StudentView
from explorer.data import KnowledgeBase
from explorer.i18n import Locale
from explorer.models import AdvisingNote
from explorer.pathways import PLAN_STEPS
from explorer.views import md_escape as esc


@dataclass(frozen=True)
class AdvisingView:
    heading: str
    warnings: list[str]
    cautions: list[str]
    history: str
    progress: list[str]  # one line per favourite: steps done of the plan's steps
    no_favourites: str  # "" when there are favourites
    prompts: list[str]


def advising_view(view: StudentView, kb: KnowledgeBase, loc: Locale) -> AdvisingView:
    _ = loc._
    profile = view.profile
    progress = [_("- {title}: {done} of {total} steps done").format(
        title=kb.occupations.loc[code, "title"], done=sum(view.plan.get(code, {}).values()), total=len(PLAN_STEPS))
        for code in view.favourites or []]
    return AdvisingView(
        heading=_("Interest code: {code}").format(code=profile.code.letters) if profile.confident
        else _(explain.heading(profile)),
        warnings=[_(m) for m in explain.honest_messages(profile)],
        cautions=[_(m) for m in explain.caution_messages(profile)],
        history=_("Quizzes finished in this portfolio: {n}. Latest: grades {band}, {form} form.").format(
            n=view.history, band=view.latest.band, form=view.latest.form),
        progress=progress, no_favourites="" if view.favourites else _("No favourites yet."),
        prompts=[f"- {_(prompt)}" for prompt in view.prompts])


def note_text(note: AdvisingNote, loc: Locale) -> str:
    """One saved note as Markdown: date, counselor, due date, the note and its next step (all escaped)."""
    due = loc._(" · due {date}").format(date=loc.date(note.due_on)) if note.due_on else ""
    return (f"**{loc.date(note.created_at)}** · {esc(note.counselor)}{due}  \n{esc(note.note)}"
            + (f"  \n→ {esc(note.next_step)}" if note.next_step else ""))

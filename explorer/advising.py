"""Advising sessions: a counselor looks up a student by resume code and keeps notes and next steps."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from explorer import attempts, db, explain, portfolio, quiz
from explorer.models import AdvisingNote


@dataclass(frozen=True)
class StudentView:
    portfolio_code: str
    latest: attempts.SavedQuiz
    profile: quiz.Profile
    favourites: list[str]
    plan: dict[str, dict[str, bool]]
    prompts: tuple[str, ...]
    history: int  # finished quizzes in the portfolio


def look_up(resume_code: str, url: str | None = None) -> StudentView:
    """Everything a counselor sees for one student; ``attempts.ResumeCodeError`` for a malformed code
    or one no quiz was saved under (the most common typo), never a crash."""
    owner = portfolio.portfolio_code(resume_code, url)
    codes = portfolio.attempt_codes(owner, url)
    if not codes:
        raise attempts.ResumeCodeError("unknown", code=attempts.normalize_code(resume_code))
    latest = attempts.load(codes[-1], url)
    profile = attempts.profile(latest)
    return StudentView(portfolio_code=owner, latest=latest, profile=profile, favourites=portfolio.favourites(owner, url),
                       plan=portfolio.plan(owner, url), prompts=explain.prompts(profile),
                       history=len(portfolio.history(owner, url)))


def add_note(portfolio_code: str, counselor: str, note: str, next_step: str = "", due_on: date | None = None,
             url: str | None = None) -> None:
    if not note.strip():
        raise ValueError("write a note before saving")
    with db.session(url) as s:
        s.add(AdvisingNote(portfolio_code=portfolio_code, counselor=counselor, note=note.strip(),
                           next_step=next_step.strip(), due_on=due_on))


def notes(portfolio_code: str, url: str | None = None) -> list[AdvisingNote]:
    """Every note for the student, newest first (the history is kept, never overwritten)."""
    with db.session(url) as s:
        rows = s.exec(select(AdvisingNote).where(AdvisingNote.portfolio_code == portfolio_code)).all()
        return sorted(rows, key=lambda n: n.created_at, reverse=True)

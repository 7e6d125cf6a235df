"""Saved quiz attempts, found only by an anonymous resume code the student can write down.

Codes use 30 symbols that cannot be confused when read aloud or handwritten (no 0/O, 1/I/L, U):
9 symbols carry log2(30**9) = 44.2 bits, shown as three groups of three (``K7M-Q4T-X9B``).
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from explorer import clock, db, quiz
from explorer.i18n import N_, Translator
from explorer.models import Answer, QuizAttempt, utcnow

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 9


class ResumeCodeError(ValueError):
    """A resume code that is malformed or belongs to no attempt; ``message(_)`` says it in any language."""

    TEMPLATES: ClassVar[dict[str, str]] = {
        "empty": N_("Type the code you wrote down, for example K7M-Q4T-X9B."),
        "characters": N_("A resume code never contains {chars}. Codes use only the letters and numbers on the "
                         "card (no 0, O, 1, I, L or U)."),
        "length": N_("A resume code has {expected} characters; this one has {got}."),
        "unknown": N_("No quiz was saved under the code {code}. Check each character against what you wrote "
                      "down, or start a new quiz."),
    }

    def __init__(self, kind: str, **params: object):
        self.kind, self.params = kind, params
        super().__init__(self.message(lambda text: text))

    def message(self, _: Translator) -> str:
        return _(self.TEMPLATES[self.kind]).format(**self.params)


def new_resume_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:3]}-{raw[3:6]}-{raw[6:]}"


def normalize_code(text: str) -> str:
    """Accept any case, spaces and dashes; refuse anything that cannot be one of our codes."""
    cleaned = re.sub(r"[\s\-]", "", text or "").upper()
    if not cleaned:
        raise ResumeCodeError("empty")
    wrong = sorted({c for c in cleaned if c not in ALPHABET})
    if wrong:
        raise ResumeCodeError("characters", chars=", ".join(f"“{c}”" for c in wrong))
    if len(cleaned) != CODE_LENGTH:
        raise ResumeCodeError("length", expected=CODE_LENGTH, got=len(cleaned))
    return f"{cleaned[:3]}-{cleaned[3:6]}-{cleaned[6:]}"


@dataclass(frozen=True)
class SavedQuiz:
    """An attempt and its answers, detached from the database session."""

    resume_code: str
    band: str
    form: str
    lang: str
    page: int
    answers: dict[str, int]
    answered_at: list[datetime]
    finished: bool

    @property
    def total_items(self) -> int:
        return 6 * quiz.FORMS[self.form]


def start(band: str, form: str, lang: str, url: str | None = None) -> str:
    """Create an attempt and return its new resume code."""
    quiz.check_band_form(band, form)
    for _attempt in range(5):
        code = new_resume_code()
        try:
            with db.session(url) as s:
                s.add(QuizAttempt(resume_code=code, band=band, form=form, lang=lang))
            return code
        except IntegrityError:  # a 1-in-10^13 collision: draw again
            continue
    raise RuntimeError("could not draw an unused resume code")


def _attempt(s, code: str) -> QuizAttempt:
    attempt = s.exec(select(QuizAttempt).where(QuizAttempt.resume_code == normalize_code(code))).first()
    if attempt is None:
        raise ResumeCodeError("unknown", code=normalize_code(code))
    return attempt


def load(code: str, url: str | None = None) -> SavedQuiz:
    with db.session(url) as s:
        return _saved(s, _attempt(s, code))


def _saved(s, attempt: QuizAttempt) -> SavedQuiz:
    # Plain columns, not Answer objects: the quiz screen reads this on every answer, and building 60
    # ORM objects costs more than the query.
    rows = s.exec(select(Answer.item_id, Answer.value, Answer.answered_at).where(Answer.attempt_id == attempt.id)).all()
    return SavedQuiz(resume_code=attempt.resume_code, band=attempt.band, form=attempt.form, lang=attempt.lang,
                     page=attempt.page, answers={item_id: value for item_id, value, _at in rows},
                     answered_at=[_as_utc(at) for _id, _value, at in rows],
                     finished=attempt.finished_at is not None)


def _as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes, PostgreSQL aware ones; compare them all as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def save_answer(code: str, item_id: str, value: int, url: str | None = None, now: datetime | None = None) -> SavedQuiz:
    """Store one answer the moment it is given (replacing an earlier answer to the same item), and
    return the quiz as saved, read in the same transaction (the quiz screen draws it next)."""
    with db.session(url) as s:
        attempt = _attempt(s, code)
        problems = quiz.answer_problems(attempt.band, attempt.form, {item_id: value})
        if problems:
            raise quiz.QuizInputError("; ".join(problems))
        stamp = now or clock.now()
        db.upsert(s, Answer, {"attempt_id": attempt.id, "item_id": item_id, "value": value, "answered_at": stamp},
                  update=("value", "answered_at"))
        attempt.updated_at = stamp
        s.add(attempt)
        s.flush()
        return _saved(s, attempt)


def set_page(code: str, page: int, url: str | None = None) -> None:
    with db.session(url) as s:
        attempt = _attempt(s, code)
        attempt.page = page
        s.add(attempt)


def finish(code: str, url: str | None = None) -> None:
    with db.session(url) as s:
        attempt = _attempt(s, code)
        if attempt.finished_at is None:
            attempt.finished_at = utcnow()
            s.add(attempt)


def finish_times(codes: list[str], url: str | None = None) -> dict[str, datetime | None]:
    """Resume code -> when that quiz was finished (UTC), or None while it is being answered."""
    if not codes:
        return {}
    with db.session(url) as s:
        rows = s.exec(select(QuizAttempt.resume_code, QuizAttempt.finished_at)
                      .where(col(QuizAttempt.resume_code).in_(codes))).all()
    return {code: None if moment is None else _as_utc(moment) for code, moment in rows}


def profile(saved: SavedQuiz) -> quiz.Profile:
    return quiz.score(saved.band, saved.form, saved.answers, dict(zip(saved.answers, saved.answered_at)), saved.lang)

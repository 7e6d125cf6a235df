"""Database tables (SQLModel). Students are anonymous: a quiz attempt is found only by its resume code."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Field, SQLModel, UniqueConstraint


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class QuizAttempt(SQLModel, table=True):
    """One student's run through one quiz form. No name, no account: the resume code is the key."""

    id: int | None = Field(default=None, primary_key=True)
    resume_code: str = Field(index=True, unique=True, max_length=16)
    band: str = Field(max_length=8)  # "3-5", "6-8" or "9-12"
    form: str = Field(max_length=8)  # "quick" (30 items) or "full" (60)
    lang: str = Field(default="en", max_length=5)
    page: int = 0  # the item group the student last saw
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None


class Answer(SQLModel, table=True):
    """One answer, saved the moment it is given so a refresh or a new device loses nothing."""

    __table_args__ = (UniqueConstraint("attempt_id", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="quizattempt.id", index=True)
    item_id: str = Field(max_length=16)
    value: int  # 0-4 on every band (the 3-point scale of grades 3-5 is stored as 0, 2, 4)
    answered_at: datetime = Field(default_factory=utcnow)

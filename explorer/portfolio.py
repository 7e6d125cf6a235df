"""What belongs to a student: favourites, pathway steps checked off, retakes over the years, share links.

All of it hangs on the portfolio code (the resume code of the student's first quiz), never a name.
The portfolio exports to an open JSON file and imports back. The file's format is the pydantic model
``explorer.file_schemas.PortfolioFile`` (published as ``docs/portfolio.schema.json``); a restore
checks the whole file against it before the database sees anything, so it is all-or-nothing.
"""
from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from explorer import attempts, db, file_schemas, quiz
from explorer.file_schemas import SCHEMA, VERSION
from explorer.i18n import N_
from explorer.models import Answer, Favourite, PlanStep, QuizAttempt, Retake, ShareLink, utcnow


class PortfolioError(file_schemas.InputError):
    """An import file, share link or request that cannot be used. ``problems`` names each problem
    and where it is; ``message(_)`` says them in the reader's language."""


def portfolio_code(resume_code: str, url: str | None = None) -> str:
    """The portfolio a quiz belongs to: its first quiz's code (a first quiz is its own portfolio)."""
    code = attempts.normalize_code(resume_code)
    with db.session(url) as s:
        link = s.get(Retake, code)
        return link.portfolio_code if link else code


def start_retake(resume_code: str, band: str, form: str, lang: str, url: str | None = None) -> str:
    owner = portfolio_code(resume_code, url)
    attempts.load(owner, url)  # the portfolio must exist
    new_code = attempts.start(band, form, lang, url)
    with db.session(url) as s:
        s.add(Retake(resume_code=new_code, portfolio_code=owner))
    return new_code


def attempt_codes(owner: str, url: str | None = None) -> list[str]:
    with db.session(url) as s:
        linked = [r.resume_code for r in s.exec(select(Retake).where(Retake.portfolio_code == owner))]
        rows = s.exec(select(QuizAttempt).where(col(QuizAttempt.resume_code).in_([owner, *linked]))).all()
        return [a.resume_code for a in sorted(rows, key=lambda a: a.created_at)]


def history(owner: str, url: str | None = None) -> list[tuple[attempts.SavedQuiz, quiz.Profile, datetime]]:
    """Finished quizzes of the portfolio, oldest first, with their profiles and start times."""
    out = []
    with db.session(url) as s:
        started = {a.resume_code: a.created_at for a in s.exec(select(QuizAttempt))}
    for code in attempt_codes(owner, url):
        saved = attempts.load(code, url)
        if saved.finished:
            out.append((saved, attempts.profile(saved), started[code]))
    return out


def set_favourite(owner: str, onet_code: str, on: bool, url: str | None = None) -> None:
    with db.session(url) as s:
        if on:
            db.upsert(s, Favourite, {"portfolio_code": owner, "onet_code": onet_code, "created_at": utcnow()})
        else:
            s.execute(delete(Favourite).where(col(Favourite.portfolio_code) == owner, col(Favourite.onet_code) == onet_code))


def favourites(owner: str, url: str | None = None) -> list[str]:
    with db.session(url) as s:
        rows = s.exec(select(Favourite).where(Favourite.portfolio_code == owner)).all()
        return [f.onet_code for f in sorted(rows, key=lambda f: f.created_at)]


def set_step(owner: str, onet_code: str, step: str, done: bool, url: str | None = None) -> None:
    with db.session(url) as s:
        db.upsert(s, PlanStep, {"portfolio_code": owner, "onet_code": onet_code, "step": step, "done": done,
                                "updated_at": utcnow()}, update=("done", "updated_at"))


def plan(owner: str, url: str | None = None) -> dict[str, dict[str, bool]]:
    """{onet_code: {step: done}} for every occupation the student has planned."""
    with db.session(url) as s:
        out: dict[str, dict[str, bool]] = {}
        for row in s.exec(select(PlanStep).where(PlanStep.portfolio_code == owner)):
            out.setdefault(row.onet_code, {})[row.step] = row.done
        return out


def create_share_link(owner: str, url: str | None = None) -> str:
    token = secrets.token_urlsafe(18)
    with db.session(url) as s:
        s.add(ShareLink(token=token, portfolio_code=owner))
    return token


def family_link(owner: str, url: str | None = None) -> str | None:
    """The portfolio's active family link (the oldest), what a family report's QR opens; None when the
    student has made none. Only the student's own request makes one (:func:`create_share_link`)."""
    active = sorted(share_links(owner, url), key=lambda link: link.created_at)
    return active[0].token if active else None


def revoke_share_link(owner: str, token: str, url: str | None = None) -> None:
    with db.session(url) as s:
        link = s.get(ShareLink, token)
        if link is None or link.portfolio_code != owner:
            raise PortfolioError("that share link does not belong to this portfolio")
        link.revoked_at = utcnow()
        s.add(link)


def share_links(owner: str, url: str | None = None) -> list[ShareLink]:
    with db.session(url) as s:
        return list(s.exec(select(ShareLink).where(ShareLink.portfolio_code == owner,
                                                   col(ShareLink.revoked_at).is_(None))).all())


def open_share_link(token: str, url: str | None = None) -> str:
    """The portfolio a family link shows; revoked or unknown links are refused."""
    with db.session(url) as s:
        link = s.get(ShareLink, token or "")
        if link is None or link.revoked_at is not None:
            raise PortfolioError("this family link is not valid: it was revoked or mistyped")
        return link.portfolio_code


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def export(owner: str, url: str | None = None) -> dict:
    """The whole portfolio as JSON-ready data (schema ``career-pathways-explorer/portfolio`` v1)."""
    with db.session(url) as s:
        rows = {a.resume_code: a for a in s.exec(select(QuizAttempt))}
    quizzes = []
    for code in attempt_codes(owner, url):
        saved, row = attempts.load(code, url), rows[code]
        with db.session(url) as s:
            times = {a.item_id: _iso(a.answered_at) for a in s.exec(select(Answer).where(Answer.attempt_id == row.id))}
        quizzes.append({"resume_code": code, "band": saved.band, "form": saved.form, "lang": saved.lang,
                        "started_at": _iso(row.created_at), "finished_at": _iso(row.finished_at),
                        "answers": dict(sorted(saved.answers.items())), "answered_at": dict(sorted(times.items()))})
    return {"schema": SCHEMA, "version": VERSION, "portfolio_code": owner, "exported_at": _iso(utcnow()),
            "quizzes": quizzes, "favourites": favourites(owner, url),
            "plan": [{"onet_code": o, "step": st, "done": d} for o, steps in sorted(plan(owner, url).items())
                     for st, d in sorted(steps.items())]}


def parse_file(raw: bytes) -> object:
    """An uploaded portfolio file's bytes -> its JSON (size, encoding with or without a byte-order
    mark, JSON and nesting checked), or ``PortfolioError`` in one line."""
    try:
        return file_schemas.parse_json(raw)
    except file_schemas.InputError as exc:
        raise PortfolioError(exc.problems) from None


def import_portfolio(data: object, known_occupations: set[str], url: str | None = None) -> str:
    """Restore an exported portfolio; return its portfolio code.

    The whole file is checked first (``file_schemas.read_portfolio``: shape, types, times with a UTC
    offset, forms, items, answers, careers) and ``PortfolioError`` lists every problem; only a file
    with none is written, in one transaction. A quiz the server already has keeps the server's copy
    (it may have answers given since the export); favourites are added and plan steps set.
    """
    try:
        file = file_schemas.read_portfolio(data, known_occupations)
    except file_schemas.InputError as exc:
        raise PortfolioError(exc.problems) from None
    owner = file.portfolio_code
    try:
        with db.session(url) as s:
            if foreign := _foreign_quizzes(s, file):
                raise PortfolioError(foreign)
            _write(s, file)
    except IntegrityError:  # the same file restored at the same instant elsewhere: that one won
        raise PortfolioError(N_("this portfolio was being restored somewhere else at the same moment; nothing "
                                "was written here. Try again.")) from None
    return owner


def _foreign_quizzes(s: Session, file: file_schemas.PortfolioFile) -> list[file_schemas.Problem]:
    """Quizzes of the file that this server already has under another portfolio: a file may restore a
    student's own quizzes, never add someone else's quiz (or its answers) to a portfolio."""
    codes = [q.resume_code for q in file.quizzes]
    existing = set(s.exec(select(QuizAttempt.resume_code).where(col(QuizAttempt.resume_code).in_(codes))).all())
    owners = {r.resume_code: r.portfolio_code for r in s.exec(select(Retake).where(col(Retake.resume_code).in_(codes)))}
    return [file_schemas.Problem(f"quizzes[{n}].resume_code",
                                 N_("the quiz {code} belongs to another portfolio on this server; a file can only "
                                    "restore the quizzes of its own portfolio"), {"code": q.resume_code})
            for n, q in enumerate(file.quizzes, start=1)
            if q.resume_code in existing and owners.get(q.resume_code, q.resume_code) != file.portfolio_code]


def _write(s: Session, file: file_schemas.PortfolioFile) -> None:
    owner = file.portfolio_code
    for q in file.quizzes:
        if s.exec(select(QuizAttempt).where(QuizAttempt.resume_code == q.resume_code)).first() is not None:
            continue  # already here: keep the server's copy
        row = QuizAttempt(resume_code=q.resume_code, band=q.band, form=q.form, lang=q.lang, created_at=q.started_at,
                          finished_at=q.finished_at)
        s.add(row)
        s.flush()
        assert row.id is not None  # the flush gave the new attempt its id
        for item_id, value in q.answers.items():
            s.add(Answer(attempt_id=row.id, item_id=item_id, value=value,
                         answered_at=q.answered_at.get(item_id, q.started_at)))
        if q.resume_code != owner and s.get(Retake, q.resume_code) is None:
            s.add(Retake(resume_code=q.resume_code, portfolio_code=owner))
    for onet_code in file.favourites:
        if s.get(Favourite, (owner, onet_code)) is None:
            s.add(Favourite(portfolio_code=owner, onet_code=onet_code))
    for p in file.plan:
        step = s.get(PlanStep, (owner, p.onet_code, p.step)) or PlanStep(
            portfolio_code=owner, onet_code=p.onet_code, step=p.step)
        step.done = p.done
        step.updated_at = utcnow()
        s.add(step)

"""What each finished quiz showed, stored once, so district counts never re-rank every quiz.

The pathway audit counts, for each local job, the finished quizzes whose top 10 listed it. Doing
that by re-scoring and re-ranking every quiz in the database took 29 s for 1,000 quizzes and 183 s
for 4,000. Instead, when a quiz finishes, its result (area, band, whether the profile is usable,
Holland code) and its top 10 (every code the list shows, groups included) are written to two
indexed tables; the audit is one GROUP BY. A quiz counts in the area its results were ranked for.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from sqlalchemy import delete, func
from sqlmodel import col, select

from explorer import attempts, db, labor, local_results, matching, privacy
from explorer.data import KnowledgeBase
from explorer.models import QuizAttempt, QuizResult, TopMatch, utcnow


def top_codes(kb: KnowledgeBase, matcher: matching.Matcher, scores: Mapping[str, float], area_code: str) -> list[str]:
    """The codes a student's default top 10 lists in this area: the first 10 rows of the found-here
    list (:mod:`explorer.local_results`), leaders and the occupations that share their BLS figures.
    A folded family's other members are not counted: the row names them, but each is its own job
    with its own figures, one tap away."""
    local = labor.local_occupations(kb, area_code)
    here = local_results.rank_here(kb, matcher, scores, local).here
    return matching.listed_codes(here, matching.TOP_N)


def record(code: str, area_code: str, kb: KnowledgeBase, matcher: matching.Matcher, url: str | None = None) -> None:
    """Store a finished quiz's result for ``area_code`` (scored again from its saved answers, so the
    stored result is what the answers say). Recording twice replaces the first, in one transaction;
    two tabs recording at the same instant take turns (the quiz's row is locked first: on PostgreSQL
    both would otherwise delete nothing and insert the same top 10, and one would fail on its key)."""
    saved = attempts.load(code, url)
    if not saved.finished:
        raise ValueError(f"quiz {code} is not finished")
    profile = attempts.profile(saved)
    listed = top_codes(kb, matcher, profile.scores, area_code) if profile.confident else []
    with db.session(url) as s:
        attempt_id = s.execute(select(QuizAttempt.id).where(QuizAttempt.resume_code == saved.resume_code)
                               .with_for_update()).scalar_one()
        s.execute(delete(TopMatch).where(TopMatch.attempt_id == attempt_id))
        db.upsert(s, QuizResult, {"attempt_id": attempt_id, "area_code": area_code, "band": saved.band,
                                  "confident": profile.confident,
                                  "holland_code": profile.code.letters if profile.confident else "",
                                  "finished_at": utcnow()},
                  update=("area_code", "band", "confident", "holland_code", "finished_at"))
        s.flush()
        for rank, onet_code in enumerate(listed, start=1):
            s.add(TopMatch(attempt_id=attempt_id, rank=rank, onet_code=onet_code))


def top_match_counts(area_code: str, url: str | None = None, k: int | None = None) -> dict[str, int]:
    """How many finished quizzes ranked for this area list each occupation in their top 10.

    Only usable profiles from grades 6-12 count (grades 3-5 see no job lists). Callers hide counts
    below the district's minimum before showing them. With ``k`` (the audit page), only the released
    quizzes count: the first whole batches of ``k`` in order of finishing (``privacy.released``), so
    the audit changes only when k more quizzes have finished, never for one student.
    """
    counted = (select(QuizResult.attempt_id).join(QuizAttempt, col(QuizAttempt.id) == QuizResult.attempt_id)
               .where(QuizResult.area_code == area_code, QuizResult.confident, QuizResult.band != "3-5"))
    with db.session(url) as s:
        if k:
            in_order = [i for (i,) in s.execute(counted.order_by(col(QuizAttempt.finished_at), col(QuizAttempt.id)))]
            released = privacy.released(in_order, k)
            counts: Counter[str] = Counter()
            for start in range(0, len(released), 500):
                counts.update(code for (code,) in s.execute(
                    select(TopMatch.onet_code).where(col(TopMatch.attempt_id).in_(released[start:start + 500]))))
            return dict(counts)
        query = (select(TopMatch.onet_code, func.count()).where(col(TopMatch.attempt_id).in_(counted))
                 .group_by(TopMatch.onet_code))
        return dict(s.execute(query).all())


def missing(url: str | None = None) -> list[str]:
    """Resume codes of finished quizzes with no stored result (finished before results were stored)."""
    query = (select(QuizAttempt.resume_code).outerjoin(QuizResult, col(QuizResult.attempt_id) == QuizAttempt.id)
             .where(col(QuizAttempt.finished_at).is_not(None), col(QuizResult.attempt_id).is_(None)))
    with db.session(url) as s:
        return [code for (code,) in s.execute(query)]


def backfill(area_code: str, kb: KnowledgeBase, matcher: matching.Matcher, url: str | None = None) -> int:
    """Record every finished quiz that has no stored result, ranked for ``area_code`` (the district's
    area: quizzes finished before this release did not keep the area their student chose)."""
    codes = missing(url)
    for code in codes:
        record(code, area_code, kb, matcher, url)
    return len(codes)

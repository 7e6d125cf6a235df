"""Benchmarks that print numbers (``python -m explorer bench match``); speed targets live here, not in tests."""
from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import pandas as pd

from explorer import labor, matching
from explorer.data import KnowledgeBase
from explorer.riasec import THEMES

T = TypeVar("T")

if TYPE_CHECKING:  # imported where used: validation loads the quiz items
    from explorer import validation


def _timed(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The median wall time of ``repeat`` runs (at least one) and the last run's result."""
    times: list[float] = []

    def once() -> T:
        start = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - start)
        return out

    result = once()
    for _ in range(repeat - 1):
        result = once()
    return statistics.median(times), result


def naive_match(kb: KnowledgeBase, scores: Mapping[str, float], area_code: str) -> pd.DataFrame:
    """The same result built row by row with pandas: the baseline the vectorised path is compared with."""
    area = kb.local_figures[kb.local_figures["area_code"] == area_code]
    student = pd.Series([float(scores[t]) for t in THEMES])
    rows = []
    for code, occupation in kb.occupations.iterrows():
        r = student.corr(pd.Series(occupation[list(THEMES)].to_numpy(dtype=float)))
        band = matching.fit_band(r)
        if band is None:
            continue
        local = area[area["oews_code"] == occupation["oews_code"]]
        rows.append({"onet_code": code, "r": r, "band": band, "in_area": len(local) > 0,
                     "employment": local["employment"].iloc[0] if len(local) else pd.NA,
                     "annual_median": local["annual_median"].iloc[0] if len(local) else pd.NA})
    table = pd.DataFrame(rows).set_index("onet_code")
    table["band_rank"] = table["band"].map({"best": 0, "great": 1, "good": 2})
    return table.sort_values(["band_rank", "in_area", "r"], ascending=[True, False, False], kind="stable")


def corrcoef_match(kb: KnowledgeBase, scores: Mapping[str, float], area_code: str) -> pd.DataFrame:
    """A fair vectorised peer: one ``np.corrcoef`` over all profiles plus a pandas merge and sort."""
    profiles = kb.occupations[list(THEMES)].to_numpy(dtype=float)
    student = np.array([float(scores[t]) for t in THEMES])
    r = np.corrcoef(np.vstack([student, profiles]))[0, 1:]
    table = pd.DataFrame({"onet_code": kb.occupations.index, "oews_code": kb.occupations["oews_code"].to_numpy(),
                          "r": r})
    local = labor.area_figures(kb, area_code)[["employment", "annual_median"]].reset_index()
    table = table.merge(local, on="oews_code", how="left")
    return table[table["r"] >= 0].sort_values("r", ascending=False).set_index("onet_code")


def bench_match(kb: KnowledgeBase, area_code: str = "0012420", repeat: int = 5) -> dict[str, float]:
    scores = {"R": 5, "I": 20, "A": 0, "S": 15, "E": 10, "C": 3}
    matcher = matching.Matcher.from_occupations(kb.occupations)
    labor.area_figures(kb, area_code)  # split the local figures by area once, as the running app has

    def fast() -> pd.DataFrame:
        local = labor.local_occupations.__wrapped__(kb, area_code)  # include the local join, uncached
        return matching.rank(matcher, scores, local, priorities=["fit"])

    fast_s, _fast_result = _timed(fast, repeat)
    peer_s, peer_result = _timed(lambda: corrcoef_match(kb, scores, area_code), repeat)
    naive_s, naive_result = _timed(lambda: naive_match(kb, scores, area_code), max(1, repeat // 2))
    r = matcher.correlations(scores)
    same_r = (np.allclose(r[naive_result.index].to_numpy(), naive_result["r"].to_numpy())
              and np.allclose(r[peer_result.index].to_numpy(), peer_result["r"].to_numpy()))
    return {"occupations": len(kb.occupations), "vectorised_ms": fast_s * 1000, "corrcoef_ms": peer_s * 1000,
            "naive_ms": naive_s * 1000, "vs_corrcoef": peer_s / fast_s, "speedup": naive_s / fast_s,
            "same_result": float(same_r)}


PROGRAM_CASES = (("29-1141.00", "71301"), ("47-2111.00", "71351"), ("15-1252.00", "78701"), ("25-1071.00", "10001"),
                 ("31-9092.00", "90012"), ("53-3032.00", "59001"))


def bench_programs(kb: KnowledgeBase, repeat: int = 21) -> list[dict[str, object]]:
    """Programs near a place for one occupation (warm), beside the match a student's results page runs
    before it, for several occupation x ZIP pairs (few to many programs)."""
    from explorer import places, training

    training.warm(kb)
    matcher = matching.Matcher.from_occupations(kb.occupations)
    scores = {"R": 5, "I": 20, "A": 0, "S": 15, "E": 10, "C": 3}
    rows = []
    for code, zip_code in PROGRAM_CASES:
        place = places.lookup(kb, zip_code).places[0]
        origin = training.origin_of(kb, place, place.area_code)
        assert origin is not None
        local = labor.local_occupations(kb, place.area_code)
        training.near(kb, code, origin)  # the first call of a process builds the Scorecard key index
        # The lookup itself, not its per-process cache (training.near keeps each result once made).
        uncached = functools.partial(training._near.__wrapped__, kb, code, origin, training.check_radius(None))
        near_s, options = _timed(uncached, repeat)
        match_s, _ranked = _timed(functools.partial(matching.rank, matcher, scores, local, priorities=["fit"]), repeat)
        rows.append({"occupation": code, "zip": zip_code, "programs": len(options.programs),
                     "lookup_ms": near_s * 1000, "match_ms": match_s * 1000, "ratio": near_s / match_s})
    return rows


def bench_validate(kb: KnowledgeBase, cases: int = 500, seed: int = 2026,
                   draws: int = 8) -> list[validation.RecoveryRange]:
    """The README's validation table: recovery and stability for each form and ordering (national figures),
    mean and range over ``draws`` item-popularity draws."""
    from explorer import validation

    matcher = matching.Matcher.from_occupations(kb.occupations)
    national = labor.local_occupations(kb, labor.NATIONAL)
    return [row for form in ("quick", "full")
            for row in validation.recovery_over_draws(matcher, national, form, cases=cases, seed=seed, draws=draws)]


def bench_audit(kb: KnowledgeBase, quizzes: int, url: str, area_code: str = "0012420", repeat: int = 5,
                distinct: int = 200, seed: int = 2026) -> dict[str, float]:
    """The audit page's data (student counts + the audit table) over ``quizzes`` finished quizzes.

    The database at ``url`` is filled with simulated grade 9-12 quick quizzes (answers, results and
    top 10s written as a finishing quiz writes them; ``distinct`` simulated students repeat so that
    filling stays quick). The old way, re-scoring and re-ranking every quiz, is timed on 100 quizzes
    and scaled, and labelled as an estimate.
    """
    from sqlalchemy import insert
    from sqlmodel import col, select

    from explorer import attempts, audit, db, quiz, quiz_results, validation
    from explorer.models import Answer, QuizAttempt, QuizResult, TopMatch, table_of, utcnow
    from explorer.pathways import Catalog

    matcher = matching.Matcher.from_occupations(kb.occupations)
    items = quiz.form_items("9-12", "quick")
    popularity = validation.item_popularity(items, seed)
    rng = np.random.default_rng(seed)
    people = []
    for _ in range(distinct):
        answers = validation.simulated_answers(rng, rng.normal(0, 1, 6), items, popularity)
        profile = quiz.score("9-12", "quick", answers)
        listed = quiz_results.top_codes(kb, matcher, profile.scores, area_code) if profile.confident else []
        people.append((answers, profile, listed))
    engine = db.get_engine(url)
    start = time.perf_counter()
    now = utcnow()
    with engine.begin() as con:
        first = con.execute(insert(table_of(QuizAttempt)).returning(table_of(QuizAttempt).c.id), [
            {"resume_code": attempts.new_resume_code(), "band": "9-12", "form": "quick", "lang": "en", "page": 4,
             "created_at": now, "updated_at": now, "finished_at": now} for _ in range(quizzes)]).scalars().all()
        answer_rows, result_rows, top_rows = [], [], []
        for n, attempt_id in enumerate(first):
            answers, profile, listed = people[n % distinct]
            answer_rows += [{"attempt_id": attempt_id, "item_id": k, "value": v, "answered_at": now}
                            for k, v in answers.items()]
            result_rows.append({"attempt_id": attempt_id, "area_code": area_code, "band": "9-12",
                                "confident": profile.confident, "finished_at": now,
                                "holland_code": profile.code.letters if profile.confident else ""})
            top_rows += [{"attempt_id": attempt_id, "rank": r, "onet_code": c} for r, c in enumerate(listed, 1)]
        for model, rows in ((Answer, answer_rows), (QuizResult, result_rows), (TopMatch, top_rows)):
            for k in range(0, len(rows), 20_000):
                con.execute(insert(table_of(model)), rows[k:k + 20_000])
    fill_s = time.perf_counter() - start
    catalog = Catalog.load(url)
    counts_s, counts = _timed(lambda: quiz_results.top_match_counts(area_code, url), repeat)
    page_s, audit_table = _timed(lambda: audit.audit(kb, catalog, area_code, quiz_results.top_match_counts(area_code, url)),
                           repeat)
    sample = first[:100]
    with db.session(url) as s:
        codes = [c for (c,) in s.execute(select(QuizAttempt.resume_code).where(col(QuizAttempt.id).in_(sample)))]
    local = labor.local_occupations(kb, area_code)

    def old_way() -> None:
        for code in codes:
            profile = attempts.profile(attempts.load(code, url))
            if profile.confident:
                matching.listed_codes(matching.rank(matcher, profile.scores, local), matching.TOP_N)

    old_s, _ = _timed(old_way, 1)
    return {"quizzes": quizzes, "fill_s": fill_s, "counts_ms": counts_s * 1000, "audit_page_data_ms": page_s * 1000,
            "students_counted": float(sum(counts.values())), "rows": float(len(audit_table)),
            "old_way_estimate_s": old_s / len(codes) * quizzes}

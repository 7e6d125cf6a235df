"""Stored quiz results (what the audit counts) and same-instant saves, on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from explorer import attempts, labor, local_results, matching, portfolio, quiz, quiz_results, validation

AUSTIN = "0012420"


@pytest.fixture(scope="module")
def matcher(kb):
    return matching.Matcher.from_occupations(kb.occupations)


def _finished(url: str, answers: dict[str, int], band: str = "9-12") -> str:
    code = attempts.start(band, "quick", "en", url)
    for item_id, value in answers.items():
        attempts.save_answer(code, item_id, value, url)
    attempts.finish(code, url)
    return code


def _students(n: int, band: str = "9-12", seed: int = 7) -> list[dict[str, int]]:
    items = quiz.form_items(band, "quick")
    popularity = validation.item_popularity(items)
    rng = np.random.default_rng(seed)
    return [validation.simulated_answers(rng, rng.normal(0, 1.2, 6), items, popularity) for _ in range(n)]


def test_stored_counts_equal_a_re_rank_of_every_quiz(database_url, kb, matcher):
    """The audit's counts from stored rows are exactly what re-ranking each quiz gives."""
    codes = [_finished(database_url, answers) for answers in _students(12)]
    codes.append(_finished(database_url, {i.id: 2 for i in quiz.form_items("9-12", "quick")}))  # flat: not counted
    for code in codes:
        quiz_results.record(code, AUSTIN, kb, matcher, database_url)
    local = labor.local_occupations(kb, AUSTIN)
    expected: dict[str, int] = {}
    for code in codes:
        profile = attempts.profile(attempts.load(code, database_url))
        if profile.confident:
            # The first 10 rows the student sees: found here, Best and Great, families folded.
            here = local_results.rank_here(kb, matcher, profile.scores, local).here
            assert here["in_area"].all()
            for onet_code in matching.listed_codes(here):
                expected[onet_code] = expected.get(onet_code, 0) + 1
    assert expected and quiz_results.top_match_counts(AUSTIN, database_url) == expected
    assert quiz_results.top_match_counts("0000000", database_url) == {}  # counted where they were ranked
    # Recording again (a double click on "See my results") changes nothing.
    quiz_results.record(codes[0], AUSTIN, kb, matcher, database_url)
    assert quiz_results.top_match_counts(AUSTIN, database_url) == expected
    # The audit page counts released quizzes only: the first whole batch of 10 usable ones to finish.
    first_ten = [c for c in codes if attempts.profile(attempts.load(c, database_url)).confident][:10]
    released: dict[str, int] = {}
    for code in first_ten:
        here = local_results.rank_here(kb, matcher, attempts.profile(attempts.load(code, database_url)).scores,
                                       local).here
        for onet_code in matching.listed_codes(here):
            released[onet_code] = released.get(onet_code, 0) + 1
    assert quiz_results.top_match_counts(AUSTIN, database_url, k=10) == released
    assert quiz_results.top_match_counts(AUSTIN, database_url, k=20) == {}


def test_grades_3_to_5_and_unfinished_quizzes_are_not_counted(database_url, kb, matcher):
    three_point = {k: min((0, 2, 4), key=lambda v: abs(v - a)) for k, a in _students(1, "3-5")[0].items()}
    kid = _finished(database_url, three_point, band="3-5")
    quiz_results.record(kid, AUSTIN, kb, matcher, database_url)
    assert quiz_results.top_match_counts(AUSTIN, database_url) == {}
    open_quiz = attempts.start("9-12", "quick", "en", database_url)
    with pytest.raises(ValueError, match="not finished"):
        quiz_results.record(open_quiz, AUSTIN, kb, matcher, database_url)


def test_backfill_records_quizzes_finished_before_results_were_stored(database_url, kb, matcher):
    codes = [_finished(database_url, answers) for answers in _students(3, seed=11)]
    assert sorted(quiz_results.missing(database_url)) == sorted(codes)
    assert quiz_results.backfill(AUSTIN, kb, matcher, database_url) == 3
    assert quiz_results.missing(database_url) == [] and quiz_results.top_match_counts(AUSTIN, database_url)


def test_same_instant_saves_of_one_answer_and_favourite_all_succeed(database_url):
    """Two tabs (or a double click) saving the same thing at once: once raised on the unique key."""
    code = attempts.start("9-12", "quick", "en", database_url)
    barrier = threading.Barrier(8)

    def save(n: int) -> None:
        barrier.wait()
        attempts.save_answer(code, "HR01", n % 5, database_url)
        portfolio.set_favourite(code, "29-1141.00", True, database_url)
        portfolio.set_step(code, "29-1141.00", "job", bool(n % 2), database_url)

    for _ in range(5):
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(save, range(8)))  # re-raises any error
    saved = attempts.load(code, database_url)
    assert list(saved.answers) == ["HR01"] and saved.answers["HR01"] in range(5)
    assert portfolio.favourites(code, database_url) == ["29-1141.00"]
    assert set(portfolio.plan(code, database_url)["29-1141.00"]) == {"job"}


def test_two_tabs_finishing_one_quiz_at_once_both_succeed(database_url, kb, matcher):
    """Two tabs of one student press Finish at the same instant (#23): both finish and record the
    result without an error, and the stored top 10 is the quiz's, once."""
    rounds, errors, codes = 12, [], []
    for answers in _students(rounds, seed=21):
        code = attempts.start("9-12", "quick", "en", database_url)
        codes.append(code)
        for item_id, value in answers.items():
            attempts.save_answer(code, item_id, value, database_url)
        barrier = threading.Barrier(2)

        def finish(code: str = code, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            attempts.finish(code, database_url)
            quiz_results.record(code, AUSTIN, kb, matcher, database_url)

        with ThreadPoolExecutor(2) as pool:
            for future in [pool.submit(finish) for _tab in range(2)]:
                if (problem := future.exception()) is not None:
                    errors.append(f"{type(problem).__name__}: {str(problem).splitlines()[0]}")
    assert not errors, f"{len(errors)} of {2 * rounds} finishes failed: {errors}"
    local = labor.local_occupations(kb, AUSTIN)
    expected: dict[str, int] = {}
    for code in codes:
        profile = attempts.profile(attempts.load(code, database_url))
        here = local_results.rank_here(kb, matcher, profile.scores, local).here if profile.confident else None
        for onet_code in matching.listed_codes(here) if here is not None else []:
            expected[onet_code] = expected.get(onet_code, 0) + 1
    assert expected and quiz_results.top_match_counts(AUSTIN, database_url) == expected  # each quiz once

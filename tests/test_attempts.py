"""Saved quiz attempts and resume codes, on SQLite and PostgreSQL."""
from __future__ import annotations

import math

import pytest

from explorer import attempts, quiz
from explorer.attempts import ResumeCodeError


def test_codes_are_readable_and_carry_over_40_bits():
    assert not set("01OILU") & set(attempts.ALPHABET)
    assert math.log2(len(attempts.ALPHABET) ** attempts.CODE_LENGTH) > 40
    codes = {attempts.new_resume_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 11 and c[3] == c[7] == "-" for c in codes)


@pytest.mark.parametrize("typed,expected", [("k7m q4t x9b", "K7M-Q4T-X9B"), ("K7MQ4TX9B", "K7M-Q4T-X9B"),
                                            (" k7m-q4t-x9b ", "K7M-Q4T-X9B")])
def test_normalize_accepts_friendly_typing(typed, expected):
    assert attempts.normalize_code(typed) == expected


@pytest.mark.parametrize("typed,kind", [("", "empty"), ("K7M-Q4T-X9", "length"), ("K7M-Q4T-X9BB", "length"),
                                        ("K7M-Q4T-X0B", "characters"), ("K7M-O4T-X9B", "characters")])
def test_malformed_codes_are_explained(typed, kind):
    with pytest.raises(ResumeCodeError) as err:
        attempts.normalize_code(typed)
    assert err.value.kind == kind and str(err.value)


def test_answers_saved_resumed_and_replaced(database_url):
    code = attempts.start("6-8", "full", "es", database_url)
    attempts.save_answer(code, "MR01", 4, database_url)
    attempts.save_answer(code, "MI01", 1, database_url)
    attempts.save_answer(code, "MR01", 2, database_url)
    attempts.set_page(code, 3, database_url)
    saved = attempts.load(code.lower().replace("-", " "), database_url)
    assert saved.answers == {"MR01": 2, "MI01": 1}
    assert (saved.band, saved.form, saved.lang, saved.page, saved.finished) == ("6-8", "full", "es", 3, False)
    assert all(t.tzinfo is not None for t in saved.answered_at)
    attempts.finish(code, database_url)
    assert attempts.load(code, database_url).finished


def test_unknown_code_and_bad_answers_save_nothing(database_url):
    with pytest.raises(ResumeCodeError) as err:
        attempts.load("K7M-Q4T-X9B", database_url)
    assert err.value.kind == "unknown"
    code = attempts.start("9-12", "quick", "en", database_url)
    for item_id, value in [("HR01", 5), ("HR10", 2), ("NOPE", 1), ("HR01", -1)]:
        with pytest.raises(quiz.QuizInputError):
            attempts.save_answer(code, item_id, value, database_url)
    assert attempts.load(code, database_url).answers == {}


def test_bad_band_or_form_is_refused(database_url):
    with pytest.raises(quiz.QuizInputError, match="no 'full' form"):
        attempts.start("3-5", "full", "en", database_url)

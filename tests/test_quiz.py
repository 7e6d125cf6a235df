"""Item banks, scoring, Holland code, profile shape and response-quality checks."""
from __future__ import annotations

import difflib
import re
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
import textstat

from explorer import explain, quiz, riasec
from explorer.quiz import BANDS, FORMS_BY_BAND, QuizInputError
from explorer.riasec import THEMES


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("band,form", [(b, f) for b in BANDS for f in FORMS_BY_BAND[b]])
def test_each_form_has_right_counts_per_theme(band, form, lang):
    items = quiz.form_items(band, form, lang)
    per_theme = quiz.FORMS[form]
    assert len(items) == 6 * per_theme
    assert {t: sum(i.theme == t for i in items) for t in THEMES} == dict.fromkeys(THEMES, per_theme)
    assert len({i.id for i in items}) == len(items)
    assert all(i.text.strip() for i in items)


def test_grades_3_5_have_no_full_form_and_an_emoji_per_item():
    with pytest.raises(QuizInputError, match="no 'full' form"):
        quiz.form_items("3-5", "full")
    assert all(i.emoji for i in quiz.item_bank("3-5", "en"))


@pytest.mark.parametrize("band", BANDS)
def test_english_and_spanish_banks_have_the_same_items(band):
    en, es = quiz.item_bank(band, "en"), quiz.item_bank(band, "es")
    assert [(i.id, i.theme, i.quick) for i in en] == [(i.id, i.theme, i.quick) for i in es]
    assert all(a.text != b.text for a, b in zip(en, es))


@pytest.mark.parametrize("band,limit", [("3-5", 2), ("6-8", 5), ("9-12", 8)])
def test_readability_by_band(band, limit):
    text = " ".join(i.text.rstrip(".") + "." for i in quiz.item_bank(band, "en"))
    assert textstat.flesch_kincaid_grade(text) <= limit


def test_items_are_activities_not_self_ratings():
    for band in BANDS:
        for item in quiz.item_bank(band, "en"):
            assert not re.match(r"(?i)(i am|i'm|i like|being good|good at)", item.text), item


def near_verbatim(text: str, other: str) -> bool:
    """Near-verbatim: mostly the same characters, or the same opening words with much else in common."""
    ratio = difflib.SequenceMatcher(None, text, other).ratio()
    return ratio >= 0.72 or (text.split()[:2] == other.split()[:2] and ratio >= 0.6)


def test_near_verbatim_rule_catches_a_copied_activity():
    assert near_verbatim("schedule appointments for a clinic", "schedule appointments for customers")
    assert near_verbatim("manage a team at a company", "manage a department within a large company")
    assert not near_verbatim("design a logo for a sports team", "coach a sports team")


def test_items_are_our_own_words_not_onet_illustrative_activities(shared_data):
    onet = pd.read_csv(shared_data / "onet" / "db_30_1_text" / "Interests Illustrative Activities.txt", sep="\t",
                       dtype=str)["Activity"].str.lower().str.rstrip(".").unique().tolist()
    copied = [(item.id, item.text, other) for band in BANDS for item in quiz.item_bank(band, "en")
              for other in onet if near_verbatim(item.text.lower(), other)]
    assert copied == []


def test_items_describe_work_not_school_or_play():
    school = re.compile(r"(?i)(\bclass (president|project)\b|\bstudent council\b|\bcard trick\b|^learn about\b)")
    assert [i.text for b in BANDS for i in quiz.item_bank(b, "en") if school.search(i.text)] == []


def test_young_realistic_items_are_not_mostly_farm_or_garden():
    farm = re.compile(r"(?i)\b(farm|garden|tractor|ranch|cows?|horses?|carrots?|plant)\b")
    realistic = [i.text for i in quiz.item_bank("3-5", "en") if i.theme == "R"]
    assert sum(bool(farm.search(t)) for t in realistic) <= 1, realistic


def test_spanish_items_keep_the_meaning():
    spanish = " ".join(i.text for b in BANDS for i in quiz.item_bank(b, "es")).lower()
    assert "pelea" not in spanish  # "settle a disagreement" is not "a fight"


def test_items_avoid_gendered_words():
    gendered = re.compile(r"(?i)\b(he|she|his|her|him|man|woman|men|women|boy|girl|guys|mom|dad)\b")
    for band in BANDS:
        assert not [i.text for i in quiz.item_bank(band, "en") if gendered.search(i.text)]


def sheet(band: str, form: str, per_theme: dict[str, list[int]]) -> dict[str, int]:
    """An answer sheet from values listed per theme, in item order."""
    answers = {}
    for theme, values in per_theme.items():
        ids = [i.id for i in quiz.form_items(band, form) if i.theme == theme]
        answers.update(dict(zip(ids, values)))
    return answers


def test_scoring_sums_quick_form():
    answers = sheet("9-12", "quick", {"R": [4, 4, 4, 3, 3], "I": [0, 1, 2, 0, 0], "A": [2, 2, 2, 2, 2],
                                      "S": [4, 4, 4, 4, 4], "E": [1, 1, 1, 1, 1], "C": [3, 3, 3, 0, 0]})
    profile = quiz.score("9-12", "quick", answers)
    assert profile.scores == {"R": 18, "I": 3, "A": 10, "S": 20, "E": 5, "C": 9}
    assert profile.code.letters == "SRA" and not profile.code.tied
    assert profile.max_score == 20


def test_scoring_full_form_range_0_to_40():
    answers = sheet("6-8", "full", {t: [4] * 10 if t == "I" else [0] * 10 for t in THEMES})
    assert quiz.score("6-8", "full", answers).scores["I"] == 40


def test_three_point_band_scores_on_same_range():
    answers = sheet("3-5", "quick", {"R": [4, 4, 4, 4, 4], "I": [2, 2, 2, 2, 2], "A": [0] * 5,
                                     "S": [4, 2, 0, 4, 2], "E": [0] * 5, "C": [2, 0, 0, 0, 0]})
    assert quiz.score("3-5", "quick", answers).scores == {"R": 20, "I": 10, "A": 0, "S": 12, "E": 0, "C": 2}
    with pytest.raises(QuizInputError, match="not one of"):
        quiz.score("3-5", "quick", {**answers, "ER1": 3})  # 3 is not on the 3-point scale


def test_ties_are_explicit():
    tied_top = riasec.holland_code({"R": 10, "I": 15, "A": 15, "S": 3, "E": 8, "C": 1})
    assert tied_top.letters == "IAR" and tied_top.tied == (("I", "A"),) and not tied_top.ambiguous
    across_cut = riasec.holland_code({"R": 12, "I": 3, "A": 9, "S": 20, "E": 9, "C": 2})
    assert across_cut.letters == "SRA" and across_cut.ambiguous and ("A", "E") in across_cut.tied
    assert not riasec.holland_code({"R": 6, "I": 5, "A": 4, "S": 3, "E": 2, "C": 1}).tied


def test_profile_shape_and_consistency():
    assert riasec.profile_shape({"R": 20, "I": 8, "A": 6, "S": 5, "E": 3, "C": 2}, 20) == "one_peak"
    assert riasec.profile_shape({"R": 3, "I": 4, "A": 18, "S": 17, "E": 5, "C": 2}, 20) == "two_peaks"
    assert riasec.profile_shape({"R": 10, "I": 11, "A": 9, "S": 12, "E": 10, "C": 9}, 20) == "flat"
    assert riasec.consistency(riasec.holland_code({"R": 9, "I": 8, "A": 1, "S": 0, "E": 0, "C": 0})) == "high"
    assert riasec.consistency(riasec.holland_code({"R": 9, "A": 8, "I": 1, "S": 0, "E": 0, "C": 0})) == "medium"
    assert riasec.consistency(riasec.holland_code({"R": 9, "S": 8, "I": 1, "A": 0, "E": 0, "C": 0})) == "low"
    assert riasec.differentiation({"R": 20, "I": 0, "A": 5, "S": 5, "E": 5, "C": 5}, 20) == 1.0


VARIED = {"R": [4, 3, 4, 2, 3], "I": [1, 0, 2, 1, 0], "A": [3, 4, 2, 3, 1], "S": [0, 1, 0, 2, 1],
          "E": [2, 2, 1, 3, 2], "C": [0, 1, 1, 0, 2]}


def paced(n: int, seconds: float) -> list[datetime]:
    start = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    return [start + timedelta(seconds=seconds * k) for k in range(n)]


def test_quality_checks_quiet_on_a_normal_sheet():
    answers = sheet("9-12", "quick", VARIED)
    profile = quiz.score("9-12", "quick", answers, paced(30, 4.5))
    assert profile.flags == [] and profile.confident


@pytest.mark.parametrize("flag,per_theme,seconds,confident", [
    ("all_same", {t: [3] * 5 for t in THEMES}, 5.0, False),
    # 27 of 30 answers "not sure": three answers would decide the whole list.
    ("nearly_all_same", {**{t: [2] * 5 for t in THEMES}, "R": [4, 4, 2, 2, 2], "I": [0, 2, 2, 2, 2]}, 5.0, False),
    # Many equal answers but a clear, untied profile: results with a caution.
    ("mostly_same", {**{t: [1] * 5 for t in THEMES}, "I": [4, 4, 4, 4, 4], "S": [1, 3, 1, 1, 1]}, 5.0, True),
    # Quick but clearly peaked: results with a caution.
    ("too_fast", VARIED, 0.8, True),
    ("incomplete", {t: v[:3] for t, v in VARIED.items()}, 5.0, False),
])
def test_each_quality_check_fires_on_its_pattern(flag, per_theme, seconds, confident):
    answers = sheet("9-12", "quick", per_theme)
    profile = quiz.score("9-12", "quick", answers, paced(len(answers), seconds))
    assert flag in profile.flags and profile.confident is confident
    assert (flag in profile.cautions) is confident


def test_quick_answers_with_a_clear_profile_still_get_results_with_a_caution():
    clear = {"R": [0, 1, 0, 1, 0], "I": [4, 4, 3, 4, 4], "A": [1, 2, 1, 0, 1], "S": [3, 4, 3, 3, 2],
             "E": [1, 0, 2, 1, 1], "C": [0, 1, 1, 0, 2]}
    profile = quiz.score("9-12", "quick", sheet("9-12", "quick", clear), paced(30, 0.9))
    assert "too_fast" in profile.flags and profile.confident and profile.cautions == ["too_fast"]
    assert explain.caution_messages(profile) and explain.honest_messages(profile) == []


def test_speed_limit_follows_item_length_and_grade():
    short, long_ = (min(quiz.item_bank("9-12", "en"), key=lambda i: len(i.text.split())),
                    max(quiz.item_bank("9-12", "en"), key=lambda i: len(i.text.split())))
    assert quiz.min_seconds(short) < quiz.min_seconds(long_)
    kid = quiz.item_bank("3-5", "en")[0]
    teen = quiz.Item(id="x", theme="R", band="9-12", quick=True, emoji="", text=kid.text)
    assert quiz.min_seconds(kid) > quiz.min_seconds(teen)
    # 2.0 s per answer is enough on the 9-12 quick form (short items), 0.9 s is not.
    answers = sheet("9-12", "quick", VARIED)
    assert "too_fast" not in quiz.score("9-12", "quick", answers, paced(30, 2.0)).flags
    assert "too_fast" in quiz.score("9-12", "quick", answers, paced(30, 0.9)).flags


def test_broad_interests_is_said_only_of_a_flat_profile():
    flat = quiz.score("9-12", "quick", sheet("9-12", "quick", {t: [2, 2, 3, 2, 1] for t in THEMES}), paced(30, 5))
    same = quiz.score("9-12", "quick", sheet("9-12", "quick", {t: [3] * 5 for t in THEMES}), paced(30, 5))
    assert explain.heading(flat) == "Broad interests"
    assert explain.heading(same) != "Broad interests"
    assert not any("broad interests" in m.lower() for m in explain.honest_messages(same))


def test_flat_profile_is_not_confident():
    flat = {t: [2, 2, 3, 2, 1] for t in THEMES}
    profile = quiz.score("9-12", "quick", sheet("9-12", "quick", flat), paced(30, 5))
    assert profile.shape == "flat" and not profile.confident


def test_bad_answer_sheets_name_every_problem():
    problems = quiz.answer_problems("9-12", "quick", {"XX99": 2, "HR01": 7, "HI01": "4", "HA01": 2, "HR10": 1})
    assert len(problems) == 4
    assert any("'XX99'" in p for p in problems) and any("'HR10'" in p for p in problems)
    assert any("'HR01'" in p and "7" in p for p in problems)


def test_hexagon_points_put_realistic_on_top():
    points = riasec.hexagon_points({"R": 20, "I": 0, "A": 0, "S": 10, "E": 0, "C": 0}, 20)
    assert points[0]["theme"] == "R" and points[0]["y"] == pytest.approx(1.0) and points[0]["x"] == pytest.approx(0)
    assert points[3]["y"] == pytest.approx(-0.5)

"""Matching: the estimator, fit bands, local re-ranking, explanations, stability, acceptance criteria."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from explorer import labor, matching, quiz, validation
from explorer.matching import Matcher, ProfileCorrelation
from explorer.riasec import THEMES


@parametrize_with_checks([ProfileCorrelation()])
def test_sklearn_estimator_contract(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def matcher(kb) -> Matcher:
    return Matcher.from_occupations(kb.occupations)


@pytest.fixture(scope="module")
def austin(kb):
    return labor.local_occupations(kb, "0012420")


def test_correlation_equals_numpy_pearson(matcher, kb):
    scores = {"R": 5, "I": 20, "A": 0, "S": 15, "E": 10, "C": 3}
    r = matcher.correlations(scores)
    row = kb.occupations.loc["29-1141.00", list(THEMES)].to_numpy(float)
    assert r["29-1141.00"] == pytest.approx(np.corrcoef([scores[t] for t in THEMES], row)[0, 1], abs=1e-12)
    assert r.between(-1, 1).all()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("strength", ["strong", "moderate"])
def test_pure_type_profiles_return_their_theme(theme, strength, matcher, austin):
    # Pure types: one theme above five equal others (a clear second theme would rightly bring in
    # two-letter occupations such as photographers, RA, for an artistic student).
    high, rest = (20, 1) if strength == "strong" else (14, 8)
    scores = {t: high if t == theme else rest for t in THEMES}
    for priorities in (["openings"], ["fit"], ["wage"]):
        top = matching.rank(matcher, scores, austin, priorities=priorities).head(10)
        assert len(top) == 10
        assert (top["high_point_1"] == theme).all(), top[["title", "holland_code"]]


def test_shift_and_scale_change_nothing(matcher, austin):
    scores = {"R": 5, "I": 20, "A": 0, "S": 15, "E": 10, "C": 3}
    base = matching.rank(matcher, scores, austin)
    for variant in ({t: v + 7 for t, v in scores.items()}, {t: v * 3.5 for t, v in scores.items()}):
        other = matching.rank(matcher, variant, austin)
        assert other.index.tolist() == base.index.tolist()
        assert np.allclose(other["r"], base["r"])


def test_bands_follow_onet_cutoffs():
    assert matching.fit_band(0.729) == "best" and matching.fit_band(0.7289) == "great"
    assert matching.fit_band(0.608) == "great" and matching.fit_band(0.6) == "good"
    assert matching.fit_band(0.0) == "good" and matching.fit_band(-0.01) is None


def test_local_priorities_reorder_only_inside_bands(matcher, austin):
    scores = {"R": 5, "I": 20, "A": 0, "S": 15, "E": 10, "C": 3}
    by_fit = matching.rank(matcher, scores, austin, priorities=["fit"])
    for priority in ["openings", "wage", "growth", "training"]:
        ranked = matching.rank(matcher, scores, austin, priorities=[priority])
        assert set(ranked.index) == set(by_fit.index)
        assert (ranked["r"] == by_fit.loc[ranked.index, "r"]).all()
        bands = ranked["band"].map({"best": 0, "great": 1, "good": 2})
        assert bands.is_monotonic_increasing
    by_wage = matching.rank(matcher, scores, austin, priorities=["wage"])
    best_here = by_wage[(by_wage["band"] == "best") & by_wage["in_area"]]
    assert best_here["annual_median"].dropna().is_monotonic_decreasing


def test_absent_occupations_are_marked_and_ranked_after_local_ones(kb, matcher):
    rural = labor.local_occupations(kb, "2200002")  # a Louisiana nonmetropolitan area
    ranked = matching.rank(matcher, {"R": 3, "I": 20, "A": 12, "S": 4, "E": 2, "C": 1}, rural)
    assert (~ranked["in_area"]).any()
    for band, rows in ranked.groupby("band", sort=False):
        flags = rows["in_area"].tolist()
        assert flags == sorted(flags, reverse=True), band


def test_job_zone_filter_and_fallback(matcher, austin):
    artistic = {"R": 1, "I": 2, "A": 20, "S": 3, "E": 2, "C": 1}
    assert len(matching.rank(matcher, artistic, austin, job_zones={1})) < 5
    fallback = matching.zone_fallback(matcher, artistic, austin, {1})
    assert set(fallback) == {2} and fallback[2] >= 5
    assert matching.zone_fallback(matcher, artistic, austin, {4}) == {}


def test_contributions_sum_to_r_and_shared_themes(matcher, kb):
    scores = {"R": 5, "I": 20, "A": 0, "S": 15, "E": 10, "C": 3}
    parts = matching.theme_contributions(matcher, scores, "29-1141.00")
    assert sum(parts.values()) == pytest.approx(matcher.correlations(scores)["29-1141.00"], abs=1e-3)
    assert matching.shared_themes(scores, kb.occupations.loc["29-1141.00"]) == ["S", "I"]


def test_influential_answers_point_at_the_right_theme(matcher):
    items = quiz.form_items("9-12", "quick")
    theme_of = {i.id: i.theme for i in items}
    answers = {i.id: {"R": 0, "I": 4, "A": 1, "S": 2, "E": 1, "C": 0}[i.theme] for i in items}
    top = matching.influential_answers(matcher, answers, theme_of, "19-1042.00")  # medical scientists
    assert len(top) == 3 and all(theme_of[item] == "I" for item, _lift in top)


def test_consistent_picks_are_stable_for_a_clear_profile(matcher, austin):
    items = quiz.form_items("9-12", "full")
    theme_of = {i.id: i.theme for i in items}
    answers = {i.id: {"R": 0, "I": 4, "A": 1, "S": 3, "E": 1, "C": 0}[i.theme] for i in items}
    ranked = matching.rank(matcher, validation.sums(answers, theme_of), austin, priorities=["fit"])
    shares = matching.consistent_picks(matcher, answers, theme_of, ranked.index)
    assert shares.between(0, 1).all()
    assert (shares.loc[ranked.index[:3]] >= matching.CONSISTENT_SHARE).all()
    assert shares.sum() == pytest.approx(10)


@pytest.mark.parametrize("area", ["0000000", "0012420"])
def test_one_step_change_keeps_the_top_results(matcher, kb, area):
    result = validation.one_step_stability(matcher, labor.local_occupations(kb, area), cases=150)
    assert result.top1_kept >= 0.85, result
    assert result.top10_overlap >= 0.80, result


def test_flat_profile_explores_by_cluster(austin):
    clusters = matching.explore_by_cluster(austin)
    assert len(clusters) == 14 and (clusters["local_jobs"] > 0).all()
    assert "r" not in clusters.columns and "band" not in clusters.columns

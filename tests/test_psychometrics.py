"""Psychometrics: each statistic against a known truth (simulated students, hand-made tables)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from explorer import psychometrics as pm
from explorer import psychometrics_sim as sim
from explorer import quiz

STUDENTS = 2000
DRAWS = 100  # bootstrap draws in tests (the page uses 1,000)
# Mean interests of the Spanish group differ a little from the English group's (impact, not bias):
# a DIF method must not mistake that for item bias.
IMPACT = (0.0, 0.0, 0.0, 0.2, 0.0, -0.1)


def theme_of(model: sim.Model) -> dict[str, str]:
    return {i.id: i.theme for i in model.items}


@pytest.mark.parametrize("band,form", [("9-12", "full"), ("6-8", "quick"), ("3-5", "quick")])
def test_alpha_is_recovered_within_003_of_the_model(band, form):
    model = sim.model_for(band, form)
    truth = sim.implied_alpha(model)
    sample = sim.simulate(model, STUDENTS, seed=11)
    found = {r.theme: r for r in pm.reliability(sample.answers, theme_of(model), draws=DRAWS)}
    errors = {t: found[t].alpha.estimate - truth[t] for t in truth}
    assert max(abs(e) for e in errors.values()) <= 0.03, errors


def test_bootstrap_interval_covers_the_model_alpha_about_95_times_in_100():
    """20 small districts (300 quizzes): the 95% interval should hold the true alpha in about 19."""
    model = sim.model_for("9-12", "quick")
    truth = sim.implied_alpha(model)
    covered = 0
    for rep in range(20):
        sample = sim.simulate(model, 300, seed=500 + rep)
        for theme in truth:  # the alpha half of pm.reliability (omega's factoring is the slow half)
            x = sample.answers[[i.id for i in model.items if i.theme == theme]].to_numpy(dtype=float)
            boot = pm.bootstrap_covariances(x, 200, np.random.default_rng(rep))
            interval = pm.percentile_interval(float(pm.alpha_from_cov(pm.covariance(x))), pm.alpha_from_cov(boot))
            covered += interval.low <= truth[theme] <= interval.high
    # 120 intervals: a 95% interval's observed coverage has a binomial SD of 2 points, and percentile
    # intervals for alpha run a little under nominal at n = 300 (alpha's sampling law is skewed); one
    # that ignores the resampling, or centres on the wrong alpha, covers far less than this.
    assert covered / 120 >= 0.85, covered


def test_implied_alpha_is_the_alpha_of_a_very_large_sample():
    """The analytic alpha (bivariate normal orthants) agrees with 200,000 simulated students."""
    model = sim.model_for("9-12", "full")
    truth = sim.implied_alpha(model)
    big = sim.simulate(model, 200_000, seed=5).answers
    for theme in "RIS":
        ids = [i.id for i in model.items if i.theme == theme]
        assert float(pm.alpha_from_cov(pm.covariance(big[ids].to_numpy()))) == pytest.approx(truth[theme], abs=0.003)


def test_bivariate_normal_matches_scipy():
    h, k = np.array([-1.2, 0.3, 1.5, -0.2, 0.0]), np.array([0.4, -0.8, 1.1, -0.3, 0.7])
    for rho in (0.1, 0.5, -0.3, 0.85):
        reference = [stats.multivariate_normal([0, 0], [[1, rho], [rho, 1]]).cdf([a, b]) for a, b in zip(h, k)]
        assert np.allclose(sim.bivariate_normal_cdf(h, k, rho), reference, atol=1e-6)


def test_omega_matches_a_maximum_likelihood_factor_analysis():
    from sklearn.decomposition import FactorAnalysis

    model = sim.model_for("9-12", "full")
    answers = sim.simulate(model, STUDENTS, seed=3).answers
    for theme in "RC":
        x = answers[[i.id for i in model.items if i.theme == theme]].to_numpy(dtype=float)
        cov = pm.covariance(x)
        loadings = FactorAnalysis(n_components=1, random_state=0).fit(x).components_[0]
        assert float(pm.omega_from_cov(cov)) == pytest.approx(abs(loadings.sum()) ** 2 / cov.sum(), abs=0.01)
        assert float(pm.omega_from_cov(cov)) >= float(pm.alpha_from_cov(cov)) - 0.005  # congeneric items


def test_alpha_of_a_textbook_example():
    """Three items answered by five people: alpha by hand is 0.9 (item variances 1, 1, 1; total 7.5...)."""
    x = np.array([[1, 1, 2], [2, 2, 2], [3, 3, 3], [4, 4, 5], [5, 5, 3]], dtype=float)
    cov = np.cov(x, rowvar=False)
    by_hand = 3 / 2 * (1 - cov.diagonal().sum() / x.sum(axis=1).var(ddof=1))
    assert float(pm.alpha_from_cov(cov)) == pytest.approx(by_hand)


def test_circular_order_is_detected():
    """A circumplex is found at the smallest p the test can give: 12 of the 720 relabellings are the
    hexagon's own rotations and reflections, so p < .01 is impossible with six themes; p = 1/60 means
    no other arrangement of the areas fits as well."""
    model = sim.model_for("9-12", "full")
    sample = sim.simulate(model, STUDENTS, seed=11)
    order = pm.circular_order_test(pm.theme_correlations(sample.answers, theme_of(model)))
    assert order.predictions == 72 and order.permutations == 720
    assert pm.SMALLEST_P == pytest.approx(1 / 60)
    assert order.p == pytest.approx(pm.SMALLEST_P) and order.ci >= 0.9


def test_no_circle_no_detection():
    flat = sim.model_for("9-12", "full", latent=sim.circular_correlations(0.2, 0.2, 0.2))
    sample = sim.simulate(flat, STUDENTS, seed=11)
    order = pm.circular_order_test(pm.theme_correlations(sample.answers, theme_of(flat)))
    assert order.p > 0.05 and order.ci < 0.5


def test_order_test_on_hand_made_matrices():
    perfect = pm.circular_order_test(sim.circular_correlations(0.5, 0.3, 0.1))
    assert (perfect.met, perfect.violated, perfect.ci, perfect.p) == (72, 0, 1.0, pytest.approx(1 / 60))
    reversed_ = pm.circular_order_test(sim.circular_correlations(0.1, 0.3, 0.5))
    assert (reversed_.met, reversed_.violated, reversed_.ci, reversed_.p) == (0, 72, -1.0, 1.0)
    ties = pm.circular_order_test(sim.circular_correlations(0.3, 0.3, 0.3))
    assert (ties.met, ties.tied, ties.ci, ties.p) == (0, 72, 0.0, 1.0)


def test_planted_bad_item_is_flagged_and_no_other():
    bad = quiz.form_items("9-12", "full")[12].id  # a Realistic item
    model = sim.model_for("9-12", "full", bad_items={bad: 0.05})
    items = pm.item_statistics(sim.simulate(model, STUDENTS, seed=11).answers, theme_of(model))
    assert items.index[items["weak"]].tolist() == [bad]
    theme_alpha = {r.theme: r.alpha.estimate for r in pm.reliability(
        sim.simulate(model, STUDENTS, seed=11).answers, theme_of(model), draws=20)}
    assert items.loc[bad, "alpha_if_deleted"] > theme_alpha["R"]  # the theme is better without it


def test_planted_dif_item_is_flagged():
    planted = quiz.form_items("9-12", "full")[9].id  # a Social item
    model = sim.model_for("9-12", "full", dif_items={planted: 0.4}, focal_share=0.3, focal_mean=IMPACT)
    sample = sim.simulate(model, STUDENTS, seed=11)
    result = {d.item: d for d in pm.dif(sample.answers, theme_of(model), sample.focal)}
    assert result[planted].ets_class in {"B", "C"} and result[planted].d_dif < 0  # harder to like in Spanish
    assert sum(d.ets_class != "A" for i, d in result.items() if i != planted) <= 1


def test_nothing_planted_flags_stay_within_the_false_positive_rate():
    """Five districts of 2,000 with a group difference in interests but no biased item: Mantel's
    test rejects at about its 5% level (300 tests; 99% binomial bound 8.5%), ETS B/C flags, which
    also need |D| >= 1, stay under 5% (expected: about none), and no item is called weak."""
    model = sim.model_for("9-12", "full", focal_share=0.3, focal_mean=IMPACT)
    significant, flagged, weak, tests = 0, 0, 0, 0
    for rep in range(5):
        sample = sim.simulate(model, STUDENTS, seed=100 + rep)
        result = pm.dif(sample.answers, theme_of(model), sample.focal)
        significant += sum(d.p < pm.DIF_ALPHA for d in result)
        flagged += sum(d.ets_class != "A" for d in result)
        weak += int(pm.item_statistics(sample.answers, theme_of(model))["weak"].sum())
        tests += len(result)
    assert significant / tests <= 0.085 and flagged / tests <= 0.05 and weak == 0, (significant, flagged, weak)


def test_mantel_haenszel_on_two_by_two_tables_by_hand():
    """For a right/wrong item the cumulative odds ratio is the classic alpha_MH and Mantel's test is
    the MH chi-square without continuity correction."""
    rng = np.random.default_rng(1)
    strata = rng.integers(0, 4, size=600)
    focal = rng.random(600) < 0.4
    item = (rng.random(600) < 0.3 + 0.1 * strata - 0.1 * focal).astype(int)
    num = den = observed = expected = variance = 0.0
    for s in range(4):
        m = strata == s
        a, b = np.sum(m & ~focal & (item == 1)), np.sum(m & ~focal & (item == 0))
        c, d = np.sum(m & focal & (item == 1)), np.sum(m & focal & (item == 0))
        n = a + b + c + d
        num += a * d / n
        den += b * c / n
        observed += a
        expected += (a + b) * (a + c) / n
        variance += (a + b) * (c + d) * (a + c) * (b + d) / (n * n * (n - 1))
    odds, d_dif, chi2, p = pm.mantel_haenszel(item, strata, focal)
    assert odds == pytest.approx(num / den)
    assert d_dif == pytest.approx(-2.35 * np.log(num / den))
    assert chi2 == pytest.approx((observed - expected) ** 2 / variance)
    assert p == pytest.approx(stats.chi2.sf(chi2, 1))


@pytest.mark.parametrize("d,p,expected", [(-0.5, 0.001, "A"), (-1.2, 0.2, "A"), (-1.2, 0.01, "B"),
                                          (1.49, 0.01, "B"), (-1.5, 0.01, "C"), (2.0, 0.0001, "C"),
                                          (float("nan"), 0.01, "A")])
def test_ets_classes(d, p, expected):
    assert pm.ets_class(d, p) == expected


def test_group_comparison_waits_for_enough_students():
    model = sim.model_for("9-12", "quick")
    sample = sim.simulate(model, 300, seed=2)
    groups = pd.Series(np.where(np.arange(300) < 250, "North", "South"))
    small = pm.compare_groups(sample.answers, theme_of(model), groups, "North", "South", "campus", k=10)
    assert not small.enough and small.items == [] and small.needed == pm.DIF_MIN_PER_GROUP
    assert small.as_dict(k=10)["n_focal"] == 50
    assert pm.dif_needed(400) == 400 and pm.dif_needed(10) == pm.DIF_MIN_PER_GROUP  # never below privacy

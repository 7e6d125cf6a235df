"""Does matching find the right careers? Recovery and stability on simulated students (README table).

Simulated students answer our real item banks under a response model with the main sources of
error a real class brings (stated in the README with the seed):

    answer = clip(round(2 + LOADING * z[theme] + acquiescence + popularity[item] + noise), 0, 4)

* ``z``: the six O*NET interest scores of a randomly drawn occupation (the "generating"
  occupation), standardized (mean 0, SD 1 across the six themes): the student's true interests;
* ``acquiescence`` ~ N(0, ACQUIESCENCE_SD), one per student: some students say "like" to more
  things than others, whatever the activity;
* ``popularity[item]`` ~ N(0, POPULARITY_SD), one per item, fixed for the bank: some activities
  appeal to almost everyone, some to almost no one, beyond their theme;
* ``noise`` ~ N(0, NOISE_SD), per answer: reading, mood, misclicks.

For each simulated student and each ordering we ask what a student cares about: is the generating
occupation (or its BLS group, shown as one row) among the first 10 / 20 rows, and is it in the
Best band; and, as before, does the list hold when one answer moves one step.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer import quiz
from explorer.matching import PRIORITIES, TOP_N, Matcher, fit_band, listed_codes, rank
from explorer.riasec import THEMES

LOADING = 1.0
ACQUIESCENCE_SD = 0.5
POPULARITY_SD = 0.5
NOISE_SD = 1.0
SEED = 2026
BAND = "9-12"


@dataclass(frozen=True)
class Recovery:
    """One row of the README's validation table."""

    form: str
    ordering: str
    cases: int
    top10: float  # share of cases whose generating occupation is listed in the first 10 rows
    top20: float
    best_band: float  # share whose generating occupation is in the Best band
    top1_kept: float  # share whose first row is unchanged after one answer moves one step
    top10_overlap: float  # mean share of the first 10 rows still there after that change


def item_popularity(items: list[quiz.Item], seed: int = SEED) -> dict[str, float]:
    """A fixed appeal per item, the same for every simulated student of one run."""
    rng = np.random.default_rng(seed)
    return {item.id: float(rng.normal(0, POPULARITY_SD)) for item in items}


def simulated_answers(rng: np.random.Generator, profile: np.ndarray, items: list[quiz.Item],
                      popularity: dict[str, float]) -> dict[str, int]:
    """One student's 0-4 answers under the response model (``profile``: standardized R I A S E C)."""
    acquiescence = rng.normal(0, ACQUIESCENCE_SD)
    answers = {}
    for item in items:
        latent = (2 + LOADING * profile[THEMES.index(item.theme)] + acquiescence + popularity[item.id]
                  + rng.normal(0, NOISE_SD))
        answers[item.id] = int(np.clip(np.rint(latent), 0, 4))
    return answers


def sums(answers: dict[str, int], theme_of: dict[str, str]) -> dict[str, int]:
    scores = dict.fromkeys(THEMES, 0)
    for item_id, value in answers.items():
        scores[theme_of[item_id]] += value
    return scores


def recovery(matcher: Matcher, local: pd.DataFrame, form: str = "full", orderings: list[str] | None = None,
             cases: int = 500, seed: int = SEED, popularity_seed: int | None = None) -> list[Recovery]:
    """Recovery (top 10, top 20, Best band) and one-step stability for each ordering, on the same students.

    ``popularity_seed`` draws the items' popularity (default: ``seed``); the students are drawn from ``seed``.
    """
    orderings = orderings or list(PRIORITIES)
    rng = np.random.default_rng(seed)
    items = quiz.form_items(BAND, form)
    theme_of = {i.id: i.theme for i in items}
    popularity = item_popularity(items, seed if popularity_seed is None else popularity_seed)
    counts = {o: np.zeros(5) for o in orderings}
    for _case in range(cases):
        index = int(rng.integers(len(matcher.codes)))
        truth = matcher.codes[index]
        answers = simulated_answers(rng, matcher.model.profiles_[index], items, popularity)
        scores = sums(answers, theme_of)
        item = items[int(rng.integers(len(items)))].id
        step = int(rng.choice([-1, 1]))
        if not 0 <= answers[item] + step <= 4:
            step = -step
        moved = sums({**answers, item: answers[item] + step}, theme_of)
        r_truth = float(matcher.correlations(scores)[truth])
        for ordering in orderings:
            before = rank(matcher, scores, local, priorities=[ordering])
            after = rank(matcher, moved, local, priorities=[ordering])
            top_before, top_after = before.index[:TOP_N].tolist(), after.index[:TOP_N].tolist()
            counts[ordering] += [truth in listed_codes(before, TOP_N), truth in listed_codes(before, 2 * TOP_N),
                                 fit_band(r_truth) == "best", top_before[:1] == top_after[:1],
                                 len(set(top_before) & set(top_after)) / TOP_N]
    return [Recovery(form, o, cases, *(float(v) for v in counts[o] / cases)) for o in orderings]


def mirror_recovery(matcher: Matcher, local: pd.DataFrame, cases: int = 40, seed: int = SEED,
                    priorities: list[str] | None = None) -> float:
    """Share of occupations found in the first 10 rows by a student whose scores mirror its own profile."""
    rng = np.random.default_rng(seed)
    found = 0
    for index in rng.choice(len(matcher.codes), size=cases, replace=False):
        code = matcher.codes[index]
        scores = dict(zip(THEMES, local.loc[code, list(THEMES)].astype(float)))
        found += code in listed_codes(rank(matcher, scores, local, priorities=priorities), TOP_N)
    return found / cases


METRICS = ("top10", "top20", "best_band", "top1_kept", "top10_overlap")


@dataclass(frozen=True)
class RecoveryRange:
    """One row of the README's validation table over several item-popularity draws: each measure's mean,
    lowest and highest value across the draws (the same simulated students in every draw)."""

    form: str
    ordering: str
    cases: int
    draws: int
    mean: dict[str, float]
    low: dict[str, float]
    high: dict[str, float]


def recovery_over_draws(matcher: Matcher, local: pd.DataFrame, form: str = "full",
                        orderings: list[str] | None = None, cases: int = 500, seed: int = SEED,
                        draws: int = 8) -> list[RecoveryRange]:
    """:func:`recovery` repeated over ``draws`` item-popularity draws (seeds ``seed``, ``seed + 1`` ...).

    One draw of b[item] ~ N(0, 0.5) can favour one theme's items by chance, which moves recovery by a few
    points; the mean and range over draws say how much of a table's figure is that luck.
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    runs = [recovery(matcher, local, form, orderings, cases, seed, popularity_seed=seed + d) for d in range(draws)]
    out = []
    for position, first in enumerate(runs[0]):
        values = {m: [getattr(run[position], m) for run in runs] for m in METRICS}
        out.append(RecoveryRange(first.form, first.ordering, cases, draws,
                                 mean={m: float(np.mean(v)) for m, v in values.items()},
                                 low={m: float(min(v)) for m, v in values.items()},
                                 high={m: float(max(v)) for m, v in values.items()}))
    return out

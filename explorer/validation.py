"""How stable matching is for realistic students: the numbers quoted in the README and checked in tests."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer import quiz
from explorer.matching import DEFAULT_PRIORITIES, TOP_N, Matcher, rank
from explorer.riasec import THEMES


@dataclass(frozen=True)
class OneStepStability:
    cases: int
    top1_kept: float  # share of cases whose first result is unchanged
    top10_overlap: float  # mean share of the top 10 still in the top 10


def simulated_student(rng: np.random.Generator, matcher: Matcher, band: str = "9-12", form: str = "full") -> dict[str, int]:
    """Answers of a student whose true interests look like a random occupation's, plus reading noise.

    Each answer is 2 + the occupation's standardized score for the item's theme + N(0, 1) noise,
    rounded and clipped to 0..4.
    """
    profile = matcher.model.profiles_[rng.integers(len(matcher.codes))]
    answers = {}
    for item in quiz.form_items(band, form):
        latent = 2 + profile[THEMES.index(item.theme)] + rng.normal(0, 1.0)
        answers[item.id] = int(np.clip(np.rint(latent), 0, 4))
    return answers


def sums(answers: dict[str, int], theme_of: dict[str, str]) -> dict[str, int]:
    scores = dict.fromkeys(THEMES, 0)
    for item_id, value in answers.items():
        scores[theme_of[item_id]] += value
    return scores


def one_step_stability(matcher: Matcher, local: pd.DataFrame, priorities: list[str] | None = None,
                       cases: int = 200, seed: int = 7) -> OneStepStability:
    """Change one random answer by one step on a full form; how often does the list's top hold?"""
    rng = np.random.default_rng(seed)
    theme_of = {i.id: i.theme for i in quiz.form_items("9-12", "full")}
    order = priorities or DEFAULT_PRIORITIES

    def top(answers: dict[str, int]) -> list[str]:
        return rank(matcher, sums(answers, theme_of), local, priorities=order).index[:TOP_N].tolist()

    kept, overlaps = 0, []
    for _ in range(cases):
        answers = simulated_student(rng, matcher)
        before = top(answers)
        item = list(answers)[rng.integers(len(answers))]
        step = int(rng.choice([-1, 1]))
        if not 0 <= answers[item] + step <= 4:
            step = -step
        after = top({**answers, item: answers[item] + step})
        kept += before[0] == after[0]
        overlaps.append(len(set(before) & set(after)) / TOP_N)
    return OneStepStability(cases=cases, top1_kept=kept / cases, top10_overlap=float(np.mean(overlaps)))

"""From a student's interest profile to occupations that fit, ranked with local facts and explained.

Similarity is the Pearson correlation between the student's six theme scores and an occupation's
six O*NET Occupational Interest scores, as O*NET's My Next Move does. Because each profile is
centred and scaled first, adding a constant to every score or multiplying them all by a positive
number changes nothing: only the shape of the profile matters.

Fit bands follow O*NET: Best r >= .729, Great >= .608, Good >= 0; negative correlations are not
shown. Inside a band results follow r (closest fit first) unless the student re-sorts by a local
fact; local facts never change r or the band.

Several O*NET occupations share one BLS row (specialties of a parent SOC, or an "all other"
group). They share one labour market, so a ranked list shows each BLS row once: the first of
them in the list's order leads and the others ride along as ``also`` (same jobs, same pay).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from explorer import riasec
from explorer.i18n import N_
from explorer.riasec import THEMES

FIT_BANDS: tuple[tuple[str, float], ...] = (("best", 0.729), ("great", 0.608), ("good", 0.0))
BAND_LABELS = {"best": N_("Best fit"), "great": N_("Great fit"), "good": N_("Good fit")}
# The first is the default: inside a fit band, the closest fit comes first (see README, validation:
# ordering by local openings put the student's own kind of job in the top 10 far less often).
PRIORITIES: dict[str, str] = {
    "fit": N_("Closest fit"),
    "openings": N_("Most job openings here"),
    "wage": N_("Highest pay here"),
    "growth": N_("Fastest growth"),
    "training": N_("Shortest training"),
}
DEFAULT_PRIORITIES = ["fit"]
# r is rounded before banding so an r of exactly 0 (or .729) is not dropped by floating-point noise.
R_DECIMALS = 12
TOP_N = 10
CONSISTENT_SHARE = 0.70  # in the top 10 in at least 70% of bootstrap draws
BOOTSTRAP_DRAWS = 200


def _standardize(X: np.ndarray) -> np.ndarray:
    """Centre each row and divide by its (population) standard deviation; flat rows become zeros."""
    centred = X - X.mean(axis=1, keepdims=True)
    spread = np.sqrt((centred ** 2).mean(axis=1, keepdims=True))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(spread > 0, centred / np.where(spread > 0, spread, 1), 0.0)


class ProfileCorrelation(TransformerMixin, BaseEstimator):
    """Pearson profile correlation between query profiles and the fitted occupation profiles.

    ``fit(X)`` takes occupation profiles (n_occupations x n_themes); ``transform(S)`` returns the
    correlation of each query row with each occupation (n_queries x n_occupations), in [-1, 1].
    A flat query (all scores equal) correlates 0 with everything.

    Examples
    --------
    >>> import numpy as np
    >>> m = ProfileCorrelation().fit(np.array([[7, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 7.0]]))
    >>> m.transform(np.array([[20, 0, 0, 0, 0, 0.0]])).round(2)
    array([[ 1. , -0.2]])
    """

    def fit(self, X, y=None):
        X = validate_data(self, X, ensure_min_features=2, dtype=np.float64)
        self.profiles_ = _standardize(X)
        return self

    def transform(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return _standardize(X) @ self.profiles_.T / X.shape[1]

    def contributions(self, query: np.ndarray, index: int) -> np.ndarray:
        """Each theme's share of r for one occupation: the six numbers sum to r."""
        check_is_fitted(self)
        z = _standardize(np.asarray(query, dtype=np.float64).reshape(1, -1))[0]
        return z * self.profiles_[index] / z.size


def fit_band(r: float) -> str | None:
    r = round(float(r), R_DECIMALS)
    for band, floor in FIT_BANDS:
        if r >= floor:
            return band
    return None


def score_vector(scores: Mapping[str, float]) -> np.ndarray:
    return np.array([[float(scores[t]) for t in THEMES]])


@dataclass(frozen=True)
class Matcher:
    """The fitted estimator with the occupations it was fitted on (row i = occupation codes[i])."""

    model: ProfileCorrelation
    codes: pd.Index

    @classmethod
    def from_occupations(cls, occupations: pd.DataFrame) -> Matcher:
        return cls(ProfileCorrelation().fit(occupations[list(THEMES)].to_numpy()), occupations.index)

    def correlations(self, scores: Mapping[str, float]) -> pd.Series:
        return pd.Series(self.model.transform(score_vector(scores))[0].round(R_DECIMALS), index=self.codes, name="r")


SORT_COLUMNS: dict[str, tuple[str, bool]] = {  # priority -> (column, ascending)
    "openings": ("local_openings", False), "wage": ("annual_median", False),
    "growth": ("ep_change_percent", False), "training": ("job_zone", True), "fit": ("r", False)}


def _sort_key(values: pd.Series | np.ndarray, ascending: bool) -> np.ndarray:
    """A float key that sorts ascending, with missing values last whatever the direction."""
    if isinstance(values, np.ndarray) and values.dtype == np.float64:
        numbers = values
    else:
        numbers = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    numbers = numbers if ascending else -numbers
    return np.where(np.isnan(numbers), np.inf, numbers)


def _local_keys(table: pd.DataFrame, priorities: list[str]) -> list[np.ndarray | None]:
    """The sort keys after the band that do not depend on r (None marks where r goes)."""
    keys: list[np.ndarray | None] = [(~table["in_area"].to_numpy(dtype=bool)).astype(np.float64)]
    used = set()
    for priority in [*priorities, "fit"]:
        column, ascending = SORT_COLUMNS[priority]
        if column not in used:
            used.add(column)
            keys.append(None if column == "r" else _sort_key(table[column], ascending))
    return keys


def _order(table: pd.DataFrame, r: np.ndarray, priorities: list[str],
           local_keys: list[np.ndarray | None] | None = None) -> np.ndarray:
    """Positions of ``table``'s rows in list order: band, found here first, the priorities, then r.

    ``local_keys`` (from :func:`_local_keys`) lets a caller that orders the same rows many times
    with different r (the bootstrap) compute the r-free keys once.
    """
    band_rank = np.select([r >= f for _b, f in FIT_BANDS], list(range(len(FIT_BANDS))), default=len(FIT_BANDS))
    r_key = _sort_key(np.asarray(r, dtype=np.float64), ascending=False)
    keys = [band_rank.astype(np.float64), *(r_key if k is None else k
                                            for k in (local_keys or _local_keys(table, priorities)))]
    return np.lexsort(keys[::-1])  # lexsort sorts by the last key first


def rank(matcher: Matcher, scores: Mapping[str, float], local: pd.DataFrame, *, job_zones: set[int] | None = None,
         clusters: set[str] | None = None, priorities: list[str] | None = None) -> pd.DataFrame:
    """One row per BLS labour market with r >= 0, ordered by band, found-here first, priorities, then r.

    The default priority is fit (r). ``local`` is :func:`explorer.labor.local_occupations` for the
    student's area (same rows, same order as the occupations the matcher was fitted on). Filters
    keep only the chosen job zones / primary career clusters. Occupations sharing a BLS row are
    folded into the first of them in list order: ``also`` holds the others' codes (best first), so
    one group's jobs, openings and pay are never listed twice. Returns ``r``, ``band``, ``also``
    and ``rank`` (1 = first shown) with the local facts.
    """
    if not local.index.equals(matcher.codes):
        raise ValueError("local table rows must be the occupations the matcher was fitted on, in the same order")
    r = matcher.model.transform(score_vector(scores))[0].round(R_DECIMALS)
    keep = r >= 0
    if job_zones:
        keep &= local["job_zone"].isin(job_zones).to_numpy()
    if clusters:
        keep &= local["career_cluster"].isin(clusters).to_numpy(dtype=bool, na_value=False)
    positions = np.flatnonzero(keep)
    table = local.iloc[positions].copy()
    table["r"] = r[positions]
    table = table.iloc[_order(table, table["r"].to_numpy(), priorities or DEFAULT_PRIORITIES)]
    table["band"] = [fit_band(v) for v in table["r"]]
    groups = table["figures_group"].to_numpy()
    leader = ~pd.Series(groups).duplicated().to_numpy()
    members: dict[str, list[str]] = {}
    for code, group, lead in zip(table.index, groups, leader):
        if not lead:
            members.setdefault(group, []).append(code)
    table = table[leader]
    table["also"] = [members.get(g, []) for g in table["figures_group"]]
    table["rank"] = np.arange(1, len(table) + 1)
    return table


def listed_codes(ranked: pd.DataFrame, top: int = TOP_N) -> list[str]:
    """Every occupation code the first ``top`` rows show: the leaders and the specialties listed with them."""
    head = ranked.head(top)
    return [code for lead, also in zip(head.index, head["also"]) for code in [lead, *also]]


def zone_fallback(matcher: Matcher, scores: Mapping[str, float], local: pd.DataFrame, job_zones: set[int],
                  minimum: int = 5) -> dict[int, int]:
    """When the chosen job zones give fewer than ``minimum`` results, count Good-or-better in the neighbours.

    Returns {neighbouring zone: number of results} (empty when the choice is enough). Job Zone 1
    has no Investigative, Artistic or Social occupations at all, so this happens for real.
    """
    found = rank(matcher, scores, local, job_zones=job_zones)
    if len(found) >= minimum:
        return {}
    neighbours = sorted({z + d for z in job_zones for d in (-1, 1)} - set(job_zones) & set(range(1, 6)))
    everything = rank(matcher, scores, local)
    return {z: int((everything["job_zone"] == z).sum()) for z in neighbours}


def theme_contributions(matcher: Matcher, scores: Mapping[str, float], code: str) -> dict[str, float]:
    """How much each theme adds to (or takes from) r for one occupation; the values sum to r."""
    parts = matcher.model.contributions(score_vector(scores)[0], matcher.codes.get_loc(code))
    return dict(zip(THEMES, parts.round(4)))


def shared_themes(scores: Mapping[str, float], occupation: pd.Series) -> list[str]:
    """Themes that are both among the student's top three and the occupation's high points."""
    student_top = riasec.ranked(scores)[:3]
    occupation_top = [occupation[c] for c in ("high_point_1", "high_point_2", "high_point_3")
                      if isinstance(occupation[c], str) and occupation[c]]
    return [t for t in occupation_top if t in student_top]


def influential_answers(matcher: Matcher, answers: dict[str, int], theme_of: dict[str, str], code: str,
                        limit: int = 3) -> list[tuple[str, float]]:
    """The answers that raised this occupation's r most: r with the answer minus r had it been "not sure" (2)."""
    index = matcher.codes.get_loc(code)
    base = riasec.theme_sums(answers, theme_of)
    items = list(answers)
    variants = np.repeat(score_vector(base), len(items), axis=0)
    for row, item_id in enumerate(items):
        variants[row, THEMES.index(theme_of[item_id])] += 2 - answers[item_id]
    r_actual = matcher.model.transform(score_vector(base))[0, index]
    r_neutral = matcher.model.transform(variants)[:, index]
    lift = r_actual - r_neutral
    order = np.argsort(-lift)[:limit]
    return [(items[i], round(float(lift[i]), 4)) for i in order if lift[i] > 0]


def consistent_picks(matcher: Matcher, answers: dict[str, int], theme_of: dict[str, str], ranked: pd.DataFrame,
                     local: pd.DataFrame, priorities: list[str] | None = None, draws: int = BOOTSTRAP_DRAWS,
                     seed: int = 0) -> pd.Series:
    """Share of bootstrap draws in which each row of the list shown stays in that list's top 10.

    Each draw resamples the student's answers with replacement within each theme (keeping the
    number of items per theme), rescores, and orders the same occupations exactly as the list
    is ordered (band, found here, the chosen priority, r, one row per BLS group). A row counts
    as kept when its BLS group is among the draw's first 10 groups.
    """
    rng = np.random.default_rng(seed)
    by_theme = [np.array([v for i, v in answers.items() if theme_of[i] == t], dtype=float) for t in THEMES]
    samples = np.column_stack([
        rng.choice(values, size=(draws, values.size), replace=True).sum(axis=1) if values.size else np.zeros(draws)
        for values in by_theme])
    rows = matcher.codes.get_indexer(listed_codes(ranked, len(ranked)))
    pool = local.iloc[rows]
    groups = pool["figures_group"].to_numpy()
    r_all = matcher.model.transform(samples)[:, rows].round(R_DECIMALS)
    counts: dict[str, int] = {}
    local_keys = _local_keys(pool, priorities or DEFAULT_PRIORITIES)
    for r in r_all:
        order = _order(pool, r, priorities or DEFAULT_PRIORITIES, local_keys)
        seen: set[str] = set()
        for position in order:
            if r[position] < 0:
                continue
            group = groups[position]
            if group not in seen:
                seen.add(group)
                counts[group] = counts.get(group, 0) + 1
                if len(seen) == TOP_N:
                    break
    shares = [counts.get(g, 0) / draws for g in ranked["figures_group"]]
    return pd.Series(shares, index=ranked.index, name="top10_share")


def explore_by_cluster(local: pd.DataFrame) -> pd.DataFrame:
    """Broad exploration for a flat or doubtful profile: career clusters with local jobs, no fit labels."""
    here = local[local["in_area"]]
    # Several O*NET specialties share one OEWS row: count each local job once per cluster.
    jobs = here.drop_duplicates(["career_cluster", "oews_code"]).groupby("career_cluster")["employment"].sum()
    examples = here.sort_values("employment", ascending=False).groupby("career_cluster")["title"].apply(
        lambda titles: list(dict.fromkeys(titles))[:3])
    table = pd.DataFrame({"occupations": local.groupby("career_cluster").size(), "local_jobs": jobs,
                          "examples": examples})
    return table.fillna({"local_jobs": 0}).sort_values("local_jobs", ascending=False)

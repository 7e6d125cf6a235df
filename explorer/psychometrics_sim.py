"""Simulated students with a known truth, to prove ``explorer.psychometrics`` finds what is there.

The response model (a graded, threshold model on a continuous response tendency):

    y*[i, j] = loading[j] * theta[i, theme(j)] + acquiescence[i] + noise[i, j]
    answer   = number of thresholds[j] that y* passes    (0-4; grades 3-5: 0 / 2 / 4)

* ``theta``: six latent interests, standard normal, correlated in Holland's circular order
  (a circulant matrix: ADJACENT for neighbours on the hexagon, ALTERNATE two steps apart,
  OPPOSITE across), plus an optional group mean shift (a language group may differ in interests:
  that is impact, not item bias);
* ``acquiescence`` ~ N(0, ACQUIESCENCE_SD): some students like more things, whatever they are;
* ``noise`` ~ N(0, 1) per answer;
* ``thresholds[j]`` = the scale's base cuts + the item's popularity ~ N(0, POPULARITY_SD); a DIF
  item has its cuts moved by ``dif_shift`` in the focal (Spanish) group only.

Because y* is normal, every item covariance has a closed form (bivariate normal orthant
probabilities), so ``implied_alpha`` is the model's population alpha computed analytically, not
estimated: the tests compare the module's estimate from 2,000 students with it.

``python -m explorer.psychometrics_sim`` prints the README's simulation tables.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd
from scipy import special

from explorer import psychometrics, quiz
from explorer.riasec import THEMES

ADJACENT, ALTERNATE, OPPOSITE = 0.40, 0.15, 0.00
ACQUIESCENCE_SD = 0.35
POPULARITY_SD = 0.40
LOADING_RANGE = (0.60, 1.10)
FIVE_POINT_CUTS = (-1.5, -0.5, 0.5, 1.5)
THREE_POINT_CUTS = (-0.6, 0.6)  # grades 3-5: dislike / not sure / like, stored 0 / 2 / 4
SEED = 2026


def circular_correlations(adjacent: float = ADJACENT, alternate: float = ALTERNATE,
                          opposite: float = OPPOSITE) -> np.ndarray:
    """The 6x6 latent correlation matrix of a perfect circumplex (R-I-A-S-E-C order)."""
    by_distance = (1.0, adjacent, alternate, opposite)
    return np.array([[by_distance[psychometrics.hexagon_distance(a, b)] for b in range(6)] for a in range(6)])


@dataclass(frozen=True)
class ItemModel:
    id: str
    theme: str
    loading: float
    cuts: tuple[float, ...]  # thresholds on the y* scale, increasing
    dif_shift: float = 0.0  # added to the cuts in the focal group (positive: harder to say "like")


@dataclass(frozen=True)
class Model:
    """A full simulation setting: items, latent structure and group differences."""

    band: str
    form: str
    items: tuple[ItemModel, ...]
    latent: np.ndarray = field(default_factory=circular_correlations)
    acquiescence_sd: float = ACQUIESCENCE_SD
    focal_share: float = 0.0  # share of students in the focal (Spanish) group
    focal_mean: tuple[float, ...] = (0.0,) * 6  # impact: the focal group's mean interests

    @property
    def points(self) -> int:
        return 2 if self.band == "3-5" else 1  # stored step between answers (0/2/4 or 0-4)


class ModelSettings(TypedDict, total=False):
    """The optional fields of ``Model``, as ``model_for`` passes them through."""

    latent: np.ndarray
    acquiescence_sd: float
    focal_share: float
    focal_mean: tuple[float, ...]


def model_for(band: str, form: str, seed: int = SEED, bad_items: dict[str, float] | None = None,
              dif_items: dict[str, float] | None = None, **settings: Unpack[ModelSettings]) -> Model:
    """A model over the real items of one form: loadings uniform in LOADING_RANGE, popularity
    N(0, POPULARITY_SD); ``bad_items`` sets an item's loading (e.g. {"HR03": 0.05}), ``dif_items``
    its focal-group shift (e.g. {"HS02": 0.8})."""
    rng = np.random.default_rng(seed)
    base = THREE_POINT_CUTS if band == "3-5" else FIVE_POINT_CUTS
    items = []
    for item in quiz.form_items(band, form):
        loading = float(rng.uniform(*LOADING_RANGE))
        popularity = float(rng.normal(0, POPULARITY_SD))
        items.append(ItemModel(id=item.id, theme=item.theme, loading=(bad_items or {}).get(item.id, loading),
                               cuts=tuple(c + popularity for c in base), dif_shift=(dif_items or {}).get(item.id, 0.0)))
    return Model(band=band, form=form, items=tuple(items), **settings)


@dataclass(frozen=True)
class Sample:
    answers: pd.DataFrame  # students x item ids, 0-4
    focal: np.ndarray  # True for the focal (Spanish) group


def simulate(model: Model, students: int, seed: int = SEED) -> Sample:
    """Answers of ``students`` simulated students under ``model``."""
    rng = np.random.default_rng(seed)
    focal = rng.random(students) < model.focal_share
    theta = rng.multivariate_normal(np.zeros(6), model.latent, size=students)
    theta += np.outer(focal, np.asarray(model.focal_mean))
    acquiescence = rng.normal(0, model.acquiescence_sd, size=students)
    columns = {}
    for item in model.items:
        ystar = item.loading * theta[:, THEMES.index(item.theme)] + acquiescence + rng.normal(0, 1, size=students)
        cuts = np.asarray(item.cuts)[None, :] + np.where(focal, item.dif_shift, 0.0)[:, None]
        columns[item.id] = (ystar[:, None] > cuts).sum(axis=1) * model.points
    return Sample(answers=pd.DataFrame(columns), focal=focal)


# --- the model's own alpha, analytically ---------------------------------------------------------

def bivariate_normal_cdf(h: np.ndarray, k: np.ndarray, rho: float) -> np.ndarray:
    """P(X <= h, Y <= k) for standard normals with correlation ``rho`` (|rho| < 1), via Owen's T
    function (Owen 1956, *Ann. Math. Statist.* 27:1075-1090):

        Phi2(h, k; rho) = (Phi(h) + Phi(k)) / 2 - T(h, a_h) - T(k, a_k) - beta,
        a_h = (k - rho h) / (h sqrt(1 - rho^2)),  a_k = (h - rho k) / (k sqrt(1 - rho^2)),
        beta = 0 if h k > 0 or (h k = 0 and h + k >= 0), else 1/2.
    """
    h = np.where(np.asarray(h, dtype=float) == 0, 1e-12, h)
    k = np.where(np.asarray(k, dtype=float) == 0, 1e-12, k)
    root = math.sqrt(1 - rho * rho)
    beta = np.where(h * k > 0, 0.0, 0.5)
    return (0.5 * (special.ndtr(h) + special.ndtr(k)) - special.owens_t(h, (k - rho * h) / (h * root))
            - special.owens_t(k, (h - rho * k) / (k * root)) - beta)


def implied_covariance(model: Model, items: list[ItemModel]) -> np.ndarray:
    """The population covariance of the answers to ``items`` (no focal group: the reference model).

    An answer is a sum of indicators 1[y* > cut], so Cov(Y_j, Y_k) = sum over cut pairs of
    P(y*_j > a, y*_k > b) - P(y*_j > a) P(y*_k > b), with (y*_j, y*_k) bivariate normal.
    """
    sd = np.array([math.sqrt(i.loading ** 2 + model.acquiescence_sd ** 2 + 1.0) for i in items])
    theme_index = [THEMES.index(i.theme) for i in items]
    k = len(items)
    cov = np.zeros((k, k))
    for a in range(k):
        za = np.asarray(items[a].cuts) / sd[a]
        for b in range(a, k):
            zb = np.asarray(items[b].cuts) / sd[b]
            if a == b:
                upper = special.ndtr(-np.maximum(za[:, None], za[None, :]))
            else:
                rho = ((items[a].loading * items[b].loading * model.latent[theme_index[a], theme_index[b]]
                        + model.acquiescence_sd ** 2) / (sd[a] * sd[b]))
                upper = bivariate_normal_cdf(-za[:, None], -zb[None, :], rho)  # P(both above their cuts)
            cov[a, b] = cov[b, a] = (upper - special.ndtr(-za)[:, None] * special.ndtr(-zb)[None, :]).sum()
    return cov * model.points ** 2


def implied_alpha(model: Model) -> dict[str, float]:
    """Cronbach's alpha each theme's sum score has in the model's population (analytic)."""
    return {t: float(psychometrics.alpha_from_cov(implied_covariance(model, [i for i in model.items if i.theme == t])))
            for t in THEMES}


def implied_omega(model: Model) -> dict[str, float]:
    """Omega total the one-factor model gives on the population covariance of each theme."""
    return {t: float(psychometrics.omega_from_cov(implied_covariance(model, [i for i in model.items if i.theme == t])))
            for t in THEMES}


# --- a simulated district in the database (for the page, the CLI and the browser test) ------------

def fill_database(url: str, students: int = 600, band: str = "9-12", form: str = "full", spanish_share: float = 0.3,
                  seed: int = SEED, group_field: str = "campus", campuses: tuple[str, ...] = ("North", "South"),
                  unfinished_share: float = 0.06, speeder_share: float = 0.04, straight_share: float = 0.02,
                  model: Model | None = None) -> int:
    """Write a simulated district: ``students`` finished quizzes under the model (plus unfinished
    ones), answer times a few seconds apart (speeders under a second), a few straight-liners, and
    one class per campus whose members self-report ``group_field``. Returns finished quizzes."""
    from sqlalchemy import insert

    from explorer import attempts, db
    from explorer.models import Answer, ClassGroup, ClassMember, QuizAttempt, table_of

    rng = np.random.default_rng(seed)
    model = model or model_for(band, form, seed=seed, focal_share=spanish_share)
    sample = simulate(replace(model, focal_share=spanish_share), students, seed=seed + 1)
    unfinished = round(students * unfinished_share)
    codes: set[str] = set()
    while len(codes) < students + unfinished:
        codes.add(attempts.new_resume_code())
    codes_list = sorted(codes)
    start = datetime(2026, 2, 2, 14, 0, tzinfo=UTC)
    item_ids = list(sample.answers.columns)
    rows, answer_rows = [], []
    for n, code in enumerate(codes_list):
        finished = n < students
        began = start + timedelta(days=int(rng.integers(0, 40)), minutes=int(rng.integers(0, 300)))
        if finished:
            values = sample.answers.iloc[n].to_numpy().tolist()
            lang = "es" if sample.focal[n] else "en"
            if rng.random() < straight_share:
                values = [int(rng.choice([0, 2, 4]) if band == "3-5" else rng.integers(0, 5))] * len(values)
        else:
            values = sample.answers.iloc[n % students].to_numpy().tolist()[: int(rng.integers(1, len(item_ids)))]
            lang = "es" if rng.random() < spanish_share else "en"
        speeder = rng.random() < speeder_share
        gaps = rng.lognormal(math.log(0.6 if speeder else 4.0), 0.35, size=len(values))
        moments = [began + timedelta(seconds=float(s)) for s in np.cumsum(gaps)]
        rows.append({"resume_code": code, "band": band, "form": form, "lang": lang, "page": 0, "created_at": began,
                     "updated_at": moments[-1], "finished_at": moments[-1] + timedelta(seconds=2) if finished else None})
        answer_rows.append([(item_ids[j], int(v), moments[j]) for j, v in enumerate(values)])
    with db.session(url) as s:
        attempts_table = table_of(QuizAttempt)
        s.execute(insert(attempts_table), rows)
        ids: dict[str, int] = dict(s.execute(attempts_table.select().with_only_columns(
            attempts_table.c.resume_code, attempts_table.c.id)).all())
        s.execute(insert(table_of(Answer)), [
            {"attempt_id": ids[code], "item_id": item, "value": value, "answered_at": moment}
            for code, answered in zip(codes_list, answer_rows) for item, value, moment in answered])
        for campus in campuses:
            s.add(ClassGroup(class_code=f"C-SIM{campus[:2].upper()}", name=f"Simulated {campus}", created_by="simulation",
                             group_fields=group_field))
        s.flush()
        members = []
        for code in codes_list[:students]:
            if rng.random() < 0.85:  # some students skip the optional field
                campus = campuses[int(rng.integers(len(campuses)))]
                members.append({"class_code": f"C-SIM{campus[:2].upper()}", "portfolio_code": code, "grade": 10,
                                "groups": json.dumps({group_field: campus}),
                                "joined_at": start})
        if members:
            s.execute(insert(table_of(ClassMember)), members)
    return students


# --- README tables ---------------------------------------------------------------------------------

def bank_table(students: int = 2000, draws: int = 200, seed: int = SEED) -> list[dict]:
    """What each current form would show under the model (one simulated district of ``students``
    per form): model alpha range, estimated alpha and omega range, and the circular-order test."""
    rows = []
    for band in quiz.BANDS:
        for form in quiz.FORMS_BY_BAND[band]:
            model = model_for(band, form, seed=seed)
            sample = simulate(model, students, seed=seed + 1)
            theme_of = {i.id: i.theme for i in model.items}
            rel = psychometrics.reliability(sample.answers, theme_of, draws=draws, seed=seed)
            order = psychometrics.circular_order_test(psychometrics.theme_correlations(sample.answers, theme_of))
            items = psychometrics.item_statistics(sample.answers, theme_of)
            implied = implied_alpha(model).values()
            rows.append({"band": band, "form": form, "items": len(model.items),
                         "implied_alpha": (min(implied), max(implied)),
                         "alpha": (min(r.alpha.estimate for r in rel), max(r.alpha.estimate for r in rel)),
                         "omega": (min(r.omega.estimate for r in rel), max(r.omega.estimate for r in rel)),
                         "item_rest_r": (float(items["item_rest_r"].min()), float(items["item_rest_r"].max())),
                         "ci": order.ci, "p": order.p})
    return rows


def sample_size_table(sizes: tuple[int, ...] = (50, 100, 200, 500, 1000, 2000), band: str = "9-12",
                      form: str = "full", replications: int = 20, draws: int = 300, seed: int = SEED) -> list[dict]:
    """How stable each number is at ``n`` finished quizzes: median width of the alpha and omega 95%
    intervals (over themes and replications) and the share of replications in which the circular
    order reaches its smallest p (1/60)."""
    model = model_for(band, form, seed=seed)
    theme_of = {i.id: i.theme for i in model.items}
    rows = []
    for n in sizes:
        alpha_w, omega_w, best = [], [], 0
        for rep in range(replications):
            sample = simulate(model, n, seed=seed + 1000 * n + rep)
            rel = psychometrics.reliability(sample.answers, theme_of, draws=draws, seed=seed + rep)
            alpha_w += [r.alpha.width for r in rel]
            omega_w += [r.omega.width for r in rel]
            order = psychometrics.circular_order_test(psychometrics.theme_correlations(sample.answers, theme_of))
            best += order.p <= psychometrics.SMALLEST_P + 1e-9
        rows.append({"n": n, "alpha_width": float(np.median(alpha_w)), "omega_width": float(np.median(omega_w)),
                     "order_at_best_p": best / replications})
    return rows


def dif_power_table(per_group: tuple[int, ...] = (100, 200, 300, 500), shifts: tuple[float, ...] = (0.3, 0.5),
                    band: str = "9-12", form: str = "full", replications: int = 20, seed: int = SEED) -> list[dict]:
    """At equal group sizes, with a small group difference in interests (impact): the share of
    unbiased items flagged B or C when nothing is planted (false positives), and for each planted
    shift of one item's focal-group cuts, the share of replications that flag it. Each row also
    gives the planted item's true D-DIF (from 100,000 students)."""
    planted = quiz.form_items(band, form)[3].id  # a Social item
    impact = (0.0, 0.0, 0.0, 0.2, 0.0, -0.1)
    null = model_for(band, form, seed=seed, focal_share=0.5, focal_mean=impact)
    theme_of = {i.id: i.theme for i in null.items}
    planted_models = {shift: model_for(band, form, seed=seed, dif_items={planted: shift}, focal_share=0.5,
                                       focal_mean=impact) for shift in shifts}
    true_d = {}
    for shift, model in planted_models.items():
        big = simulate(model, 100_000, seed=seed)
        true_d[shift] = psychometrics.mantel_haenszel(
            big.answers[planted].to_numpy(), psychometrics.theme_scores(big.answers, theme_of)["S"].to_numpy(),
            big.focal)[1]
    rows = []
    for n in per_group:
        false, tests = 0, 0
        detected = dict.fromkeys(shifts, 0)
        for rep in range(replications):
            sample = simulate(null, 2 * n, seed=seed + 7 * n + rep)
            result = psychometrics.dif(sample.answers, theme_of, sample.focal)
            false += sum(d.ets_class != "A" for d in result)
            tests += len(result)
            for shift, model in planted_models.items():
                sample = simulate(model, 2 * n, seed=seed + 11 * n + rep)
                found = {d.item: d.ets_class for d in psychometrics.dif(sample.answers, theme_of, sample.focal)}
                detected[shift] += found[planted] != "A"
        rows.append({"per_group": n, "false_positive_rate": false / tests,
                     "detected": {shift: detected[shift] / replications for shift in shifts}, "true_d": true_d})
    return rows


def main() -> None:  # pragma: no cover - prints the README tables
    print("What the current banks would show under the model (one simulated district of 2,000 per form):")
    print("| grades | form | items | model alpha | estimated alpha | omega | item-rest r | circular order CI, p |")
    print("|---|---|---|---|---|---|---|---|")
    for r in bank_table():
        print(f"| {r['band']} | {r['form']} | {r['items']} | {r['implied_alpha'][0]:.2f}-{r['implied_alpha'][1]:.2f} | "
              f"{r['alpha'][0]:.2f}-{r['alpha'][1]:.2f} | {r['omega'][0]:.2f}-{r['omega'][1]:.2f} | "
              f"{r['item_rest_r'][0]:.2f}-{r['item_rest_r'][1]:.2f} | {r['ci']:.2f}, {r['p']:.3f} |")
    print("\nHow many finished quizzes each number needs (grades 9-12 full form, 20 simulated districts per n):")
    print("| n | alpha 95% interval width | omega 95% interval width | circular order at its smallest p |")
    print("|---|---|---|---|")
    for r in sample_size_table():
        print(f"| {r['n']:,} | {r['alpha_width']:.3f} | {r['omega_width']:.3f} | {r['order_at_best_p']:.0%} |")
    rows = dif_power_table()
    shifts = list(rows[0]["detected"])
    print("\nDIF, Spanish vs English, equal groups with a small difference in interests, 20 simulated districts "
          "per row: unbiased items flagged B or C, and a planted item (Spanish cuts moved up) flagged:")
    print("| students per group | unbiased items flagged | " + " | ".join(
        f"planted, true D-DIF {rows[0]['true_d'][s]:.2f}" for s in shifts) + " |")
    print("|---|---|" + "---|" * len(shifts))
    for r in rows:
        print(f"| {r['per_group']} | {r['false_positive_rate']:.1%} | "
              + " | ".join(f"{r['detected'][s]:.0%}" for s in shifts) + " |")


if __name__ == "__main__":  # pragma: no cover
    main()

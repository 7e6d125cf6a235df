"""One "how well is the quiz working here?" report for a band x form x language: the page, the CLI
and the JSON output all show this object, so they cannot disagree.

Privacy: nothing is computed for fewer than the district minimum (``privacy.min_group()``) of
usable quizzes; a DIF comparison needs ``psychometrics.dif_needed(k)`` students in each group;
self-reported groups held by fewer than the minimum are pooled before any group is named.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd

from explorer import privacy, psychometrics, psychometrics_data
from explorer.psychometrics import DifComparison, OrderTest, ThemeReliability
from explorer.psychometrics_data import OTHER, ResponseMatrix, ResponseQuality

LANGUAGE = "language"
T = TypeVar("T")


def computed(figure: T | None) -> T:
    """A figure of a report with ``enough`` quizzes, where every figure is set; None here means the
    caller skipped the ``enough`` check, which is a bug rather than something to show."""
    if figure is None:
        raise ValueError("this figure is computed only when the report has enough quizzes (report.enough)")
    return figure


@dataclass(frozen=True)
class QualityReport:
    band: str
    form: str
    lang: str
    k: int  # the district's minimum group size
    quality: ResponseQuality
    draws: int = 0
    reliability: list[ThemeReliability] = field(default_factory=list)
    items: pd.DataFrame | None = None  # psychometrics.item_statistics + text + median_seconds
    correlations: pd.DataFrame | None = None
    order: OrderTest | None = None
    language_dif: DifComparison | None = None
    group_dif: list[DifComparison] = field(default_factory=list)
    group_fields: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        """Quizzes behind the reliability, item and structure figures."""
        return self.quality.used

    @property
    def enough(self) -> bool:
        return self.n >= self.k

    def as_dict(self) -> dict:
        """Everything as plain JSON (small counts as "<k", as on the page)."""
        out = {"band": self.band, "form": self.form, "lang": self.lang, "min_group": self.k,
               "quality": self.quality.as_dict(self.k), "computed": self.enough}
        if not self.enough:
            return out
        items = computed(self.items).reset_index()
        return {**out, "n": self.n, "bootstrap_draws": self.draws,
                "reliability": [r.as_dict() for r in self.reliability],
                "items": [{k: _plain(v) for k, v in row.items()} for row in items.to_dict(orient="records")],
                "theme_correlations": computed(self.correlations).round(4).to_dict(),
                "circular_order": computed(self.order).as_dict(),
                "dif": [c.as_dict(self.k) for c in ([self.language_dif] if self.language_dif else []) + self.group_dif]}


def _plain(value: object) -> object:
    """A cell as strict JSON: floats rounded, NaN (e.g. no time before a quiz's first item) as null."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    return value


def group_comparisons(matrix: ResponseMatrix, rows: pd.Series, k: int) -> list[DifComparison]:
    """DIF for each self-reported field: the largest named group against each other named group.
    Values under ``k`` are pooled as "other or not given" first, and the pool is never compared."""
    answers = psychometrics_data.answers_array(matrix, rows)
    out = []
    for name in matrix.group_fields:
        values = psychometrics_data.recoded_groups(matrix, rows, name, k).reset_index(drop=True)
        named = values[values != OTHER].value_counts()
        if len(named) < 2:
            continue
        reference = str(named.index[0])
        for focal in named.index[1:]:
            out.append(psychometrics.compare_groups(answers, matrix.theme_of, values, reference, str(focal), name, k))
    return out


def language_comparison(matrix: ResponseMatrix, k: int) -> DifComparison:
    """English (reference) against Spanish (focal) forms of the same items."""
    rows = matrix.usable()
    answers = psychometrics_data.answers_array(matrix, rows)
    langs = matrix.meta.loc[rows, "lang"].reset_index(drop=True)
    return psychometrics.compare_groups(answers, matrix.theme_of, langs, "en", "es", LANGUAGE, k)


def build(matrix: ResponseMatrix, lang: str, k: int | None = None, draws: int = psychometrics.BOOTSTRAP_DRAWS,
          seed: int = psychometrics.SEED) -> QualityReport:
    """The report for one language of a matrix (the language DIF uses both)."""
    from explorer import quiz

    k = k or privacy.min_group()
    quality = psychometrics_data.response_quality(matrix, lang)
    base = QualityReport(band=matrix.band, form=matrix.form, lang=lang, k=k, quality=quality,
                         group_fields=matrix.group_fields)
    if quality.used < k:
        return base
    rows = matrix.usable(lang)
    answers = psychometrics_data.answers_array(matrix, rows)
    theme_of = matrix.theme_of
    items = psychometrics.item_statistics(answers, theme_of)
    items.insert(1, "text", pd.Series({i.id: i.text for i in quiz.form_items(matrix.band, matrix.form, lang)}))
    items["median_seconds"] = psychometrics_data.item_seconds(matrix, lang)
    correlations = psychometrics.theme_correlations(answers, theme_of)
    return QualityReport(**{**base.__dict__, "draws": draws,
                            "reliability": psychometrics.reliability(answers, theme_of, draws=draws, seed=seed),
                            "items": items, "correlations": correlations,
                            "order": psychometrics.circular_order_test(correlations),
                            "language_dif": language_comparison(matrix, k),
                            "group_dif": group_comparisons(matrix, rows, k)})


def report(band: str, form: str, lang: str, url: str | None = None, draws: int = psychometrics.BOOTSTRAP_DRAWS,
           k: int | None = None) -> QualityReport:
    """Read the database and build the report (what the page and the CLI call)."""
    k = k or privacy.min_group()
    return build(psychometrics_data.load(band, form, url, k=k), lang, k=k, draws=draws)

"""Plain-language readings and display tables of a quiz-quality report, in the reader's language.

The readings are deliberately cautious: a reliability reading uses the LOWER end of the 95%
interval, so the same alpha reads as less certain when it rests on few quizzes. Cut-offs follow
common practice for scales used to inform, not decide (Nunnally & Bernstein 1994 suggest .70 for
early-stage research use and .80 for basic research); this quiz starts career exploration and never
decides anything about a student.
"""
from __future__ import annotations

import pandas as pd

from explorer import privacy, riasec
from explorer.i18n import N_, Translator
from explorer.psychometrics import DifComparison, Interval, OrderTest
from explorer.psychometrics_data import QUALITY_FLAGS, ResponseQuality
from explorer.psychometrics_report import LANGUAGE, QualityReport, computed
from explorer.views import md_escape

RELIABILITY_READINGS: tuple[tuple[float, str], ...] = (
    (0.80, N_("very consistent: good for exploration")),
    (0.70, N_("consistent enough to use for exploration")),
    (0.60, N_("somewhat consistent: a rough guide only")),
    (float("-inf"), N_("not consistent enough: check its items")),
)
WIDE_INTERVAL = 0.10
ETS_READINGS = {"A": N_("no difference that matters"),
                "B": N_("moderate: review the wording"),
                "C": N_("large: rewrite or replace the item")}
FLAG_NAMES = {"incomplete": N_("Finished with unanswered items"), "all_same": N_("Every answer the same"),
              "nearly_all_same": N_("Nearly every answer the same (90% or more)"),
              "mostly_same": N_("Most answers the same (80-89%)"),
              "too_fast": N_("Answered faster than the items can be read")}


def reliability_reading(alpha: Interval, _: Translator) -> str:
    """What an alpha means for a counselor (read at its interval's lower end)."""
    low = alpha.low if pd.notna(alpha.low) else alpha.estimate
    # NaN (every answer to an area alike) passes no cut: it reads as the last, "not consistent enough".
    return next((_(message) for cut, message in RELIABILITY_READINGS if low >= cut), _(RELIABILITY_READINGS[-1][1]))


def wide_ranges(report: QualityReport) -> bool:
    """True when some area's alpha interval is still wider than WIDE_INTERVAL (few quizzes so far)."""
    return any(r.alpha.width > WIDE_INTERVAL for r in report.reliability)


def order_reading(order: OrderTest, _: Translator) -> str:
    """Yes when chance is unlikely (p <= .05, i.e. among the best 3 of the 60 distinct arrangements)
    AND most predictions hold (CI >= .5, at least three in four met); partly when more hold than fail."""
    if order.p <= 0.05 and order.ci >= 0.5:
        return _("Yes: areas next to each other on the hexagon go together more than areas far apart, as "
                 "Holland's model predicts.")
    if order.ci > 0:
        return _("Partly: the hexagon shape shows, but not clearly enough to rule out chance.")
    return _("No: answers here do not follow the hexagon shape.")


def _interval(value: Interval) -> str:
    return f"{value.estimate:.2f} ({value.low:.2f}-{value.high:.2f})"


def reliability_view(report: QualityReport, _: Translator) -> pd.DataFrame:
    names = riasec.theme_names(report.band)
    return pd.DataFrame([{_("Area"): _(names[r.theme]), _("Items"): r.items, _("Quizzes"): r.n,
                          _("Alpha (95% range)"): _interval(r.alpha), _("Omega (95% range)"): _interval(r.omega),
                          _("Reading"): reliability_reading(r.alpha, _)} for r in report.reliability])


def items_view(report: QualityReport, _: Translator, weak_only: bool = False) -> pd.DataFrame:
    names = riasec.theme_names(report.band)
    every = computed(report.items)
    items = every[every["weak"]] if weak_only else every.sort_values("weak", ascending=False, kind="stable")
    alpha = {r.theme: r.alpha.estimate for r in report.reliability}
    rows = []
    for item_id, row in items.iterrows():
        checks = []
        if row["weak"]:
            checks.append(_("goes little with its area (under .30)"))
        if row["alpha_if_deleted"] > alpha[row["theme"]] + 0.005:
            checks.append(_("its area is more consistent without it"))
        seconds = row["median_seconds"]
        rows.append({_("Item"): item_id, _("Area"): _(names[row["theme"]]), _("Activity"): row["text"],
                     _("Item-rest r"): f"{row['item_rest_r']:.2f}" if pd.notna(row["item_rest_r"]) else "—",
                     _("Alpha without it"): f"{row['alpha_if_deleted']:.2f}",
                     _("Median seconds"): f"{seconds:.1f}" if pd.notna(seconds) else "—",
                     _("Check"): "; ".join(checks)})
    return pd.DataFrame(rows, columns=[_("Item"), _("Area"), _("Activity"), _("Item-rest r"), _("Alpha without it"),
                                       _("Median seconds"), _("Check")])


def correlations_view(report: QualityReport, _: Translator) -> pd.DataFrame:
    names = riasec.theme_names(report.band)
    correlations = computed(report.correlations)
    labels = [_(names[t]) for t in correlations.columns]
    shown = correlations.map(lambda v: f"{v:.2f}")
    shown.index, shown.columns = labels, labels
    return shown.reset_index(names=_("Area"))


def order_summary(order: OrderTest, _: Translator) -> str:
    return _("{met} of {total} order predictions hold, {violated} fail (correspondence index {ci}; p = {p}, "
             "from all {perms} orderings of the six areas; the smallest p possible is {floor}).").format(
        met=order.met, total=order.predictions, violated=order.violated, ci=f"{order.ci:.2f}", p=f"{order.p:.3f}",
        perms=order.permutations, floor=f"{order.smallest_p:.3f}")


def group_label(comparison: DifComparison, name: str, _: Translator) -> str:
    if comparison.by == LANGUAGE:
        return {"en": _("English"), "es": _("Spanish")}[name]
    return name  # a value students typed (held by at least the minimum, never the pooled row)


def dif_sizes(comparison: DifComparison, k: int, _: Translator) -> str:
    """'English 1,400, Spanish 600' with counts under the privacy minimum as "<k" (Markdown: a typed
    group name is escaped)."""
    def size(n: int) -> str:
        return privacy.lone_text(n, k)

    return _("{reference}: {n_reference}; {focal}: {n_focal}").format(
        reference=md_escape(group_label(comparison, comparison.reference, _)), n_reference=size(comparison.n_reference),
        focal=md_escape(group_label(comparison, comparison.focal, _)), n_focal=size(comparison.n_focal))


def dif_view(comparison: DifComparison, report: QualityReport, _: Translator) -> pd.DataFrame:
    """The items flagged B or C, each with its direction and what to do."""
    names = riasec.theme_names(report.band)
    text = report.items["text"] if report.items is not None else {}
    focal = group_label(comparison, comparison.focal, _)
    rows = []
    for d in comparison.flagged:
        direction = (_("liked less by {group}") if d.d_dif < 0 else _("liked more by {group}")).format(group=focal)
        rows.append({_("Item"): d.item, _("Area"): _(names[d.theme]), _("Activity"): text.get(d.item, ""),
                     _("MH D-DIF"): f"{d.d_dif:.2f}", _("Class"): d.ets_class, _("Direction"): direction,
                     _("Reading"): _(ETS_READINGS[d.ets_class])})
    return pd.DataFrame(rows, columns=[_("Item"), _("Area"), _("Activity"), _("MH D-DIF"), _("Class"), _("Direction"),
                                       _("Reading")])


def dif_counts(comparison: DifComparison, _: Translator) -> str:
    classes = [d.ets_class for d in comparison.items]
    return _("{a} items class A (no difference that matters), {b} class B, {c} class C.").format(
        a=classes.count("A"), b=classes.count("B"), c=classes.count("C"))


def quality_view(quality: ResponseQuality, k: int, _: Translator) -> pd.DataFrame:
    """Started, finished and not finished (exact: they say nothing about anyone's answers), the
    released quizzes the figures describe, used, and each quality flag of the released quizzes:
    flag counts under ``k`` as "<k", "used" hidden (—) when it would give away a small count."""
    def row(label: str, n: int, of_released: bool = True, count: str | None = None) -> dict:
        hidden = count is not None or privacy.small(n, k)
        share = "" if hidden or not of_released or not quality.released else f"{n / quality.released:.1%}"
        return {_("Quizzes"): label, _("Count"): count or privacy.lone_text(n, k),
                _("Share of released"): share}

    def exact(label: str, n: int) -> dict:
        return row(label, n, False, f"{n:,}")

    rows = [exact(_("Started"), quality.started), exact(_("Finished"), quality.finished),
            exact(_("Not finished"), quality.unfinished),
            exact(_("Released: the first to finish, in whole groups of {k}").format(k=k), quality.released),
            row(_("Used in these figures (complete, not all alike)"), quality.used,
                count=None if quality.used_shown(k) else privacy.SUPPRESSED)]
    rows += [row(_(FLAG_NAMES[f]), quality.flagged[f]) for f in QUALITY_FLAGS]
    return pd.DataFrame(rows)


def text_report(report: QualityReport) -> str:
    """The report as plain English text (the command line)."""
    def _(message: str) -> str:  # the command line speaks English
        return message

    band_form = f"grades {report.band}, {report.form} form, {'English' if report.lang == 'en' else 'Spanish'}"
    q = report.quality
    counts = q.as_dict(report.k)
    lines = [f"How well is the quiz working here? {band_form}",
             (f"quizzes: {counts['started']} started, {counts['finished']} finished, {counts['released']} released "
              f"(the first to finish, in whole groups of {report.k}), {counts['used']} used (complete, not all alike); "
              f"district minimum {report.k}")]
    if not report.enough:
        lines.append(f"fewer than {report.k} usable quizzes: nothing is computed")
    else:
        lines.append(f"\nConsistency ({report.draws} bootstrap draws, 95% percentile intervals):")
        for r in report.reliability:
            lines.append(f"  {r.theme}  alpha {_interval(r.alpha)}  omega {_interval(r.omega)}  n={r.n:,}  "
                         f"{reliability_reading(r.alpha, _)}")
        items, order = computed(report.items), computed(report.order)
        weak = items[items["weak"]]
        lines.append("\nItems with corrected item-total r under .30: "
                     + (", ".join(f"{i} ({row.item_rest_r:.2f})" for i, row in weak.iterrows()) or "none"))
        lines.append("\nTheme correlations:")
        lines.append(computed(report.correlations).round(2).to_string())
        lines.append("Circular order: " + order_summary(order, _))
        lines.append("  " + order_reading(order, _))
        lines.append("\nDIF (Mantel-Haenszel, ETS classes):")
        for c in [computed(report.language_dif), *report.group_dif]:
            head = f"  {'English vs Spanish' if c.by == LANGUAGE else c.by}: {dif_sizes(c, report.k, _)}"
            if not c.enough:
                lines.append(f"{head}; not compared (each group needs {c.needed})")
                continue
            lines.append(f"{head}; {dif_counts(c, _)}")
            lines += [f"    {d.item} {d.theme} D-DIF {d.d_dif:+.2f} class {d.ets_class}" for d in c.flagged]
    if q.median_seconds_per_item is not None and report.enough:
        lines.append(f"\nmedian seconds per item: {q.median_seconds_per_item:.1f}")
    lines.append("quality flags (finished quizzes): " + ", ".join(f"{f} {v}" for f, v in counts["flagged"].items()))
    return "\n".join(lines)

"""Altair chart specs for a profile (built from data; drawn by the page, or saved to PNG for reports)."""
from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from explorer import riasec
from explorer.i18n import N_, Translator
from explorer.riasec import THEME_NAMES, THEMES

HEXAGON_TITLE = N_("Your interest hexagon")
KIDS_SHAPE_TITLE = N_("Your interest shape")  # grades 3-5: no "hexagon"
THEME_COLORS = {"R": "#b45309", "I": "#1d4ed8", "A": "#9333ea", "S": "#15803d", "E": "#dc2626", "C": "#475569"}


def _frame(scores: Mapping[str, float], max_score: float, _: Translator, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "theme": list(THEMES),
        "name": [_(names[t]) for t in THEMES],
        "score": [scores[t] for t in THEMES],
        "max": [max_score] * 6,
    })


SCORES_TITLE = N_("Your scores")
FAMILY_SCORES_TITLE = N_("Your child's interest scores")
STUDENT_SCORES_TITLE = N_("The student's scores")


def bar_chart(scores: Mapping[str, float], max_score: float, _: Translator,
              names: dict[str, str] = THEME_NAMES, title: str = SCORES_TITLE) -> alt.Chart:
    """Six bars in hexagon order R I A S E C (never alphabetical), on the full 0..max scale. ``title`` is a
    message id (the student's own page says "Your scores"; a family's says "Your child's ...")."""
    frame = _frame(scores, max_score, _, names)
    order = frame["name"].tolist()
    return alt.Chart(frame, title=_(title)).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13, labelLimit=200)),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, max_score]), title=_("Score (0 to {max})").format(max=max_score)),
        color=alt.Color("theme:N", scale=alt.Scale(domain=list(THEMES), range=[THEME_COLORS[t] for t in THEMES]),
                        legend=None),
        tooltip=[alt.Tooltip("name:N", title=_("Area")), alt.Tooltip("score:Q", title=_("Score"))],
    ).properties(height=260)


def hexagon_chart(scores: Mapping[str, float], max_score: float, _: Translator, names: dict[str, str] = THEME_NAMES,
                  title: str = HEXAGON_TITLE) -> alt.LayerChart:
    """The profile drawn on the Holland hexagon: corners R I A S E C, distance from centre = score."""
    points = pd.DataFrame(riasec.hexagon_points(scores, max_score))
    points["name"] = [_(names[t]) for t in points["theme"]]
    points["score"] = [scores[t] for t in points["theme"]]
    closed = pd.concat([points, points.iloc[[0]].assign(order=6)], ignore_index=True)
    # Wider than tall: the corner labels sit left and right of the hexagon.
    x_scale, y_scale = alt.Scale(domain=[-1.75, 1.75]), alt.Scale(domain=[-1.3, 1.3])

    def at(x: str, y: str) -> dict[str, alt.X | alt.Y]:
        return {"x": alt.X(x, axis=None, scale=x_scale), "y": alt.Y(y, axis=None, scale=y_scale)}

    outline = alt.Chart(closed).mark_line(color="#cbd5e1").encode(**at("edge_x:Q", "edge_y:Q"), order="order:Q")
    shape = alt.Chart(closed).mark_line(color="#1d4ed8", strokeWidth=3, point=True).encode(
        **at("x:Q", "y:Q"), order="order:Q",
        tooltip=[alt.Tooltip("name:N", title=_("Area")), alt.Tooltip("score:Q", title=_("Score"))])
    labels = alt.Chart(points.assign(lx=points["edge_x"] * 1.18, ly=points["edge_y"] * 1.12)).mark_text(
        fontSize=13, fontWeight="bold").encode(**at("lx:Q", "ly:Q"), text="name:N", color=alt.value("#334155"))
    # LayerChart rather than alt.layer: no layer has a facet channel, and alt.layer is typed to
    # return a FacetChart too (it hoists facet encodings when the layers share them).
    return alt.LayerChart(layer=[outline, shape, labels], title=_(title)).properties(width=400, height=300)


def interest_comparison(student: Mapping[str, float], student_max: float, occupation: dict[str, float],
                        _: Translator) -> alt.Chart:
    """Student and occupation side by side, each as a share of its own scale (quiz 0..max, O*NET 1..7)."""
    rows = []
    for t in THEMES:
        rows.append({"name": _(THEME_NAMES[t]), "who": _("You"), "share": student[t] / student_max})
        rows.append({"name": _(THEME_NAMES[t]), "who": _("This occupation"), "share": (occupation[t] - 1) / 6})
    frame = pd.DataFrame(rows)
    order = [_(THEME_NAMES[t]) for t in THEMES]
    return alt.Chart(frame, title=_("Interests: you and this occupation")).mark_bar().encode(
        y=alt.Y("name:N", sort=order, title=None),
        yOffset=alt.YOffset("who:N"),
        x=alt.X("share:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title=_("Share of the scale")),
        color=alt.Color("who:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("who:N"), alt.Tooltip("name:N"), alt.Tooltip("share:Q", format=".0%")],
    ).properties(height=300)


def wage_chart(wages: pd.DataFrame, names: list[str], _: Translator) -> alt.LayerChart:
    """Pay range per area: line p10-p90, bar p25-p75, tick at the median, as BLS publishes them.

    A percentile BLS does not publish (above its reporting limit, or not released) is not drawn: the
    line and the bar end at the highest percentile published, and a missing median has no tick.
    BLS's limit ($239,200) is never drawn as a value: it can lie below published percentiles. An
    occupation BLS publishes only hourly (actors, dancers, musicians ...) is drawn in hourly pay.
    """
    frame = wages.assign(area=names)
    annual = ["annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"]
    hourly = [c.replace("annual_", "hourly_") for c in annual]
    hourly_only = bool(frame[annual].isna().all().all() and frame[hourly].notna().any().any())
    unit = "hourly" if hourly_only else "annual"
    p10, p25, median, p75, p90 = (f"{unit}_{p}" for p in ("p10", "p25", "median", "p75", "p90"))
    columns = [p10, p25, median, p75, p90]
    for col in columns:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    # Where an upper end is not published, stop at the highest one that is (never invent a value).
    frame["line_end"] = frame[columns[::-1]].bfill(axis=1).iloc[:, 0]
    frame["box_end"] = frame[[p75, median]].bfill(axis=1).iloc[:, 0]
    title = _("Hourly pay, 10th to 90th percentile") if hourly_only else _("Yearly pay, 10th to 90th percentile")
    money = "$,.2f" if hourly_only else "$,.0f"
    base = alt.Chart(frame, title=title).encode(y=alt.Y("area:N", sort=names, title=None, axis=alt.Axis(labelLimit=220)))
    money_axis = alt.Axis(format=money, title=_("Hourly pay") if hourly_only else _("Yearly pay"))
    line = base.mark_rule(strokeWidth=2, color="#94a3b8").encode(x=alt.X(f"{p10}:Q", axis=money_axis), x2="line_end:Q")
    box = base.mark_bar(size=16, color="#93c5fd").encode(x=f"{p25}:Q", x2="box_end:Q")
    tick = base.mark_tick(thickness=3, size=22, color="#1d4ed8").encode(
        x=f"{median}:Q", tooltip=[alt.Tooltip("area:N"), alt.Tooltip(f"{median}:Q", format=money)])
    return alt.LayerChart(layer=[line, box, tick]).properties(height=alt.Step(48))


def history_chart(points: list[dict], _: Translator) -> alt.Chart:
    """How each theme's share of the scale changed from one quiz to the next (points: when, theme, share)."""
    frame = pd.DataFrame(points)
    frame["name"] = [_(THEME_NAMES[t]) for t in frame["theme"]]
    return alt.Chart(frame, title=_("Your interests over time")).mark_line(point=True).encode(
        x=alt.X("when:N", title=None, sort=None),
        y=alt.Y("share:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title=_("Share of the scale")),
        color=alt.Color("name:N", sort=[_(THEME_NAMES[t]) for t in THEMES], title=None,
                        scale=alt.Scale(range=[THEME_COLORS[t] for t in THEMES])),
    ).properties(height=260)


def contribution_chart(contributions: dict[str, float], _: Translator) -> alt.Chart:
    """What each interest area adds to (or takes from) the fit with one job; the bars add up to the fit.

    The axis carries no numbers: students see which areas drive the fit, not a coefficient.
    """
    frame = pd.DataFrame({
        "theme": list(THEMES),
        "name": [_(THEME_NAMES[t]) for t in THEMES],
        "share": [float(contributions[t]) for t in THEMES],
    })
    frame["effect"] = np.where(frame["share"] >= 0, _("adds to the fit"), _("works against it"))
    return alt.Chart(frame, title=_("What each area adds to this fit")).mark_bar(cornerRadiusEnd=3).encode(
        # Six labels at 13 px need the bar chart's height; Vega-Lite would otherwise drop every other one.
        y=alt.Y("name:N", sort=frame["name"].tolist(), title=None,
                axis=alt.Axis(labelFontSize=13, labelLimit=200, labelOverlap=False)),
        x=alt.X("share:Q", title=None, axis=alt.Axis(labels=False, ticks=False)),
        color=alt.Color("effect:N", title=None, scale=alt.Scale(
            domain=[_("adds to the fit"), _("works against it")], range=["#15803d", "#9ca3af"]),
            legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("name:N", title=_("Area")), alt.Tooltip("effect:N", title=_("Effect"))],
    ).properties(height=260)


def skills_chart(rows: list[dict], _: Translator) -> alt.LayerChart:
    """This job's percentile rank on each of the 17 BLS skills (highest first), with a line at 50:
    the middle of all occupations. Source: BLS Employment Projections, skills data (Table 6.5)."""
    frame = pd.DataFrame(rows)
    order = frame["skill"].tolist()
    base = alt.Chart(frame, title=_("Skill ranks compared with all occupations (0 to 100)"))
    bars = base.mark_bar(cornerRadiusEnd=3, color="#1d4ed8").encode(
        y=alt.Y("skill:N", sort=order, title=None, axis=alt.Axis(labelFontSize=12, labelLimit=260, labelOverlap=False)),
        x=alt.X("rank:Q", scale=alt.Scale(domain=[0, 100]), title=_("Rank (0 to 100)")),
        tooltip=[alt.Tooltip("skill:N", title=_("Skill")), alt.Tooltip("rank:Q", title=_("Rank"))],
    )
    middle = alt.Chart(pd.DataFrame({"rank": [50]})).mark_rule(color="#475569", strokeDash=[4, 3]).encode(x="rank:Q")
    return alt.LayerChart(layer=[bars, middle]).properties(height=alt.Step(18))

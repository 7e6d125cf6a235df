"""Altair chart specs for a profile (built from data; drawn by the page, or saved to PNG for reports)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from explorer import riasec
from explorer.i18n import Translator
from explorer.riasec import THEME_NAMES, THEMES

THEME_COLORS = {"R": "#b45309", "I": "#1d4ed8", "A": "#9333ea", "S": "#15803d", "E": "#dc2626", "C": "#475569"}


def _frame(scores: dict[str, float], max_score: float, _: Translator) -> pd.DataFrame:
    return pd.DataFrame({
        "theme": list(THEMES),
        "name": [_(THEME_NAMES[t]) for t in THEMES],
        "score": [scores[t] for t in THEMES],
        "max": [max_score] * 6,
    })


def bar_chart(scores: dict[str, float], max_score: float, _: Translator) -> alt.Chart:
    """Six bars in hexagon order R I A S E C (never alphabetical), on the full 0..max scale."""
    frame = _frame(scores, max_score, _)
    order = frame["name"].tolist()
    return alt.Chart(frame, title=_("Your scores")).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13, labelLimit=200)),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, max_score]), title=_("Score (0 to {max})").format(max=max_score)),
        color=alt.Color("theme:N", scale=alt.Scale(domain=list(THEMES), range=[THEME_COLORS[t] for t in THEMES]),
                        legend=None),
        tooltip=[alt.Tooltip("name:N", title=_("Area")), alt.Tooltip("score:Q", title=_("Score"))],
    ).properties(height=260)


def hexagon_chart(scores: dict[str, float], max_score: float, _: Translator) -> alt.LayerChart:
    """The profile drawn on the Holland hexagon: corners R I A S E C, distance from centre = score."""
    points = pd.DataFrame(riasec.hexagon_points(scores, max_score))
    points["name"] = [_(THEME_NAMES[t]) for t in points["theme"]]
    points["score"] = [scores[t] for t in points["theme"]]
    closed = pd.concat([points, points.iloc[[0]].assign(order=6)], ignore_index=True)
    # Wider than tall: the corner labels sit left and right of the hexagon.
    x_off = dict(axis=None, scale=alt.Scale(domain=[-1.75, 1.75]))
    y_off = dict(axis=None, scale=alt.Scale(domain=[-1.3, 1.3]))
    outline = alt.Chart(closed).mark_line(color="#cbd5e1").encode(
        x=alt.X("edge_x:Q", **x_off), y=alt.Y("edge_y:Q", **y_off), order="order:Q")
    shape = alt.Chart(closed).mark_line(color="#1d4ed8", strokeWidth=3, point=True).encode(
        x=alt.X("x:Q", **x_off), y=alt.Y("y:Q", **y_off), order="order:Q",
        tooltip=[alt.Tooltip("name:N", title=_("Area")), alt.Tooltip("score:Q", title=_("Score"))])
    labels = alt.Chart(points.assign(lx=points["edge_x"] * 1.18, ly=points["edge_y"] * 1.12)).mark_text(
        fontSize=13, fontWeight="bold").encode(x=alt.X("lx:Q", **x_off), y=alt.Y("ly:Q", **y_off),
                                               text="name:N", color=alt.value("#334155"))
    return alt.layer(outline, shape, labels, title=_("Your interest hexagon")).properties(width=400, height=300)

"""The app's charts, drawn from Vega-Lite specs cached per chart, arguments and language."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from explorer import i18n
from explorer.ui.context import NATIONAL
from explorer.ui.resources import knowledge_base

if TYPE_CHECKING:
    import altair as alt

def _chart(name: str, args: tuple, _: i18n.Translator) -> alt.TopLevelMixin:
    """Build one of the app's charts from plain, hashable arguments (so its spec can be cached)."""
    from explorer import charts, riasec, views

    kb = knowledge_base()
    if name in ("bar", "family_bar", "student_bar"):
        scores, max_score, band = args
        title = {"family_bar": charts.FAMILY_SCORES_TITLE, "student_bar": charts.STUDENT_SCORES_TITLE}.get(
            name, charts.SCORES_TITLE)
        return charts.bar_chart(dict(scores), max_score, _, riasec.theme_names(band), title)
    if name == "hexagon":
        scores, max_score, band = args
        return charts.hexagon_chart(dict(scores), max_score, _, riasec.theme_names(band),
                                    charts.KIDS_SHAPE_TITLE if band == "3-5" else charts.HEXAGON_TITLE)
    if name == "comparison":
        scores, max_score, onet_code = args
        return charts.interest_comparison(dict(scores), max_score, kb.occupations.loc[onet_code], _)
    if name == "contribution":
        (contributions,) = args
        return charts.contribution_chart(dict(contributions), _)
    if name == "wage":
        oews_code, area_code = args
        wages = views.wage_rows(kb, oews_code, area_code)
        names = [_("United States") if c == NATIONAL else n for c, n in zip(wages["area_code"], wages["area"])]
        return charts.wage_chart(wages, names, _)
    if name == "skills":
        from explorer import skills

        ep_code, lang = args
        return charts.skills_chart(skills.skill_chart_rows(kb, ep_code, lang), _)
    raise ValueError(f"unknown chart {name!r}")


@st.cache_data(max_entries=4096, show_spinner=False)
def _chart_spec(name: str, args: tuple, lang: str) -> dict:
    """The chart's Vega-Lite spec with its datasets already in Arrow: Streamlit passes bytes through
    as they are, and otherwise converts every dataset to Arrow on every rerun (about 2-3 ms a chart)."""
    from streamlit import dataframe_util

    spec = _chart(name, args, i18n.translator(lang)).to_dict()
    spec["datasets"] = {dataset: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(rows))
                        for dataset, rows in spec.get("datasets", {}).items()}
    return spec


def chart(where: Any, name: str, *args: object, lang: str, stretch: bool = True) -> None:
    """Draw a chart from its cached Vega-Lite spec: building and validating an Altair chart costs
    20-50 ms a rerun, drawing a cached spec well under 1 ms."""
    where.vega_lite_chart(_chart_spec(name, tuple(args), lang), width="stretch" if stretch else "content")


def scores_key(scores: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(scores.items()))


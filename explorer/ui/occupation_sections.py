"""Sections of the occupation page, each laying out text from :mod:`explorer.occupation_view`."""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from explorer import budget, occupation_view, settings
from explorer.occupation_view import AiView, FitView, OccupationView
from explorer.ui import session
from explorer.ui.cached_views import nearby_training
from explorer.ui.chart_cache import chart
from explorer.ui.context import Context
from explorer.ui.navigation import fragment, open_pathway
from explorer.ui.session import KEYS
from explorer.views import md_escape


def fit_reasons(fit: FitView) -> None:
    """The fit headline and the student's own answers behind it (full width, above the charts)."""
    st.subheader(fit.headline, anchor=False)
    if fit.shared:
        st.write(fit.shared)
    for heading, lines in fit.answers:  # one element a list: each element costs every rerun
        st.markdown("\n".join([heading, "", *lines]))


def header(view: OccupationView) -> None:
    """Title, description, codes and whose figures the page shows."""
    st.title(view.title)
    if view.description:
        st.markdown(view.description)
    if view.english_title:  # figures and sources cite the BLS/O*NET English title, so it stays on the page
        st.caption(view.english_title)
    st.caption(view.code_caption)
    st.markdown(view.onet_link)
    if view.figures_note:
        st.info(view.figures_note)


def fit_charts(where: Any, fit: FitView, code: str, ctx: Context) -> None:
    chart(where, "comparison", fit.scores, fit.max_score, code, lang=ctx.lang)
    chart(where, "contribution", fit.contributions, lang=ctx.lang)
    with where.expander(ctx._("For counselors: how fit is computed")):
        st.write(fit.counselor_note)


def training_near(code: str, ctx: Context) -> None:
    """Where to train near you: the nearest colleges whose programs lead to the job, and apprenticeship."""
    _ = ctx._
    st.subheader(_("Where to train near you"), anchor=False)
    nearby = nearby_training(code, ctx.area_code, ctx.place_key, ctx.lang)
    if nearby is None:
        st.info(_("Choose your ZIP code or town in the sidebar to see colleges and training near you."))
        return
    st.markdown(f"**{nearby.heading}**")
    if nearby.note:
        st.info(nearby.note)
    if nearby.lines or nearby.apprenticeship:
        st.markdown("\n".join([*nearby.lines, *(f"- {line}" for line in nearby.apprenticeship[:2])]))
    label = (_("See all {n} programs and the whole pathway").format(n=len(nearby.lines) + nearby.more)
             if nearby.more else _("See the whole pathway"))
    st.button(label, key="training_pathway", on_click=open_pathway, args=(code,))
    st.caption("\n\n".join([*nearby.sources, *nearby.apprenticeship[2:]]))


def nearest_training(ctx: Context, codes: list[str], titles: dict[str, str]) -> list[str]:
    """One Markdown bullet per compared job: its nearest program, or why none is listed."""
    _ = ctx._
    lines = []
    for code in codes:
        nearby = nearby_training(code, ctx.area_code, ctx.place_key, ctx.lang)
        text = (nearby.nearest if nearby and nearby.nearest else
                _("none within {radius} miles").format(radius=settings.current().training_radius_miles) if nearby
                else _("choose your ZIP code or town in the sidebar"))
        lines.append(f"- {md_escape(titles.get(code, code))}: {md_escape(text)}")
    return lines


def outlook_and_preparation(view: OccupationView, ctx: Context) -> None:
    _ = ctx._
    outlook, prep = st.columns(2)
    with outlook:
        st.subheader(_("Outlook"), anchor=False)
        st.markdown(view.outlook)
        if view.bright_outlook:
            st.markdown(view.bright_outlook)
        st.caption(view.outlook_caption)
    with prep:
        st.subheader(_("Preparation"), anchor=False)
        st.markdown("\n".join(view.preparation))


def skills(view: OccupationView, ep_code: object, ctx: Context) -> None:
    _ = ctx._
    st.subheader(_("Skills this job uses most"), anchor=False)
    skills_text, skills_chart = st.columns(2)
    with skills_text:
        if view.skills:
            st.markdown("\n".join(view.skills))
        (st.caption if view.skills else st.write)(view.skills_caption)
        if view.work_styles:
            st.markdown(view.work_styles)
            st.caption(_("Source: O\\*NET 30.1 Work Styles: the styles O\\*NET ranks as most distinctive for this "
                         "job compared with other jobs (distinctiveness rank 1 first; names in English as O\\*NET "
                         "gives them), CC BY 4.0."))
    if view.skills:
        chart(skills_chart, "skills", ep_code, ctx.lang, lang=ctx.lang)


def ai_use(ai: AiView | None, ctx: Context) -> None:
    _ = ctx._
    st.subheader(_("How AI is used in this work"), anchor=False)
    if ai is None:
        st.write(_("The AI study did not cover this occupation."))
        return
    st.write(ai.what)
    st.markdown(ai.percentile)
    most_col, least_col = st.columns(2)
    most_col.markdown(ai.most_heading + "\n\n" + ai.most)
    least_col.markdown(ai.least_heading + "\n\n" + ai.least)
    st.info(ai.caveat)
    st.caption(ai.caption)
    st.markdown(_("[The study on arXiv](https://arxiv.org/abs/2507.07935) · "
                  "[CC BY 4.0 license](https://creativecommons.org/licenses/by/4.0/)"))


@fragment
def budget_check(occupation: pd.Series, ctx: Context) -> None:
    """The student's monthly costs (never saved) against this job's pay here.

    Its seven number boxes are drawn only while the section is open, and a figure typed there reruns
    only this section: the rest of the page is the same for every budget."""
    _ = ctx._
    section = st.expander(_("Budget reality check: could this pay cover the life you want?"), key="budget_open",
                          on_change="rerun")
    if not section.open:
        return
    with section:
        cost_cols = st.columns(4)
        # The boxes' own state goes when the section closes; a plain copy brings the student's figures back.
        kept: dict[str, float] = session.get(KEYS.budget_kept, {})
        costs: dict[str, float] = {item: cost_cols[i % 4].number_input(_(budget.LABELS[item]), min_value=0, max_value=20000,
                                                     value=kept.get(item, default), step=50, key=f"budget_{item}")
                 for i, (item, default) in enumerate(budget.default_monthly().items())}
        session.put(KEYS.budget_kept, costs)
        for line in occupation_view.budget_lines(costs, occupation, ctx.locale):
            st.markdown(line)
        st.caption(_("Your numbers stay on this page; nothing is saved. Taxes are a rough estimate."))

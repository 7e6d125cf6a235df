"""The outcomes page's sections and the cached reads behind it and the pathway's outcome line."""
from __future__ import annotations

import streamlit as st

from explorer import audit, outcomes, outcomes_view
from explorer.models import Program
from explorer.outcome_measures import ProgramOutcomes
from explorer.pathways import Catalog, Pathway, ProgramItem
from explorer.ui.context import Context
from explorer.ui.resources import knowledge_base
from explorer.ui.widgets import table
from explorer.views import md_escape


@st.cache_data(ttl=60, show_spinner=False)
def graduates() -> list[outcomes.Graduate]:
    """Every imported graduate (an import shows within a minute on every page)."""
    return outcomes.load_graduates()


@st.cache_resource(max_entries=600, show_spinner=False)
def in_demand_socs(area_code: str) -> set[str]:
    return audit.in_demand_socs(knowledge_base(), area_code)


def outcomes_sections(published: ProgramOutcomes, program: Program, ctx: Context, counselor_signed_in: bool = False,
                      catalog_credentials: list | None = None) -> None:
    """One program's figures: the recent years pooled, year by year with a chart, by student group, CSV."""
    _ = ctx._
    if published.window is None:
        st.info(_("Not enough graduates of this program yet to report (fewer than the district's minimum over the "
                  "last three years)."))
        return
    view = outcomes_view.page_view(published, program, ctx.locale)
    st.subheader(view.program, anchor=False)
    table(view.headline)
    st.caption(_("Middle wage band of those working 12 months later: {band}.").format(band=view.wage_band))
    st.subheader(_("Year by year"), anchor=False)
    left, right = st.columns([2, 3])
    if view.chart is not None:
        left.altair_chart(view.chart, width="stretch")
    with right:
        table(view.trend)
    for name, groups in view.groups.items():
        st.subheader(_("By {group} (as students reported it)").format(group=md_escape(name)), anchor=False)
        table(groups)
    st.download_button(_("Download these figures (CSV)"), view.csv, file_name=f"outcomes_{program.code}.csv",
                       mime="text/csv", on_click="ignore")
    if counselor_signed_in:
        relevant = outcomes_view.relevant_credentials(catalog_credentials or [], in_demand_socs(ctx.area_code))
        for name, finer in outcomes_view.counselor_tables(graduates(), published, program, relevant,
                                                          ctx.locale).items():
            st.subheader(_("For counselors: by {group}, year by year").format(group=md_escape(name)), anchor=False)
            table(finer)


def outcome_lines(plan: Pathway, catalog: Catalog, ctx: Context) -> list[str]:
    """For the pathway's program step: how the district's graduates of each program toward the job fared."""
    grads = graduates()
    codes = {item.code for item in plan.step("program").items if isinstance(item, ProgramItem)}
    programs = [p for p in catalog.programs if p.code in codes]
    if not grads or not programs:
        return []
    relevant = outcomes_view.relevant_credentials(catalog.credentials, in_demand_socs(ctx.area_code))
    sample = [ctx._(outcomes_view.SAMPLE_NOTICE)] if any(g.sample for g in grads) else []
    return [*outcomes_view.pathway_lines(grads, programs, relevant, ctx.locale), *sample]

"""Streamlit glue: the only part of ``explorer`` that imports streamlit.

Pages use ``from explorer import ui`` and the names below; each lives in the module of its concern:

- :mod:`~explorer.ui.resources`: process-wide caches (knowledge base, matcher)
- :mod:`~explorer.ui.session`: every session key and typed access to them
- :mod:`~explorer.ui.navigation`: page switches from callbacks, fragments, deep links
- :mod:`~explorer.ui.context`: the sidebar, the page :class:`Context` (locale, region, place)
- :mod:`~explorer.ui.widgets`: notices, tables, result cards, attribution
- :mod:`~explorer.ui.login`: the counselor's sign-in
- :mod:`~explorer.ui.catalog_editor`: the district catalog editor and CSV import
- :mod:`~explorer.ui.downloads`: the family report PDF, portfolio restore, family link
- :mod:`~explorer.ui.plan`: favourites and pathway check-offs
- :mod:`~explorer.ui.chart_cache`: charts from cached Vega-Lite specs
- :mod:`~explorer.ui.cached_views`: the results and occupations tables, cached
- :mod:`~explorer.ui.pathway_steps`: one renderer per pathway step kind
- :mod:`~explorer.ui.occupation_sections`, :mod:`~explorer.ui.quality_sections`: sections of those pages
- :mod:`~explorer.ui.quiz_state`, :mod:`~explorer.ui.quiz_screens`: the student's current quiz and its screens

Page text comes ready-made from the view-models in ``explorer/*_view.py`` (no streamlit there); a
page or renderer only decides where each piece goes.
"""
from __future__ import annotations

from explorer.ui.advising_sections import advising_careers
from explorer.ui.cached_views import (
    ResultsView,
    cluster_names,
    compare_tables,
    fit_view,
    occupation_view,
    occupations_view,
    results_view,
    student_top_matches,
)
from explorer.ui.catalog_editor import (
    editable_frame,
    frame_rows,
    import_uploads,
    known_soc,
    row_counts,
    show_problems,
    table_editor,
)
from explorer.ui.chart_cache import chart, scores_key
from explorer.ui.context import (
    NATIONAL,
    Context,
    choose_place,
    choose_place_from,
    chosen_occupation,
    context,
    find_place,
    region_labels,
    sidebar,
)
from explorer.ui.downloads import explain_family_link, family_report_pdf, portfolio_pdf, restore_portfolio, share_url
from explorer.ui.head import page_head
from explorer.ui.login import counselor, login_form, logout, require_counselor
from explorer.ui.navigation import (
    close_menu_on_phone,
    compare,
    follow_deep_link,
    follow_navigation,
    fragment,
    go,
    note_cold_start,
    open_occupation,
    open_pathway,
    run_in_browser,
    session_pages,
    settle_cold_start,
)
from explorer.ui.occupation_sections import nearest_training
from explorer.ui.outcome_sections import graduates, in_demand_socs, outcome_lines, outcomes_sections
from explorer.ui.plan import favourite_button, favourites, plan_steps, step_checkbox
from explorer.ui.resources import knowledge_base, matcher
from explorer.ui.widgets import (
    arrow_table,
    attribution,
    elsewhere_list,
    facts_table,
    no_jobs_for_kids,
    occupation_search,
    require_database,
    result_cards,
    results_list,
    sample_catalog_notice,
    show_more_button,
    shown_count,
    table,
    texts,
    where_else,
)
from explorer.views import md_escape

__all__ = [
    "NATIONAL",
    "Context",
    "ResultsView",
    "advising_careers",
    "arrow_table",
    "attribution",
    "chart",
    "choose_place",
    "choose_place_from",
    "chosen_occupation",
    "close_menu_on_phone",
    "cluster_names",
    "compare",
    "compare_tables",
    "context",
    "counselor",
    "editable_frame",
    "elsewhere_list",
    "explain_family_link",
    "facts_table",
    "family_report_pdf",
    "favourite_button",
    "favourites",
    "find_place",
    "fit_view",
    "follow_deep_link",
    "follow_navigation",
    "fragment",
    "frame_rows",
    "go",
    "graduates",
    "import_uploads",
    "in_demand_socs",
    "knowledge_base",
    "known_soc",
    "login_form",
    "logout",
    "matcher",
    "md_escape",
    "nearest_training",
    "no_jobs_for_kids",
    "note_cold_start",
    "occupation_search",
    "occupation_view",
    "occupations_view",
    "open_occupation",
    "open_pathway",
    "outcome_lines",
    "outcomes_sections",
    "page_head",
    "plan_steps",
    "portfolio_pdf",
    "region_labels",
    "require_counselor",
    "require_database",
    "restore_portfolio",
    "result_cards",
    "results_list",
    "results_view",
    "row_counts",
    "run_in_browser",
    "sample_catalog_notice",
    "scores_key",
    "session_pages",
    "settle_cold_start",
    "share_url",
    "show_more_button",
    "show_problems",
    "shown_count",
    "sidebar",
    "step_checkbox",
    "student_top_matches",
    "table",
    "table_editor",
    "texts",
    "where_else",
]

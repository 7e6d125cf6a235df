"""Sections of the quiz-quality page that loop over the report's comparisons."""
from __future__ import annotations

import streamlit as st

from explorer import psychometrics_report
from explorer import psychometrics_views as views
from explorer.i18n import Translator
from explorer.psychometrics_report import QualityReport
from explorer.ui.widgets import table
from explorer.views import md_escape


def differential_functioning(result: QualityReport, k: int, _: Translator) -> None:
    """Each group comparison (language, then every self-reported field with groups of at least ``k``):
    how many activities work differently, and which."""
    st.subheader(_("Does each activity work the same way for every group?"), anchor=False)
    for comparison in [c for c in (result.language_dif, *result.group_dif) if c is not None]:
        title = (_("English and Spanish forms") if comparison.by == psychometrics_report.LANGUAGE
                 else _("Self-reported {field}").format(field=md_escape(comparison.by)))
        st.markdown(f"**{title}** · " + views.dif_sizes(comparison, k, _))
        if not comparison.enough:
            st.write(_("Not compared yet: each group needs at least {needed} usable quizzes.")
                     .format(needed=comparison.needed))
            continue
        st.write(views.dif_counts(comparison, _))
        flagged = views.dif_view(comparison, result, _)
        if len(flagged):
            table(flagged)
    if not result.group_dif:
        st.write(_("No class field has two groups of at least {k} students who took this form, so no "
                   "self-reported groups are compared.").format(k=k))
    st.caption(_("Mantel-Haenszel DIF: students of two groups with the same area score are compared item by item; "
                 "ETS classes A (no difference that matters), B (moderate) and C (large). With a few hundred "
                 "students per group about one item in a hundred lands in B by chance: a B is a prompt to compare "
                 "the wording, not a verdict. Groups with fewer than {k} students are never named.").format(k=k))

import streamlit as st

from explorer import labor, ui
from explorer.ui import quiz_state

ctx = ui.context(__file__)
_ = ctx._
ui.no_jobs_for_kids(quiz_state.load_current(), _)

st.title(_("Occupations in {area}").format(area=ctx.area_name))
search = st.text_input(_("Search occupations"), placeholder=_("e.g. nurse, electrician, software"))
shown = ui.occupations_view(ctx.area_code, ctx.lang, search)
st.caption(_("Occupations shown: {n}. Local jobs and wages: {source}. Growth: {ep}.")
           .format(n=len(shown), source=ctx.oews_source, ep=labor.ep_citation(ctx.kb, ctx.locale)))
st.caption(_("Click a row to open the occupation."))
ui.table(shown, open_codes=shown[_("Code")].tolist(), key="occupations_table")
st.caption(_("“not released”: BLS did not publish this estimate for the area.") + " " + _(labor.TOP_CODE_NOTE) + " "
           + _("“Jobs and pay for” names the broader BLS group when an occupation has no figures of its own: such "
               "rows repeat that group's figures, they are not extra jobs. Job zone: 1 = little preparation needed "
               "... 5 = extensive preparation.") + " " + _("A blank “Jobs and pay for” cell: the occupation's own figures."))

import streamlit as st

from explorer import labor, ui

ctx = ui.context()
_ = ctx._

st.title(_("Occupations in {area}").format(area=ctx.area_name))
search = st.text_input(_("Search occupations"), placeholder=_("e.g. nurse, electrician, software"))
table = labor.local_occupations(ctx.kb, ctx.area_code)
shown = labor.display_table(table, _, ctx.lang, search)
st.caption(_("Occupations shown: {n}. Local jobs and wages: {source}. Growth: {ep}.")
           .format(n=len(shown), source=ctx.oews_source, ep=labor.ep_citation(ctx.kb)))
ui.table(shown)
st.caption(_("“not released”: BLS did not publish this estimate for the area. “≥ $239,200”: the wage is at or "
             "above the highest value BLS publishes. Specialties (codes ending .01, .02 ...) show the figures of "
             "their parent occupation. Job zone: 1 = little preparation needed ... 5 = extensive preparation."))

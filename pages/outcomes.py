import streamlit as st

from explorer import outcome_measures, outcomes_view, pathways, privacy, ui
from explorer.models import split_list

ctx = ui.context(__file__)
_ = ctx._
st.title(_("Where our graduates landed"))
st.write(_("What happened to the district's own graduates of each program: credentials, college credit, work-based "
           "learning, and whether they were working or in college 6 and 12 months later."))
grads = ui.graduates()
catalog = pathways.Catalog.load()
programs = [p for p in catalog.programs if any(p.code in g.programs for g in grads)]
if not programs:
    st.info(_("The district has not published its graduates' outcomes yet."))
    st.stop()
if any(g.sample for g in grads):
    st.warning(_(outcomes_view.SAMPLE_NOTICE))
program = st.selectbox(_("Program"), programs, format_func=lambda p: p.name, key="outcomes_program")
relevant = outcomes_view.relevant_credentials(catalog.credentials, ui.in_demand_socs(ctx.area_code))
published = outcome_measures.program_outcomes(grads, program.code, set(split_list(program.soc_codes)), relevant)
ui.outcomes_sections(published, program, ctx, ui.counselor() is not None, catalog.credentials)
st.caption(_(outcomes_view.DEFINITIONS).format(k=privacy.min_group()))
st.caption(_(outcomes_view.SOURCE))

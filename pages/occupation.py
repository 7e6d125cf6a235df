import streamlit as st

from explorer import labor, ui
from explorer.ui import occupation_sections as sections
from explorer.ui import quiz_state

ctx = ui.context(__file__)
_ = ctx._
code = ui.chosen_occupation(ctx, _("Occupation details"))
saved = quiz_state.load_current()
ui.no_jobs_for_kids(saved, _)

occupation = labor.local_occupations(ctx.kb, ctx.area_code).loc[code]
view = ui.occupation_view(code, ctx.area_code, ctx.lang)
sections.header(view)
ui.occupation_search(ctx)

pathway_col, favourite_col = st.columns(2)
pathway_col.button(_("See the pathway from this school year to this job"), type="primary", on_click=ui.open_pathway,
                   args=(code,))
if saved is not None:
    with favourite_col:
        ui.favourite_button(saved, code, _)
fit = ui.fit_view(saved, code, ctx.area_code, ctx.lang)
if fit is not None:
    sections.fit_reasons(fit)
left, right = st.columns(2)
if fit is not None:
    sections.fit_charts(left, fit, code, ctx)
else:
    left.write(view.holland)

with right:
    if view.absent:
        st.warning(view.absent)
        ui.where_else(ctx, occupation["oews_code"], occupation["published_anywhere"])
    if len(view.wages):
        ui.chart(st, "wage", occupation["oews_code"], ctx.area_code, lang=ctx.lang)

st.subheader(_("Jobs and pay"), anchor=False)
if len(view.wages):
    ui.table(view.wages)
st.caption(view.wages_caption)
sections.outlook_and_preparation(view, ctx)
sections.training_near(code, ctx)
sections.skills(view, occupation["ep_code"], ctx)
sections.ai_use(view.ai, ctx)

st.subheader(_("Related occupations"), anchor=False)
for related_code, title in view.related.items():
    st.button(title, key=f"related_{related_code}", on_click=ui.open_occupation, args=(related_code,))
sections.budget_check(occupation, ctx)

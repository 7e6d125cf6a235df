import streamlit as st

from explorer import labor, pathway_view, pathways, ui
from explorer.ui import quiz_state
from explorer.ui.pathway_steps import pathway_step

ctx = ui.context(__file__)
_ = ctx._
code = ui.chosen_occupation(ctx, _("Pathway"))

header = pathway_view.header(labor.occupation_titles(ctx.kb, ctx.lang)[code], ctx.area_name, ctx.locale)
st.title(header.heading)
st.caption(header.caption)
catalog = pathways.Catalog.load()
ui.sample_catalog_notice(catalog, _)
saved = quiz_state.load_current()
ui.no_jobs_for_kids(saved, _)
grades = list(pathway_view.GRADES)
grade = st.selectbox(_("Your grade this year"), grades, key="pathway_grade",
                     index=grades.index(pathway_view.default_grade(saved.band if saved else None)))
plan = pathways.build(ctx.kb, catalog, code, ctx.area_code, grade, ctx.training_origin)
done = ui.plan_steps(saved, code)
notes = {"program": ui.outcome_lines(plan, catalog, ctx)}
for step in pathway_view.step_views(plan, ctx.locale):
    pathway_step(step, ctx, saved, code, done.get(step.kind, False), notes.get(step.kind))

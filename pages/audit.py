import streamlit as st

from explorer import audit, outcomes_view, pathways, privacy, settings, training, ui, views

ctx = ui.context(__file__)
_ = ctx._
ui.require_counselor(ctx)

st.title(_("Build from the job back: {area}").format(area=ctx.area_name))
st.write(_("Local jobs open with at most an associate's degree or an apprenticeship, ranked by estimated openings "
           "and pay, with what the district catalog offers toward each. In demand: at least {n} openings a year here "
           "and median pay at or above the area's median for all jobs.").format(n=settings.current().in_demand_openings))
catalog = pathways.Catalog.load()
ui.sample_catalog_notice(catalog, _)
table = audit.audit(ctx.kb, catalog, ctx.area_code, ui.student_top_matches(ctx.area_code))
view = views.audit_view(table, ctx.locale)
only_gaps = st.toggle(_("Show only in-demand jobs with gaps"))
ui.table(view[view[_("Gap")] != ""] if only_gaps else view)
st.download_button(_("Download the audit (CSV)"), audit.export_csv(table), file_name=f"audit_{ctx.area_code}.csv",
                   mime="text/csv")
st.caption(_("Jobs and pay: {source}. Openings: BLS Employment Projections 2024-34 scaled to the area. Student "
             "counts: finished quizzes ranked for this area whose top 10 includes the job; fewer than {k} are not "
             "shown. Rows whose figures belong to a BLS “all other” group pool several different occupations: "
             "they are listed last and never called in demand.")
           .format(source=ctx.oews_source, k=privacy.min_group()))
st.caption(_("Openings a year here are an estimate: the national openings rate of BLS Employment Projections 2024-34 "
             "(openings a year divided by employment, nationally) times the job's employment here. Awards nearby: "
             "certificates and degrees made in 2023-24 by colleges within {radius} miles of the middle of the area, in "
             "the programs the NCES CIP-SOC crosswalk (expert judgment) links to the job; one graduate can count "
             "under several jobs. Source: {source}. “No training nearby”: in demand, and no award nearby.")
           .format(radius=settings.current().training_radius_miles, source=_(training.IPEDS_CITATION)))

st.subheader(_("Programs toward scarce or low-paid local jobs"), anchor=False)
low = audit.low_demand_programs(ctx.kb, catalog, ctx.area_code)
if low.empty:
    st.write(_("None: every program leads to jobs with openings here."))
else:
    ui.table(views.low_demand_view(low, ctx.locale))

grads = ui.graduates()
if grads:
    st.subheader(_("Where each program's graduates landed"), anchor=False)
    relevant = outcomes_view.relevant_credentials(catalog.credentials, ui.in_demand_socs(ctx.area_code))
    ui.table(outcomes_view.programs_table(grads, catalog.programs, relevant, ctx.locale))
    st.caption(_("From the district's own graduates' outcomes (see Where our graduates landed): the last three "
                 "graduation years pooled, published under the same privacy rules."))

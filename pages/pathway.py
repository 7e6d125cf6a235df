import streamlit as st

from explorer import labor, pathways, skills
from explorer.views import md_escape as esc
from explorer import ui
from explorer.ui import quiz_state

ctx = ui.context()
_ = ctx._
code = ui.chosen_occupation(ctx, _("Pathway"))

st.title(_("Your pathway to {title}").format(title=labor.occupation_titles(ctx.kb, ctx.lang)[code]))
st.caption(_("Built backward from the job in {area}, using your district's catalog.").format(area=ctx.area_name))
catalog = pathways.Catalog.load()
ui.sample_catalog_notice(catalog, _)
saved = quiz_state.load_current()
ui.no_jobs_for_kids(saved, _)
default_grade = {"6-8": 8, "9-12": 10}.get(saved.band if saved else "", 10)
grade = st.selectbox(_("Your grade this year"), [6, 7, 8, 9, 10, 11, 12], index=[6, 7, 8, 9, 10, 11, 12].index(default_grade),
                     key="pathway_grade")
plan = pathways.build(ctx.kb, catalog, code, ctx.area_code, grade)

done = ui.plan_steps(saved, code)
for step in plan.steps:
    with st.container(border=True):
        st.subheader(_(pathways.STEP_TITLES[step.kind]), anchor=False)
        if saved is not None and step.kind != "job":
            ui.step_checkbox(saved, code, step.kind, done.get(step.kind, False), _)
        if step.missing:
            (st.warning if step.missing in ("not_in_area", "no_program") else st.info)(_(pathways.MISSING_TEXT[step.missing]))
        if step.kind == "now":
            for item in step.items:
                if item["action"] == "enroll_program":
                    st.markdown(_("- Sign up for **{course}** ({program}).").format(course=esc(item["course"]), program=esc(item["program"])))
                else:
                    st.markdown(_("- Ask about **{title}** with {employer}.").format(title=esc(item["title"]), employer=esc(item["employer"])))
        elif step.kind == "program":
            for item in step.items:
                st.markdown(_("**{name}** (grades {grades}): {courses}").format(
                    name=esc(item["name"]), grades=esc(item["grades"]), courses=" → ".join(esc(c) for c in item["courses"])))
        elif step.kind == "dual_enrollment" and step.items:
            for item in step.items:
                delivery = item["delivery"]
                st.markdown(_("- {college}, {code} {title}: {credits} credits, {cost}, {delivery}. {schedule}").format(
                    college=esc(item["college"]), code=esc(item["course_code"]), title=esc(item["title"]), credits=f"{item['credits']:g}",
                    cost=labor.money(item["cost"], ctx.lang), delivery=_(pathways.DELIVERY_TEXT[delivery]),
                    schedule=esc(item["schedule"])))
            totals = step.totals
            st.markdown(_("**Total: {credits} college credits, {cost} to you.** Target: {target} credits or more.").format(
                credits=f"{totals['credits']:g}", cost=labor.money(totals["cost"], ctx.lang), target=totals["target_credits"]))
            if not totals["meets_target"]:
                st.caption(_("The catalog offers fewer than {target} credits toward this job.").format(target=totals["target_credits"]))
        elif step.kind == "work_based_learning":
            for item in step.items:
                kind = item["type"]
                details = [_(pathways.WBL_TYPE_TEXT[kind]), esc(item["employer"])]
                if "hours" in item:
                    details.append(_("{hours} hours, from grade {grade}, {minutes} min away").format(
                        hours=item["hours"], grade=item["min_grade"], minutes=item["commute_minutes"]))
                st.markdown(f"- **{esc(item['title'])}** · " + " · ".join(details))
                if item.get("barriers"):
                    st.caption("⚠️ " + ", ".join(_(pathways.BARRIER_TEXT[b]) for b in item["barriers"]))
                if item.get("supports"):
                    st.caption("✅ " + ", ".join(_(pathways.SUPPORT_TEXT[s]) for s in item["supports"]))
                if item.get("skills"):
                    st.caption(_("Skills it practises: {skills}").format(skills=skills.names(item["skills"], ctx.lang)))
        elif step.kind == "credentials":
            for item in step.items:
                waiver = _(" (fee waiver available)") if item["fee_waiver"] else ""
                value = item["value"]
                st.markdown(_("- **{name}**, {issuer}: {cost}{waiver}, about {hours} hours of preparation. Value here: **{value}**").format(
                    name=esc(item["name"]), issuer=esc(item["issuer"]), cost=labor.money(item["cost"], ctx.lang), waiver=waiver,
                    hours=item["prep_hours"], value=_(pathways.VALUE_LABELS[value])))
                with st.expander(_("Why this label")):
                    for e in item["evidence"]:
                        st.markdown(_("- {title}: {openings} openings a year here, median pay {pay} (area median {area})").format(
                            title=esc(e["title"]), openings=labor.count(e["local_openings"], ctx.lang) if e["local_openings"] is not None else "—",
                            pay=labor.money(e["annual_median"], ctx.lang) if e["annual_median"] else _("not released"),
                            area=labor.money(e["area_median"], ctx.lang) if e["area_median"] else "—"))
        elif step.kind == "postsecondary":
            item = step.items[0]
            st.markdown(_("- Typical entry: **{education}**").format(education=ui.bls(item["education"], _)))
            if item["training"] and item["training"] != "None":
                st.markdown(_("- Training on the job: {training}").format(training=ui.bls(item["training"], _)))
        elif step.kind == "job":
            item = step.items[0]
            st.markdown(_("**{title}** here: starting pay {start}, median {median}, {jobs} jobs.").format(
                title=esc(item["title"]), start=labor.pay_text(item, "p25", _, ctx.lang),
                median=labor.pay_text(item, "median", _, ctx.lang),
                jobs=labor.employment_text(item["employment"], None, item["in_area"], _, ctx.lang)))
            if note := labor.figures_note(item, _):
                st.caption(note)
            st.caption(_("Source: {source}").format(source=item["source"]))
            if step.missing == "not_in_area":
                ui.where_else(ctx, item)

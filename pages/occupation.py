import streamlit as st

from explorer import ai_use, attempts, budget, explain, labor, quiz, skills, views
from explorer import ui
from explorer.ui import quiz_state

ctx = ui.context()
_ = ctx._
code = ui.chosen_occupation(ctx, _("Occupation details"))
saved = quiz_state.load_current()
ui.no_jobs_for_kids(saved, _)

local = labor.local_occupations(ctx.kb, ctx.area_code)
occupation = local.loc[code]
text = labor.occupation_text(ctx.kb, code, ctx.lang)
st.title(text.title)
if text.description:
    st.markdown(views.md_escape(text.description))
if text.title != occupation["title"]:
    # Figures and sources cite the BLS/O*NET English title, so it stays on the page.
    st.caption(_("English title: {title}").format(title=occupation["title"]))
st.caption(_("O\\*NET-SOC {code}").format(code=code))
st.markdown(_("[Full description on O\\*NET OnLine](https://www.onetonline.org/link/summary/{code})").format(code=code))
if note := labor.figures_note(occupation, _):
    st.info(note)

pathway_col, favourite_col = st.columns(2)
pathway_col.button(_("See the pathway from this school year to this job"), type="primary", on_click=ui.open_pathway,
                   args=(code,))
if saved is not None:
    with favourite_col:
        ui.favourite_button(saved, code, _)
profile = attempts.profile(saved) if saved else None
if profile and profile.confident:
    items = {i.id: i for i in quiz.form_items(saved.band, saved.form, ctx.lang)}
    fit = explain.fit_explanation(ui.matcher(), profile.scores, saved.answers, items, occupation)
    st.subheader(_(fit.headline), anchor=False)
    if fit.shared:
        st.write(_("You and this job share: {themes}.").format(themes=views.theme_list(fit.shared, _)))
    labels = {value: _(label) for value, label, _emoji in quiz.scale(saved.band)}
    for heading, answers in ((_("Things you like that this job uses:"), fit.likes_used),
                             (_("Things you dislike that this job doesn't need:"), fit.dislikes_unneeded)):
        if answers:
            st.write(heading)
            for item_id in answers:
                st.markdown(_("- {activity} (you answered “{answer}”)").format(
                    activity=views.md_escape(items[item_id].text), answer=labels[saved.answers[item_id]]))
    left, right = st.columns(2)
    ui.chart(left, "comparison", ui.scores_key(profile.scores), profile.max_score, code, lang=ctx.lang)
    ui.chart(left, "contribution", tuple(fit.contributions.items()), lang=ctx.lang)
    with left.expander(_("For counselors: how fit is computed")):
        st.write(_("Pearson correlation of the student's six theme scores with the occupation's six O\\*NET "
                   "interest scores: r = {r}. Bands: Best r ≥ .729, Great ≥ .608, Good ≥ 0. The chart splits r "
                   "into each theme's share (they add up to r).").format(r=f"{fit.r:.2f}"))
else:
    left, right = st.columns(2)
    left.write(_("Holland code of this occupation: **{code}**").format(code=occupation["holland_code"]))

wages = views.wage_rows(ctx.kb, occupation["oews_code"], ctx.area_code)
with right:
    if not occupation["in_area"]:
        st.warning(labor.absent_text(occupation, _, ctx.area_name))
        ui.where_else(ctx, occupation)
    if len(wages):
        ui.chart(st, "wage", occupation["oews_code"], ctx.area_code, lang=ctx.lang)

st.subheader(_("Jobs and pay"), anchor=False)
if len(wages):
    ui.table(views.wage_table(wages, _, ctx.lang))
st.caption(_("Source: {source}; state and national rows: BLS OEWS {release}.").format(
    source=ctx.oews_source, release=ctx.kb.oews_release) + " " + _(labor.TOP_CODE_NOTE) + " "
    + _("Capped values are drawn at the cap in the chart.") + (" " + note if note else ""))

outlook, prep = st.columns(2)
with outlook:
    st.subheader(_("Outlook"), anchor=False)
    st.markdown(_("- U.S. growth 2024-34: **{growth}**\n- Openings per year in the U.S.: **{openings}**\n"
                  "- Estimated openings per year here: **{local}**").format(
        growth=views.percent(occupation["ep_change_percent"], ctx.lang) or _("not published"),
        openings=labor.count(occupation["ep_openings_thousands"] * 1000, ctx.lang)
        if occupation["ep_openings_thousands"] == occupation["ep_openings_thousands"] else _("not published"),
        local=labor.count(occupation["local_openings"], ctx.lang)
        if occupation["local_openings"] == occupation["local_openings"] else _("not published")))
    if occupation["bright_outlook"]:
        st.markdown("☀️ " + _("O\\*NET Bright Outlook occupation"))
    st.caption(_("Source: {ep}. Local openings = U.S. openings × this area's share of U.S. jobs in the occupation.")
               .format(ep=labor.ep_citation(ctx.kb)) + (" " + labor.figures_note(occupation, _) if occupation["figures_shared"] else ""))
with prep:
    st.subheader(_("Preparation"), anchor=False)
    st.markdown("- " + views.preparation(occupation, _))
    for label, value in ((_("Work experience"), views.bls_label(occupation["ep_work_experience"], _)),
                         (_("On-the-job training"), views.bls_label(occupation["ep_training"], _))):
        if value:
            st.markdown(f"- {label}: {value}")

st.subheader(_("Skills this job uses most"), anchor=False)
top = skills.top_skills(ctx.kb, occupation, _, ctx.lang)
skills_text, skills_chart = st.columns(2)
with skills_text:
    if top:
        for skill in top:
            st.markdown(_("- **{skill}**: {plain} (rank {rank} of 100)").format(
                skill=skill.label, plain=skill.plain, rank=skill.percentile_rank))
        st.caption(_(skills.RANK_MEANING).format(rank=top[0].percentile_rank) + " "
                   + _("Source: {source}.").format(source=top[0].source)
                   + (" " + note_text if (note_text := skills.skills_note(ctx.kb, occupation, _)) else ""))
    else:
        st.write(_("BLS publishes no skills data for this occupation."))
    if styles := skills.work_styles(ctx.kb, code):
        st.markdown(_("**Work styles that matter most here:** {styles}").format(styles=views.md_escape(", ".join(styles))))
        st.caption(_("Source: O\\*NET 30.1 Work Styles (most distinctive for this job; names in English as O\\*NET "
                     "gives them), CC BY 4.0."))
if top:
    ui.chart(skills_chart, "skills", occupation["ep_code"], ctx.lang, lang=ctx.lang)

st.subheader(_("How AI is used in this work"), anchor=False)
use = ai_use.ai_use(ctx.kb, code)
if use is None:
    st.write(_("The AI study did not cover this occupation."))
else:
    st.write(_(ai_use.WHAT_IT_MEASURES))
    st.markdown("**" + ai_use.percentile_text(use, _) + "**")
    most_col, least_col = st.columns(2)
    with most_col:
        st.markdown(_("Activities where AI help was most common:"))
        st.markdown("\n".join("- " + views.md_escape(ai_use.activity_text(a, _, ctx.lang)) for a in use.most))
    with least_col:
        st.markdown(_("Activities where AI help was least common:"))
        st.markdown("\n".join("- " + views.md_escape(ai_use.activity_text(a, _, ctx.lang)) for a in use.least))
    st.info(_(ai_use.CAVEAT) + " " + _(ai_use.PREPARING))
    st.caption(_("Source: {source}. Data: {dates}. Activity titles in English as O\\*NET names them.").format(
        source=_(use.source), dates=_(use.date_range)) + (" " + ai_note if (ai_note := ai_use.ai_note(use, _)) else ""))
    st.markdown(_("[The study on arXiv](https://arxiv.org/abs/2507.07935) · "
                  "[CC BY 4.0 license](https://creativecommons.org/licenses/by/4.0/)"))

st.subheader(_("Related occupations"), anchor=False)
related = views.related(ctx.kb, code, lang=ctx.lang)
for related_code, title in related.items():
    st.button(title, key=f"related_{related_code}", on_click=ui.open_occupation, args=(related_code,))

with st.expander(_("Budget reality check: could this pay cover the life you want?")):
    costs = {}
    cost_cols = st.columns(4)
    for i, (item, default) in enumerate(budget.DEFAULT_MONTHLY.items()):
        costs[item] = cost_cols[i % 4].number_input(_(budget.LABELS[item]), min_value=0, max_value=20000,
                                                    value=default, step=50, key=f"budget_{item}")
    need = budget.check(costs)
    st.markdown(_("You would spend **{month}** a month, **{year}** a year. Before taxes (about 15%), that takes "
                  "about **{gross}** a year.").format(month=labor.money(need.monthly_total, ctx.lang),
                                                      year=labor.money(need.yearly_after_tax, ctx.lang),
                                                      gross=labor.money(need.yearly_before_tax, ctx.lang)))
    for label, column in ((_("Starting pay here"), "annual_p25"), (_("Median pay here"), "annual_median")):
        share = need.covered_share(occupation[column])
        text = labor.pay_text(occupation, column.removeprefix("annual_"), _, ctx.lang)
        st.markdown(_("- {label}: {pay}").format(label=label, pay=text) + (
            "" if share is None else " · " + _("covers {share}% of it").format(share=round(100 * share))))
    st.caption(_("Your numbers stay on this page; nothing is saved. Taxes are a rough estimate."))

import streamlit as st

from explorer import attempts, explain, labor, matching, skills, ui, views, words
from explorer.ui import quiz_state

ctx = ui.context(__file__)
_ = ctx._

st.title(_("Careers that fit you in {area}").format(area=ctx.area_name))
saved = quiz_state.require_saved(_("Take the interest quiz first; careers that fit your interests appear here."))
ui.no_jobs_for_kids(saved, _)

profile = attempts.profile(saved)
local = labor.local_occupations(ctx.kb, ctx.area_code)
source = _("Jobs and pay: {source}. Growth: {ep}.").format(source=ctx.oews_source, ep=labor.ep_citation(ctx.kb, ctx.locale))

for message in explain.caution_messages(profile):
    st.info(_(message))
if profile.cautions or not profile.confident:
    st.button(_("Take the quiz again"), on_click=quiz_state.retake, args=(saved,), key="retake_results")

if not profile.confident:
    st.subheader(_(explain.heading(profile)), anchor=False)
    for message in explain.honest_messages(profile):
        st.warning(_(message))
    st.write(_("So we do not rank careers by fit. Explore by career cluster instead: these are the clusters with "
               "the most jobs here."))
    ui.table(views.cluster_table(matching.explore_by_cluster(local), ctx.locale))
    st.caption(source)
    st.stop()

st.write(_("Your interest code is **{code}**. Fit compares the shape of your six interest scores with each "
           "job's interest profile from O\\*NET, the way O\\*NET's My Next Move does.").format(code=profile.code))


@ui.fragment
def careers() -> None:
    """Filters, the ranked list and the open/compare pickers: changing a filter reruns only this."""
    zone_label, zone_help = views.zone_filter_words(saved.band, _)
    zones = st.multiselect(zone_label, list(views.JOB_ZONE_LABELS), key="zones", select_all=False,
                           format_func=lambda z: views.zone_label(z, _, saved.band),
                           placeholder=_("Any amount of preparation"), help=zone_help)
    cluster_col, priority_col = st.columns(2)
    clusters = cluster_col.multiselect(_("Career cluster"), ui.cluster_names(ctx.area_code), select_all=False,
                                       format_func=words.cluster_names(ctx.lang).get, key="clusters",
                                       placeholder=_("Choose options"))
    priority = priority_col.selectbox(_("Inside each fit band, show first"), list(matching.PRIORITIES), key="priority",
                                      format_func=lambda p: _(matching.PRIORITIES[p]))

    wanted = st.multiselect(_("Jobs that use the skills I want to use (pick up to 3)"),
                            list(skills.SKILLS), format_func=skills.skill_options(ctx.lang).get, max_selections=3,
                            key="wanted_skills", select_all=False, placeholder=_("Choose options"))
    good_too = st.toggle(_("Also show Good fits"), key="good_too")
    view = ui.results_view(saved, ctx.area_code, priority, tuple(zones), tuple(clusters), ctx.lang, tuple(wanted),
                           good_too, ctx.place_key)
    if wanted:
        st.caption(_("Showing jobs that use these skills more than most occupations do (average rank 50 or more). "
                     "Source: {source}.").format(source=skills.source_text(ctx.kb, _)))
    if view.fallback:
        st.warning(views.zone_fallback_text(view.count, view.fallback, _, saved.band))
    st.subheader(_("Jobs that fit you and exist in {area} ({count})").format(area=ctx.area_name, count=view.count),
                 anchor=False)
    ui.texts(st.info, [view.few_note])
    showing = ui.shown_count(view.count)
    table, codes, cards = view.first(showing)
    ui.results_list(table, codes, cards, _, view.members)
    ui.show_more_button(showing, view.count, _)
    st.caption(source + " " + _(
        "Fit: Best, Great or Good; more dots = closer to your interests. The ▼ column sets the "
        "order inside each fit band. ✔ consistent pick: stays in this list's top 10 in at least "
        "70% of 200 reshuffles of your own answers. ☀️ Bright Outlook (O\\*NET). “Jobs and pay "
        "for” names the BLS group whose figures are shown; jobs that share those figures are "
        "listed once, with the others under “Also in this group”.") + " "
        + _("A blank “Jobs and pay for” cell: the occupation's own figures.") + " "
        + _("Jobs that are one job split by subject or specialty (college teachers, physicians, ...) are one row; "
            "the others are listed with it, each with its own fit and pay."))
    ui.elsewhere_list(view, _)

    titles = view.titles
    open_col, compare_col = st.columns(2)
    with open_col:
        chosen = st.selectbox(_("Open an occupation"), list(titles), format_func=titles.get, key="open_choice")
        st.button(_("Open this occupation"), on_click=ui.open_occupation, args=(chosen,), type="primary")
    with compare_col:
        picks = st.multiselect(_("Compare two or three"), list(titles), format_func=titles.get, max_selections=3,
                               key="compare_choice", select_all=False, placeholder=_("Choose options"))
        st.button(_("Compare"), disabled=len(picks) < 2, on_click=ui.compare, args=(picks,))


careers()

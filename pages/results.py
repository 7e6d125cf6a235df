import streamlit as st

from explorer import attempts, labor, matching, quiz, views
from explorer import ui
from explorer.ui import quiz_state

ctx = ui.context()
_ = ctx._

st.title(_("Careers that fit you in {area}").format(area=ctx.area_name))
saved = quiz_state.require_saved(_("Take the interest quiz first; careers that fit your interests appear here."))
if saved.band == "3-5":
    st.info(_("In grades 3-5 we explore interest areas and activities, not job lists. See your profile."))
    st.page_link("pages/profile.py", label=_("My profile"), icon="🧭")
    st.stop()

profile = attempts.profile(saved)
local = labor.local_occupations(ctx.kb, ctx.area_code)
source = _("Jobs and pay: {source}. Growth: {ep}.").format(source=ctx.oews_source, ep=labor.ep_citation(ctx.kb))

if not profile.confident:
    st.warning(_("Your answers show broad interests or need another look, so we do not rank careers by fit. "
                 "Explore by career cluster instead: these are the clusters with the most jobs here."))
    ui.table(views.cluster_table(matching.explore_by_cluster(local), _, ctx.lang))
    st.caption(source)
    st.stop()

st.write(_("Your interest code is **{code}**. Fit compares the shape of your six scores with each occupation's "
           "O\\*NET interest profile (Pearson correlation, as O\\*NET's My Next Move does).").format(code=profile.code))
zone_col, cluster_col, priority_col = st.columns(3)
zones = zone_col.multiselect(_("Preparation (job zone)"), [1, 2, 3, 4, 5], key="zones",
                             format_func=lambda z: _("Zone {zone}: {label}").format(zone=z, label=_(views.JOB_ZONE_LABELS[z])))
clusters = cluster_col.multiselect(_("Career cluster"), sorted(local["career_cluster"].dropna().unique()), key="clusters")
priority = priority_col.selectbox(_("Inside each fit band, show first"), list(matching.PRIORITIES), key="priority",
                                  format_func=lambda p: _(matching.PRIORITIES[p]))

ranked = matching.rank(ui.matcher(), profile.scores, local, job_zones=set(zones), clusters=set(clusters),
                       priorities=[priority])
if zones and (fallback := matching.zone_fallback(ui.matcher(), profile.scores, local, set(zones))):
    st.warning(_("Only {n} occupations in the chosen preparation level fit your interests. Nearby levels have "
                 "more: {options}.").format(n=len(ranked), options=", ".join(
                     _("zone {zone} ({count})").format(zone=z, count=c) for z, c in fallback.items())))
theme_of = {i.id: i.theme for i in quiz.form_items(saved.band, saved.form)}
consistent = matching.consistent_picks(ui.matcher(), saved.answers, theme_of, ranked.index)
shown = ranked.head(40)
ui.table(views.results_table(shown, consistent, _, ctx.lang))
st.caption(source + " " + _("Fit: Best r ≥ .729, Great ≥ .608, Good ≥ 0. ✔ consistent pick: stays in your top 10 "
                             "in at least 70% of 200 reshuffles of your own answers. ☀️ Bright Outlook (O\\*NET). † Jobs and pay "
                             "are for the broader BLS group the occupation belongs to."))

titles = shown["title"].to_dict()
open_col, compare_col = st.columns(2)
with open_col:
    chosen = st.selectbox(_("Open an occupation"), list(titles), format_func=titles.get, key="open_choice")
    st.button(_("Open this occupation"), on_click=ui.open_occupation, args=(chosen,), type="primary")
with compare_col:
    picks = st.multiselect(_("Compare two or three"), list(titles), format_func=titles.get, max_selections=3,
                           key="compare_choice")
    st.button(_("Compare"), disabled=len(picks) < 2, on_click=ui.compare, args=(picks,))

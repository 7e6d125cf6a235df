import streamlit as st

from explorer import ai_use, labor, skills, training, ui
from explorer.ui import quiz_state, session
from explorer.ui.session import KEYS

ctx = ui.context(__file__)
_ = ctx._
ui.no_jobs_for_kids(quiz_state.load_current(), _)

st.title(_("Compare careers"))
local = labor.local_occupations(ctx.kb, ctx.area_code)
titles = labor.occupation_titles(ctx.kb, ctx.lang)[local.index].to_dict()


@ui.fragment
def compare_jobs() -> None:
    """The picker and the tables: changing the jobs compared reruns only this."""
    chosen = st.multiselect(_("Occupations to compare (two or three)"), list(titles), format_func=titles.get,
                            max_selections=3, default=session.get(KEYS.compare, []), key="compare_pick", select_all=False,
                            placeholder=_("Choose options"))
    if len(chosen) < 2:
        st.info(_("Pick two or three occupations. You can also choose them from your results."))
        return
    jobs_table, skills_table = ui.compare_tables(ctx.area_code, tuple(chosen), ctx.lang)
    ui.facts_table(jobs_table)
    st.caption(_("Local figures: {source}. Growth and training: {ep}.").format(source=ctx.oews_source,
                                                                               ep=labor.ep_citation(ctx.kb, ctx.locale)))
    st.markdown("\n".join(["**" + _("Nearest training") + "**", *ui.nearest_training(ctx, chosen, titles)]))
    st.caption(_("Colleges and programs: {source}.").format(source=_(training.IPEDS_CITATION)))
    st.subheader(_("Skills and AI use side by side"), anchor=False)
    ui.facts_table(skills_table)
    st.caption(_("Skill ranks (0 to 100, compared with all occupations): {skills}. AI use: {ai}; {dates}. "
                 "It shows where people used an AI assistant for the job's activities, not the chance of losing the "
                 "job.").format(skills=skills.source_text(ctx.kb, _), ai=_(ai_use.SOURCE), dates=_(ai_use.DATE_RANGE)))


compare_jobs()

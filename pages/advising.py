import streamlit as st

from explorer import advising, attempts, explain
from explorer import ui
from explorer.views import md_escape as esc

ctx = ui.context()
_ = ctx._
user = ui.require_counselor(ctx)

st.title(_("Advising session"))
with st.form("lookup"):
    typed = st.text_input(_("Student's resume code"), placeholder="K7M-Q4T-X9B")
    if st.form_submit_button(_("Look up")):
        st.session_state["advising_code"] = typed
code = st.session_state.get("advising_code")
if not code:
    st.stop()
try:
    view = advising.look_up(code)
except attempts.ResumeCodeError as problem:
    st.error(problem.message(_))
    st.stop()

profile = view.profile
st.header(_("Interest code: {code}").format(code=profile.code.letters) if profile.confident
          else _(explain.heading(profile)), anchor=False)
for message in explain.honest_messages(profile):
    st.warning(_(message))
for message in explain.caution_messages(profile):
    st.info(_(message))
st.caption(_("Quizzes finished in this portfolio: {n}. Latest: grades {band}, {form} form.").format(
    n=view.history, band=view.latest.band, form=view.latest.form))
ui.chart(st, "bar", ui.scores_key(profile.scores), profile.max_score, profile.band, lang=ctx.lang)

left, right = st.columns(2)
with left:
    st.subheader(_("Favourites and pathway progress"), anchor=False)
    for occupation in view.favourites or []:
        steps = view.plan.get(occupation, {})
        st.markdown(_("- {title}: {done} of {total} steps done").format(
            title=ctx.kb.occupations.loc[occupation, "title"], done=sum(steps.values()), total=6))
    if not view.favourites:
        st.write(_("No favourites yet."))
with right:
    st.subheader(_("Prompts for the conversation"), anchor=False)
    for prompt in view.prompts:
        st.markdown(f"- {_(prompt)}")

st.subheader(_("Notes and next steps"), anchor=False)
with st.form("note", clear_on_submit=True):
    note = st.text_area(_("Note"))
    next_step = st.text_input(_("Next step"))
    due = st.date_input(_("Due"), value=None)
    if st.form_submit_button(_("Save note")):
        try:
            advising.add_note(view.portfolio_code, user, note, next_step, due)
            st.success(_("Note saved."))
        except ValueError:
            st.error(_("Write a note before saving."))
for item in advising.notes(view.portfolio_code):
    due_text = _(" · due {date}").format(date=item.due_on.isoformat()) if item.due_on else ""
    st.markdown(f"**{item.created_at:%Y-%m-%d}** · {esc(item.counselor)}{due_text}  \n{esc(item.note)}"
                + (f"  \n→ {esc(item.next_step)}" if item.next_step else ""))

import streamlit as st

from explorer import advising, advising_view, attempts, ui
from explorer.ui import session
from explorer.ui.session import KEYS

ctx = ui.context(__file__)
_ = ctx._
user = ui.require_counselor(ctx)

st.title(_("Advising session"))
with st.form("lookup"):
    typed = st.text_input(_("Student's resume code"), placeholder="K7M-Q4T-X9B")
    if st.form_submit_button(_("Look up")):
        session.put(KEYS.advising_code, typed)
if not (code := session.text(KEYS.advising_code)):
    st.stop()
try:
    student = advising.look_up(code)
except attempts.ResumeCodeError as problem:
    st.error(problem.message(_))
    st.stop()

view = advising_view.with_careers(advising_view.advising_view(student, ctx.kb, ctx.locale), student, ctx.kb,
                                  ui.matcher(), ctx.area_code, ctx.locale)
st.header(view.heading, anchor=False)
ui.texts(st.warning, view.warnings)
ui.texts(st.info, view.cautions)
st.caption(view.history)
ui.chart(st, "student_bar", ui.scores_key(student.profile.scores), student.profile.max_score, student.profile.band,
         lang=ctx.lang)

ui.advising_careers(view, student.latest.resume_code, _)
st.subheader(_("Prompts for the conversation"), anchor=False)
ui.texts(st.markdown, view.prompts)

st.subheader(_("Notes and next steps"), anchor=False)
with st.form("note", clear_on_submit=True):
    note = st.text_area(_("Note"))
    next_step = st.text_input(_("Next step"))
    due = st.date_input(_("Due"), value=None)
    if st.form_submit_button(_("Save note")):
        try:
            advising.add_note(student.portfolio_code, user, note, next_step, due)
            st.success(_("Note saved."))
        except ValueError:
            st.error(_("Write a note before saving."))
ui.texts(st.markdown, [advising_view.note_text(item, ctx.locale) for item in advising.notes(student.portfolio_code)])

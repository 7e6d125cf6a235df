import streamlit as st

from explorer import ui
from explorer.ui import quiz_screens, quiz_state, session
from explorer.ui.session import KEYS

ctx = ui.context(__file__)
_ = ctx._
if quiz_state.finished_just_now():
    st.switch_page("pages/profile.py")

st.title(_("Interest quiz"))
if bad := session.pop(KEYS.quiz_error):
    st.error(_("The link had a resume code that cannot be right ({code}). Type your code below or start again.")
             .format(code=ui.md_escape(bad)))
saved = quiz_state.load_current()
quiz_state.write_quiz_cookie(in_sidebar=False)  # the run after Start may draw no sidebar

if saved is None:
    st.write(_("Rate how much you would like doing each activity. There are no right or wrong answers, and you "
               "don't need to know how to do it. You need no account and we never ask your name."))
    new, resume = st.columns(2, gap="large")
    with new:
        quiz_screens.start_form(ctx)
    with resume:
        quiz_screens.resume_form(ctx)
    st.stop()

if saved.finished:
    quiz_screens.finished(saved, ctx)
    st.stop()

st.info(_("Your resume code is **{code}**. Write it down: with it you can come back on any device.")
        .format(code=saved.resume_code))
quiz_screens.continue_link(saved.resume_code, ctx)
quiz_state.answer_scale_style()
quiz_screens.quiz_screen(ctx)
quiz_screens.start_over(saved, ctx)

"""The quiz page's screens: start or continue a quiz, one screen of items, finished, start over."""
from __future__ import annotations

import streamlit as st

from explorer import attempts, guessing, quiz, settings
from explorer.attempts import SavedQuiz
from explorer.ui import navigation, quiz_state, session
from explorer.ui.context import Context
from explorer.ui.session import KEYS
from explorer.views import md_escape


def start_form(ctx: Context) -> None:
    """Grade band (no silent default: it picks the wording and the scale), length, optional class."""
    _ = ctx._
    band_labels = {"3-5": _("Grades 3-5"), "6-8": _("Grades 6-8"), "9-12": _("Grades 9-12")}
    form_labels = {"quick": _("Quick: 30 activities, about 5 minutes"), "full": _("Full: 60 activities, about 10 minutes")}
    st.subheader(_("Start a new quiz"))
    st.page_link("pages/k2.py", label=_("Grades K-2: visit the six places instead (no reading needed)"), icon="🌈")
    band = st.radio(_("Your grade"), list(band_labels), format_func=band_labels.get, horizontal=True, index=None)
    form = st.radio(_("Quiz length"), quiz.FORMS_BY_BAND[band], format_func=form_labels.get) if band else None
    class_code = st.text_input(_("Class code from your teacher (optional)"), placeholder="C-XXX-XXX-XXX")
    grades: list[int | None] = [None, *quiz.GRADES_BY_BAND.get(band or "", ())]
    grade = st.selectbox(_("Your exact grade (optional)"), grades,
                         format_func=lambda g: "—" if g is None else str(g), disabled=band is None)
    groups = {field: st.text_input(_("{field} (optional)").format(field=md_escape(field)), key=f"group_{field}")
              for field in quiz_state.class_fields(class_code)}
    st.caption(_("Joining a class shares only your answers and results with it, never your name."))
    if band is None:
        st.caption(_("Choose your grade to start."))
    if st.button(_("Start the quiz"), type="primary", disabled=band is None) and band and form:
        problem = quiz_state.start_and_join(band, form, ctx.lang, class_code, grade, groups, _)
        if problem:
            st.error(_("That class code does not work: {reason}").format(reason=problem))
        else:
            st.rerun()


def resume_form(ctx: Context) -> None:
    _ = ctx._
    st.subheader(_("Continue a quiz"))
    with st.form("resume"):
        typed = st.text_input(_("Your resume code"), placeholder="K7M-Q4T-X9B", max_chars=15)
        if st.form_submit_button(_("Continue")):
            try:
                code = attempts.normalize_code(typed)
                quiz_state.find_quiz(code)
            except (attempts.ResumeCodeError, guessing.GuessError) as problem:
                st.error(problem.message(_))
            else:
                quiz_state.use_code(code)
                st.rerun()


def continue_link(code: str, ctx: Context) -> None:
    """The one place the resume code is put in a link: when the student asks for one, to continue
    on another device (the address bar never shows it)."""
    _ = ctx._
    with st.expander(_("A link to continue on another device")):
        st.caption(_("Anyone with this link can see and change your answers: keep it to yourself."))
        st.code(settings.app_url(f"quiz?code={code}", getattr(st.context, "url", None)), language=None)


def finished(saved: SavedQuiz, ctx: Context) -> None:
    """Read-only: changing a finished quiz would silently change results already shared."""
    _ = ctx._
    st.success(_("You finished this quiz (resume code {code}). Your answers are kept as they are.")
               .format(code=saved.resume_code))
    left, right = st.columns(2)
    left.button(_("See my profile"), type="primary", on_click=navigation.go, args=("pages/profile.py",))
    right.button(_("Take the quiz again"), on_click=quiz_state.retake, args=(saved,), key="retake_quiz")


@navigation.fragment
def quiz_screen(ctx: Context) -> None:
    """One screen of items: an answer or Back/Next reruns only this part, not the page, sidebar and
    region list (each answer is still saved by its radio's callback before anything else runs)."""
    _ = ctx._
    if quiz_state.finished_just_now():
        st.switch_page("pages/profile.py")
    saved = quiz_state.load_current()
    if saved is None or saved.finished:  # started over, or finished in another tab: redraw the page
        st.rerun(scope="app")
    items = quiz.form_items(saved.band, saved.form, ctx.lang)
    screens = quiz.groups(items)
    page = min(st.session_state.setdefault(KEYS.quiz_page, saved.page), len(screens) - 1)
    answered = len(saved.answers)
    st.progress(answered / len(items), text=_("{done} of {total} answered · screen {page} of {pages}")
                .format(done=answered, total=len(items), page=page + 1, pages=len(screens)))
    if problem := session.pop(KEYS.save_error):
        reason = problem.message(_) if isinstance(problem, attempts.ResumeCodeError) else str(problem)
        st.error(_("That answer was not saved: {reason}").format(reason=reason))
    elif quiz_state.changed_elsewhere(saved, screens[page]):
        st.info(_("This quiz was changed in another tab or on another device; these are its latest answers."))
    for item in screens[page]:
        quiz_state.answer_radio(item, saved.resume_code, saved.answers.get(item.id), _)
    quiz_state.move_focus_to(screens[page][0], page)
    back, forward, finish = st.columns(3)
    back.button(_("← Back"), disabled=page == 0, on_click=quiz_state.go_to_page,
                args=(saved.resume_code, page - 1), width="stretch")
    forward.button(_("Next →"), disabled=page == len(screens) - 1, on_click=quiz_state.go_to_page,
                   args=(saved.resume_code, page + 1), width="stretch", type="primary")
    if answered == len(items):
        finish.button(_("See my results"), type="primary", width="stretch", on_click=quiz_state.finish,
                      args=(saved.resume_code, ctx.area_code))
    else:
        finish.caption(_("Answer every activity to see your results ({left} left).")
                       .format(left=len(items) - answered))


def start_over(saved: SavedQuiz, ctx: Context) -> None:
    """"Start over" asks first: the quiz stays saved, but only its code brings it back."""
    _ = ctx._
    if session.flag(KEYS.confirm_start_over):
        st.warning(_("Start a new quiz? This one stays saved under {code}; write the code down to come back to it.")
                   .format(code=saved.resume_code))
        yes, no = st.columns(2)
        yes.button(_("Yes, start a new quiz"), on_click=quiz_state.start_over, type="primary")
        no.button(_("Cancel"), on_click=session.forget, args=(KEYS.confirm_start_over,))
    else:
        st.button(_("Start over with a new quiz"), on_click=session.put, args=(KEYS.confirm_start_over, True))

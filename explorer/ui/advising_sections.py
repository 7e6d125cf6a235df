"""The advising page's careers: the student's top matches and favourites, each opening the student's
own pathway, and a button to the student's results (the counselor's session then shows that student)."""
from __future__ import annotations

import streamlit as st

from explorer.advising_view import AdvisingView, CareerLine
from explorer.i18n import Translator
from explorer.ui import navigation, quiz_state, session
from explorer.ui.session import KEYS


def open_student_results(resume_code: str) -> None:
    """Callback: the student's results page, as the student sees it."""
    quiz_state.use_code(resume_code)
    navigation.go("pages/results.py")


def open_student_pathway(resume_code: str, onet_code: str) -> None:
    """Callback: the student's pathway to one occupation."""
    quiz_state.use_code(resume_code)
    session.put(KEYS.occupation, onet_code)
    navigation.go("pages/pathway.py")


def _rows(items: list[CareerLine], resume_code: str, key: str, _: Translator) -> None:
    for item in items:
        text, button = st.columns([4, 1], vertical_alignment="center")
        text.markdown(item.line)
        button.button(_("Pathway"), key=f"{key}_{item.code}", on_click=open_student_pathway,
                      args=(resume_code, item.code), help=_("Open the student's pathway to this job"))


def advising_careers(view: AdvisingView, resume_code: str, _: Translator) -> None:
    st.subheader(_("The student's top matches here"), anchor=False)
    _rows(view.top_matches, resume_code, "match", _)
    if not view.top_matches:
        st.write(_("No fits are ranked for this quiz (see the notes above)."))
    st.button(_("Open the student's results"), on_click=open_student_results, args=(resume_code,))
    st.subheader(_("The student's favourites and pathway progress"), anchor=False)
    _rows(view.favourites, resume_code, "favourite", _)
    if not view.favourites:
        st.write(view.no_favourites)
    st.caption(view.matches_caption)

"""The pathway page's steps on screen: one small renderer per step kind, laying out its text.

The text itself comes ready from :mod:`explorer.pathway_view`; a renderer only chooses Markdown,
caption or expander for each piece.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer.attempts import SavedQuiz
from explorer.pathway_view import CredentialsView, DualEnrollmentView, JobView, ListView, StepView, WorkBasedLearningView
from explorer.ui.context import Context
from explorer.ui.plan import step_checkbox
from explorer.ui.widgets import texts, where_else


def _captions(*lines: str) -> None:
    texts(st.caption, list(lines))


def _list(body: ListView, ctx: Context) -> None:
    texts(st.markdown, body.lines)


def _dual_enrollment(body: DualEnrollmentView, ctx: Context) -> None:
    for line in body.courses:
        st.markdown(line)
    if body.total:
        st.markdown(body.total)
    _captions(body.short_of_target, body.barriers, body.supports)


def _work_based_learning(body: WorkBasedLearningView, ctx: Context) -> None:
    for rung in body.rungs:
        st.markdown(rung.line)
        _captions(rung.barriers, rung.supports, rung.skills)


def _credentials(body: CredentialsView, ctx: Context) -> None:
    for credential in body.credentials:
        st.markdown("\n".join([credential.line, *credential.details]))
        with st.expander(ctx._("Why this label")):
            for line in credential.evidence:
                st.markdown(line)


def _job(body: JobView, ctx: Context) -> None:
    st.markdown(body.line)
    _captions(body.note, body.source)
    if body.show_where_else:
        where_else(ctx, body.oews_code, body.published_anywhere)


RENDERERS: dict[str, Callable[[Any, Context], None]] = {
    "now": _list, "program": _list, "dual_enrollment": _dual_enrollment, "work_based_learning": _work_based_learning,
    "credentials": _credentials, "postsecondary": _list, "job": _job,
}


def pathway_step(step: StepView, ctx: Context, saved: SavedQuiz | None, code: str, done: bool) -> None:
    """One step in its box: title, the student's "Done" box, what is missing, then the step's own content."""
    with st.container(border=True):
        st.subheader(step.title, anchor=False)
        if saved is not None and step.checkable:
            step_checkbox(saved, code, step.kind, done, ctx._)
        if step.missing:
            (st.warning if step.missing_is_warning else st.info)(step.missing)
        RENDERERS[step.kind](step.body, ctx)

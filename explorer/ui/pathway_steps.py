"""The pathway page's steps on screen: one small renderer per step kind, laying out its text.

The text itself comes ready from :mod:`explorer.pathway_view`; a renderer only chooses Markdown,
caption or expander for each piece.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from explorer.attempts import SavedQuiz
from explorer.pathway_view import (
    CredentialsView,
    DualEnrollmentView,
    JobView,
    ListView,
    PostsecondaryView,
    PublicRowsView,
    StepView,
    WorkBasedLearningView,
)
from explorer.training_view import TrainingView
from explorer.ui.context import Context
from explorer.ui.plan import step_checkbox
from explorer.ui.widgets import texts, where_else


def _captions(*lines: str) -> None:
    texts(st.caption, list(lines))


def _list(body: ListView, ctx: Context) -> None:
    texts(st.markdown, body.lines)


def _public(rows: PublicRowsView | None) -> None:
    """Rows from public data, after the district's, marked as such with their sources."""
    if rows is not None:
        st.markdown("\n".join([f"**{rows.label}**", *rows.lines]))
        st.caption("\n\n".join(rows.sources))


def training_programs(view: TrainingView, ctx: Context, *after: str) -> None:
    """Colleges near the student, grouped by award level, with one "more" box: few elements, since
    every element costs each rerun. ``after`` are captions to add under the sources."""
    blocks = [f"**{view.heading}**"]
    blocks += ["\n".join([f"##### {group.title}", *group.lines]) for group in view.groups]
    if view.note:
        st.info(view.note)
    st.markdown("\n\n".join(blocks))
    more = [group for group in view.groups if group.more]
    if more:
        with st.expander(ctx._("{n} more").format(n=sum(len(group.more) for group in more))):
            st.markdown("\n\n".join("\n".join([f"##### {group.title}", *group.more]) for group in more))
    st.caption("\n\n".join(line for line in (*view.sources, *after) if line))


def _dual_enrollment(body: DualEnrollmentView, ctx: Context) -> None:
    for line in body.courses:
        st.markdown(line)
    if body.total:
        st.markdown(body.total)
    _captions(body.short_of_target, body.barriers, body.supports)
    _public(body.public)


def _work_based_learning(body: WorkBasedLearningView, ctx: Context) -> None:
    for rung in body.rungs:
        st.markdown(rung.line)
        _captions(rung.barriers, rung.supports, rung.skills)
    _public(body.public)


def _credentials(body: CredentialsView, ctx: Context) -> None:
    for credential in body.credentials:
        st.markdown("\n".join([credential.line, *credential.details]))
        with st.expander(ctx._("Why this label")):
            for line in credential.evidence:
                st.markdown(line)
    _public(body.public)


def _postsecondary(body: PostsecondaryView, ctx: Context) -> None:
    texts(st.markdown, body.lines)
    if body.training is not None:
        training_programs(body.training, ctx, body.comparison)


def _job(body: JobView, ctx: Context) -> None:
    st.markdown(body.line)
    _captions(body.note, body.source)
    if body.show_where_else:
        where_else(ctx, body.oews_code, body.published_anywhere)


RENDERERS: dict[str, Callable[[Any, Context], None]] = {
    "now": _list, "program": _list, "dual_enrollment": _dual_enrollment, "work_based_learning": _work_based_learning,
    "credentials": _credentials, "postsecondary": _postsecondary, "job": _job,
}


def pathway_step(step: StepView, ctx: Context, saved: SavedQuiz | None, code: str, done: bool,
                 notes: list[str] | None = None) -> None:
    """One step in its box: title, the student's "Done" box, what is missing, the step's own content,
    then ``notes`` (e.g. how the district's graduates of the step's programs fared)."""
    with st.container(border=True):
        st.subheader(step.title, anchor=False)
        if saved is not None and step.checkable:
            step_checkbox(saved, code, step.kind, done, ctx._)
        if step.missing:
            (st.warning if step.missing_is_warning else st.info)(step.missing)
        if step.district_label:
            st.caption(step.district_label)
        RENDERERS[step.kind](step.body, ctx)
        if notes:
            st.caption("\n\n".join(notes))

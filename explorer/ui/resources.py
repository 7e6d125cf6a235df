"""Shared, read-only objects cached once per process (the knowledge base, the fitted matcher)."""
from __future__ import annotations

import streamlit as st

from explorer import data, matching
from explorer.data import KnowledgeBase


@st.cache_resource(show_spinner=False)
def knowledge_base() -> KnowledgeBase:
    return data.knowledge_base()


@st.cache_resource(show_spinner=False)
def matcher() -> matching.Matcher:
    """The similarity model fitted on the 923 occupation profiles, shared by every session."""
    return matching.Matcher.from_occupations(knowledge_base().occupations)

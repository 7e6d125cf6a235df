"""Career Pathways Explorer: entry point. Page setup, shared sidebar, navigation; nothing else."""
import streamlit as st

from explorer import ui

st.set_page_config(page_title="Career Pathways Explorer", page_icon="🧭", layout="wide")
ctx = ui.sidebar()
_ = ctx._
pages = [
    st.Page("pages/home.py", title=_("Home"), icon="🏠", default=True),
    st.Page("pages/quiz.py", title=_("Interest quiz"), icon="📝", url_path="quiz"),
    st.Page("pages/profile.py", title=_("My profile"), icon="🧭", url_path="profile"),
    st.Page("pages/occupations.py", title=_("Occupations near you"), icon="📋", url_path="occupations"),
]
page = st.navigation(pages)
ui.follow_deep_link()
page.run()
ui.attribution(ctx)

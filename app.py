"""Career Pathways Explorer: entry point. Page setup, shared sidebar, navigation; nothing else."""
import streamlit as st

from explorer import ui

st.set_page_config(page_title="Career Pathways Explorer", page_icon="🧭", layout="wide")
ctx = ui.sidebar()
_ = ctx._
ui.require_database(_)


def app_pages() -> list[st.Page]:
    """Student pages, then the counselor's (only once signed in)."""
    pages = [
        st.Page("pages/home.py", title=_("Home"), icon="🏠", default=True),
        st.Page("pages/quiz.py", title=_("Interest quiz"), icon="📝", url_path="quiz"),
        st.Page("pages/profile.py", title=_("My profile"), icon="🧭", url_path="profile"),
        st.Page("pages/results.py", title=_("Careers that fit me"), icon="🎯", url_path="results"),
        st.Page("pages/occupation.py", title=_("Occupation details"), icon="🔎", url_path="occupation"),
        st.Page("pages/pathway.py", title=_("My pathway"), icon="🪜", url_path="pathway"),
        st.Page("pages/compare.py", title=_("Compare careers"), icon="⚖️", url_path="compare"),
        st.Page("pages/portfolio.py", title=_("My portfolio"), icon="⭐", url_path="portfolio"),
        st.Page("pages/occupations.py", title=_("Occupations near you"), icon="📋", url_path="occupations"),
        st.Page("pages/family.py", title=_("Family view"), icon="👪", url_path="family"),
    ]
    if not signed_in:
        return [*pages, st.Page("pages/login.py", title=_("Counselor login"), icon="🔐", url_path="login")]
    return [
        *pages,
        st.Page("pages/advising.py", title=_("Advising session"), icon="🗣️", url_path="advising"),
        st.Page("pages/classes.py", title=_("Classes and dashboard"), icon="🏫", url_path="classes"),
        st.Page("pages/catalog.py", title=_("District catalog"), icon="🗂️", url_path="catalog"),
        st.Page("pages/audit.py", title=_("Pathway audit"), icon="📊", url_path="audit"),
        st.Page("pages/quiz_quality.py", title=_("Quiz quality"), icon="🔬", url_path="quiz-quality"),
        st.Page("pages/login.py", title=_("Counselor account"), icon="🔐", url_path="login"),
    ]


signed_in = ui.counselor() is not None
# One flat list: Streamlit's section headers sit inside the <ul> of the navigation, which axe-core
# reports as a serious accessibility violation (list / listitem).
page = st.navigation(ui.session_pages(app_pages, ctx.lang, signed_in), expanded=True)
ui.follow_deep_link()
ui.follow_navigation()
ui.close_menu_on_phone(page.url_path)
page.run()
ui.attribution(ctx)

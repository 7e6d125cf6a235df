"""Career Pathways Explorer: entry point. Page setup, shared sidebar, navigation; nothing else."""
import streamlit as st

from explorer import ui
from explorer.i18n import N_

st.set_page_config(page_title="Career Pathways Explorer", page_icon="🧭", layout="wide")
ui.note_cold_start()
ctx = ui.sidebar()
_ = ctx._
ui.page_head(ctx.lang)
ui.require_database(_)


# (script, title, icon, URL path): students' pages, then the counselor's once signed in.
STUDENT_PAGES = [
    ("pages/home.py", N_("Home"), "🏠", ""),
    ("pages/quiz.py", N_("Interest quiz"), "📝", "quiz"),
    ("pages/k2.py", N_("Six places (K-2)"), "🌈", "k2"),
    ("pages/profile.py", N_("My profile"), "🧭", "profile"),
    ("pages/results.py", N_("Careers that fit me"), "🎯", "results"),
    ("pages/occupation.py", N_("Occupation details"), "🔎", "occupation"),
    ("pages/pathway.py", N_("My pathway"), "🪜", "pathway"),
    ("pages/compare.py", N_("Compare careers"), "⚖️", "compare"),
    ("pages/portfolio.py", N_("My portfolio"), "⭐", "portfolio"),
    ("pages/occupations.py", N_("Occupations near you"), "📋", "occupations"),
    ("pages/family.py", N_("Family view"), "👪", "family"),
    ("pages/outcomes.py", N_("Where our graduates landed"), "🎓", "outcomes"),
]
NO_DATA_PAGES = {"k2"}
SIGNED_OUT_PAGES = [("pages/login.py", N_("Counselor login"), "🔐", "login")]
COUNSELOR_PAGES = [
    ("pages/advising.py", N_("Advising session"), "🗣️", "advising"),
    ("pages/classes.py", N_("Classes and dashboard"), "🏫", "classes"),
    ("pages/catalog.py", N_("District catalog"), "🗂️", "catalog"),
    ("pages/audit.py", N_("Pathway audit"), "📊", "audit"),
    ("pages/quiz_quality.py", N_("Quiz quality"), "🔬", "quiz-quality"),
    ("pages/login.py", N_("Counselor account"), "🔐", "login"),
]


def app_pages() -> list[st.Page]:
    listed = STUDENT_PAGES + (COUNSELOR_PAGES if signed_in else SIGNED_OUT_PAGES)
    return [st.Page(script, title=_(title), icon=icon, url_path=path or None, default=not path)
            for script, title, icon, path in listed]


signed_in = ui.counselor() is not None
# One flat list: Streamlit's section headers sit inside the <ul> of the navigation, which axe-core
# reports as a serious accessibility violation (list / listitem).
page = st.navigation(ui.session_pages(app_pages, ctx.lang, signed_in), expanded=True)
ui.follow_deep_link()
ui.follow_navigation()
ui.close_menu_on_phone(page.url_path)
page.run()
if page.url_path not in NO_DATA_PAGES:  # credits belong where data are shown; K-2 shows none
    ui.attribution(ctx)
ui.settle_cold_start()

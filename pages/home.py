import streamlit as st

from explorer import ui

ctx = ui.context()
_ = ctx._

st.title(_("Career Pathways Explorer"))
st.write(_("Find careers that fit what you like to do and that exist where you live, then see the steps "
           "that lead there, starting this school year."))
st.info(_("Your region: **{area}**. Change it in the sidebar; every wage and job count follows it.")
        .format(area=ctx.area_name))
st.page_link("pages/occupations.py", label=_("See occupations in your region"), icon="📋")

import streamlit as st

from explorer import ui

ctx = ui.context(__file__)
_ = ctx._
user = ui.counselor()
if user:
    st.title(_("Counselor tools"))
    st.write(_("Logged in as {user}.").format(user=user))
    st.button(_("Log out"), on_click=ui.logout)
else:
    ui.login_form(ctx)

import streamlit as st

from explorer import ui
from explorer.ui import k2_screens

ctx = ui.context(__file__)
_ = ctx._
st.title("🌈 " + _("Visit the six places"))
st.caption(_("For grades K-2: listen, look, and tap a face. No reading needed, no scores."))
k2_screens.activity(ctx)
k2_screens.for_teachers(ctx)

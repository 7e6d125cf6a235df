import streamlit as st

from explorer import places, ui, views
from explorer.ui import session
from explorer.ui.session import KEYS

ctx = ui.context(__file__)
_ = ctx._

st.title(_("Career Pathways Explorer"))
st.write(_("Find careers that fit what you like to do and that exist where you live, then see the steps "
           "that lead there, starting this school year."))

st.subheader(_("Where do you live?"), anchor=False)
with st.form("where"):
    st.text_input(_("ZIP code or town"), key=KEYS.where_text, placeholder=_("e.g. 71301 or Pineville, LA"))
    st.form_submit_button(_("Find my area"), on_click=ui.find_place, args=(KEYS.where_text,))
result = session.get(KEYS.place_lookup, None)
if result is not None and result.problem:
    st.warning(_(places.PROBLEMS[result.problem]).format(text=result.text))
elif result is not None and len(result.places) > 1:
    labels = views.place_labels(result.places, ctx.kb.regions, _)
    st.radio(_("Several places match. Which one is yours?"), range(len(labels)), format_func=labels.__getitem__,
             key=KEYS.place_choice, index=None, on_change=ui.choose_place_from, args=(KEYS.place_choice,))
if chosen := session.text(KEYS.place_chosen):
    st.success(_("{place}: jobs and pay are shown for **{area}**.").format(place=chosen, area=ctx.area_name))
else:
    st.info(_("Your region: **{area}**. Change it above or in the sidebar; every wage and job count follows it.")
            .format(area=ctx.area_name))
st.caption(_("ZIP codes: U.S. Census Bureau 2020 ZIP Code Tabulation Areas; areas: BLS OEWS May 2025 area "
             "definitions.") + " " + _(places.GEONAMES_CREDIT))

left, right = st.columns(2)
left.button(_("Take the interest quiz"), type="primary", icon="📝", on_click=ui.go, args=("pages/quiz.py",))
right.page_link("pages/occupations.py", label=_("See occupations in your region"), icon="📋")

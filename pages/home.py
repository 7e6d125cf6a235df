import streamlit as st

from explorer import places
from explorer import ui

ctx = ui.context(__file__)
_ = ctx._

st.title(_("Career Pathways Explorer"))
st.write(_("Find careers that fit what you like to do and that exist where you live, then see the steps "
           "that lead there, starting this school year."))

st.subheader(_("Where do you live?"), anchor=False)
with st.form("where"):
    st.text_input(_("ZIP code or town"), key="where_text", placeholder=_("e.g. 71301 or Pineville, LA"))
    st.form_submit_button(_("Find my area"), on_click=ui.find_place, args=("where_text",))
result = st.session_state.get("place_lookup")
if result is not None and result.problem:
    st.warning(_(places.PROBLEMS[result.problem]).format(text=result.text))
elif result is not None and len(result.places) > 1:
    labels = [p.label if p.share >= 1 else _("{place}: {share}% of its land is in {area}").format(
        place=p.label, share=round(100 * p.share), area=ctx.kb.regions.loc[p.area_code, "name"])
        for p in result.places]
    if result.places[0].key.startswith("t:"):
        labels = [_("{place} (jobs and pay: {area})").format(place=p.label, area=ctx.kb.regions.loc[p.area_code, "name"])
                  for p in result.places]
    st.radio(_("Several places match. Which one is yours?"), range(len(labels)), format_func=labels.__getitem__,
             key="place_choice", index=None, on_change=ui.choose_place_from, args=("place_choice",))
if chosen := st.session_state.get("place_chosen"):
    st.success(_("{place}: jobs and pay are shown for **{area}**.").format(place=chosen, area=ctx.area_name))
else:
    st.info(_("Your region: **{area}**. Change it above or in the sidebar; every wage and job count follows it.")
            .format(area=ctx.area_name))
st.caption(_("ZIP codes: U.S. Census Bureau 2020 ZIP Code Tabulation Areas; areas: BLS OEWS May 2025 area "
             "definitions.") + " " + _(places.GEONAMES_CREDIT))

left, right = st.columns(2)
left.button(_("Take the interest quiz"), type="primary", icon="📝", on_click=ui.go, args=("pages/quiz.py",))
right.page_link("pages/occupations.py", label=_("See occupations in your region"), icon="📋")

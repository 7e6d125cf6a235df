import streamlit as st

from explorer import classes, privacy, ui, views
from explorer.ui import k2_screens

ctx = ui.context(__file__)
_ = ctx._
user = ui.require_counselor(ctx)

st.title(_("Classes and dashboard"))
with st.form("new_class", clear_on_submit=True):
    st.subheader(_("Create a class"), anchor=False)
    name = st.text_input(_("Class name"), placeholder=_("e.g. Period 3 Career Exploration"))
    fields = st.text_input(_("Optional self-reported fields students may fill in (separate with ';')"),
                           placeholder=_("e.g. campus; program"))
    st.caption(_("Students stay anonymous. Fields are optional for them, used only for group summaries, and any "
                 "group with fewer than {k} students is hidden.").format(k=privacy.min_group()))
    in_area = st.checkbox(_("Students who join start in {area}").format(area=ctx.area_name), value=True)
    if st.form_submit_button(_("Create")):
        try:
            code = classes.create_class(name, user, fields.split(";"), area_code=ctx.area_code if in_area else "")
            st.success(_("Class created. Students join with the code {code}.").format(code=code))
        except classes.ClassError as problem:
            st.error(_("The class was not created: {reason}").format(reason=problem.message(_)))

mine = classes.classes(user)
if not mine:
    st.stop()
by_code = {c.class_code: c for c in mine}
chosen = st.selectbox(_("Class"), list(by_code), format_func=lambda code: f"{by_code[code].name} ({code})")
by = st.selectbox(_("Split by"), [None, "grade", *classes.group_fields(by_code[chosen])],
                  format_func=lambda field: views.split_label(field, _))
joined, done = classes.own_counts(chosen)
st.markdown(_("**Your class {name}:** {joined} students joined, {finished} finished the quiz.").format(
    name=views.md_escape(by_code[chosen].name), joined=joined, finished=done))
tables = classes.dashboard(ctx.kb, chosen, ctx.area_code, by)
k = int(tables["notes"]["min_group"])
ui.texts(st.info, [views.release_notice(tables["notes"], _), views.dashboard_notice(tables["notes"], _)])
ui.table(views.completion_view(tables["completion"], _))
st.subheader(_("Interest areas among each student's top three"), anchor=False)
ui.table(views.themes_view(tables["themes"], _))
st.subheader(_("Three-letter interest codes (whole class)"), anchor=False)
ui.table(views.full_codes_view(tables["full_codes"], _))
st.subheader(_("Most favoured careers and local demand"), anchor=False)
ui.table(views.favourites_view(tables["favourites"], ctx.locale))
k2_screens.class_visits(chosen, ctx)
st.download_button(_("Download the dashboard (CSV)"), classes.export_csv(tables), file_name=f"class-{chosen}.csv",
                   mime="text/csv")
st.caption(_("No figure describes fewer than {k} students: small counts show as <{k}, and further cells are hidden "
             "(—) where a small one could be worked out by subtraction; groups, codes and careers held by fewer than "
             "{k} students are not listed by name. Local openings: {source}, BLS Employment Projections 2024-34.")
           .format(k=k, source=ctx.oews_source))

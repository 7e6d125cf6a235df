import streamlit as st

from explorer import family_view, portfolio, ui, views

ctx = ui.context(__file__)
_ = ctx._
st.title(_("A student's career exploration"))
token = st.query_params.get("share", "")
if not token:  # opened from the menu, not from a family link
    ui.explain_family_link(_)
try:
    owner = portfolio.open_share_link(token)
except portfolio.PortfolioError:
    st.error(_("This family link is not valid: it was revoked or mistyped. Ask the student for a new one."))
    st.stop()
history = portfolio.history(owner)
if not history:
    st.info(_("The student has not finished a quiz yet."))
    st.stop()
saved, profile, _when = history[-1]
interests = family_view.interests(profile, ctx.locale)
st.header(interests.heading, anchor=False)
ui.texts(st.markdown, ["- " + line for line in interests.meanings])
ui.texts(st.caption, [interests.code_note])
ui.chart(st, "family_bar", ui.scores_key(profile.scores), profile.max_score, profile.band, lang=ctx.lang)
if profile.band != "3-5":  # grades 3-5 see no jobs or pay
    st.subheader(_("Careers your child saved, here"), anchor=False)
    saved_careers = family_view.careers(ctx.kb, portfolio.favourites(owner), ctx.area_code, ctx.locale)
    ui.texts(st.markdown, [f"- **{views.md_escape(c.title)}**: {c.figures} {c.note}" for c in saved_careers]
             or [_("No saved careers yet: your child can mark careers with ☆ on their page.")])
    st.caption(family_view.source(ctx.kb, ctx.area_code, ctx.locale))
st.caption(_("Read-only view shared by the student; they can revoke it at any time."))

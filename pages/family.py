import streamlit as st

from explorer import labor, portfolio, ui

ctx = ui.context(__file__)
_ = ctx._
st.title(_("A student's career exploration"))
try:
    owner = portfolio.open_share_link(st.query_params.get("share", ""))
except portfolio.PortfolioError:
    st.error(_("This family link is not valid: it was revoked or mistyped. Ask the student for a new one."))
    st.stop()
history = portfolio.history(owner)
if not history:
    st.info(_("The student has not finished a quiz yet."))
    st.stop()
saved, profile, _when = history[-1]
if profile.confident:
    st.header(_("Interest code: {code}").format(code=profile.code.letters), anchor=False)
ui.chart(st, "bar", ui.scores_key(profile.scores), profile.max_score, profile.band, lang=ctx.lang)
st.subheader(_("Favourite careers"), anchor=False)
for code in portfolio.favourites(owner):
    st.markdown("- " + labor.occupation_titles(ctx.kb, ctx.lang)[code])
st.caption(_("Read-only view shared by the student; they can revoke it at any time."))

import json

import streamlit as st

from explorer import charts, labor, portfolio, ui, views
from explorer.ui import quiz_state

ctx = ui.context(__file__)
_ = ctx._
st.title(_("My portfolio"))
saved = quiz_state.require_saved(_("Take the interest quiz first, or continue one with your resume code."))
owner = portfolio.portfolio_code(saved.resume_code)
st.caption(_("Everything here belongs to the code {code}. No name is stored.").format(code=owner))

st.subheader(_("Favourite careers"), anchor=False)
favourites = portfolio.favourites(owner)
plan = portfolio.plan(owner)
if not favourites:
    st.write(_("None yet: mark careers with ☆ on their page."))
for code in favourites:
    title = labor.occupation_titles(ctx.kb, ctx.lang)[code]
    done = sum(plan.get(code, {}).values())
    left, right = st.columns([3, 1])
    left.markdown(_("**{title}** · pathway steps done: {done}").format(title=title, done=done))
    right.button(_("Open"), key=f"open_{code}", on_click=ui.open_occupation, args=(code,))

history = portfolio.history(owner)
if len(history) > 1:
    st.altair_chart(charts.history_chart(views.history_points(history), _), width="stretch")
st.button(_("Take the quiz again (keeps this portfolio)"), on_click=quiz_state.retake, args=(saved,))

st.subheader(_("Keep it or share it"), anchor=False)
st.download_button(_("Download my portfolio (PDF)"), data=ui.portfolio_pdf(saved, ctx.lang),
                   file_name="career-portfolio.pdf", mime="application/pdf", on_click="ignore")
st.download_button(_("Download my portfolio (JSON)"), json.dumps(portfolio.export(owner), indent=1),
                   file_name=f"portfolio-{owner}.json", mime="application/json")
st.caption(_("An open JSON file: schema career-pathways-explorer/portfolio, version 1 (see the README)."))
upload = st.file_uploader(_("Restore a portfolio from its JSON file"), type="json", max_upload_size=2)
if upload is not None and st.button(_("Restore")):
    ok, message = ui.restore_portfolio(upload)
    (st.success if ok else st.error)(message)

links = portfolio.share_links(owner)
if st.button(_("Create a link for my family")):
    portfolio.create_share_link(owner)
    st.rerun()
for link in links:
    left, right = st.columns([3, 1])
    left.code(ui.share_url(link.token, ctx.area_code), language=None)
    right.button(_("Revoke"), key=f"revoke_{link.token}", on_click=portfolio.revoke_share_link, args=(owner, link.token))

import streamlit as st

from explorer import attempts, i18n, profile_view, ui
from explorer.ui import quiz_state

ctx = ui.context(__file__)
_ = ctx._

st.title(_("Your interest profile"))
saved = quiz_state.require_saved(_("Take the interest quiz first; your profile appears here when you finish."))
result = attempts.profile(saved)
view = profile_view.profile_view(result, saved.resume_code, ctx.locale)

st.header(view.heading, anchor=False)
ui.texts(st.write, [view.strongest])
ui.texts(st.caption, [view.tied])
ui.texts(st.info, view.cautions)
ui.texts(st.warning, view.warnings)
if view.offer_retake:
    st.button(_("Take the quiz again"), on_click=quiz_state.retake, args=(saved,), key="retake_profile")
if not view.kids:
    st.button(_("See careers that fit me"), type="primary", icon="🎯", on_click=ui.go, args=("pages/results.py",),
              key="to_results")

bars, hexagon = st.columns(2)
ui.chart(bars, "bar", ui.scores_key(result.scores), result.max_score, saved.band, lang=ctx.lang)
ui.chart(hexagon, "hexagon", ui.scores_key(result.scores), result.max_score, saved.band, lang=ctx.lang, stretch=False)

if view.meanings:
    st.subheader(_("What your top areas mean"), anchor=False)
for meaning in view.meanings:
    st.markdown(meaning.line)
    ui.texts(st.caption, [meaning.examples])

st.subheader(_("Things to talk about"), anchor=False)
ui.texts(st.markdown, view.prompts)
st.info(view.not_measured)

if not view.kids:
    st.subheader(_("Take it home"), anchor=False)
    languages = list(i18n.LANGUAGES)
    report_lang = st.radio(_("Family report language"), languages, format_func=i18n.LANGUAGES.get,
                           horizontal=True, index=languages.index(ctx.lang), key="report_lang")
    st.download_button(_("Download the family report (PDF)"), data=ui.family_report_pdf(saved, report_lang),
                       file_name=f"family-report-{report_lang}.pdf", mime="application/pdf",
                       on_click="ignore")
    st.caption(_("The report carries a QR code for your family only once you make a family link in My portfolio."))
st.caption(view.scores_caption)

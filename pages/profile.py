import streamlit as st

from explorer import attempts, explain, quiz
from explorer.riasec import ranked, theme_names
from explorer import ui
from explorer.ui import quiz_state

ctx = ui.context()
_ = ctx._

st.title(_("Your interest profile"))
saved = quiz_state.require_saved(_("Take the interest quiz first; your profile appears here when you finish."))

result = attempts.profile(saved)
top = ranked(result.scores)[:3]
kids = saved.band == "3-5"
area_names = theme_names(saved.band)

if result.confident:
    names = ", ".join(_(area_names[t]) for t in result.code.letters)
    if kids:  # no letter codes or theory words for 8-year-olds
        st.header(_("What you like most: {names}").format(names=names), anchor=False)
    else:
        st.header(_("Your interest code: {code}").format(code=result.code.letters), anchor=False)
        st.write(_("Your strongest areas, in order: {names}.").format(names=names))
    if result.code.ambiguous:
        st.caption(_("Some of your scores are tied, so the order of tied letters could have gone either way."))
    for message in explain.caution_messages(result):
        st.info(_(message))
else:
    st.header(_(explain.heading(result)), anchor=False)
    for message in explain.honest_messages(result):
        st.warning(_(message))
if result.cautions or not result.confident:
    st.button(_("Take the quiz again"), on_click=quiz_state.retake, args=(saved,), key="retake_profile")
if not kids:
    st.button(_("See careers that fit me"), type="primary", icon="🎯", on_click=ui.go, args=("pages/results.py",),
              key="to_results")

bars, hexagon = st.columns(2)
ui.chart(bars, "bar", ui.scores_key(result.scores), result.max_score, saved.band, lang=ctx.lang)
ui.chart(hexagon, "hexagon", ui.scores_key(result.scores), result.max_score, saved.band, lang=ctx.lang, stretch=False)

if result.confident:
    st.subheader(_("What your top areas mean"), anchor=False)
    bank = quiz.item_bank(saved.band, ctx.lang)
    for theme in top:
        meaning = explain.THEME_MEANING_KIDS[theme] if kids else explain.THEME_MEANING[theme]
        st.markdown(f"**{_(area_names[theme])}** ({result.scores[theme]}/{result.max_score}): {_(meaning)}")
        if kids:
            examples = [f"{i.emoji} {i.text}" for i in bank if i.theme == theme][:3]
            st.caption(_("Activities like: {examples}").format(examples=" · ".join(examples)))

st.subheader(_("Things to talk about"), anchor=False)
for prompt in explain.prompts(result):
    st.markdown(f"- {_(prompt)}")

st.info(_(explain.NOT_MEASURED))

if not kids:
    st.subheader(_("Take it home"), anchor=False)
    report_lang = st.radio(_("Family report language"), list(ui.i18n.LANGUAGES), format_func=ui.i18n.LANGUAGES.get,
                           horizontal=True, index=list(ui.i18n.LANGUAGES).index(ctx.lang), key="report_lang")
    st.download_button(_("Download the family report (PDF)"), data=ui.family_report_pdf(saved, report_lang),
                       file_name=f"family-report-{report_lang}.pdf", mime="application/pdf",
                       on_click="ignore")
st.caption(_("Resume code: {code}. Scores are sums of your answers (0 to {max} per area).")
           .format(code=saved.resume_code, max=result.max_score))

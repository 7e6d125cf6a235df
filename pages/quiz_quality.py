import streamlit as st

from explorer import db, i18n, privacy, psychometrics_data, psychometrics_report, quiz, ui
from explorer import psychometrics_views as views
from explorer.ui import quality_sections

ctx = ui.context(__file__)
_ = ctx._
ui.require_counselor(ctx)

BAND_LABELS = {"3-5": _("Grades 3-5"), "6-8": _("Grades 6-8"), "9-12": _("Grades 9-12")}
FORM_LABELS = {"quick": _("Quick form"), "full": _("Full form")}


@st.cache_data(ttl=300, show_spinner=False)
def matrix(band: str, form: str, url: str, k: int) -> psychometrics_data.ResponseMatrix:
    return psychometrics_data.load(band, form, url, k=k)


@st.cache_data(ttl=300, show_spinner=False)
def report(band: str, form: str, lang: str, url: str, k: int) -> psychometrics_report.QualityReport:
    return psychometrics_report.build(matrix(band, form, url, k), lang, k=k)


st.title(_("How well is the quiz working here?"))
st.write(_("Every finished quiz in this district, with no names or codes, is evidence about the quiz itself: are "
           "the activities of each interest area answered consistently, do the six areas keep Holland's hexagon "
           "shape, and does each activity work the same way for every group of students? Each figure says how many "
           "quizzes it rests on."))
left, middle, right = st.columns(3)
in_use = psychometrics_data.form_in_use(db.database_url()) or ("9-12", "full")  # opens on what students took
band = left.selectbox(_("Grade band"), list(BAND_LABELS), index=list(BAND_LABELS).index(in_use[0]),
                      format_func=BAND_LABELS.get)
forms = quiz.FORMS_BY_BAND[band]
form = middle.selectbox(_("Form"), forms, index=forms.index(in_use[1]) if in_use[1] in forms else len(forms) - 1,
                        format_func=FORM_LABELS.get)
lang = right.selectbox(_("Language of the form"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get)
k = privacy.min_group()
url = db.database_url()
with st.spinner(_("Computing (a few seconds the first time)...")):
    result = report(band, form, lang, url, k)

if not result.enough:
    st.info(_("Fewer than {k} usable quizzes of this form in this language so far, so nothing is shown yet.")
            .format(k=k))
else:
    st.subheader(_("Are the answers consistent?"), anchor=False)
    st.write(_("Cronbach's alpha and McDonald's omega for each interest area, from {n} quizzes, with the range "
               "that holds the true value 95 times in 100 ({draws} bootstrap draws).").format(n=f"{result.n:,}",
                                                                                               draws=f"{result.draws:,}"))
    ui.table(views.reliability_view(result, _))
    st.caption(_("Readings use the lower end of each range, so a figure resting on few quizzes is read cautiously. "
                 "At .70 or more, an area is consistent enough to use for exploration."))
    if views.wide_ranges(result):
        st.info(_("Some ranges are still wide: more finished quizzes will narrow them (about 100 give alpha to "
                  "within ±.035, 500 to within ±.015)."))
    st.subheader(_("Activities"), anchor=False)
    weak = views.items_view(result, _, weak_only=True)
    if len(weak):
        st.warning(_("{n} activities go little with their own area (item-rest r under .30): they are listed first "
                     "below.").format(n=len(weak)))
    else:
        st.success(_("Every activity goes with its own area (item-rest r .30 or more)."))
    ui.table(views.items_view(result, _), max_height=420)
    st.caption(_("Item-rest r: how well an activity goes with the other activities of its area (0 to 1). Alpha "
                 "without it: the area's alpha if the activity were dropped. Median seconds: time since the "
                 "previous answer."))

    st.subheader(_("Do the six areas keep the hexagon shape?"), anchor=False)
    st.write(views.order_reading(result.order, _))
    st.write(views.order_summary(result.order, _))
    ui.table(views.correlations_view(result, _))
    st.caption(_("Correlations of the six area scores over {n} quizzes. Test: Hubert & Arabie's randomization test "
                 "of hypothesized order relations, as used for RIASEC structure.").format(n=f"{result.n:,}"))

    quality_sections.differential_functioning(result, k, ctx._)

st.subheader(_("How were the quizzes answered?"), anchor=False)
ui.table(views.quality_view(result.quality, k, _))
if result.quality.median_seconds_per_item is not None and result.enough:
    st.write(_("Median time per activity: {seconds} seconds.").format(
        seconds=f"{result.quality.median_seconds_per_item:.1f}"))

st.subheader(_("For researchers"), anchor=False)
st.write(_("The anonymous answers to this form: one row per finished quiz, no codes, dates to the day at most "
           "(to the month, or none, where fewer than {k} quizzes share a day), groups under {k} pooled.").format(k=k))
if result.quality.released >= k:
    data = matrix(band, form, url, k)
    name = f"item-responses_{band}_{form}_{lang}"
    left, right = st.columns(2)
    left.download_button(_("Download the answers (CSV)"), lambda: psychometrics_data.export_csv(data, lang, k),
                         file_name=f"{name}.csv", mime="text/csv", on_click="ignore")
    right.download_button(_("Download the answers (JSON)"), lambda: psychometrics_data.export_json(data, lang, k),
                          file_name=f"{name}.json", mime="application/json", on_click="ignore")
else:
    st.write(_("Nothing to download until at least {k} quizzes of this form are finished.").format(k=k))

import re

import streamlit as st

from explorer import catalog, pathways, ui
from explorer.i18n import Translator
from explorer.views import md_escape

SHOWN_PROBLEMS = 100  # more than a counselor fixes in one go; the count says how many there are


def show_problems(heading: str, problems: list[catalog.Problem], _: Translator) -> None:
    """Every problem in the red box itself, one per line in the reader's language, as plain text:
    a problem quotes the district's cells, which must not turn into Markdown, links or formulas."""
    lines = [re.sub(r"^(\d+)([.)])", r"\1\\\2", md_escape(p.message(_).replace("\n", " ")))
             for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(_("… and {n} more").format(n=len(problems) - SHOWN_PROBLEMS))
    st.error(heading + "\n\n" + "\n".join(f"- {line}" for line in lines))


ctx = ui.context()
_ = ctx._
ui.require_counselor(ctx)

st.title(_("District catalog"))
st.write(_("Programs, dual enrollment courses, work-based learning, credentials and employers that pathways are "
           "built from. Edit a table and save it, or import CSV files. Every row is checked before anything is saved."))
ui.sample_catalog_notice(pathways.Catalog.load(), _)
known = ui.known_soc()
tabs = st.tabs([_(spec.title) for spec in catalog.TABLES.values()])
for tab, (name, spec) in zip(tabs, catalog.TABLES.items()):
    with tab:
        rows = catalog.table_rows(name)
        edited = st.data_editor(ui.editable_frame(spec, rows), num_rows="dynamic", width="stretch", hide_index=True,
                                key=f"editor_{name}")
        if st.button(_("Save {table}").format(table=_(spec.title)), key=f"save_{name}", type="primary"):
            problems = catalog.replace_table(name, ui.frame_rows(edited), known)
            if problems:
                show_problems(_("Nothing was saved. Fix these rows first:"), problems, _)
            else:
                st.success(_("Saved {n} rows.").format(n=len(edited)))
        st.download_button(_("Download {file}").format(file=spec.filename), catalog.export_text(name),
                           file_name=spec.filename, mime="text/csv", key=f"download_{name}")

st.subheader(_("Import CSV files"), anchor=False)
# A form: choosing files does not rerun the page, and the Import button is there before any file is.
with st.form("catalog_import"):
    uploads = st.file_uploader(_("Catalog CSV files (programs.csv, dual_enrollment.csv, work_based_learning.csv, "
                                 "credentials.csv, employers.csv)"), type="csv", accept_multiple_files=True,
                               key="staff_catalog_upload")
    submitted = st.form_submit_button(_("Import"), type="primary")
if submitted and not uploads:
    st.warning(_("Choose one or more catalog CSV files first."))
elif submitted:
    report = ui.import_uploads(uploads, known)
    if report.ok:
        st.success(_("Imported: {counts}.").format(counts=", ".join(f"{k} {v}" for k, v in report.rows.items())))
    else:
        show_problems(_("Nothing was imported. {n} problems:").format(n=len(report.problems)), report.problems, _)

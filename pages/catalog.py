import streamlit as st

from explorer import catalog, pathways, settings, ui

ctx = ui.context(__file__)
_ = ctx._
ui.require_counselor(ctx)

st.title(_("District catalog"))
st.write(_("Programs, dual enrollment courses, work-based learning and credentials that pathways are built from. "
           "Edit a table and save it, or import CSV files. Every row is checked before anything is saved."))
ui.sample_catalog_notice(pathways.Catalog.load(), _)
known = ui.known_soc()
tabs = st.tabs([_(spec.title) for spec in catalog.TABLES.values()])
for tab, (name, spec) in zip(tabs, catalog.TABLES.items()):
    with tab:
        ui.table_editor(name, spec, known, _)
        st.download_button(_("Download {file}").format(file=spec.filename), catalog.export_text(name),
                           file_name=spec.filename, mime="text/csv", key=f"download_{name}")

st.subheader(_("Import CSV files"), anchor=False)
# A form: choosing files does not rerun the page, and the Import button is there before any file is.
with st.form("catalog_import"):
    uploads = st.file_uploader(_("Catalog CSV files (programs.csv, dual_enrollment.csv, work_based_learning.csv, "
                                 "credentials.csv)"), type="csv", accept_multiple_files=True,
                               key="staff_catalog_upload", max_upload_size=settings.current().catalog_max_mb)
    submitted = st.form_submit_button(_("Import"), type="primary")
if submitted and not uploads:
    st.warning(_("Choose one or more catalog CSV files first."))
elif submitted:
    report = ui.import_uploads(uploads, known)
    if report.ok:
        st.success(_("Imported: {counts}.").format(counts=ui.row_counts(report)))
    else:
        ui.show_problems(_("Nothing was imported. {n} problems:").format(n=len(report.problems)), report.problems, _)

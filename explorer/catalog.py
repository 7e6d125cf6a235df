"""The district's own catalog: programs, dual enrollment, work-based learning and credentials.

One CSV file per table. Each table's columns are the fields of its SQLModel model in
explorer/models.py, read into ``TABLES`` (with the help, kind and range each field declares there
with ``catalog_column``), so the files, the editor and the database cannot disagree. An import is
all-or-nothing: every row of every file is checked first, each problem is reported with its file,
line, column and reason, and only a clean catalog is written, in one transaction, upserting by each
table's natural key (so importing the same files twice changes nothing).

Checking happens in layers, so a malformed file never reaches the database: the file names
(``match_files``: a wrongly cased or misspelt name says what to rename), the CSV structure
(``read_csv_text``: the header names each column once, each row has as many cells as the header),
then each row against its table's pydantic schema (``explorer/catalog_schema.py``: types, lengths and
ranges from the SQLModel tables; strict numbers and dates; no invisible characters), then keys and
links. Each ``Problem`` keeps the English message id and parameters of its reason, so a page can
show it in the reader's language while ``str(problem)`` stays English (the CLI).
"""
from __future__ import annotations

import csv
import difflib
import inspect
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel, select

from explorer import catalog_schema, db, exports, settings
from explorer.i18n import N_, Translator
from explorer.models import (
    CATALOG_COLUMN,
    Credential,
    DualEnrollmentCourse,
    Program,
    WorkBasedLearning,
    split_list,
    table_of,
)

LIST_SEPARATOR = catalog_schema.LIST_SEPARATOR
TRUE_WORDS, FALSE_WORDS = catalog_schema.TRUE_WORDS, catalog_schema.FALSE_WORDS
LINE = "_line"  # key of a row read from a file: the line it starts on (the header is line 1)
PROBLEMS_PER_FILE = 1000  # a wholly wrong file stops here; the first problems say what to fix
# The kind of a catalog column whose model field does not name a narrower one (models.catalog_column).
KIND_OF_TYPE: dict[object, str] = {str: "text", int: "int", float: "number", bool: "bool", date: "date"}
NUMERIC_KINDS = frozenset({"int", "number", "money"})


@dataclass(frozen=True)
class Column:
    """One catalog column, as ``columns_of`` reads it from its SQLModel field: ``low``/``high`` are the
    plausible range declared there, narrowed to the SQL type's range, and ``max_length`` is the
    column's VARCHAR(n), so every limit comes from explorer/models.py."""

    name: str
    kind: str  # text, int, number, money, bool, date, choice, choice_list, grades, soc_list, program_list, text_list
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""  # the whole help in English: the note, then the limits (README, CSV docs)
    note: str = ""  # what the model declares the column holds (an English message id)
    low: float | None = None
    high: float | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class TableSpec:
    name: str
    filename: str
    model: type[SQLModel]
    title: str
    key: tuple[str, ...]  # the model's primary key, which is each table's natural key
    columns: tuple[Column, ...]  # every field of the model, in CSV order

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def schema(self) -> type[BaseModel]:
        """The pydantic model every row is validated with (explorer/catalog_schema.py)."""
        return catalog_schema.row_schema(self)


def _english(message: str) -> str:
    return message


def help_text(column: Column, _: Translator = _english) -> str:
    """What a column holds and accepts, in the reader's language: the model's note, then the limits
    the import enforces (so the documented limits are the enforced ones)."""
    plain = catalog_schema.plain_number
    limits = ""
    if column.kind == "choice":
        limits = _("one of {choices}").format(choices=", ".join(column.choices))
    elif column.kind == "bool":
        limits = _("yes or no")
    elif column.kind == "grades" and column.low is not None and column.high is not None:
        limits = _("grades {low} to {high}").format(low=plain(column.low), high=plain(column.high))
    elif column.max_length is not None:
        limits = _("at most {n} characters, on one line").format(n=column.max_length)
    elif column.low is not None and column.high is not None:
        limits = (_("{low} to {high}, digits only, no thousands separators") if column.kind in NUMERIC_KINDS
                  else _("{low} to {high}")).format(low=plain(column.low), high=plain(column.high))
    return "; ".join(filter(None, (_(column.note) if column.note else "", limits)))


def field_order(model: type[SQLModel]) -> list[str]:
    """A catalog model's fields in CSV order: its own as declared, then those it inherits (``Verified``'s
    who-and-when, last in every file). Pydantic lists inherited fields first."""
    declared = [name for cls in model.__mro__ if issubclass(cls, SQLModel)
                for name in inspect.get_annotations(cls)]
    return [name for name in dict.fromkeys(declared) if name in model.model_fields]


def _described(model: type[SQLModel], name: str) -> dict[str, object]:
    """What ``models.catalog_column`` declared on a field ({} where it declares nothing)."""
    extra = model.model_fields[name].json_schema_extra
    described = extra.get(CATALOG_COLUMN) if isinstance(extra, dict) else None
    return dict(described) if isinstance(described, dict) else {}


def _bound(value: object) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _column(model: type[SQLModel], name: str) -> Column:
    """One catalog column from its model field: kind from the type unless declared narrower, required
    unless the field has a default, help and range as declared, limits from the SQL column."""
    field_info = model.model_fields[name]
    described = _described(model, name)
    kind = str(described.get("kind") or KIND_OF_TYPE.get(field_info.annotation, ""))
    if not kind:
        raise TypeError(f"{model.__name__}.{name} is {field_info.annotation}, which no catalog column holds")
    choices = described.get("choices")
    column = Column(name, kind, required=field_info.is_required(),
                    choices=tuple(map(str, choices)) if isinstance(choices, list) else (),
                    note=str(described.get("help") or ""), low=_bound(described.get("low")),
                    high=_bound(described.get("high")))
    limits = catalog_schema.column_limits(model, column)
    column = replace(column, max_length=limits.max_length, low=limits.low, high=limits.high)
    if kind in NUMERIC_KINDS | {"grades"} and (column.low is None or column.high is None):
        raise TypeError(f"{model.__name__}.{name}: a {kind!r} column needs bounds=(low, high) in catalog_column")
    return replace(column, help=help_text(column))


def columns_of(model: type[SQLModel]) -> tuple[Column, ...]:
    """Every column of a catalog table's CSV file, read from its SQLModel model."""
    return tuple(_column(model, name) for name in field_order(model))


def _table(name: str, filename: str, model: type[SQLModel], title: str) -> TableSpec:
    key = tuple(column.name for column in table_of(model).primary_key)
    return TableSpec(name, filename, model, title, key, columns_of(model))


TABLES: dict[str, TableSpec] = {spec.name: spec for spec in [
    _table("programs", "programs.csv", Program, N_("Programs of study")),
    _table("dual_enrollment", "dual_enrollment.csv", DualEnrollmentCourse, N_("Dual enrollment courses")),
    _table("work_based_learning", "work_based_learning.csv", WorkBasedLearning, N_("Work-based learning")),
    _table("credentials", "credentials.csv", Credential, N_("Credentials")),
]}
FILE_TABLES = {spec.filename: name for name, spec in TABLES.items()}
# Files a catalog had once and no longer has, each with why: a district's old folder or upload then
# says what changed rather than "not a catalog file". Like any file that is not a catalog table, it
# is a problem, so nothing is imported until it is taken out.
RETIRED_FILES = {
    "employers.csv": N_("{found} is no longer read: the employers table was removed (each work-based learning row "
                        "names its own employer); take the file out and import again"),
}


@dataclass(frozen=True)
class Problem:
    """One reason a catalog cannot be imported, located so a person can fix it.

    ``reason`` is English; ``message_id`` and ``params`` are what it was made from, so a page can
    show the same problem in the reader's language (``message(_)``).
    """

    table: str  # a TABLES name, or "" for a problem with the files given (names, a folder)
    line: int  # line in the CSV file (the header is line 1); 0 = the file as a whole
    column: str
    reason: str
    message_id: str = ""
    params: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    file: str = ""  # where, when it is not the table's file (a folder)

    @classmethod
    def of(cls, table: str, line: int, column: str, message_id: str, file: str = "", **params: object) -> Problem:
        return cls.of_reason(table, line, column, message_id, params, file)

    @classmethod
    def of_reason(cls, table: str, line: int, column: str, message_id: str, params: Mapping[str, object],
                  file: str = "") -> Problem:
        """A problem from a reason made elsewhere (a cell's ``CellError``: message id and parameters)."""
        return cls(table, line, column, message_id.format(**params), message_id, params, file)

    @property
    def where(self) -> str:
        return self.file or (TABLES[self.table].filename if self.table in TABLES else self.table)

    def message(self, _: Translator = str) -> str:
        """The problem as one sentence in the language of ``_`` (English by default)."""
        reason = _(self.message_id).format(**self.params) if self.message_id else self.reason
        parts = {"file": self.where, "line": self.line, "column": repr(self.column), "reason": reason}
        if not self.where:
            return reason
        if self.line and self.column:
            return _(N_("{file} line {line}, column {column}: {reason}")).format(**parts)
        if self.line:
            return _(N_("{file} line {line}: {reason}")).format(**parts)
        if self.column:
            return _(N_("{file}, column {column}: {reason}")).format(**parts)
        return _(N_("{file}: {reason}")).format(**parts)

    def __str__(self) -> str:
        return self.message()


def problem_maker(table: str, messages: Mapping[str, str]) -> Callable[..., Problem]:
    """``problem(file, line, column, key, **params)`` for an importer whose reasons are ``messages[key]``."""
    def problem(file: str, line: int, column: str, key: str, **params: object) -> Problem:
        return Problem.of(table, line, column, messages[key], file=file, **params)
    return problem


class ProblemsError(ValueError):
    """A file or folder that cannot be imported: every problem, located (``problems``). Nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message() for p in problems[:5]))
        self.problems = problems


@dataclass
class ImportReport:
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_rows(spec: TableSpec, rows: Iterable[Mapping[str, object]], known_soc: set[str] | frozenset[str],
               today: date, first_line: int = 2) -> tuple[list[dict], list[Problem]]:
    """Type and check every row of one table with its schema; duplicates of the natural key are
    problems too. A row read from a file carries its line under ``LINE``; other rows (the editor)
    are numbered from ``first_line``."""
    good: list[dict] = []
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    for number, raw in enumerate(rows, start=first_line):
        read_from = raw.get(LINE)
        line = read_from if isinstance(read_from, int) else number
        if len(problems) >= PROBLEMS_PER_FILE:
            problems.append(Problem.of(spec.name, line, "", N_("stopped here after {count} problems; fix those and "
                                                               "import again"), count=len(problems)))
            break
        record, cell_problems = catalog_schema.validate_row(spec, raw, known_soc, today)
        problems += [Problem.of_reason(spec.name, line, column, message_id, params)
                     for column, message_id, params in cell_problems]
        if record is None:
            continue
        key = tuple(record[k] for k in spec.key)
        if key in seen:
            problems.append(Problem.of(spec.name, line, spec.key[-1], N_("duplicate key {key} (also on line {first_line})"),
                                       key=" / ".join(map(str, key)), first_line=seen[key]))
            continue
        seen[key] = line
        good.append(record | {LINE: line})
    return good, problems


def _header_problems(spec: TableSpec, header: list[str]) -> list[Problem]:
    """Why a header is not exactly the table's columns (in any order). Any such problem stops the
    file: its rows would be read into the wrong columns."""
    problems = []
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem.of(spec.name, 1, "", N_("header cell {position} is empty; name the column or "
                                                            "delete the extra comma"), position=position))
            continue
        try:
            catalog_schema.check_visible(name)
        except catalog_schema.CellError as exc:
            problems.append(Problem.of_reason(spec.name, 1, name, exc.message_id, exc.params))
    named = [h for h in header if h]
    for name, count in Counter(named).items():
        if count > 1:
            problems.append(Problem.of(spec.name, 1, name, N_("appears {count} times in the header; keep only one"),
                                       count=count))
    problems += [Problem.of(spec.name, 1, c, N_("column is missing from the header"))
                 for c in spec.column_names if c not in named]
    by_folded = {c.casefold(): c for c in spec.column_names}
    for name in dict.fromkeys(named):
        if name in spec.column_names or any(p.column == name for p in problems):
            continue
        guess = by_folded.get(name.casefold())  # "Code" for code
        if guess and guess not in named:
            problems.append(Problem.of(spec.name, 1, name, N_("is not a column of this table; did you mean {expected}?"),
                                       expected=guess))
        else:
            problems.append(Problem.of(spec.name, 1, name, N_("is not a column of this table")))
    return problems


def read_csv_text(spec: TableSpec, text: str) -> tuple[list[dict[str, object]], list[Problem]]:
    """Rows of one CSV file as dicts (each with the line it starts on under ``LINE``), or the problems.

    The header must name every column once; every row must have as many cells as the header (more
    cells usually mean a comma inside a value that needed double quotes). Blank rows are skipped.
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark left by a spreadsheet's "CSV UTF-8"
    if not text.strip():
        return [], [Problem.of(spec.name, 0, "", N_("is empty; the first line must be the header: {columns}"),
                               columns=",".join(spec.column_names))]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        return [], [Problem.of(spec.name, 1, "", N_("cannot be read as CSV ({detail})"), detail=str(exc))]
    problems = _header_problems(spec, header)
    if problems:
        return [], problems
    rows: list[dict[str, object]] = []
    end = reader.line_num
    most = settings.current().catalog_max_rows
    while len(problems) < PROBLEMS_PER_FILE:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader cannot be trusted past a broken quote
            problems.append(Problem.of(spec.name, start, "", N_("cannot be read as CSV ({detail})"), detail=str(exc)))
            break
        end = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= most:  # stop reading: a file of 430,000 rows took 502 s to check and import
            return [], [Problem.of(spec.name, start, "", N_("has more than {most} rows (setting catalog_max_rows); "
                                                            "split it or ask for a higher limit"), most=most)]
        if len(cells) != len(header):
            problems.append(Problem.of(spec.name, start, "", N_("has {count} cells but the header has {expected} "
                                                                "columns (a value with a comma needs double quotes)"),
                                       count=len(cells), expected=len(header)))
            continue
        rows.append({LINE: start, **dict(zip(header, cells))})
    return rows, problems


def check_links(records: dict[str, list[dict]], existing_programs: set[str]) -> list[Problem]:
    """Dual enrollment rows may only name programs that exist (in this import or already saved)."""
    programs = existing_programs | {r["code"] for r in records.get("programs", [])}
    problems = []
    for row in records.get("dual_enrollment", []):
        for code in split_list(row.get("program_codes")):
            if code not in programs:
                problems.append(Problem.of("dual_enrollment", row[LINE], "program_codes",
                                           N_("program {code} is not in programs.csv"), code=repr(code)))
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


def _write(report: ImportReport, records: dict[str, list[dict]], url: str | None,
           delete_missing: str | None = None) -> None:
    """Upsert checked records in one transaction. Every value was bounded by the schema first; should
    the database still refuse one, the transaction is rolled back and the refusal is a problem, not a
    traceback."""
    try:
        with db.session(url) as session:
            if delete_missing:
                spec = TABLES[delete_missing]
                keep = {tuple(r[k] for k in spec.key) for r in records[delete_missing]}
                for row in session.exec(select(spec.model)).all():
                    if tuple(getattr(row, k) for k in spec.key) not in keep:
                        session.delete(row)
                session.flush()
            for name, spec in TABLES.items():  # programs first: dual enrollment rows link to them
                for record in records.get(name, []):
                    _upsert(session, spec, record)
                if name in records:
                    report.rows[name] = len(records[name])
            session.flush()
    except SQLAlchemyError as exc:
        report.rows.clear()
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
        report.problems.append(Problem.of("", 0, "", N_("the database refused the catalog, so nothing was saved "
                                                        "({detail})"), detail=detail))


def import_texts(texts: Mapping[str, str], known_soc: set[str] | frozenset[str], url: str | None = None,
                 today: date | None = None) -> ImportReport:
    """Import CSV texts keyed by table name; nothing is written unless every row of every file is clean."""
    today = today or date.today()
    report = ImportReport()
    if not texts:
        report.problems.append(Problem.of("", 0, "", N_("no catalog files given; expected one or more of {files}"),
                                          files=", ".join(FILE_TABLES)))
        return report
    records: dict[str, list[dict]] = {}
    programs_in_files: set[str] = set()  # codes of program rows with problems of their own count as there
    for name, text in texts.items():
        spec = TABLES.get(name)
        if spec is None:
            report.problems.append(Problem.of("", 0, "", N_("{found} is not a catalog table; the tables are {tables}"),
                                              found=repr(name), tables=", ".join(TABLES)))
            continue
        rows, problems = read_csv_text(spec, text if isinstance(text, str) else "")
        report.problems += problems
        good, problems = check_rows(spec, rows, known_soc, today)
        report.problems += problems
        records[name] = good
        if name == "programs":
            programs_in_files = {catalog_schema.clean_text(row.get("code")) for row in rows}
    report.problems += check_links(records, _saved_program_codes(url) | programs_in_files)
    if not report.problems:
        _write(report, records, url)
    return report


def _saved_program_codes(url: str | None) -> set[str]:
    with db.session(url) as session:
        return set(session.exec(select(Program.code)).all())


def match_files(names: Iterable[str], where: str = "") -> tuple[dict[str, str], list[Problem]]:
    """Which table each file is, by its name; a name that is only wrongly cased, misspelt or given
    twice is a problem that says what to rename, so no file is silently left out."""
    tables, problems = {}, []
    for found, count in Counter(names).items():
        if count > 1:
            problems.append(Problem.of("", 0, "", N_("{found} is given {count} times; give each file once"),
                                       file=where, found=found, count=count))
        elif found in FILE_TABLES:
            tables[found] = FILE_TABLES[found]
        elif found.casefold() in RETIRED_FILES:
            problems.append(Problem.of("", 0, "", RETIRED_FILES[found.casefold()], file=where, found=found))
        elif found.casefold() in FILE_TABLES:
            problems.append(Problem.of("", 0, "", N_("found {found}; name it {expected}"), file=where, found=found,
                                       expected=found.casefold()))
        elif guess := difflib.get_close_matches(found.casefold(), FILE_TABLES, 1):
            problems.append(Problem.of("", 0, "", N_("{found} is not a catalog file; did you mean {expected}?"),
                                       file=where, found=found, expected=guess[0]))
        else:
            problems.append(Problem.of("", 0, "", N_("{found} is not a catalog file; catalog files are {files}"),
                                       file=where, found=found, files=", ".join(FILE_TABLES)))
    return tables, problems


def too_large(sizes: Iterable[int]) -> Problem | None:
    """The problem of an import whose files together exceed ``catalog_max_mb`` (checked from their
    sizes, before anything is read), else None."""
    limit = settings.current().catalog_max_mb
    total = sum(sizes)
    if total <= limit * 1_000_000:
        return None
    return Problem.of("", 0, "", N_("the files together are {size} MB, more than the limit of {limit} MB "
                                    "(setting catalog_max_mb); import fewer files at a time"),
                      size=f"{total / 1e6:.1f}", limit=limit)


def import_files(files: Iterable[tuple[str, bytes]], known_soc: set[str] | frozenset[str], url: str | None = None,
                 today: date | None = None, where: str = "") -> ImportReport:
    """Import files given as (file name, bytes), e.g. uploads: names as in ``TABLES``, UTF-8 text."""
    files = list(files)
    if problem := too_large([len(content) for _name, content in files]):
        return ImportReport(problems=[problem])
    tables, problems = match_files([name for name, _content in files], where)
    texts = {}
    for name, content in files:
        if name not in tables:
            continue
        try:
            texts[tables[name]] = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(Problem.of(tables[name], 0, "", N_("is not UTF-8 text (byte {position}); save it as CSV "
                                                               "UTF-8"), position=exc.start + 1))
    if problems:
        return ImportReport(problems=problems)
    if not texts:
        return ImportReport(problems=[Problem.of("", 0, "", N_("no catalog files found; expected one or more of "
                                                               "{files}"), file=where, files=", ".join(FILE_TABLES))])
    return import_texts(texts, known_soc, url, today)


def import_folder(folder: Path, known_soc: set[str] | frozenset[str], url: str | None = None,
                  today: date | None = None) -> ImportReport:
    """Import every catalog CSV in ``folder`` (programs.csv, dual_enrollment.csv ...). Other CSV files
    there are problems (a misnamed file would otherwise be left out without a word); files of other
    types (a README) are ignored."""
    if not folder.is_dir():
        return ImportReport(problems=[Problem.of("", 0, "", N_("{folder} is not a folder"), folder=str(folder))])
    files = []
    for path in sorted(folder.iterdir()):
        if path.suffix.casefold() == ".csv" and path.is_file():
            try:
                files.append((path.name, path.read_bytes()))
            except OSError as exc:
                return ImportReport(problems=[Problem.of("", 0, "", N_("cannot be read ({detail})"), file=str(path),
                                                         detail=exc.strerror or type(exc).__name__)])
    return import_files(files, known_soc, url, today, where=str(folder))


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return catalog_schema.plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else catalog_schema.plain_text(str(value))


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


def replace_table(name: str, rows: list[dict[str, str]], known_soc: set[str] | frozenset[str], url: str | None = None,
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
                for code in set(split_list(course.program_codes)) - kept:
                    problems.append(Problem.of("programs", 0, "code", N_("program {code} is still linked from dual "
                                                                         "enrollment course {course}"),
                                               code=code, course=f"{course.college} {course.course_code}"))
    if problems:
        return problems
    report = ImportReport()
    _write(report, {name: good}, url, delete_missing=name)
    return report.problems

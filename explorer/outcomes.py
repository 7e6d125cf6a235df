"""Where the district's graduates landed: one CSV per graduation year, imported all or nothing.

A pathway is judged by where its students land, not by how many enrolled. A district imports, for
each graduation year, one row per graduate (see docs/outcomes.md): a pseudonymous student id (never
a name), the catalog programs completed, credentials earned, dual-enrollment credits, work-based
learning, status 6 and 12 months after graduation, the job's SOC code and a wage band when employed,
and the self-reported student groups the district already uses. The id is stored only as a keyed
hash (HMAC-SHA256 with the district's secret), so the table cannot be joined back to the district's
records without that secret; columns that look like names, e-mail addresses or birth dates refuse
the whole file. Re-importing a year replaces that year, in one transaction.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, delete, select

from explorer import db, exports
from explorer.catalog import Problem, ProblemsError, problem_maker
from explorer.i18n import N_
from explorer.models import LIST_SEPARATOR, WBL_TYPES, Credential, GraduateOutcome, Program, split_list
from explorer.paths import VAR_DIR

TABLE = "outcomes"
STATUSES = ("employed", "enrolled", "both", "neither", "unknown")
PLACED = ("employed", "enrolled", "both")  # working, in postsecondary education, or both
EMPLOYED = ("employed", "both")
# Yearly wage bands, in dollars, as districts usually collect them (from state wage records or surveys).
WAGE_BANDS = ("under_20k", "20k_to_30k", "30k_to_40k", "40k_to_50k", "50k_to_75k", "75k_plus", "unknown")
WAGE_BAND_TEXT = {"under_20k": N_("under $20,000"), "20k_to_30k": N_("$20,000 to $30,000"),
                  "30k_to_40k": N_("$30,000 to $40,000"), "40k_to_50k": N_("$40,000 to $50,000"),
                  "50k_to_75k": N_("$50,000 to $75,000"), "75k_plus": N_("$75,000 or more"), "unknown": N_("unknown")}
COLUMNS = ("student_id", "graduation_year", "program_codes", "credential_ids", "dual_enrollment_credits",
           "wbl_types", "wbl_hours", "status_6_months", "status_12_months", "occupation_soc", "wage_band")
REQUIRED = ("student_id", "graduation_year", "program_codes", "status_6_months", "status_12_months")
GROUP_PREFIX = "group_"  # group_<field>: a self-reported student group (e.g. group_gender)
GROUP_COLUMN = re.compile(r"group_[A-Za-z0-9_]{1,40}")
# Header words that mean a column identifies a person: the whole file is refused, never imported.
IDENTIFYING = re.compile(r"(^|_)(name|names|first|last|surname|email|e_mail|mail|birth|birthday|dob|born|phone|"
                         r"address|street|ssn|social)($|_)", re.IGNORECASE)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
DATE_LIKE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}")
STUDENT_ID = re.compile(r"[A-Za-z0-9_-]{4,40}")
SOC = re.compile(r"\d\d-\d{4}")
MAX_BYTES = 20_000_000  # a district of 5,000 graduates a year writes about 1 MB
YEARS = (2000, 2100)
SECRET_VARIABLE = "EXPLORER_OUTCOMES_SECRET"
SECRET_FILE = VAR_DIR / "outcomes_secret"
SAMPLE_ID_PREFIX = "SAMPLE-"  # every id of the labelled sample file starts so

MESSAGES = {
    "identifying": N_("a column named {name!r} looks like it identifies a person (a name, e-mail, birth date, "
                      "phone or address): take it out of the file; outcomes need only the district's pseudonymous id"),
    "identifying_value": N_("looks like an e-mail address or a date: outcomes hold no contact details or birth dates"),
    "missing_column": N_("the required column is missing"),
    "group_name": N_("a student group column is named group_ and then 1 to 40 letters, digits or _ (like "
                     "group_campus)"),
    "unknown_column": N_("unknown column (the columns are listed in docs/outcomes.md; student groups start with "
                         "group_)"),
    "duplicate_column": N_("this column appears twice"),
    "required": N_("a value is required"),
    "student_id": N_("{value!r} is not a pseudonymous id (4 to 40 letters, digits, - or _)"),
    "duplicate_id": N_("student id {value!r} appears twice in this year (first on line {first})"),
    "year": N_("{value!r} is not a graduation year from {low} to {high}"),
    "year_mismatch": N_("graduation year {value} in a file imported as {year}: one file holds one year"),
    "number": N_("{value!r} is not a number from {low} to {high} (digits only, like 12 or 7.5)"),
    "whole": N_("{value!r} is not a whole number from {low} to {high}"),
    "status": N_("{value!r} is not one of: {choices}"),
    "wbl_type": N_("{value!r} is not a work-based learning type ({choices})"),
    "soc": N_("{value!r} is not a SOC code like 29-2061"),
    "wage_band": N_("{value!r} is not a wage band ({choices})"),
    "unknown_program": N_("{value!r} is not a program of the district catalog"),
    "unknown_credential": N_("{value!r} is not a credential of the district catalog"),
    "not_employed": N_("an occupation or wage band is given but the graduate is not employed at 12 months"),
    "empty_file": N_("the file has no rows"),
    "too_big": N_("the file is larger than {limit} MB"),
    "not_text": N_("the file is not UTF-8 CSV text"),
    "cells": N_("the line has {found} cells; the header has {expected}"),
}


class OutcomesError(ProblemsError):
    """A file that cannot be imported: every problem, located, in ``problems``. Nothing was written."""


_problem = problem_maker(TABLE, MESSAGES)


def district_secret() -> bytes:
    """The key the student ids are hashed with: ``EXPLORER_OUTCOMES_SECRET``, else a random key made
    once and kept in var/outcomes_secret (back it up with the database: re-imports need the same key)."""
    if os.environ.get(SECRET_VARIABLE):
        return os.environ[SECRET_VARIABLE].encode("utf-8")
    if not SECRET_FILE.is_file():
        SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        SECRET_FILE.write_text(secrets.token_hex(32), encoding="ascii")
        SECRET_FILE.chmod(0o600)
    return SECRET_FILE.read_text(encoding="ascii").strip().encode("ascii")


def student_hash(student_id: str, secret: bytes) -> str:
    return hmac.new(secret, student_id.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Catalogued:
    """What the import checks codes against: the district catalog's programs and credentials."""

    programs: frozenset[str]
    credentials: frozenset[str]

    @classmethod
    def load(cls, session: Session) -> Catalogued:
        return cls(programs=frozenset(session.exec(select(Program.code)).all()),
                   credentials=frozenset(session.exec(select(Credential.credential_id)).all()))


def _list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;]", text) if part.strip()]


def _number(text: str, low: float, high: float, whole: bool) -> float | None:
    if not re.fullmatch(r"\d+(\.\d+)?" if not whole else r"\d+", text):
        return None
    value = float(text)
    return value if low <= value <= high else None


def parse(text: str, year: int, known: Catalogued, file: str = "outcomes.csv") -> list[dict]:
    """Every row of one year's file, typed and checked; :class:`OutcomesError` lists every problem."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(any(cell.strip() for cell in row) for row in rows[1:]):
        raise OutcomesError([_problem(file, 0, "", "empty_file")])
    header = [cell.strip() for cell in rows[0]]
    problems = [_problem(file, 1, name, "identifying", name=name) for name in header if IDENTIFYING.search(name)]
    problems += [_problem(file, 1, name, "duplicate_column") for i, name in enumerate(header) if name in header[:i]]
    problems += [_problem(file, 1, name, "unknown_column") for name in header
                 if name not in COLUMNS and not name.startswith(GROUP_PREFIX) and not IDENTIFYING.search(name)]
    problems += [_problem(file, 1, name, "group_name") for name in header
                 if name.startswith(GROUP_PREFIX) and not GROUP_COLUMN.fullmatch(name)]
    problems += [_problem(file, 1, name, "missing_column") for name in REQUIRED if name not in header]
    if problems:
        raise OutcomesError(problems)
    records: list[dict] = []
    first_line: dict[str, int] = {}
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(_problem(file, line, "", "cells", found=len(cells), expected=len(header)))
            continue
        raw = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        record, found = _row(raw, line, year, known, file)
        problems += found
        sid = raw.get("student_id", "")
        if sid in first_line:
            problems.append(_problem(file, line, "student_id", "duplicate_id", value=sid, first=first_line[sid]))
        first_line.setdefault(sid, line)
        records.append(record)
    if problems:
        raise OutcomesError(problems)
    return records


def _row(raw: Mapping[str, str], line: int, year: int, known: Catalogued, file: str) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []

    def bad(column: str, key: str, **params: object) -> None:
        problems.append(_problem(file, line, column, key, **params))

    for column, value in raw.items():
        if column != "graduation_year" and (EMAIL.search(value) or (column != "student_id" and DATE_LIKE.fullmatch(value))):
            bad(column, "identifying_value")
    for column in REQUIRED:
        if not raw.get(column):
            bad(column, "required")
    sid = raw.get("student_id", "")
    if sid and not STUDENT_ID.fullmatch(sid):
        bad("student_id", "student_id", value=sid)
    grad = raw.get("graduation_year", "")
    if grad:
        graduated = _number(grad, *YEARS, whole=True)
        if graduated is None:
            bad("graduation_year", "year", value=grad, low=YEARS[0], high=YEARS[1])
        elif int(graduated) != year:
            bad("graduation_year", "year_mismatch", value=int(graduated), year=year)
    programs = _list(raw.get("program_codes", ""))
    for code in programs:
        if code not in known.programs:
            bad("program_codes", "unknown_program", value=code)
    credentials = _list(raw.get("credential_ids", ""))
    for credential in credentials:
        if credential not in known.credentials:
            bad("credential_ids", "unknown_credential", value=credential)
    credits = _number(raw.get("dual_enrollment_credits", "") or "0", 0, 60, whole=False)
    if credits is None:
        bad("dual_enrollment_credits", "number", value=raw["dual_enrollment_credits"], low=0, high=60)
    hours = _number(raw.get("wbl_hours", "") or "0", 0, 10_000, whole=True)
    if hours is None:
        bad("wbl_hours", "whole", value=raw["wbl_hours"], low=0, high="10,000")
    wbl = _list(raw.get("wbl_types", ""))
    for kind in wbl:
        if kind not in WBL_TYPES:
            bad("wbl_types", "wbl_type", value=kind, choices=", ".join(WBL_TYPES))
    statuses = {}
    for column in ("status_6_months", "status_12_months"):
        statuses[column] = raw.get(column, "")
        if statuses[column] and statuses[column] not in STATUSES:
            bad(column, "status", value=statuses[column], choices=", ".join(STATUSES))
    soc = raw.get("occupation_soc", "")
    if soc and not SOC.fullmatch(soc):
        bad("occupation_soc", "soc", value=soc)
    band = raw.get("wage_band", "")
    if band and band not in WAGE_BANDS:
        bad("wage_band", "wage_band", value=band, choices=", ".join(WAGE_BANDS))
    if (soc or band) and statuses["status_12_months"] not in EMPLOYED:
        bad("occupation_soc" if soc else "wage_band", "not_employed")
    groups = {column[len(GROUP_PREFIX):]: value for column, value in raw.items()
              if column.startswith(GROUP_PREFIX) and value}
    record = {"student_id": sid, "graduation_year": year, "program_codes": LIST_SEPARATOR.join(programs),
              "credential_ids": LIST_SEPARATOR.join(credentials), "dual_enrollment_credits": credits or 0.0,
              "wbl_types": LIST_SEPARATOR.join(wbl), "wbl_hours": int(hours or 0),
              "status_6_months": statuses["status_6_months"], "status_12_months": statuses["status_12_months"],
              "occupation_soc": soc, "wage_band": band, "groups": json.dumps(groups, sort_keys=True)}
    return record, problems


@dataclass
class ImportResult:
    year: int
    rows: int
    replaced: int  # rows of that year that were there before
    sample: bool
    removed_sample: int = 0  # rows of the labelled sample removed because the district imported its own


def read_file(path: Path) -> str:
    """A year's CSV, refused whole when too big or not UTF-8 (the size is checked before reading)."""
    if path.stat().st_size > MAX_BYTES:
        raise OutcomesError([_problem(path.name, 0, "", "too_big", limit=MAX_BYTES // 1_000_000)])
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OutcomesError([_problem(path.name, 0, "", "not_text")]) from None


def import_year(text: str, year: int, *, session: Session, file: str = "outcomes.csv",
                secret: bytes | None = None) -> ImportResult:
    """Check every row, then replace the year's rows in the caller's transaction (all or nothing).

    A file whose every id starts with ``SAMPLE-`` is the labelled sample; a district's own file
    removes every sample row, so made-up figures never sit beside real ones.
    """
    records = parse(text, year, Catalogued.load(session), file)
    is_sample = all(r["student_id"].startswith(SAMPLE_ID_PREFIX) for r in records)
    key = secret if secret is not None else district_secret()
    before = len(session.exec(select(GraduateOutcome.student_hash).where(GraduateOutcome.graduation_year == year)).all())
    session.exec(delete(GraduateOutcome).where(col(GraduateOutcome.graduation_year) == year))
    removed = 0
    if not is_sample:
        removed = len(session.exec(select(GraduateOutcome.student_hash).where(col(GraduateOutcome.sample))).all())
        session.exec(delete(GraduateOutcome).where(col(GraduateOutcome.sample)))
    for record in records:
        sid = record.pop("student_id")
        session.add(GraduateOutcome(student_hash=student_hash(sid, key), sample=is_sample, **record))
    session.flush()
    return ImportResult(year=year, rows=len(records), replaced=before, sample=is_sample, removed_sample=removed)


def remove_year(year: int, *, session: Session) -> int:
    """Delete one graduation year; returns how many rows it held."""
    rows = session.exec(select(GraduateOutcome.student_hash).where(GraduateOutcome.graduation_year == year)).all()
    session.exec(delete(GraduateOutcome).where(col(GraduateOutcome.graduation_year) == year))
    return len(rows)


EXPORT_COLUMNS = ("student_hash", "graduation_year", "program_codes", "credential_ids", "dual_enrollment_credits",
                  "wbl_types", "wbl_hours", "status_6_months", "status_12_months", "occupation_soc", "wage_band",
                  "groups", "sample")


def export_year(year: int, *, session: Session) -> str:
    """The stored rows of one year as CSV (hashed ids; the original ids are not kept)."""
    rows = session.exec(select(GraduateOutcome).where(GraduateOutcome.graduation_year == year)
                        .order_by(col(GraduateOutcome.student_hash))).all()
    return exports.rows_csv(EXPORT_COLUMNS, ({c: getattr(r, c) for c in EXPORT_COLUMNS} for r in rows))


def load_all(*, session: Session) -> list[GraduateOutcome]:
    return list(session.exec(select(GraduateOutcome).order_by(col(GraduateOutcome.graduation_year))).all())


def years(*, session: Session) -> list[int]:
    return sorted(set(session.exec(select(GraduateOutcome.graduation_year)).all()))


@dataclass(frozen=True)
class Graduate:
    """One stored outcome as plain data (what the measures read)."""

    year: int
    programs: tuple[str, ...]
    credentials: tuple[str, ...]
    de_credits: float
    wbl: bool
    status_6: str
    status_12: str
    soc: str
    wage_band: str
    groups: Mapping[str, str] = field(default_factory=dict)
    sample: bool = False


def graduates(rows: Iterable[GraduateOutcome]) -> list[Graduate]:
    return [Graduate(year=r.graduation_year, programs=tuple(split_list(r.program_codes)),
                     credentials=tuple(split_list(r.credential_ids)), de_credits=r.dual_enrollment_credits,
                     wbl=bool(r.wbl_types) or r.wbl_hours > 0, status_6=r.status_6_months,
                     status_12=r.status_12_months, soc=r.occupation_soc, wage_band=r.wage_band,
                     groups=json.loads(r.groups or "{}"), sample=r.sample) for r in rows]


def load_graduates(url: str | None = None) -> list[Graduate]:
    with db.session(url) as s:
        return graduates(load_all(session=s))

"""Classes from the district's roster: a OneRoster 1.2 CSV bulk export, imported all or nothing.

``python -m explorer roster import FOLDER`` reads manifest.csv, orgs.csv, users.csv, classes.csv,
enrollments.csv and academicSessions.csv. Each class section with a teacher becomes a class of this
app with its own join code, owned by its primary teacher (the e-mail they sign in with through the
district's identity provider); staff are kept by sourcedId and e-mail only (no password, no name).
Students are not imported: they stay anonymous and join with the class code. Importing the same
export again changes nothing; a class the roster no longer has (or marks ``tobedeleted``) is
archived, never deleted, so its dashboard stays and nobody can join it.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from explorer.catalog import Problem, ProblemsError, problem_maker
from explorer.classes import new_class_code
from explorer.i18n import N_
from explorer.models import LIST_SEPARATOR, ClassGroup, RosterStaff

TABLE = "roster"
FILES: dict[str, tuple[str, ...]] = {  # the columns this import reads from each file
    "manifest.csv": ("propertyName", "value"),
    "orgs.csv": ("sourcedId", "status", "name", "type"),
    "users.csv": ("sourcedId", "status", "enabledUser", "email"),
    "classes.csv": ("sourcedId", "status", "title", "grades", "classType", "schoolSourcedId", "termSourcedIds"),
    "enrollments.csv": ("sourcedId", "status", "classSourcedId", "schoolSourcedId", "userSourcedId", "role",
                        "primary"),
    "academicSessions.csv": ("sourcedId", "status", "title", "type", "startDate", "endDate"),
}
STAFF_ROLES = ("teacher", "administrator", "proctor")
STATUSES = ("active", "tobedeleted", "")
EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}")
MAX_BYTES = 50_000_000

MESSAGES = {
    "missing_file": N_("the export has no {name}"),
    "not_text": N_("the file is not UTF-8 CSV text"),
    "too_big": N_("the export is larger than {limit} MB"),
    "missing_column": N_("the column is missing (OneRoster 1.2 CSV)"),
    "version": N_("this is OneRoster {found}; the import reads OneRoster 1.2 bulk exports"),
    "bulk": N_("{name} is given as {mode!r}; the import reads bulk exports, where every file is complete"),
    "duplicate": N_("sourcedId {value!r} appears twice (first on line {first})"),
    "required": N_("a value is required"),
    "status": N_("{value!r} is not a OneRoster status (active, tobedeleted)"),
    "unknown_class": N_("class {value!r} is not in classes.csv"),
    "unknown_user": N_("user {value!r} is not in users.csv"),
    "unknown_org": N_("org {value!r} is not in orgs.csv"),
    "unknown_session": N_("academic session {value!r} is not in academicSessions.csv"),
    "staff_email": N_("staff member {value!r} teaches a class but has no valid e-mail to sign in with"),
    "cells": N_("the line has {found} cells; the header has {expected}"),
}


class RosterError(ProblemsError):
    """An export that cannot be imported: every problem, located. Nothing was written."""


_problem = problem_maker(TABLE, MESSAGES)


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


def read_folder(folder: Path) -> tuple[dict[str, list[Row]], list[Problem]]:
    """Every file as rows (line numbers kept) and the problems of reading them."""
    problems: list[Problem] = []
    tables: dict[str, list[Row]] = {}
    total = sum(p.stat().st_size for p in folder.glob("*.csv")) if folder.is_dir() else 0
    if total > MAX_BYTES:
        return {}, [_problem(folder.name, 0, "", "too_big", limit=MAX_BYTES // 1_000_000)]
    for name, columns in FILES.items():
        path = folder / name
        if not path.is_file():
            problems.append(_problem(name, 0, "", "missing_file", name=name))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(_problem(name, 0, "", "not_text"))
            continue
        lines = list(csv.reader(io.StringIO(text)))
        header = [h.strip() for h in lines[0]] if lines else []
        problems += [_problem(name, 1, c, "missing_column") for c in columns if c not in header]
        rows = []
        for number, cells in enumerate(lines[1:], start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(_problem(name, number, "", "cells", found=len(cells), expected=len(header)))
                continue
            rows.append(Row(number, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
        tables[name] = rows
    return tables, problems


def check(tables: dict[str, list[Row]]) -> list[Problem]:
    """Every problem of a read export: manifest, keys, statuses, references between files, staff e-mails."""
    problems: list[Problem] = []
    manifest = {r.cells.get("propertyName", ""): r.cells.get("value", "") for r in tables.get("manifest.csv", [])}
    version = manifest.get("oneroster.version", "")
    if version != "1.2":
        problems.append(_problem("manifest.csv", 0, "value", "version", found=version or "?"))
    for name in FILES:
        key = "file." + name.removesuffix(".csv")
        if name != "manifest.csv" and manifest.get(key, "bulk") not in ("bulk", ""):
            problems.append(_problem("manifest.csv", 0, "value", "bulk", name=name, mode=manifest[key]))
    ids: dict[str, set[str]] = {}
    for name, rows in tables.items():
        if name == "manifest.csv":
            continue
        first: dict[str, int] = {}
        for row in rows:
            sourced = row.cells.get("sourcedId", "")
            if not sourced:
                problems.append(_problem(name, row.line, "sourcedId", "required"))
            elif sourced in first:
                problems.append(_problem(name, row.line, "sourcedId", "duplicate", value=sourced, first=first[sourced]))
            first.setdefault(sourced, row.line)
            if row.cells.get("status", "") not in STATUSES:
                problems.append(_problem(name, row.line, "status", "status", value=row.cells["status"]))
        ids[name] = set(first)
    references = (("classes.csv", "schoolSourcedId", "orgs.csv", "unknown_org"),
                  ("enrollments.csv", "classSourcedId", "classes.csv", "unknown_class"),
                  ("enrollments.csv", "userSourcedId", "users.csv", "unknown_user"),
                  ("enrollments.csv", "schoolSourcedId", "orgs.csv", "unknown_org"))
    for name, column, target, key in references:
        for row in tables.get(name, []):
            value = row.cells.get(column, "")
            if value and value not in ids.get(target, set()):
                problems.append(_problem(name, row.line, column, key, value=value))
    for row in tables.get("classes.csv", []):
        for term in filter(None, (t.strip() for t in row.cells.get("termSourcedIds", "").split(","))):
            if term not in ids.get("academicSessions.csv", set()):
                problems.append(_problem("classes.csv", row.line, "termSourcedIds", "unknown_session", value=term))
    users = {r.cells.get("sourcedId", ""): r for r in tables.get("users.csv", [])}
    for row in tables.get("enrollments.csv", []):
        user = users.get(row.cells.get("userSourcedId", ""))
        if row.cells.get("role") in STAFF_ROLES and user is not None and not EMAIL.fullmatch(user.cells.get("email", "")):
            problems.append(_problem("users.csv", user.line, "email", "staff_email", value=user.cells["sourcedId"]))
    return list(dict.fromkeys(problems))


@dataclass
class RosterResult:
    classes_new: int = 0
    classes_updated: int = 0
    classes_archived: int = 0
    staff: int = 0


def import_folder(folder: Path, *, session: Session) -> RosterResult:
    """Check the whole export, then write staff and classes in the caller's transaction (all or nothing)."""
    tables, problems = read_folder(folder)
    problems += check(tables) if not problems else []
    if problems:
        raise RosterError(problems)
    active = lambda row: row.cells.get("status", "") != "tobedeleted"  # noqa: E731
    users = {r.cells["sourcedId"]: r.cells for r in tables["users.csv"]}
    staff_of: dict[str, list[tuple[bool, str]]] = {}
    result = RosterResult()
    staff_ids: set[str] = set()
    for row in filter(active, tables["enrollments.csv"]):
        cells = row.cells
        if cells["role"] in STAFF_ROLES and active(Row(0, users[cells["userSourcedId"]])):
            staff_of.setdefault(cells["classSourcedId"], []).append((cells.get("primary") != "true",
                                                                     users[cells["userSourcedId"]]["email"]))
            staff_ids.add(cells["userSourcedId"])
            existing = session.get(RosterStaff, cells["userSourcedId"])
            staff = existing or RosterStaff(sourced_id=cells["userSourcedId"], username="", role="")
            staff.username, staff.role = users[cells["userSourcedId"]]["email"], cells["role"]
            staff.active = users[cells["userSourcedId"]].get("enabledUser", "true") != "false"
            session.add(staff)
    result.staff = len(staff_ids)
    imported = {c.sourced_id: c for c in session.exec(select(ClassGroup).where(col(ClassGroup.sourced_id) != "")).all()}
    kept: set[str] = set()
    for row in filter(active, tables["classes.csv"]):
        cells = row.cells
        teachers = sorted(staff_of.get(cells["sourcedId"], []))
        if not teachers:
            continue  # a section without staff has nobody to see its dashboard
        kept.add(cells["sourcedId"])
        grades = LIST_SEPARATOR.join(g.strip() for g in cells.get("grades", "").split(",") if g.strip())
        group = imported.get(cells["sourcedId"])
        if group is None:
            group = ClassGroup(class_code=new_class_code(), name=cells["title"], created_by=teachers[0][1],
                               sourced_id=cells["sourcedId"], grades=grades)
            result.classes_new += 1
        elif (group.name, group.created_by, group.grades, group.archived) != (cells["title"], teachers[0][1], grades,
                                                                              False):
            group.name, group.created_by, group.grades, group.archived = cells["title"], teachers[0][1], grades, False
            result.classes_updated += 1
        session.add(group)
    for sourced_id, group in imported.items():
        if sourced_id not in kept and not group.archived:
            group.archived = True
            session.add(group)
            result.classes_archived += 1
    session.flush()
    return result

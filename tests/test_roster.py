"""OneRoster 1.2 bulk exports: classes and staff all or nothing, idempotent, removed classes archived."""
from __future__ import annotations

import csv
import shutil

import pytest
from sqlmodel import select

from explorer import classes, db, roster, roster_sample
from explorer.models import ClassGroup, ClassMember, RosterStaff


def _state(url: str) -> tuple[list[tuple], list[tuple]]:
    with db.session(url) as s:
        groups = sorted((g.sourced_id, g.class_code, g.name, g.created_by, g.grades, g.archived)
                        for g in s.exec(select(ClassGroup)).all())
        staff = sorted((m.sourced_id, m.username, m.role, m.active) for m in s.exec(select(RosterStaff)).all())
    return groups, staff


def _import(url: str, folder) -> roster.RosterResult:
    with db.session(url) as s:
        return roster.import_folder(folder, session=s)


@pytest.fixture
def export(tmp_path):
    folder = tmp_path / "oneroster"
    roster_sample.write(folder)
    return folder


def test_the_sample_export_imports_twice_with_the_same_result(database_url, export):
    first = _import(database_url, export)
    assert (first.classes_new, first.staff) == (6, 4)
    groups, staff = _state(database_url)
    assert {g[3] for g in groups} == {f"teacher{i}@{roster_sample.DOMAIN}" for i in (1, 2, 3, 4)}
    health = next(g for g in groups if g[0] == "c-health-1")
    assert health[2:] == ("Health Science I", f"teacher1@{roster_sample.DOMAIN}", "10; 11", False)
    assert len({g[1] for g in groups}) == 6  # a join code per section
    again = _import(database_url, export)
    assert (again.classes_new, again.classes_updated, again.classes_archived) == (0, 0, 0)
    assert _state(database_url) == (groups, staff)  # same codes, same owners: idempotent
    with db.session(database_url) as s:  # students stay anonymous: none is imported
        assert not s.exec(select(ClassMember)).all()
    assert not any("Student" in str(row) for row in staff)


def test_a_class_gone_from_the_roster_is_archived_not_deleted(database_url, export):
    _import(database_url, export)
    path = export / "classes.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if r["sourcedId"] != "c-weld-1")
    enrollments = export / "enrollments.csv"
    kept = [line for line in enrollments.read_text(encoding="utf-8").splitlines() if "c-weld-1" not in line]
    enrollments.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = _import(database_url, export)
    assert result.classes_archived == 1
    groups, _staff = _state(database_url)
    weld = next(g for g in groups if g[0] == "c-weld-1")
    assert weld[5] is True and len(groups) == 6
    with pytest.raises(classes.ClassError, match="ended"):
        classes.check_join(classes.get_class(weld[1], database_url))


def _edit(folder, name, old, new):
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


BROKEN = {
    "missing file": (lambda f: (f / "enrollments.csv").unlink(), "enrollments.csv", "the export has no"),
    "wrong version": (lambda f: _edit(f, "manifest.csv", "oneroster.version,1.2", "oneroster.version,1.1"),
                      "manifest.csv", "OneRoster 1.1"),
    "duplicate id": (lambda f: _edit(f, "classes.csv", "c-health-2,", "c-health-1,"), "classes.csv", "appears twice"),
    "unknown class": (lambda f: _edit(f, "enrollments.csv", ",c-elec-1,", ",c-nope,"), "enrollments.csv",
                      "c-nope"),
    "staff without e-mail": (lambda f: _edit(f, "users.csv", f"teacher2@{roster_sample.DOMAIN}", ""), "users.csv",
                             "no valid e-mail"),
    "bad status": (lambda f: _edit(f, "orgs.csv", "active", "retired"), "orgs.csv", "retired"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_export_is_refused_whole_with_file_and_line(database_url, export, tmp_path, case):
    _import(database_url, export)
    before = _state(database_url)
    broken = tmp_path / "broken"
    shutil.copytree(export, broken)
    breaks, file, words = BROKEN[case]
    breaks(broken)
    with pytest.raises(roster.RosterError) as error:
        _import(database_url, broken)
    messages = [p.message() for p in error.value.problems]
    assert any(m.startswith(file) and words in m for m in messages), messages
    assert _state(database_url) == before  # nothing written, nothing archived

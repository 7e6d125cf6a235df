"""District catalog: all-or-nothing CSV import, idempotent upserts, exports, editor saves (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import catalog
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
    assert report.rows == {"programs": 13, "dual_enrollment": 19, "work_based_learning": 17, "credentials": 17,
                           "employers": 17}
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
    "bad date": (_with_row("employers", ("Emergency medical services,Marksville,Operations supervisor,Sample data - "
                                         "replace with your district's catalog,2026-09-15",
                                         "Emergency medical services,Marksville,Operations supervisor,Sample data - "
                                         "replace with your district's catalog,15/09/2026")),
                 "employers", 2, "verified_on", "YYYY-MM-DD"),
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
    text = sample_texts()["employers"].replace("contact_role", "contact", 1)
    report = catalog.import_texts({"employers": text}, known, database_url, TODAY)
    assert {(p.column, p.reason) for p in report.problems} == {
        ("contact_role", "column is missing from the header"), ("contact", "is not a column of this table")}


def test_future_dates_and_bad_choices(known, database_url):
    texts = _with_row("work_based_learning", (",job_shadow,Shadow a nurse", ",shadowing,Shadow a nurse"))
    texts["employers"] = texts["employers"].replace("2026-09-15", "2027-01-01", 1)
    report = catalog.import_texts(texts, known, database_url, TODAY)
    reasons = {(p.table, p.column) for p in report.problems}
    assert ("work_based_learning", "type") in reasons and ("employers", "verified_on") in reasons


def test_editor_save_validates_and_deletes_removed_rows(database_url, known):
    assert catalog.import_folder(SAMPLE, known, database_url, TODAY).ok
    rows = catalog.table_rows("employers", database_url)
    bad = [dict(rows[0], verified_on="yesterday"), *rows[1:]]
    problems = catalog.replace_table("employers", bad, known, database_url, TODAY)
    assert problems and problems[0].column == "verified_on"
    assert len(catalog.table_rows("employers", database_url)) == 17
    assert catalog.replace_table("employers", rows[1:], known, database_url, TODAY) == []
    assert [r["name"] for r in catalog.table_rows("employers", database_url)] == [r["name"] for r in rows[1:]]


HEADERS = {name: ",".join(spec.column_names) for name, spec in catalog.TABLES.items()}
cells = st.text(alphabet=st.sampled_from(list('abc,;"\n\r-0123456789.$ yesno2026-09-15HS-HEALTH')), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(list(catalog.TABLES)), header=st.booleans(), body=st.lists(cells, max_size=6))
def test_random_malformed_csv_never_crashes_or_half_imports(table, header, body, known, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'c.db'}"
    assert catalog.import_texts({"programs": sample_texts()["programs"]}, known, url, TODAY).ok
    before = snapshot(url)
    text = (HEADERS[table] + "\n" if header else "") + "\n".join(body)
    report = catalog.import_texts({table: text}, known, url, TODAY)
    if not report.ok:
        assert snapshot(url) == before
    else:
        assert report.rows[table] == len(catalog.table_rows(table, url)) or table == "programs"

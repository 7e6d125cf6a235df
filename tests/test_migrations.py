"""Schema migrations: a database made by the release before migrations (231169d) is upgraded and
every row it held reads back through today's code; the app refuses a database that is behind."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from explorer import advising, attempts, auth, catalog, classes, db, portfolio, schema
from explorer.paths import ROOT
from tests.conftest import unavailable

PREVIOUS_RELEASE = "231169d"

# Runs inside the previous release's code: fills every kind of row a district has, then prints
# what that release itself reads back, as JSON, for comparison after the upgrade.
FILL = r'''
import json, sys
from datetime import date
from pathlib import Path
import pandas as pd
from explorer import advising, attempts, auth, catalog, classes, portfolio, quiz

code = attempts.start("9-12", "quick", "en")
values = [4, 0, 2, 3, 1]
for n, item in enumerate(quiz.form_items("9-12", "quick")):
    attempts.save_answer(code, item.id, values[n % 5])
attempts.finish(code)
retake = portfolio.start_retake(code, "9-12", "full", "es")
portfolio.set_favourite(code, "29-1141.00", True)
portfolio.set_step(code, "29-1141.00", "job", True)
token = portfolio.create_share_link(code)
auth.add_user("jdoe", "correct horse battery", is_admin=True)
for _ in range(2):
    try:
        auth.login("jdoe", "wrong password!!")
    except auth.AuthError:
        pass
klass = classes.create_class("Period 3", "jdoe", ["campus"])
classes.join(klass, code, grade=10, groups={"campus": "North"})
advising.add_note(code, "jdoe", "Talked about nursing", next_step="Job shadow", due_on=date(2027, 1, 15))
occ = pd.read_parquet(Path("data/occupations.parquet"))
report = catalog.import_folder(Path("data/sample_catalog"), catalog.known_soc_codes(occ))
assert report.ok, report.problems
out = {"code": code, "retake": retake, "token": token, "class": klass,
       "portfolio": portfolio.export(code),
       "catalog": {name: catalog.table_rows(name) for name in catalog.TABLES},
       "members": classes.members(klass).reset_index().fillna("").astype(str).to_dict("records"),
       "notes": [n.note for n in advising.notes(code)]}
print(json.dumps(out))
'''


def _previous_release(tmp_path: Path) -> Path:
    """The previous release's explorer/ and the data it reads, from git (never committed twice)."""
    paths = ["explorer", "data/items", "data/sample_catalog", "data/occupations.parquet"]
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", PREVIOUS_RELEASE, *paths],
                                 capture_output=True, check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        unavailable(f"commit {PREVIOUS_RELEASE} is not in this clone ({exc})")
    old = tmp_path / "previous"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(old, filter="data")
    return old


def _fill_with_previous_release(tmp_path: Path, url: str) -> dict:
    old = _previous_release(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(old)}
    done = subprocess.run([sys.executable, "-c", FILL], cwd=old, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _strip_times(export: dict) -> dict:
    return {k: v for k, v in export.items() if k != "exported_at"}


def test_previous_release_database_upgrades_and_reads_back(database_url, tmp_path):
    before = _fill_with_previous_release(tmp_path, database_url)
    db.engine_without_check.cache_clear()
    db._engine_for.cache_clear()
    raw = db.engine_without_check(database_url)
    assert schema.current(raw).startswith(schema.BASELINE)
    with pytest.raises(schema.SchemaError, match="python -m explorer db upgrade"):
        db.get_engine(database_url)

    assert schema.upgrade(raw) == (schema.BASELINE, schema.head())
    assert schema.current(raw) == schema.head()
    db._engine_for.cache_clear()

    code = before["code"]
    saved = attempts.load(code, database_url)
    assert saved.finished and len(saved.answers) == 30
    assert _strip_times(portfolio.export(code, database_url)) == _strip_times(before["portfolio"])
    assert portfolio.open_share_link(before["token"], database_url) == code
    after = {name: catalog.table_rows(name, database_url) for name in catalog.TABLES}
    # Columns added since (0003: work_based_learning.skills_practiced) read back empty; the employers
    # table (dropped by 0004) is gone, every other table reads back as it was.
    assert set(before["catalog"]) - set(after) == {"employers"}
    assert {name: [{k: row[k] for k in old[0]} for row in after[name]] if old else after[name]
            for name, old in before["catalog"].items() if name in after} == {
        name: rows for name, rows in before["catalog"].items() if name in after}
    assert "employer" not in inspect(raw).get_table_names()
    assert {row["skills_practiced"] for row in after["work_based_learning"]} == {""}
    members = classes.members(before["class"], database_url).reset_index().fillna("").astype(str)
    kept = ["index", "portfolio_code", "grade", "campus", "favourites"]
    assert [{k: m[k] for k in kept} for m in members.to_dict("records")] == [{k: m[k] for k in kept}
                                                                            for m in before["members"]]
    # Since #23 a student whose retake is still being answered counts as finished, with the profile
    # of the quiz finished before (the previous release counted only the latest quiz).
    assert before["members"][0]["finished"] == "False" and members["finished"].tolist() == ["True"]
    assert [n.note for n in advising.notes(code, database_url)] == before["notes"]
    assert classes.get_class(before["class"], database_url).area_code == ""
    # The two failed tries made before the upgrade still count toward the lockout.
    assert auth.tries_left("jdoe", database_url) == auth.max_failures() - 2
    assert auth.login("jdoe", "correct horse battery", url=database_url).username == "jdoe"
    assert auth.tries_left("jdoe", database_url) == auth.max_failures()


def test_a_new_database_is_created_at_the_latest_revision_and_matches_the_models(database_url):
    engine = db.get_engine(database_url)
    assert schema.current(engine) == schema.head()
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import explorer.models  # noqa: F401

    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == [], "the models and the migrations disagree; add a revision (see explorer/migrations)"


def _columns(engine, table: str) -> list[str]:
    return [c["name"] for c in inspect(engine).get_columns(table)]


def test_0004_drops_employer_and_is_admin_and_downgrade_restores_them(database_url):
    from alembic import command

    engine = create_engine(database_url)
    assert schema.upgrade(engine, "0003") == (None, "0003")
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO counselor (username, password_hash, is_admin, created_at) "
                                   "VALUES ('jdoe', 'x', true, '2026-12-01 08:00:00')")
        connection.exec_driver_sql("INSERT INTO employer (verified_by, verified_on, name, industry, location, "
                                   "contact_role) VALUES ('CTE office', '2026-09-15', 'Sample Builders', "
                                   "'Construction', 'Marksville', '')")
    assert schema.upgrade(engine) == ("0003", schema.head())
    assert "employer" not in inspect(engine).get_table_names()
    assert _columns(engine, "counselor") == ["username", "password_hash", "created_at"]
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT username FROM counselor").all() == [("jdoe",)]

    with engine.begin() as connection:
        command.downgrade(schema._config(connection), "0003")
    assert schema.current(engine) == "0003"
    assert _columns(engine, "employer") == ["verified_by", "verified_on", "name", "industry", "location",
                                            "contact_role"]
    assert "is_admin" in _columns(engine, "counselor")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT username, is_admin FROM counselor").all() == [("jdoe", False)]
        assert connection.exec_driver_sql("SELECT count(*) FROM employer").scalar_one() == 0
    assert schema.upgrade(engine) == ("0003", schema.head())
    engine.dispose()


def test_upgrade_twice_changes_nothing_and_unknown_revisions_are_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = create_engine(url)
    assert schema.upgrade(engine) == (None, schema.head())
    assert schema.upgrade(engine) == (schema.head(), schema.head())
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(schema.SchemaError, match="does not know"):
        schema.ensure(engine)
    assert "quizattempt" in inspect(engine).get_table_names()


def test_cli_db_current_and_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    run = lambda *a: subprocess.run([sys.executable, "-m", "explorer", "db", *a], cwd=ROOT, env=env,  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    assert "empty" in run("current").stdout
    up = run("upgrade")
    assert up.returncode == 0 and f"empty -> {schema.head()}" in up.stdout
    assert "up to date" in run("upgrade").stdout
    assert f"database schema: {schema.head()};" in run("current").stdout


def test_the_app_refuses_an_out_of_date_database_with_one_line(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    url = f"sqlite:///{tmp_path / 'old.db'}"
    schema.upgrade(create_engine(url), schema.BASELINE)
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The app cannot open its database: the database is at schema {schema.BASELINE}, this code needs "
        f"{schema.head()}; run `python -m explorer db upgrade`"]


def test_db_downgrade_undoes_the_last_revision_and_upgrade_redoes_it(database_url):
    """`python -m explorer db downgrade` (#23): back to the previous release's schema, rows kept."""
    engine = db.engine_without_check(database_url)
    schema.upgrade(engine)
    auth.add_user("jdoe", "correct horse battery", url=database_url)
    previous = schema.revisions()[-2]
    env = {**os.environ, "DATABASE_URL": database_url}
    down = subprocess.run([sys.executable, "-m", "explorer", "db", "downgrade"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert down.returncode == 0, down.stderr
    assert f"database schema: {schema.head()} -> {previous}" in down.stdout
    assert schema.current(engine) == previous
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT username FROM counselor").all() == [("jdoe",)]
    assert schema.upgrade(engine) == (previous, schema.head())
    for revision in reversed(schema.revisions()[1:]):  # all the way back, one revision at a time
        assert schema.downgrade(engine)[0] == revision
    with pytest.raises(schema.SchemaError, match="nothing before it"):
        schema.downgrade(engine)
    engine.dispose()


_START = r'''
import sys, time
from explorer import db, schema
while time.time() < float(sys.argv[2]):  # every process starts at the same instant
    time.sleep(0.001)
engine = db.get_engine(sys.argv[1])
print(schema.current(engine))
'''


def test_processes_starting_at_once_on_a_new_database_create_it_once(database_url, tmp_path):
    """Several app processes opening one brand-new database at the same instant (#23): the schema
    lock lets one create it and the others find it ready, on SQLite and PostgreSQL."""
    import time

    from tests.conftest import _drop_postgres

    rounds, processes, failures = 6, 3, []
    for n in range(rounds):
        url = (f"sqlite:///{tmp_path / f'start{n}.db'}" if database_url.startswith("sqlite")
               else _fresh_postgres(database_url, n))
        at = f"{time.time() + 2.5:.3f}"
        runs = [subprocess.Popen([sys.executable, "-c", _START, url, at], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _p in range(processes)]
        for run in runs:
            out, err = run.communicate(timeout=120)
            if run.returncode != 0 or out.strip() != schema.head():
                failures.append(f"round {n}: {err.strip().splitlines()[-1:] or out}")
        if url.startswith("postgresql"):
            _drop_postgres(url)
    assert not failures, f"{len(failures)} of {rounds * processes} processes failed: {failures}"


def _fresh_postgres(database_url: str, n: int) -> str:
    """Another empty database on the test server (dropped with the server's test databases)."""
    from sqlalchemy import text

    from tests.conftest import PG_ADMIN_URL

    name = f"{database_url.rsplit('/', 1)[1]}_start{n}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return database_url.rsplit("/", 1)[0] + "/" + name

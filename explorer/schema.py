"""Which schema revision a database is at, and bringing it up to date (Alembic).

``create_all`` never alters an existing table, so a release that adds a column would break every
install that already has data. Instead every schema change is an Alembic revision in
``explorer/migrations/versions``; a district runs ``python -m explorer db upgrade`` after updating the
code, and the app refuses to open a database whose revision is not the code's, with one line saying
what to run. A brand-new, empty database is simply created at the latest revision, so the default
SQLite install still needs no setup step.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema of every install made before migrations existed (release 231169d)
UPGRADE_COMMAND = "python -m explorer db upgrade"
_LOCK_KEY = 20261202  # PostgreSQL advisory lock: two servers starting at once do not both migrate


class SchemaError(RuntimeError):
    """The database's schema does not match this version of the code (safe to show, one line)."""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The revision this version of the code expects."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    if revision is None:
        raise SchemaError(f"no migration revisions in {MIGRATIONS / 'versions'}")
    return revision


def revisions() -> list[str]:
    """Every known revision, oldest first."""
    return [r.revision for r in reversed(list(ScriptDirectory.from_config(_config()).walk_revisions()))]


def _app_tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def current(engine: Engine) -> str | None:
    """The database's revision; ``BASELINE`` for an install older than migrations; None when empty."""
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision is None and _app_tables(connection):
            return BASELINE + " (not stamped: made before migrations)"
        return revision


@contextmanager
def serialised(engine: Engine) -> Iterator[None]:
    """Hold the database's schema lock: one process at a time checks, creates, upgrades or
    downgrades the schema (several app processes starting at once on a brand-new database).

    PostgreSQL: a session advisory lock on a connection of its own. SQLite: an exclusive ``flock``
    on ``<database file>.lock`` beside the file (SQLite runs DDL outside transactions, so without
    it a second process saw half-created tables). An in-memory SQLite database needs none.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as holder:
            holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY})
            holder.commit()
            try:
                yield
            finally:
                holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
                holder.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    import fcntl

    with open(os.path.abspath(database) + ".lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Apply every missing revision in one transaction per revision; returns (before, after).

    A database made before migrations existed is stamped at the baseline first (its tables are the
    baseline's), then upgraded like any other.
    """
    with serialised(engine):
        return _upgrade(engine, target)


def downgrade(engine: Engine) -> tuple[str, str]:
    """Undo the database's last revision (back to the release before); returns (before, after).

    Refused on an empty database and on the baseline, which has nothing before it."""
    with serialised(engine), engine.begin() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        if before is None:
            raise SchemaError("the database has no schema revision to undo")
        if before == BASELINE:
            raise SchemaError(f"the database is at the first revision, {BASELINE}: there is nothing before it")
        command.downgrade(_config(connection), "-1")
        after = MigrationContext.configure(connection).get_current_revision()
    return before, after or "empty"


def _upgrade(engine: Engine, target: str) -> tuple[str | None, str]:
    with engine.begin() as connection:
        config = _config(connection)
        before = MigrationContext.configure(connection).get_current_revision()
        if before is None and _app_tables(connection):
            command.stamp(config, BASELINE)
            before = BASELINE
        command.upgrade(config, target)
        after = MigrationContext.configure(connection).get_current_revision()
    if after is None:  # only an upgrade to "base" ends without a revision, and that is a downgrade
        raise SchemaError(f"upgrade to {target!r} left the database without a revision")
    return before, after


def ensure(engine: Engine) -> None:
    """Create an empty database at the latest revision; refuse one at any other revision."""
    expected = head()
    with serialised(engine):
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
            empty = not _app_tables(connection)
        if revision is None and empty:
            _upgrade(engine, "head")
            return
    if revision == expected:
        return
    if revision is None:
        raise SchemaError(f"the database was made before schema migrations; run `{UPGRADE_COMMAND}`")
    if revision in revisions():
        raise SchemaError(f"the database is at schema {revision}, this code needs {expected}; "
                          f"run `{UPGRADE_COMMAND}`")
    raise SchemaError(f"the database is at schema {revision}, which this code does not know (newer code wrote it?); "
                      f"use the release that made it or restore a backup")

"""The one place that turns ``DATABASE_URL`` into a SQLAlchemy engine.

SQLite in the gitignored ``var/`` folder is the default (nothing to install); a district sets
``DATABASE_URL=postgresql+psycopg://user@host/db`` to share one database between servers.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import Executable, Table, UniqueConstraint, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session, SQLModel, create_engine

from explorer.models import table_of
from explorer.paths import VAR_DIR

if TYPE_CHECKING:  # the dialects are imported when a statement needs them (PostgreSQL's takes 16 ms)
    from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert

_ENSURE_LOCK = threading.Lock()
DEFAULT_URL = f"sqlite:///{VAR_DIR / 'explorer.db'}"


class DatabaseConfigError(Exception):
    """DATABASE_URL cannot be used."""


def database_url() -> str:
    """DATABASE_URL, or the default SQLite file."""
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


@lru_cache(maxsize=8)
def engine_without_check(url: str) -> Engine:
    """The raw engine for ``url``, whatever its schema (for ``db upgrade`` and ``db current``)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseConfigError(f"DATABASE_URL {url!r} is not a database URL (e.g. sqlite:///var/explorer.db)") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            # WAL lets a class of students write answers while others read without "database is locked".
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL still never loses a committed answer when the app process dies (only
            # an OS crash or power cut can roll back the last commits), and it spares the fsync that
            # was the largest single cost of saving an answer under a class (18% of the server's CPU).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    import explorer.models  # noqa: F401  (registers every table on SQLModel.metadata)
    from explorer import schema

    engine = engine_without_check(url)

    with _ENSURE_LOCK:  # two sessions opening a brand-new database at once create it once
        try:
            schema.ensure(engine)
        except BaseException:
            engine.dispose()  # nothing keeps a connection to a database it refused
            raise
    return engine


def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: DATABASE_URL), created once per URL.

    A new, empty database gets every table at the latest schema revision; a database at an older
    revision raises ``schema.SchemaError`` saying to run ``python -m explorer db upgrade``.
    """
    return _engine_for(url or database_url())


@contextmanager
def session(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error (nothing half-written)."""
    with Session(get_engine(url), expire_on_commit=False) as db:
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise


def insert_for(dialect_name: str, table: Table) -> SqliteInsert | PostgresInsert:
    """An INSERT that can say ON CONFLICT, in the dialect of the database (SQLite or PostgreSQL)."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table) if dialect_name == "sqlite" else pg_insert(table)


def upsert(s: Session, model: type[SQLModel], values: dict, update: tuple[str, ...] = ()) -> None:
    """Insert a row, or update ``update`` columns of the row with the same primary key, in one
    statement (INSERT ... ON CONFLICT), so two sessions saving the same answer or favourite at the
    same instant both succeed instead of one failing on the unique key. No ``update``: keep the
    existing row."""
    s.execute(_upsert_statement(s.get_bind().dialect.name, model, tuple(update)), values)


@lru_cache(maxsize=64)
def _upsert_statement(dialect_name: str, model: type[SQLModel], update: tuple[str, ...]) -> Executable:
    """One statement per table and dialect, its values bound at execution: building the ON CONFLICT
    clause (its ``excluded`` columns) costs more than running it, and a quiz answer runs it each click."""
    table = table_of(model)
    insert = insert_for(dialect_name, table)
    keys = _unique_keys(table) or [c.name for c in table.primary_key.columns]
    return (insert.on_conflict_do_update(index_elements=keys, set_={c: insert.excluded[c] for c in update})
            if update else insert.on_conflict_do_nothing(index_elements=keys))


def _unique_keys(table: Table) -> list[str]:
    """The natural key of a table with a surrogate id (e.g. an answer is unique per attempt and item)."""
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            return [c.name for c in constraint.columns]
    return []

"""Shared fixtures: the public sources, the OEWS SQLite, databases (SQLite and PostgreSQL) and the sample catalog."""
from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from explorer.paths import DATA_DIR, ROOT

if TYPE_CHECKING:
    from explorer.pathways import Catalog

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SHARED = Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared" / "data"))
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def unavailable(reason: str) -> None:
    """Skip with a visible reason locally; under CI a missing prerequisite is a failure."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fresh_login_budget():
    """Each test starts with the process's sign-in budget unused (explorer.auth.BUDGET)."""
    from explorer import auth, guessing

    auth.BUDGET.reset()
    guessing.BUDGET.reset()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED / "onet" / "db_30_1_text" / "Interests.txt").is_file():
        unavailable(f"public source data not found at {SHARED} (set SHARED_DATA)")
    return SHARED


@pytest.fixture(scope="session")
def oews_db() -> sqlite3.Connection:
    from explorer.build.sources import BuildError, open_oews

    try:
        con, _origin, _sha = open_oews(None)
    except BuildError as exc:
        unavailable(str(exc))
    con.row_factory = sqlite3.Row
    return con


@pytest.fixture(scope="session")
def kb():
    from explorer.data import knowledge_base

    return knowledge_base()


def _postgres_url() -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"explorer_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as con:
            con.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any connection failure means "no server"
        admin.dispose()
        unavailable(f"no PostgreSQL answering at {PG_ADMIN_URL} ({type(exc).__name__})")
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _drop_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from explorer import db

    db._engine_for(url).dispose()
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A fresh, empty database of each kind; every storage test runs on both."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'explorer.db'}"
        return
    url = _postgres_url()
    yield url
    _drop_postgres(url)


@pytest.fixture
def url(monkeypatch, tmp_path) -> str:
    """A fresh SQLite file that the app under AppTest also uses (DATABASE_URL points at it)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def sample_catalog_into(kb) -> Callable[[str], Catalog]:
    """Import data/sample_catalog into a database URL (as of 2026-11-22) and return the loaded catalog.

    A factory, so each test module picks the database: ``url`` for AppTest pages, ``database_url`` for both backends.
    """
    from explorer import catalog, pathways

    def load(url: str) -> Catalog:
        report = catalog.import_folder(DATA_DIR / "sample_catalog", catalog.known_soc_codes(kb.occupations), url,
                                       date(2026, 11, 22))
        assert report.ok, report.problems
        return pathways.Catalog.load(url)

    return load

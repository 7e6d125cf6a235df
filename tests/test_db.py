"""The engine factory: DATABASE_URL, SQLite default in var/, PostgreSQL when set (tests run on both)."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from explorer import db
from explorer.models import Answer, QuizAttempt


def test_default_is_sqlite_in_gitignored_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert db.database_url() == db.DEFAULT_URL
    assert db.DEFAULT_URL.startswith("sqlite:///") and "/var/" in db.DEFAULT_URL


def test_database_url_env_is_used(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'district.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.get_engine()
    assert str(engine.url) == url
    assert (tmp_path / "district.db").exists()


def test_tables_created_and_round_trip(database_url):
    engine = db.get_engine(database_url)
    assert {"quizattempt", "answer"} <= set(inspect(engine).get_table_names())
    with db.session(database_url) as s:
        attempt = QuizAttempt(resume_code="ABCD-EFGH-JK", band="9-12", form="quick")
        s.add(attempt)
        s.flush()
        s.add(Answer(attempt_id=attempt.id, item_id="R01", value=4))
    with db.session(database_url) as s:
        got = s.exec(select(QuizAttempt).where(QuizAttempt.resume_code == "ABCD-EFGH-JK")).one()
        assert [a.value for a in s.exec(select(Answer).where(Answer.attempt_id == got.id))] == [4]


def test_failed_session_writes_nothing(database_url):
    with pytest.raises(RuntimeError), db.session(database_url) as s:
        s.add(QuizAttempt(resume_code="ZZZZ-ZZZZ-ZZ", band="6-8", form="full"))
        s.flush()
        raise RuntimeError("crash mid-write")
    with db.session(database_url) as s:
        assert s.exec(select(QuizAttempt)).all() == []


def test_engine_is_cached_per_url(database_url):
    assert db.get_engine(database_url) is db.get_engine(database_url)


def test_bad_url_is_explained():
    with pytest.raises(db.DatabaseConfigError, match="not a database URL"):
        db.get_engine("not a url")

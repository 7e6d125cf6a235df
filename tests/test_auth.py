"""Counselor accounts: argon2 hashes, lockout, idle timeout; pages refuse access without login."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer import auth
from explorer.models import utcnow

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PASSWORD = "correct horse battery"


def test_password_is_stored_as_argon2id(database_url):
    auth.add_user("jdoe", PASSWORD, url=database_url)
    stored = auth.users(database_url)[0]
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    assert auth.login("JDoe ", PASSWORD, url=database_url).username == "jdoe"


@pytest.mark.parametrize("username,password,reason", [("x", PASSWORD, "usernames"), ("ok.name", "short", "12")])
def test_bad_accounts_are_refused(database_url, username, password, reason):
    with pytest.raises(auth.AuthError, match=reason):
        auth.add_user(username, password, url=database_url)


def test_lockout_after_repeated_failures(database_url):
    auth.add_user("jdoe", PASSWORD, url=database_url)
    now = utcnow()
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthError, match="wrong username or password"):
            auth.login("jdoe", "guess", url=database_url, now=now)
    with pytest.raises(auth.AuthError, match="too many failed attempts"):
        auth.login("jdoe", PASSWORD, url=database_url, now=now + timedelta(minutes=1))
    assert auth.login("jdoe", PASSWORD, url=database_url, now=now + auth.LOCKOUT + timedelta(seconds=1))


def test_unknown_user_gets_the_same_message(database_url):
    with pytest.raises(auth.AuthError, match="^wrong username or password$"):
        auth.login("nobody", PASSWORD, url=database_url)


def test_idle_timeout():
    now = utcnow()
    assert not auth.expired(now - timedelta(minutes=29), now)
    assert auth.expired(now - timedelta(minutes=31), now)
    assert auth.expired(None, now)


@pytest.fixture
def app_db(monkeypatch, tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    auth.add_user("counselor", PASSWORD, url=url)
    return url


@pytest.mark.parametrize("page", ["pages/catalog.py", "pages/audit.py", "pages/advising.py", "pages/classes.py"])
def test_counselor_pages_show_only_the_login_form_without_login(app_db, page):
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    with pytest.raises(ValueError):  # not even registered in the navigation before login
        at.switch_page(page)
    # Run directly (as a bookmarked URL on a cold server would), the page itself refuses too.
    direct = AppTest.from_file(str(Path(APP).parent / page), default_timeout=30)
    direct.session_state["lang"] = "en"
    direct.run()
    assert [t.value for t in direct.title] == ["Counselor login"]
    assert not direct.dataframe and not direct.get("data_editor") and not direct.get("arrow_data_frame")
    assert len(direct.text_input) == 2


def test_login_then_catalog_page(app_db):
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("pages/login.py")
    at.run()
    at.run()
    at.text_input[0].input("counselor")
    at.text_input[1].input("wrong password!!")
    at.button[0].click().run()
    assert any("wrong username or password" in e.value for e in at.error)
    at = AppTest.from_file(APP, default_timeout=30)  # AppTest misses a second submit of the same form
    at.run()
    at.switch_page("pages/login.py")
    at.run()
    at.run()
    at.text_input[0].input("counselor")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("Logged in as counselor" in m.value for m in at.markdown)
    at.run()  # the navigation now registers the counselor pages
    at.switch_page("pages/catalog.py")
    at.run()
    at.run()
    assert at.title[0].value == "District catalog"

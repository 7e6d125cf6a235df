"""Counselor accounts: argon2 hashes, lockout, idle timeout; pages refuse access without login."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
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
    for _ in range(auth.max_failures()):
        with pytest.raises(auth.AuthError, match="wrong username or password"):
            auth.login("jdoe", "guess", url=database_url, now=now)
    with pytest.raises(auth.AuthError, match="too many failed attempts"):
        auth.login("jdoe", PASSWORD, url=database_url, now=now + timedelta(minutes=1))
    assert auth.login("jdoe", PASSWORD, url=database_url, now=now + auth.lockout() + timedelta(seconds=1))


def test_unknown_user_gets_the_same_message(database_url):
    with pytest.raises(auth.AuthError, match=r"^wrong username or password$"):
        auth.login("nobody", PASSWORD, url=database_url)


def test_twenty_parallel_wrong_passwords_lock_after_five(database_url):
    """The old read-check-write counter ended at 2 after 20 simultaneous guesses; each try is now
    counted atomically before its password is checked, so only five are ever checked."""
    auth.add_user("jdoe", PASSWORD, url=database_url)
    now = utcnow()

    def guess(n: int) -> str:
        try:
            auth.login("jdoe", PASSWORD if n == 19 else f"guess number {n}", url=database_url, now=now)
        except auth.AuthError as exc:
            return exc.message_id
        return "logged in"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(guess, range(20)))
    wrong = outcomes.count("wrong username or password")
    locked = sum("too many failed attempts" in o for o in outcomes)
    assert wrong + outcomes.count("logged in") <= auth.max_failures() and wrong + locked + outcomes.count("logged in") == 20
    assert auth.tries_left("jdoe", database_url, now=now) == 0
    with pytest.raises(auth.AuthError, match="too many failed attempts"):
        auth.login("jdoe", PASSWORD, url=database_url, now=now + timedelta(minutes=1))


def test_unknown_usernames_lock_alike_so_lockout_reveals_no_account(database_url):
    auth.add_user("jdoe", PASSWORD, url=database_url)
    now = utcnow()
    seen = {}
    for name in ("jdoe", "nobody"):
        messages = []
        for _ in range(auth.max_failures() + 1):
            with pytest.raises(auth.AuthError) as refused:
                auth.login(name, "not the password", url=database_url, now=now)
            messages.append(refused.value.message_id)
        seen[name] = messages
    assert seen["jdoe"] == seen["nobody"]
    assert seen["nobody"][-1].startswith("too many failed attempts")


def test_unlock_and_remove(database_url):
    auth.add_user("jdoe", PASSWORD, url=database_url)
    now = utcnow()
    for _ in range(auth.max_failures()):
        with pytest.raises(auth.AuthError):
            auth.login("jdoe", "guess", url=database_url, now=now)
    assert auth.tries_left("jdoe", database_url, now=now) == 0
    assert auth.unlock("JDoe", database_url) is True
    assert auth.login("jdoe", PASSWORD, url=database_url, now=now).username == "jdoe"
    token = auth.start_session("jdoe", database_url)
    assert auth.resume_session(token, database_url).username == "jdoe"
    auth.remove_user("jdoe", database_url)
    assert auth.users(database_url) == [] and auth.resume_session(token, database_url) is None
    with pytest.raises(auth.AuthError, match="there is no account"):
        auth.remove_user("jdoe", database_url)


def test_sessions_expire_when_idle_and_end_on_logout(database_url):
    auth.add_user("jdoe", PASSWORD, url=database_url)
    now = utcnow()
    token = auth.start_session("jdoe", database_url, now=now)
    assert auth.resume_session(token, database_url, now=now + timedelta(minutes=20)).username == "jdoe"
    assert auth.resume_session(token, database_url, now=now + timedelta(minutes=45)).username == "jdoe"
    assert auth.resume_session(token, database_url, now=now + timedelta(minutes=80)) is None  # idle 35 min
    token = auth.start_session("jdoe", database_url)
    auth.end_session(token, database_url)
    assert auth.resume_session(token, database_url) is None
    assert auth.resume_session("made-up", database_url) is None


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


def _as_counselor(page: str) -> AppTest:
    at = AppTest.from_file(str(Path(APP).parent / page), default_timeout=30)
    at.session_state["lang"] = "en"
    at.session_state["counselor"] = "counselor"
    at.session_state["counselor_seen"] = utcnow()
    return at


def test_advising_says_so_for_a_well_formed_unknown_code(app_db):
    at = _as_counselor("pages/advising.py")
    at.run()
    at.text_input[0].input("K7M-Q4T-X9B")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["No quiz was saved under the code K7M-Q4T-X9B. Check each character "
                                           "against what you wrote down, or start a new quiz."]


def test_logout_clears_every_counselor_only_key(app_db):
    at = _as_counselor("pages/login.py")
    at.session_state["advising_code"] = "K7M-Q4T-X9B"
    at.session_state["editor_programs"] = {"edited_rows": {}}
    at.session_state["occupation"] = "29-1141.00"  # a student's choice on a shared computer stays
    at.run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    gone = ("counselor", "counselor_seen", "counselor_token", "advising_code", "editor_programs")
    assert [key for key in gone if key in at.session_state] == []
    assert at.session_state["occupation"] == "29-1141.00"
    assert [t.value for t in at.title] == ["Counselor login"]


def test_cli_users_unlock_and_remove(tmp_path):
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "DATABASE_URL": url}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "explorer", "users", *args], cwd=Path(APP).parent, env=env,
                              input=stdin, capture_output=True, text=True, timeout=120)

    assert run("add", "jdoe", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    for _ in range(auth.max_failures()):
        with pytest.raises(auth.AuthError):
            auth.login("jdoe", "guess", url=url)
    assert auth.tries_left("jdoe", url) == 0
    assert run("unlock", "JDoe").stdout.strip() == "unlocked jdoe"
    assert auth.login("jdoe", PASSWORD, url=url).username == "jdoe"
    assert run("remove", "jdoe").returncode == 0 and auth.users(url) == []
    missing = run("remove", "jdoe")
    assert missing.returncode == 2 and "there is no account jdoe" in missing.stderr

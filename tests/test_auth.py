"""Counselor accounts: argon2 hashes, lockout, idle timeout; pages refuse access without login."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer import auth
from explorer.models import utcnow
from tests.apptest import signed_in

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
    for key, value in signed_in().items():
        at.session_state[key] = value
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


# ----- #23: sign-in cost bounded per browser and per process; sessions end everywhere -------------------


@pytest.fixture
def counted_checks(monkeypatch) -> list[str]:
    """Every argon2 check made (the real one still runs)."""
    checks: list[str] = []
    real = auth._verify

    def counting(password_hash: str, password: str) -> bool:
        checks.append(password)
        return real(password_hash, password)
    monkeypatch.setattr(auth, "_verify", counting)
    return checks


def test_a_new_username_per_try_still_spends_the_browsers_budget(database_url, counted_checks):
    """The flood: a new username each try got a fresh argon2 check. Now one browser session has
    login_tries_per_browser tries in login_lockout_minutes, whatever names it types."""
    now = utcnow()
    for n in range(10):
        with pytest.raises(auth.AuthError, match="wrong username or password"):
            auth.login(f"flood{n}", "guess", url=database_url, now=now, client="tab-1")
    with pytest.raises(auth.AuthError, match="too many sign-in tries from this browser") as refused:
        auth.login("flood-next", "guess", url=database_url, now=now, client="tab-1")
    assert refused.value.params["time"] == f"{now + auth.lockout():%H:%M}"
    assert len(counted_checks) == 10  # the refused try checked no password
    auth.add_user("jdoe", PASSWORD, url=database_url)
    assert auth.login("jdoe", PASSWORD, url=database_url, now=now, client="tab-2").username == "jdoe"
    later = now + auth.lockout() + timedelta(seconds=1)
    with pytest.raises(auth.AuthError, match="wrong username or password"):  # the window has passed
        auth.login("flood-late", "guess", url=database_url, now=later, client="tab-1")


def test_thirty_flooding_sessions_get_the_process_budget_of_checks(database_url, counted_checks):
    """30 sessions x 10 tries each with new usernames within one minute (the reported attack made
    298 argon2 checks): the process checks login_checks_per_minute (30) passwords and refuses the rest."""
    now, refused = utcnow(), 0
    for attempt in range(10):
        for tab in range(30):
            try:
                auth.login(f"u{tab}-{attempt}", "guess", url=database_url, now=now + timedelta(seconds=attempt),
                           client=f"tab-{tab}")
            except auth.AuthError as problem:
                refused += problem.message_id.startswith("the server is checking too many")
    assert len(counted_checks) == 30 and refused == 270
    # A minute on, checks are allowed again (a counselor is kept out for a minute at most).
    auth.add_user("jdoe", PASSWORD, url=database_url)
    assert auth.login("jdoe", PASSWORD, url=database_url, now=now + timedelta(minutes=2), client="x").username == "jdoe"


def test_at_most_two_password_checks_run_at_once(database_url, monkeypatch):
    import threading
    import time

    running, most, lock = [0], [0], threading.Lock()

    class SlowHasher:
        def verify(self, password_hash: str, password: str) -> bool:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.05)
            with lock:
                running[0] -= 1
            raise auth.VerificationError()

        def check_needs_rehash(self, password_hash: str) -> bool:
            return False
    monkeypatch.setattr(auth, "HASHER", SlowHasher())
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(auth.login, f"name{n}", "guess", database_url, None, f"tab-{n}") for n in range(8)]
    assert all(isinstance(f.exception(), auth.AuthError) for f in futures)
    assert most[0] == 2  # login_parallel_checks: about 2 x 64 MB at most, however many tabs


def test_activity_keeps_a_sign_in_alive_past_the_idle_limit(database_url):
    auth.add_user("jdoe", PASSWORD, url=database_url)
    start = utcnow()
    token = auth.start_session("jdoe", url=database_url, now=start)
    for minutes in range(20, 100, 20):  # a click every 20 minutes, 80 minutes in all (idle limit 30)
        assert auth.resume_session(token, url=database_url, now=start + timedelta(minutes=minutes)) is not None
    assert auth.resume_session(token, url=database_url, now=start + timedelta(minutes=80 + 31)) is None


def _tab(page: str, state: dict) -> AppTest:
    at = AppTest.from_file(str(Path(APP).parent / page), default_timeout=30)
    at.session_state["lang"] = "en"
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    return at


def test_signing_out_in_one_tab_ends_the_others_at_their_next_click(app_db):
    state = signed_in()  # both tabs carry the one sign-in (the second resumed it from the cookie)
    other = _tab("pages/classes.py", state)
    assert [t.value for t in other.title] == ["Classes and dashboard"]
    this = _tab("pages/login.py", state)
    this.button[0].click().run()  # Log out
    other.run()
    assert [t.value for t in other.title] == ["Counselor login"]
    assert any("this sign-in ended in another tab" in i.value for i in other.info)
    assert "counselor" not in other.session_state


def test_removing_the_account_ends_its_open_tab(app_db):
    tab = _tab("pages/classes.py", signed_in())
    assert [t.value for t in tab.title] == ["Classes and dashboard"]
    auth.remove_user("counselor")
    tab.text_input[0].input("Period 4")
    tab.button[0].click().run()  # the Create button of a class: refused, nothing created
    assert [t.value for t in tab.title] == ["Counselor login"]
    from explorer import classes
    assert classes.classes() == []

"""Counselor accounts: argon2id password hashes, lockout after repeated failures, idle timeout.

The number of tries, the lockout, the idle timeout and the shortest password are district settings
(``login_*``, ``counselor_idle_minutes``, ``min_password_length`` in explorer/settings.py).

Unknown usernames are verified against a dummy hash too, so the time a failed login takes does not
reveal which accounts exist. Districts with single sign-on can use Streamlit's OIDC login instead
(see the README).
"""
from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections import deque
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import overload

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, update
from sqlmodel import select

from explorer import db, settings
from explorer.i18n import N_
from explorer.models import Counselor, CounselorSession, LoginThrottle, table_of, utcnow

HASHER = PasswordHasher()  # argon2id with the library's current defaults
_DUMMY_HASH = HASHER.hash("not a real password")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


class AuthError(ValueError):
    """Why an account could not be created or a login was refused (safe to show).

    ``args[0]`` is an English message id (translated where shown); ``params`` fill its placeholders.
    """

    def __init__(self, message: str, **params: object):
        super().__init__(message.format(**params))
        self.message_id, self.params = message, params


def max_failures() -> int:
    """Failed tries a username has before it locks."""
    return settings.current().login_max_failures


def lockout() -> timedelta:
    return timedelta(minutes=settings.current().login_lockout_minutes)


def idle_timeout() -> timedelta:
    return timedelta(minutes=settings.current().counselor_idle_minutes)


@overload
def _aware(moment: datetime) -> datetime: ...


@overload
def _aware(moment: None) -> None: ...


def _aware(moment: datetime | None) -> datetime | None:
    """A time read back from the database as UTC (SQLite returns it without a zone)."""
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def add_user(username: str, password: str, url: str | None = None) -> None:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AuthError(N_("usernames use 2-80 lowercase letters, digits, dots, dashes or underscores"))
    shortest = settings.current().min_password_length
    if len(password) < shortest:
        raise AuthError(N_("passwords need at least {n} characters"), n=shortest)
    with db.session(url) as s:
        if s.get(Counselor, username) is not None:
            raise AuthError(N_("user {name} already exists"), name=username)
        s.add(Counselor(username=username, password_hash=HASHER.hash(password)))


def _count_try(key: str, now: datetime, url: str | None) -> tuple[int, datetime | None]:
    """Count one try for ``key`` in a single atomic statement and commit it before any password is
    checked, so N tries sent at once are numbered 1..N and only the first max_failures() are checked."""
    engine = db.get_engine(url)
    table = table_of(LoginThrottle)
    with engine.begin() as con:
        con.execute(update(table).where(table.c.username == key, table.c.locked_until <= now)
                    .values(tries=0, locked_until=None))  # a lockout that has run out starts afresh
        insert = db.insert_for(engine.dialect.name, table).values(username=key, tries=1, locked_until=None)
        tries, locked = con.execute(insert.on_conflict_do_update(index_elements=["username"],
                                                                 set_={"tries": table.c.tries + 1})
                                    .returning(table.c.tries, table.c.locked_until)).one()
    return tries, _aware(locked)


def _lock(key: str, now: datetime, url: str | None) -> datetime:
    table = table_of(LoginThrottle)
    with db.get_engine(url).begin() as con:
        con.execute(update(table).where(table.c.username == key, table.c.locked_until.is_(None))
                    .values(locked_until=now + lockout()))
        return _aware(con.execute(select(table.c.locked_until).where(table.c.username == key)).scalar_one())


def _locked_error(until: datetime) -> AuthError:
    return AuthError(N_("too many failed attempts; try again after {time} UTC or ask an administrator"),
                     time=f"{until:%H:%M}")


class LoginBudget:
    """What sign-ins may cost one app process, whatever usernames they type (a new name per try got
    a fresh argon2 check, about 64 MB and 100 ms each: 30 flooding sessions slowed students' answers
    from 44 ms to 5.2 s).

    - per browser session: at most ``login_tries_per_browser`` tries in ``login_lockout_minutes``;
    - per process: at most ``login_checks_per_minute`` password checks in any 60 seconds;
    - at most ``login_parallel_checks`` checks at once (a semaphore; a try that waits more than a few
      seconds for a turn is refused), so memory stays bounded.

    A refused try checks no password. Known and unknown usernames are counted alike.
    """

    WAIT_SECONDS = 5.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checks: deque[datetime] = deque()
        self._by_client: dict[str, deque[datetime]] = {}
        self._parallel: threading.BoundedSemaphore | None = None
        self._parallel_size = 0

    def admit(self, client: str | None, now: datetime) -> None:
        """Count one try of ``client`` (a browser session id; None for the command line), or AuthError."""
        current = settings.current()
        with self._lock:
            if client is not None:
                window = now - timedelta(minutes=current.login_lockout_minutes)
                tries = self._by_client.setdefault(client, deque())
                while tries and tries[0] <= window:
                    tries.popleft()
                if len(tries) >= current.login_tries_per_browser:
                    raise AuthError(N_("too many sign-in tries from this browser; try again after {time} UTC"),
                                    time=f"{tries[0] + timedelta(minutes=current.login_lockout_minutes):%H:%M}")
                tries.append(now)
                if len(self._by_client) > 10_000:  # forget the quietest browsers rather than grow
                    for stale in [c for c, t in self._by_client.items() if not t or t[-1] <= window]:
                        del self._by_client[stale]
            while self._checks and self._checks[0] <= now - timedelta(minutes=1):
                self._checks.popleft()
            if len(self._checks) >= current.login_checks_per_minute:
                raise AuthError(N_("the server is checking too many sign-ins right now; try again in a minute"))
            self._checks.append(now)

    def semaphore(self) -> threading.BoundedSemaphore:
        size = settings.current().login_parallel_checks
        with self._lock:
            if self._parallel is None or self._parallel_size != size:
                self._parallel, self._parallel_size = threading.BoundedSemaphore(size), size
            return self._parallel

    def reset(self) -> None:
        with self._lock:
            self._checks.clear()
            self._by_client.clear()


BUDGET = LoginBudget()


def _verify(password_hash: str, password: str) -> bool:
    """One argon2 check, taking a turn among ``login_parallel_checks``."""
    turn = BUDGET.semaphore()
    if not turn.acquire(timeout=LoginBudget.WAIT_SECONDS):
        raise AuthError(N_("the server is checking too many sign-ins right now; try again in a minute"))
    try:
        HASHER.verify(password_hash, password)
        return True
    except (VerificationError, InvalidHashError):
        return False
    finally:
        turn.release()


def login(username: str, password: str, url: str | None = None, now: datetime | None = None,
          client: str | None = None) -> Counselor:
    """The counselor, or AuthError. Known and unknown usernames fail alike, lockout included: the
    tries are counted per typed name, so "too many failed attempts" reveals nothing about accounts.
    Every try first passes ``BUDGET`` (per browser ``client`` and per process)."""
    now = now or utcnow()
    BUDGET.admit(client, now)
    key = (username or "").strip().lower()[:80]
    tries, locked = _count_try(key, now, url)
    limit = max_failures()
    if (locked and locked > now) or tries > limit:
        raise _locked_error(locked if locked and locked > now else _lock(key, now, url))
    with db.session(url) as s:
        user = s.get(Counselor, key) if key else None
        verified = _verify(user.password_hash if user else _DUMMY_HASH, password or "")
        if user is not None and verified and HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = HASHER.hash(password)
            s.add(user)
    if user is None or not verified:
        if tries >= limit:
            _lock(key, now, url)
        raise AuthError(N_("wrong username or password"))
    unlock(key, url)
    return user


def tries_left(username: str, url: str | None = None, now: datetime | None = None) -> int:
    """How many tries a username has before it locks (0 while locked)."""
    now = now or utcnow()
    with db.session(url) as s:
        row = s.get(LoginThrottle, username.strip().lower())
    limit = max_failures()
    if row is None:
        return limit
    locked = _aware(row.locked_until)
    if locked and locked > now:
        return 0
    return limit if locked else max(0, limit - row.tries)


def unlock(username: str, url: str | None = None) -> bool:
    """Forget a username's failed tries and lockout (``users unlock``); True if there were any."""
    table = table_of(LoginThrottle)
    with db.get_engine(url).begin() as con:
        return con.execute(delete(table).where(table.c.username == username.strip().lower())).rowcount > 0


def remove_user(username: str, url: str | None = None) -> None:
    """Delete an account and sign out every browser it had signed in (``users remove``)."""
    key = username.strip().lower()
    with db.session(url) as s:
        user = s.get(Counselor, key)
        if user is None:
            raise AuthError(N_("there is no account {name}"), name=key)
        for row in s.exec(select(CounselorSession).where(CounselorSession.username == key)):
            s.delete(row)
        s.delete(user)
    unlock(key, url)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(username: str, url: str | None = None, now: datetime | None = None) -> str:
    """A new random token for a signed-in browser; only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    moment = now or utcnow()
    with db.session(url) as s:
        s.add(CounselorSession(token_hash=_token_hash(token), username=username, created_at=moment, last_seen=moment))
    return token


def resume_session(token: str, url: str | None = None, now: datetime | None = None) -> Counselor | None:
    """The counselor a browser's token belongs to, if it was used within the idle timeout (and the
    account still exists); the token's last use moves to now. Expired tokens are deleted."""
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    now = now or utcnow()
    with db.session(url) as s:
        row = s.get(CounselorSession, _token_hash(token))
        if row is None:
            return None
        user = s.get(Counselor, row.username)
        if user is None or expired(_aware(row.last_seen), now):
            s.delete(row)
            return None
        row.last_seen = now
        s.add(row)
        return user


def end_session(token: str, url: str | None = None) -> None:
    """Sign a browser out: its token stops working at once."""
    if token:
        with db.session(url) as s:
            row = s.get(CounselorSession, _token_hash(token))
            if row is not None:
                s.delete(row)


def expired(last_seen: datetime | None, now: datetime | None = None) -> bool:
    return last_seen is None or (now or utcnow()) - last_seen > idle_timeout()


def users(url: str | None = None) -> list[Counselor]:
    with db.session(url) as s:
        return list(s.exec(select(Counselor)).all())


SSO_REFUSALS = {
    "no_rule": N_("the district has not said who may sign in with its identity provider (settings "
                  "sso_allowed_domains and sso_required_group)"),
    "no_email": N_("the identity provider sent no verified e-mail address"),
    "domain": N_("{email} is not an address of the district's staff domains"),
    "group": N_("{email} is not in the group the district requires for counselors"),
}


def sso_refusal(claims: Mapping[str, object]) -> tuple[str, dict[str, str]] | None:
    """Why an identity-provider sign-in may not use counselor pages (message id and parameters), or None.

    The district's rule: the e-mail's domain is one of ``sso_allowed_domains`` and/or the groups claim
    holds ``sso_required_group``. With neither set nobody is let in, so a district that has not chosen
    does not open counselor pages to every account of a public provider.
    """
    policy = settings.current()
    domains = {d.strip().lower().lstrip("@") for d in policy.sso_allowed_domains.split(";") if d.strip()}
    group = policy.sso_required_group.strip()
    email = str(claims.get("email") or "")
    if not domains and not group:
        return SSO_REFUSALS["no_rule"], {}
    if not email or "@" not in email or claims.get("email_verified") is False:
        return SSO_REFUSALS["no_email"], {}
    if domains and email.rsplit("@", 1)[1].lower() not in domains:
        return SSO_REFUSALS["domain"], {"email": email}
    groups = claims.get("groups") or []
    if group and group not in (groups if isinstance(groups, list) else [groups]):
        return SSO_REFUSALS["group"], {"email": email}
    return None

"""Counselor accounts: argon2id password hashes, lockout after repeated failures, idle timeout.

Unknown usernames are verified against a dummy hash too, so the time a failed login takes does not
reveal which accounts exist. Districts with single sign-on can use Streamlit's OIDC login instead
(see the README).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import select

from explorer import db
from explorer.i18n import N_
from explorer.models import Counselor, utcnow

HASHER = PasswordHasher()  # argon2id with the library's current defaults
_DUMMY_HASH = HASHER.hash("not a real password")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
IDLE_TIMEOUT = timedelta(minutes=30)
MIN_PASSWORD_LENGTH = 12
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


class AuthError(ValueError):
    """Why an account could not be created or a login was refused (safe to show).

    ``args[0]`` is an English message id (translated where shown); ``params`` fill its placeholders.
    """

    def __init__(self, message: str, **params: object):
        super().__init__(message.format(**params))
        self.message_id, self.params = message, params


def _aware(moment: datetime | None) -> datetime | None:
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def add_user(username: str, password: str, is_admin: bool = False, url: str | None = None) -> None:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AuthError("usernames use 2-80 lowercase letters, digits, dots, dashes or underscores")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"passwords need at least {MIN_PASSWORD_LENGTH} characters")
    with db.session(url) as s:
        if s.get(Counselor, username) is not None:
            raise AuthError(f"user {username!r} already exists")
        s.add(Counselor(username=username, password_hash=HASHER.hash(password), is_admin=is_admin))


def login(username: str, password: str, url: str | None = None, now: datetime | None = None) -> Counselor:
    """The counselor, or AuthError with one message for every kind of failure except a lockout."""
    now = now or utcnow()
    username = (username or "").strip().lower()
    with db.session(url) as s:
        user = s.get(Counselor, username)
        if user is None:
            try:
                HASHER.verify(_DUMMY_HASH, password or "")
            except VerificationError:
                pass
            raise AuthError(N_("wrong username or password"))
        locked = _aware(user.locked_until)
        if locked and locked > now:
            raise AuthError(N_("too many failed attempts; try again after {time} UTC or ask an administrator"),
                            time=f"{locked:%H:%M}")
        try:
            HASHER.verify(user.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILURES:
                user.locked_until = now + LOCKOUT
                user.failed_attempts = 0
            s.add(user)
            s.commit()
            raise AuthError(N_("wrong username or password")) from None
        user.failed_attempts = 0
        user.locked_until = None
        if HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = HASHER.hash(password)
        s.add(user)
        return user


def expired(last_seen: datetime | None, now: datetime | None = None) -> bool:
    return last_seen is None or (now or utcnow()) - last_seen > IDLE_TIMEOUT


def users(url: str | None = None) -> list[Counselor]:
    with db.session(url) as s:
        return list(s.exec(select(Counselor)).all())

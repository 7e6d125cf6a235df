"""The counselor's sign-in: login form, the sign-in cookie that survives a refresh, idle logout."""
from __future__ import annotations

import json

import streamlit as st

from explorer import auth, settings
from explorer.models import utcnow
from explorer.ui import session
from explorer.ui.context import Context
from explorer.ui.navigation import run_in_browser
from explorer.ui.session import KEYS

SESSION_COOKIE = "cpe_counselor"


def _write_cookie(token: str | None) -> None:
    """Set (or clear) the sign-in cookie from the browser: Streamlit cannot set cookies itself.

    A session cookie (gone when the browser closes), same-site only, Secure over HTTPS; it holds a
    random token whose hash the server checks, never the password.
    """
    value = json.dumps(token or "")
    life = "" if token else "; max-age=0"
    with st.sidebar:
        run_in_browser(f"""const secure = window.parent.location.protocol === "https:" ? "; Secure" : "";
window.parent.document.cookie = "{SESSION_COOKIE}=" + encodeURIComponent({value}) + "; path=/; SameSite=Strict{life}" + secure;
""")


def counselor() -> str | None:
    """The signed-in counselor's username, or None (also after 30 idle minutes).

    A refresh starts a new Streamlit session; the sign-in cookie sent with it resumes the counselor
    if the server still knows its token (not signed out, not idle too long, account not removed).
    """
    if pending := session.text(KEYS.cookie):
        session.pop(KEYS.cookie)
        _write_cookie(pending if pending != "-" else None)
    user = session.text(KEYS.counselor)
    token = _sent_cookie()
    if not user and token and not session.flag(KEYS.signed_out):
        resumed = auth.resume_session(token)
        if resumed is not None:
            _signed_in(resumed.username, token)
            user = resumed.username
    if user and auth.expired(st.session_state.get(KEYS.counselor_seen)):
        logout()
        session.put(KEYS.counselor_timed_out, True)
        return None
    if user and auth.resume_session(session.get(KEYS.counselor_token, "")) is None:
        # Signed out in another tab, the account removed (`users remove`), or idle on the server:
        # every open tab of that sign-in ends at its next interaction. A valid token's last use
        # moves to now, so a counselor who keeps working stays signed in.
        logout()
        session.put(KEYS.counselor_ended, True)
        return None
    if user:
        session.put(KEYS.counselor_seen, utcnow())
    return user


def _sent_cookie() -> str:
    """The sign-in token the browser sent, read once per session: cookies come with the request that
    opened the session and cannot change during it, so every rerun need not ask for them again."""
    if not session.has(KEYS.sent_cookie):
        token = st.context.cookies.get(SESSION_COOKIE)
        session.put(KEYS.sent_cookie, token if isinstance(token, str) else "")
    return session.get(KEYS.sent_cookie, "")


def _signed_in(username: str, token: str) -> None:
    session.put(KEYS.counselor, username)
    session.put(KEYS.counselor_seen, utcnow())
    session.put(KEYS.counselor_token, token)


def login_form(ctx: Context) -> None:
    """The login form (and nothing else) for counselor pages."""
    _ = ctx._
    st.title(_("Counselor login"))
    if session.pop(KEYS.counselor_timed_out, False):
        st.info(_("You were logged out after {minutes} minutes without activity.").format(
            minutes=settings.current().counselor_idle_minutes))
    if session.pop(KEYS.counselor_ended, False):
        st.info(_("You were signed out: this sign-in ended in another tab or window, or the account was removed."))
    with st.form("login"):
        username = st.text_input(_("Username"), autocomplete="username")
        password = st.text_input(_("Password"), type="password", autocomplete="current-password")
        if st.form_submit_button(_("Log in"), type="primary"):
            try:
                user = auth.login(username, password, client=session.browser_id())
            except auth.AuthError as problem:
                reason = _(problem.message_id).format(**problem.params)
                st.error(_("Login refused: {reason}").format(reason=reason))
            else:
                token = auth.start_session(user.username)
                session.pop(KEYS.signed_out)
                _signed_in(user.username, token)
                session.put(KEYS.cookie, token)
                st.rerun()


def require_counselor(ctx: Context) -> str:
    """Stop the page with the login form unless a counselor is logged in."""
    user = counselor()
    if not user:
        login_form(ctx)
        st.stop()
    return user


def logout() -> None:
    """Sign out: the server forgets the token, the cookie is cleared, counselor-only state is gone."""
    auth.end_session(session.get(KEYS.counselor_token, ""))
    session.forget_counselor()
    session.put(KEYS.cookie, "-")
    session.put(KEYS.signed_out, True)  # this tab's old cookie is not used to sign back in


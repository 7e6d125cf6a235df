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
from explorer.views import md_escape

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


def sso_configured() -> bool:
    """True when the district has set up its identity provider (an [auth] section in secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all (Streamlit raises its own error type)
        return False


def _provider_claims() -> dict | None:
    """The identity provider's claims of this browser's sign-in (st.user), or None when not signed in."""
    claims = st.user.to_dict()
    return claims if claims.get("is_logged_in") else None


def sso_user() -> str | None:
    """The counselor signed in through the identity provider (their e-mail), or None.

    The identity lives in Streamlit's signed, HttpOnly cookie (st.login), which page scripts cannot
    read; the district's rule (domains and/or a group) decides who is a counselor on every rerun.
    """
    claims = _provider_claims() if sso_configured() else None
    if claims is None:
        return None
    return None if auth.sso_refusal(claims) else str(claims.get("email"))


def counselor() -> str | None:
    """The signed-in counselor's username, or None (also after 30 idle minutes).

    A counselor signed in through the district's identity provider is their e-mail address. For a
    local account, a refresh starts a new Streamlit session; the sign-in cookie sent with it resumes
    the counselor if the server still knows its token (not signed out, not idle, account not removed).
    """
    if (through_provider := sso_user()) is not None:
        return through_provider
    if not settings.current().local_accounts:
        return None
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
    if sso_configured():
        _provider_sign_in(ctx)
    if not settings.current().local_accounts:
        return
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


def _provider_sign_in(ctx: Context) -> None:
    """Sign in with the district's identity provider, or why a signed-in account is refused."""
    _ = ctx._
    claims = _provider_claims()
    if claims is not None:
        refusal = auth.sso_refusal(claims)
        if refusal is not None:
            message, params = refusal
            st.error(_("Sign-in refused: {reason}").format(reason=md_escape(_(message).format(**params))))
            st.button(_("Sign out of the identity provider"), on_click=st.logout, key="sso_logout")
        return
    st.button(_("Sign in with your district account"), on_click=st.login, type="primary", key="sso_login")
    if settings.current().local_accounts:
        st.caption(_("Or use a local account:"))


def require_counselor(ctx: Context) -> str:
    """Stop the page with the login form unless a counselor is logged in."""
    user = counselor()
    if not user:
        login_form(ctx)
        st.stop()
    return user


def logout() -> None:
    """Sign out: the server forgets the token, the cookie is cleared, counselor-only state is gone, and
    a sign-in through the identity provider ends too (Streamlit clears its identity cookie)."""
    if sso_configured() and _provider_claims() is not None:
        session.forget_counselor()
        st.logout()
        return
    auth.end_session(session.get(KEYS.counselor_token, ""))
    session.forget_counselor()
    session.put(KEYS.cookie, "-")
    session.put(KEYS.signed_out, True)  # this tab's old cookie is not used to sign back in


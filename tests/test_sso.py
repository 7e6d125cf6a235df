"""Counselors through the district's identity provider: the rule, the login page, local accounts off.

The OpenID Connect flow itself runs against a real provider in tests/e2e/test_sso_browser.py.
"""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from explorer import auth
from explorer.i18n import locale
from tests.apptest import APP

AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "career-explorer", "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


@pytest.fixture
def district(monkeypatch, url):
    monkeypatch.setenv("EXPLORER_SSO_ALLOWED_DOMAINS", "district.org; k12.district.org")
    monkeypatch.setenv("EXPLORER_SSO_REQUIRED_GROUP", "")


@pytest.mark.parametrize("claims,refused", [
    ({"email": "jdoe@district.org", "email_verified": True}, None),
    ({"email": "jdoe@K12.District.org"}, None),
    ({"email": "jdoe@gmail.com", "email_verified": True}, "domain"),
    ({"email": "jdoe@district.org", "email_verified": False}, "no_email"),
    ({"sub": "123"}, "no_email"),
])
def test_the_districts_rule_decides_who_is_a_counselor(district, claims, refused):
    result = auth.sso_refusal(claims)
    assert (result is None) if refused is None else result is not None and result[0] == auth.SSO_REFUSALS[refused]


def test_a_group_can_be_required_and_no_rule_lets_nobody_in(monkeypatch, url):
    monkeypatch.setenv("EXPLORER_SSO_REQUIRED_GROUP", "counselors")
    assert auth.sso_refusal({"email": "a@any.org", "groups": ["counselors"]}) is None
    assert auth.sso_refusal({"email": "a@any.org", "groups": ["students"]})[0] == auth.SSO_REFUSALS["group"]
    monkeypatch.setenv("EXPLORER_SSO_REQUIRED_GROUP", "")
    monkeypatch.setenv("EXPLORER_SSO_ALLOWED_DOMAINS", "")
    assert auth.sso_refusal({"email": "a@district.org"})[0] == auth.SSO_REFUSALS["no_rule"]


def _login_page(user: dict | None, lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    if user is not None:
        at.user = user
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/login.py")
    at.run()
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "error", "caption", "title") for e in at.get(kind))


def test_an_allowed_staff_member_is_a_counselor(district):
    at = _login_page({"is_logged_in": True, "email": "jdoe@district.org", "email_verified": True})
    assert "Logged in as jdoe@district.org." in _texts(at)


def test_another_domain_is_refused_with_a_clear_message(district):
    at = _login_page({"is_logged_in": True, "email": "mallory@gmail.com", "email_verified": True})
    text = _texts(at).replace("\\", "").replace("\u2060", "")
    assert "Sign-in refused: mallory@gmail.com is not an address of the district's staff domains" in text
    assert any(b.key == "sso_logout" for b in at.button)
    spanish = _texts(_login_page({"is_logged_in": True, "email": "mallory@gmail.com"}, "es"))
    assert locale("es")._("Sign-in refused: {reason}").split("{")[0] in spanish


def test_local_accounts_can_be_switched_off(district, monkeypatch):
    at = _login_page(None)
    assert any(b.key == "sso_login" for b in at.button) and at.text_input  # both ways in
    monkeypatch.setenv("EXPLORER_LOCAL_ACCOUNTS", "false")
    at = _login_page(None)
    assert any(b.key == "sso_login" for b in at.button) and not at.text_input

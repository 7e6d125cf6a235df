"""District sign-in end to end: a real OpenID Provider (panva/oidc-provider from npm, certified by the
OpenID Foundation) on 127.0.0.1, the app's st.login, Chromium through the whole code flow."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from explorer.paths import ROOT
from tests.conftest import unavailable
from tests.e2e.conftest import free_port, screenshot

PROVIDER = ROOT / "tests" / "oidc" / "provider.mjs"


def _wait(url: str, proc: subprocess.Popen, what: str) -> None:
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{what} stopped (exit {proc.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{what} did not answer at {url}")


@pytest.fixture(scope="module")
def district_app(tmp_path_factory):
    if shutil.which("node") is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        unavailable("node and the npm package oidc-provider are needed (npm install)")
    app_port, op_port = free_port(), free_port()
    redirect = f"http://127.0.0.1:{app_port}/oauth2callback"
    provider = subprocess.Popen(["node", str(PROVIDER), str(op_port), redirect], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(f"http://127.0.0.1:{op_port}/.well-known/openid-configuration", provider, "the OpenID provider")
    folder = tmp_path_factory.mktemp("sso")
    secrets = folder / "secrets.toml"
    secrets.write_text(f"""[auth]
redirect_uri = "{redirect}"
cookie_secret = "a-long-random-cookie-secret-for-the-test-only"
client_id = "career-explorer"
client_secret = "test-client-secret"
server_metadata_url = "http://127.0.0.1:{op_port}/.well-known/openid-configuration"
client_kwargs = {{ scope = "openid email profile groups", prompt = "login" }}
""", encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'sso.db'}", "EXPLORER_SSO_ALLOWED_DOMAINS": "district.org"}
    app = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                            "--server.address", "127.0.0.1", "--server.port", str(app_port),
                            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
                            "--secrets.files", str(secrets)], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(f"http://127.0.0.1:{app_port}/_stcore/health", app, "the app")
    yield f"http://127.0.0.1:{app_port}"
    for proc in (app, provider):
        proc.terminate()
        proc.wait(10)


def _sign_in(page, app: str, login: str) -> None:
    page.goto(f"{app}/login")
    page.get_by_role("button", name="Sign in with your district account").click()
    page.locator("input[name=login]").fill(login)  # the provider's own (development) login screen
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # its consent screen: "Continue"


def test_staff_sign_in_through_the_provider_refusal_and_logout(district_app, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    _sign_in(page, district_app, "jdoe@district.org")
    # Back from the provider on the app's first page, with the counselor pages in the menu.
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Pathway audit")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Counselor account").click()
    expect(page.get_by_text("Logged in as jdoe@district.org.")).to_be_visible()
    # No session secret is readable by page scripts or sits in the page.
    assert "_streamlit_user" not in page.evaluate("document.cookie")
    cookies = {c["name"]: c for c in context.cookies()}
    identity = [c for name, c in cookies.items() if name.startswith("_streamlit_user")]
    assert identity and all(c["httpOnly"] for c in identity)
    html = page.content()
    assert all(c["value"] not in html for c in identity)
    screenshot(page, "sso-signed-in")
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider ends its session too
    page.goto(f"{district_app}/login")
    expect(page.get_by_role("button", name="Sign in with your district account")).to_be_visible()
    assert not [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]
    context.close()

    stranger = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    stranger.set_default_timeout(30_000)
    _sign_in(stranger, district_app, "mallory@gmail.com")
    stranger.goto(f"{district_app}/login")
    expect(stranger.get_by_text("is not an address of the district's staff domains", exact=False)).to_be_visible()
    expect(stranger.get_by_test_id("stSidebarNav").get_by_role("link", name="Pathway audit")).to_have_count(0)
    screenshot(stranger, "sso-refused")
    stranger.context.close()

"""Opening the real app.py on one page in AppTest, the way a visitor's first request does."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def signed_in(username: str = "counselor", url: str | None = None) -> dict:
    """Session state of a browser where ``username`` has signed in (a real server-side sign-in, as
    the login form makes: every counselor page checks it on each interaction)."""
    from explorer import auth
    from explorer.models import utcnow

    return {"counselor": username, "counselor_seen": utcnow(), "counselor_token": auth.start_session(username, url)}


def first_visit(state: dict | None = None, **params: str) -> AppTest:
    """app.py run once, as a browser's first request with these query parameters (and session state)."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    return at


def on_page(page: str, state: dict | None = None, **params: str) -> AppTest:
    """Run app.py with these query parameters (and session state), switch to ``page`` and run until
    the tree is complete."""
    at = first_visit(state, **params)
    at.switch_page(page)
    # AppTest drops the sidebar widgets from the tree on the run that switches pages; a second
    # run gives the tree a real session sees.
    at.run()
    at.run()
    assert not at.exception, at.exception
    return at

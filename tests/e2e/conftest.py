"""A real ``streamlit run`` on 127.0.0.1 driven by Debian's headless Chromium (never `playwright install`)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from explorer.paths import ROOT
from tests.conftest import unavailable

# A cold server imports pandas, scikit-learn and altair and splits the OEWS table on its first run.
expect.set_options(timeout=20_000)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server_database(tmp_path_factory) -> str:
    """The app server's database, so a test can prepare a student's saved quiz in it."""
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'e2e.db'}"


@pytest.fixture(scope="module")
def server(tmp_path_factory, server_database):
    """One app server per test module, on a fresh SQLite database."""
    port = free_port()
    # Each answer is stamped 5 s after the one before, so tests need not sleep to pass the speed rule.
    env = {**os.environ, "DATABASE_URL": server_database, "EXPLORER_CLOCK_STEP_SECONDS": "5"}
    log_path = tmp_path_factory.mktemp("log") / "streamlit.log"
    with open(log_path, "w") as log:  # the server holds its own copy of the descriptor
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address",
             "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"streamlit did not answer on {url}; see {log_path}")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("python playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def idle(page) -> None:
    """Wait until the app's script is not running: a widget the next rerun redraws may drop a
    keystroke sent while it runs (a busy CI machine makes that window wide)."""
    page.wait_for_function("document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')"
                           " === 'notRunning'")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The focused control's visible focus mark: the first of the focused element and its ancestors (4 up: a
# quiz answer's input is hidden inside its label) with an outline or box-shadow ring at least 2 px wide,
# its colour, and the colour behind it (the first opaque background from there up; white by default).
FOCUS_RING_JS = """() => {
  const parse = c => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : null; };
  const opaque = c => { const p = parse(c); return p && (p.length < 4 || p[3] > 0.5); };
  let el = document.activeElement, ring = null;
  for (let k = 0; el && k < 5 && !ring; k++, el = el.parentElement) {
    const s = getComputedStyle(el);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && opaque(s.outlineColor)) {
      ring = {element: el, color: s.outlineColor};
    } else if (s.boxShadow && s.boxShadow !== 'none') {
      const m = s.boxShadow.match(/rgba?\\([^)]*\\)[^,]*?(\\d+(\\.\\d+)?)px\\s*$/);
      const color = s.boxShadow.match(/rgba?\\([^)]*\\)/);
      if (color && opaque(color[0]) && m && parseFloat(m[1]) >= 2) ring = {element: el, color: color[0]};
    }
  }
  if (!ring) return null;
  let back = ring.element.parentElement, background = 'rgb(255, 255, 255)';
  for (; back; back = back.parentElement) {
    const c = getComputedStyle(back).backgroundColor;
    if (opaque(c)) { background = c; break; }
  }
  return {ring: ring.color, background: background, tag: document.activeElement.tagName};
}"""


def _luminance(color: str) -> float:
    """WCAG relative luminance of a CSS rgb()/rgba() colour."""
    import re

    r, g, b = (float(v) / 255 for v in re.findall(r"[\d.]+", color)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def focus_contrast(page) -> tuple[float, dict]:
    """The contrast of the focused control's focus ring against what is behind it (0 when it has none)."""
    found = page.evaluate(FOCUS_RING_JS)
    if not found:
        return 0.0, {}
    return contrast(found["ring"], found["background"]), found

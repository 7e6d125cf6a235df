"""`python -m explorer serve`: the first visitor of a new process meets a warm server, and is not
shown the files in pages/ (counselor pages included) before the app's own menu."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from explorer.paths import ROOT
from explorer.ui import serve
from tests.e2e.conftest import free_port


def _start(command: list[str], port: int, tmp_path, warm: bool) -> tuple[subprocess.Popen, str]:
    log = tmp_path / f"server{port}.log"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / f'db{port}.db'}"}
    with open(log, "w") as out:  # the server holds its own copy of the descriptor
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    serve.wait_until_healthy(base)
    deadline = time.monotonic() + 120
    while warm and "warmed up" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    return proc, base


def test_first_visitor_of_a_served_process_is_served_warm(tmp_path):
    port = free_port()
    proc, base = _start([sys.executable, "-m", "explorer", "serve", "--port", str(port), "--",
                         "--server.headless", "true"], port, tmp_path, warm=True)
    try:
        first = serve.visit(base)
        warm = serve.visit(base)
    finally:
        proc.terminate()
        proc.wait(10)
    assert first.seconds <= max(2 * warm.seconds, 0.5), (first, warm)
    assert first.file_list_seconds < 0.2, first  # replaced by the app's menu within the same fast run


def test_plain_streamlit_run_lists_the_pages_folder_to_its_first_visitor(tmp_path):
    """What serve fixes (so the test above cannot pass by accident)."""
    port = free_port()
    proc, base = _start([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                         "--server.headless", "true"], port, tmp_path, warm=False)
    try:
        first = serve.visit(base)
    finally:
        proc.terminate()
        proc.wait(10)
    assert first.file_list_seconds > 0.5, first  # a cold run: imports and data while the file list shows

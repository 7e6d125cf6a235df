"""``python -m explorer bench pages``: server-side cost of a page's rerun against an empty page's.

Runs the real app.py under Streamlit's AppTest (the same script run a browser triggers, without
the network) on a throwaway SQLite database with one finished quick quiz, and reports the median
rerun time of each student page next to a one-line Streamlit page's, as a ratio. Ratios, not
milliseconds, are the target: they travel between machines.

AppTest runs a page file on its own on every other rerun, so those reruns take the app's
cold-start path (a switch back through app.py, as the very first visitor of a new server does).
They are counted and left out of the median, which is for the reruns a browser session makes.

AppTest also compiles every script afresh on every run (a new ``ScriptCache`` each time), which a
server does once per process; the bench gives all runs one cache, as ``streamlit run`` does, so a
long page is not charged its compile time on each rerun.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from explorer.paths import ROOT

APP = str(ROOT / "app.py")
TARGETS = {"results": 5.0}  # every other student page: 3x the empty page
DEFAULT_TARGET = 3.0


def _median_rerun(at: AppTest, runs: int, action=None) -> tuple[float, int]:
    """Median seconds of the reruns that did not take the cold-start path, and how many did."""
    import streamlit as st

    switches = []
    real_switch = st.switch_page

    def counting_switch(*args, **kwargs):
        switches.append(1)
        return real_switch(*args, **kwargs)

    times, cold = [], 0
    st.switch_page = counting_switch
    try:
        for k in range(runs * 2):
            if action is not None:
                action(at, k)
            switches.clear()
            start = time.perf_counter()
            at.run()
            elapsed = time.perf_counter() - start
            if switches:
                cold += 1
            else:
                times.append(elapsed)
            if len(times) == runs:
                break
    finally:
        st.switch_page = real_switch
    return statistics.median(times), cold


@contextmanager
def _one_script_cache() -> Iterator[None]:
    """Every AppTest run shares one compiled-script cache, as every rerun in a server process does."""
    shared = ScriptCache()
    with mock.patch.object(app_test, "ScriptCache", lambda: shared), \
            mock.patch.object(local_script_runner, "ScriptCache", lambda: shared):
        yield


def _on_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    at.run()
    if at.exception:
        raise RuntimeError(f"{page} raised {at.exception}")
    return at


def bench_pages(runs: int = 10) -> list[dict]:
    """[{page, ms, empty_ms, ratio, target}] for home, a quiz answer, results, occupation, pathway, compare."""
    with _one_script_cache():
        return _bench_pages(runs)


def _bench_pages(runs: int) -> list[dict]:
    from explorer import attempts, quiz

    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.db'}"
    code = attempts.start("9-12", "quick", "en")
    values = {"R": 1, "I": 4, "A": 0, "S": 3, "E": 2, "C": 1}
    start = datetime.now(UTC) - timedelta(hours=1)
    for k, item in enumerate(quiz.form_items("9-12", "quick")):
        attempts.save_answer(code, item.id, values[item.theme] if k % 5 else max(0, values[item.theme] - 1),
                             now=start + timedelta(seconds=5 * k))
    attempts.finish(code)
    answering = attempts.start("9-12", "quick", "en")

    empty = folder / "empty.py"
    empty.write_text("import streamlit as st\n\nst.write('An empty page.')\n")
    blank = AppTest.from_file(str(empty), default_timeout=60)
    blank.run()
    empty_s, _cold = _median_rerun(blank, runs)

    def answer(at: AppTest, k: int) -> None:
        radio = at.radio[k % 6]
        radio.set_value(k % 5)

    cases = [
        ("home", _on_page("pages/home.py"), None),
        ("quiz answer", _on_page("pages/quiz.py", code=answering), answer),
        ("results", _on_page("pages/results.py", code=code, area="0012420"), None),
        ("occupation", _on_page("pages/occupation.py", code=code, area="0012420", occ="29-1141.00"), None),
        ("pathway", _on_page("pages/pathway.py", code=code, area="0012420", occ="29-1141.00"), None),
        ("compare", _on_page("pages/compare.py", code=code, area="0012420"), None),
    ]
    rows = []
    for name, at, action in cases:
        page_s, cold = _median_rerun(at, runs, action)
        rows.append({"page": name, "ms": page_s * 1000, "empty_ms": empty_s * 1000, "ratio": page_s / empty_s,
                     "target": TARGETS.get(name, DEFAULT_TARGET), "cold_path_runs": cold})
    return rows

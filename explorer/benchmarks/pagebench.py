"""``python -m explorer bench pages``: server-side cost of a page's rerun against an empty page's.

Runs the real app.py under Streamlit's AppTest (the same script run a browser triggers, without
the network) on a throwaway SQLite database with one finished quick quiz, and reports the median
rerun time of each student page next to a one-line Streamlit page's, as a ratio. Ratios, not
milliseconds, are the target: they travel between machines.

Two things AppTest does differently from a server are undone, so the bench times what a browser's
rerun costs:
- AppTest forgets on every run that the app uses ``st.navigation`` and, because a ``pages/`` folder
  sits beside app.py, runs the page file on its own (Streamlit's old multipage mode), without
  app.py's sidebar and navigation. A server learns it once per process, at the first visitor's
  first run. The bench keeps the server's answer, so every rerun is app.py and then the page.
  Reruns that still take the cold-start path (a switch back through app.py) are counted and left
  out of the median.
- AppTest reruns the whole app for every widget change, also for a widget inside an ``st.fragment``,
  where a browser asks the server to rerun only that fragment. A case whose click lives in a
  fragment (a quiz answer) is timed as the fragment rerun the browser asks for.
- AppTest compiles every script afresh on every run (a new ``ScriptCache`` each time), which a
  server does once per process; the bench gives all runs one cache, as ``streamlit run`` does, so a
  long page is not charged its compile time on each rerun.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from explorer.paths import ROOT

APP = str(ROOT / "app.py")
TARGETS = {"results": 5.0}  # every other student page: 3x the empty page
DEFAULT_TARGET = 3.0


def _fragment_id(at: AppTest, name: str) -> str:
    """The id under which the page registered the fragment function ``name`` (e.g. "quiz_screen")."""
    for fragment_id, wrapped in at._fragment_storage._fragments.items():
        if any(getattr(cell.cell_contents, "__qualname__", None) == name for cell in wrapped.__closure__ or ()):
            return fragment_id
    raise RuntimeError(f"the page has no fragment {name!r}")


@contextmanager
def _fragment_reruns(fragment_id: str | None) -> Iterator[None]:
    """Runs ask for that fragment only, as the frontend does for a widget inside it."""
    if fragment_id is None:
        yield
        return
    real = local_script_runner.RerunData
    with mock.patch.object(local_script_runner, "RerunData",
                           lambda **kwargs: real(fragment_id=fragment_id, **kwargs)):
        yield


def _median_rerun(at: AppTest, runs: int, action: Callable[[AppTest, int], object] | None = None,
                  fragment: str | None = None) -> tuple[float, int]:
    """Median seconds of the reruns that did not take the cold-start path, and how many did.

    With ``fragment`` (a fragment function's name), each rerun is that fragment's, as a click inside
    it makes in a browser."""
    import streamlit as st

    switches = []
    real_switch = st.switch_page

    def counting_switch(*args, **kwargs):
        switches.append(1)
        return real_switch(*args, **kwargs)

    times, cold = [], 0
    fragment_id = _fragment_id(at, fragment) if fragment else None
    st.switch_page = counting_switch
    try:
        for k in range(runs * 2):
            if action is not None:
                action(at, k)
            switches.clear()
            with _fragment_reruns(fragment_id):
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
def like_a_server() -> Iterator[None]:
    """Every AppTest run shares one compiled-script cache and runs app.py then the page, as every
    rerun in a server process does (page tests of the sidebar use it too: without it, every other
    AppTest run is the page file alone, with no sidebar)."""
    shared = ScriptCache()
    real_init = PagesManager.__init__

    def server_pages_manager(self, *args, **kwargs) -> None:
        real_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False  # what st.navigation taught the server at its first run

    with mock.patch.object(app_test, "ScriptCache", lambda: shared), \
            mock.patch.object(local_script_runner, "ScriptCache", lambda: shared), \
            mock.patch.object(PagesManager, "__init__", server_pages_manager):
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
    """For home, a quiz answer, results, occupation, pathway and compare: [{page, click, ms, ratio,
    open_ms, open_ratio, empty_ms, target, cold_path_runs}].

    ``ms`` is the rerun of the click a student makes most on that page (an answer, a filter, the
    favourite star, a plan check-off, the compared jobs), timed as the browser asks for it: only the
    fragment the widget lives in, when it lives in one. ``open_ms`` is a whole-app rerun on that page
    (what opening it, or a click outside any fragment, costs)."""
    with like_a_server():
        return _bench_pages(runs)


def _toggle_checkbox(at: AppTest, k: int, prefix: str) -> None:
    box = next(c for c in at.checkbox if (c.key or "").startswith(prefix))
    box.set_value(k % 2 == 0)


def _bench_pages(runs: int) -> list[dict]:
    from explorer import attempts, matching, quiz

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

    nurse = {"code": code, "area": "0012420", "occ": "29-1141.00"}
    results = {"code": code, "area": "0012420"}
    # (name, page, query, the click: what it is, how AppTest makes it, the fragment it lives in)
    cases: list[tuple[str, str, dict[str, str], str, Callable[[AppTest, int], object] | None, str | None]] = [
        ("home", "pages/home.py", {}, "a rerun", None, None),
        ("quiz answer", "pages/quiz.py", {"code": answering}, "an answer",
         lambda at, k: at.radio[k % 6].set_value(k % 5), "quiz_screen"),
        ("results", "pages/results.py", results, "the order inside each fit band",
         lambda at, k: at.selectbox(key="priority").set_value(list(matching.PRIORITIES)[k % 2]), "careers"),
        ("occupation", "pages/occupation.py", nurse, "the favourite star",
         lambda at, k: next(b for b in at.button if (b.key or "").startswith("favourite_")).click(),
         "favourite_button"),
        ("pathway", "pages/pathway.py", nurse, "a plan step's Done box",
         lambda at, k: _toggle_checkbox(at, k, "plan_"), "step_checkbox"),
        ("compare", "pages/compare.py", results, "the jobs compared",
         lambda at, k: at.multiselect(key="compare_pick").set_value(
             [["29-1141.00", "15-1252.00"], ["29-1141.00", "29-1071.00"]][k % 2]), "compare_jobs"),
    ]
    rows = []
    for name, page, query, click, action, fragment in cases:
        at = _on_page(page, **query)
        # The empty page is timed next to each case, so a machine that gets busier during the run
        # (another process, a CPU's clock) changes both sides of a ratio alike.
        empty_s = statistics.median([_median_rerun(blank, runs)[0], _median_rerun(blank, runs)[0]])
        open_s, cold = _median_rerun(at, runs)
        click_s, click_cold = _median_rerun(at, runs, action, fragment) if action else (open_s, 0)
        rows.append({"page": name, "click": click, "ms": click_s * 1000, "ratio": click_s / empty_s,
                     "open_ms": open_s * 1000, "open_ratio": open_s / empty_s, "empty_ms": empty_s * 1000,
                     "target": TARGETS.get(name, DEFAULT_TARGET), "cold_path_runs": cold + click_cold})
    return rows

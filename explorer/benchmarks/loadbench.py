"""``bench class``: a class of simulated students driving real app servers over Streamlit's own protocol.

Why the wire protocol and not browsers: thirty Chromium contexts on a 2-core machine take ~11 GB and
measure the browser, not the server (../shared/RECIPES.md, "Load"). One asyncio process holds a
hundred simulated students instead. Each opens the same websocket a browser opens
(``ws://HOST/_stcore/stream``, subprotocol ``streamlit``), sends what Streamlit's frontend sends
(``BackMsg.rerun_script`` carrying a ``ClientState``: the page, the query string, widget values, a
button's one-shot ``trigger_value``, and the fragment id when the widget lives in an ``st.fragment``,
read from ``Delta.fragment_id`` as the frontend does) and reads ``ForwardMsg`` until
``script_finished``. Big repeated elements (the 583-entry region list) arrive once and are then sent
as ``ref_hash`` references to what the client reports in ``cached_message_hashes``, exactly as the
browser's message cache works, so the bytes counted are the bytes a browser would get (Streamlit's
server accepts no websocket compression, so they are what crosses the network).
A lazily loaded dataframe sends further rows only when a browser scrolls; these students do not.

Why ``streamlit.proto`` is imported here although ``explorer/`` outside ``ui/`` never imports
Streamlit: those modules are only the generated protobuf classes of the wire format. Speaking the
protocol needs exactly them, in the version the server runs; writing our own copies of the .proto
files would drift. Nothing here calls ``st.*``, starts a runtime or draws UI (importing a
``streamlit.proto`` module does run the ``streamlit`` package's ``__init__``, which only defines
the API). Only ``bench class``, ``deploy/run_cluster.py`` and the tests import this module.

The simulated students find widgets by what a person sees or what a page names on purpose: the
grade radio by its "Grades 9-12" option, the answer radios by their ``answer_`` keys, buttons by
their labels ("Start the quiz", "Next →", "See my results"), pages by their URL path. No widget id
is written down here, so the benchmark survives page changes (ids are hashes of a widget's
parameters).

The servers under test are started the way ``deploy/run_cluster.py`` starts them (``AppServer``,
``Cluster``: N ``streamlit run`` processes on one ``DATABASE_URL`` and one ``server.cookieSecret``,
nginx in front with sticky sessions from ``deploy/nginx/explorer.conf.template``), so what the bench
measures is what a district runs.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shutil
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

from explorer.cluster import (  # noqa: F401  (re-exported: the bench and its tests use them from here)
    MAX_SERVERS,
    AppServer,
    Cluster,
    Nginx,
    _opener,
    active_sessions,
    free_port,
    live_sessions,
    nginx_binary,
    render_site,
    render_standalone,
    rss_bytes,
    start_app_server,
    start_nginx,
    streamlit_command,
    wait_until_healthy,
)
from explorer.paths import VAR_DIR

# The journey, in the words on the screen (see the module docstring for why labels, not ids).
QUIZ_PAGE, PROFILE_PAGE, RESULTS_PAGE = "quiz", "profile", "results"
GRADE_OPTION = "Grades 9-12"
QUICK_OPTION_PREFIX = "Quick"
START_LABEL = "Start the quiz"
NEXT_LABEL_PREFIX = "Next"
FINISH_LABEL = "See my results"
FINISHED_LABEL = "See my profile"  # a finished quiz (e.g. finished just before a server died)
ANSWER_KEY_PREFIX = "answer_"

INTERACTIONS = ("open", "choose", "start", "answer", "next", "finish", "results", "resume")
REPORTED = ("start", "answer", "next", "finish", "results")  # the five; open/choose/resume follow

MAX_STUDENTS = 500
STEP_TIMEOUT_S = 120.0  # one interaction; a class-wide --timeout bounds the whole run
MAX_STEPS = 400  # a 60-item quiz takes ~80 steps; anything near this is a bot stuck in a loop
MAX_RECONNECTS = 5


class JourneyError(Exception):
    """The app did not offer the next step of the journey (or showed an error): one line, what and where."""


class ConnectionLost(Exception):
    """The websocket closed or could not be opened: the student reconnects and resumes by code."""


# --------------------------------------------------------------------------------------------------
# One browser tab on the wire


@dataclass(frozen=True)
class Widget:
    """A widget as the frontend last drew it: enough to find it and to send a new value."""

    id: str
    kind: str  # the Element field: "radio", "button", "selectbox" ...
    label: str
    options: tuple[str, ...]
    selected: str | None  # a radio's chosen option as drawn (None: nothing chosen yet)
    disabled: bool
    fragment_id: str  # "" outside any st.fragment

    @property
    def key(self) -> str | None:
        """The ``key=`` a page gave the widget (Streamlit appends it to the id: ``$$ID-<hash>-<key>``)."""
        parts = self.id.split("-", 2)
        return parts[2] if len(parts) == 3 and parts[0] == "$$ID" and parts[2] != "None" else None


@dataclass
class Interaction:
    """One click or page open: wall time from sending the BackMsg to the run's ``script_finished``."""

    kind: str
    ms: float
    bytes: int  # ForwardMsg bytes received for it (the server accepts no websocket compression: the wire)
    runs: int  # script runs the server started for it (a deep link or st.rerun adds one)
    fragment: bool  # every run was a fragment run
    started: float  # time.monotonic() when sent


class Tab:
    """The server's view of one browser tab: an element tree kept the way the frontend keeps it.

    Elements are stored by delta path. A full run replaces everything it did not redraw; a fragment
    run replaces only that fragment's elements (the rest of the page stays, as in the browser).
    """

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None, locale: str = "en-US"):
        parsed = urllib.parse.urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.ws_url = urllib.parse.urlunsplit(("wss" if parsed.scheme == "https" else "ws", parsed.netloc,
                                               parsed.path.rstrip("/") + "/_stcore/stream", "", ""))
        self.origin = f"{parsed.scheme}://{parsed.netloc}"
        self.cookies = dict(cookies or {})
        self.locale = locale
        self.ws: ClientConnection | None = None
        self.query_string = ""
        self.page = ""  # url path of the page the last run showed ("quiz", "results" ...)
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.scripts_run = 0
        self._page_hash = ""
        self._elements: dict[tuple[int, ...], tuple[Element, str, int]] = {}  # path -> (element, fragment, run)
        self._run = 0
        self._run_fragments: frozenset[str] = frozenset()
        self._cache: dict[str, ForwardMsg] = {}  # hash -> message (the frontend's message cache)
        self._values: dict[str, WidgetState] = {}  # widget id -> the value this tab has set
        self.errors: list[str] = []

    async def connect(self) -> None:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        try:
            self.ws = await connect(self.ws_url, subprotocols=[Subprotocol("streamlit")], origin=Origin(self.origin),
                                    additional_headers=headers, max_size=None, proxy=None, open_timeout=20,
                                    user_agent_header="explorer-loadbench")
        except Exception as exc:  # refused, reset, 502 from nginx, handshake timeout: all mean "not now"
            raise ConnectionLost(f"cannot open {self.ws_url}: {type(exc).__name__}: {exc}") from exc

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):  # already gone (a killed server)
                await self.ws.close()
            self.ws = None

    # -- what is on the screen

    def widgets(self, kind: str | None = None) -> list[Widget]:
        found = []
        for path in sorted(self._elements):
            element, fragment_id, _run = self._elements[path]
            which = element.WhichOneof("type")
            if which is None or (kind and which != kind):
                continue
            proto = getattr(element, which)
            if not getattr(proto, "id", ""):
                continue
            options = tuple(getattr(proto, "options", ()) or ())
            selected = None
            if which == "radio":
                # Since Streamlit 1.5x a radio's value is its option label (string_value); the page's
                # own value arrives as raw_value (set from session state) or as the default index.
                if proto.set_value and proto.HasField("raw_value"):
                    selected = proto.raw_value
                elif proto.HasField("default") and 0 <= proto.default < len(options):
                    selected = options[proto.default]
            found.append(Widget(id=proto.id, kind=which, label=getattr(proto, "label", ""), options=options,
                                selected=selected, disabled=bool(getattr(proto, "disabled", False)),
                                fragment_id=fragment_id))
        return found

    def value(self, widget: Widget) -> str | None:
        """A radio's option: what this tab chose, else what the page drew."""
        state = self._values.get(widget.id)
        return state.string_value if state is not None else widget.selected

    def has_element(self, kind: str) -> bool:
        return any(e.WhichOneof("type") == kind for e, _f, _r in self._elements.values())

    # -- sending

    async def open(self, page: str, kind: str = "open") -> Interaction:
        """Load ``/<page>?<query>`` the way a browser's first rerun does (page by URL path, no hash)."""
        state = ClientState(page_name=page, query_string=self.query_string)
        return await self._rerun(kind, state)

    async def navigate(self, page: str, kind: str) -> Interaction:
        """Switch page as the sidebar navigation does (by the page's script hash)."""
        if page not in self.pages:
            raise JourneyError(f"no page {page!r} in the navigation (pages: {', '.join(sorted(self.pages))})")
        state = ClientState(page_script_hash=self.pages[page], query_string=self.query_string)
        return await self._rerun(kind, state)

    async def choose(self, widget: Widget, option: str, kind: str) -> Interaction:
        """Pick ``option`` (its label as shown) in a radio: the value the frontend sends for it."""
        if option not in widget.options:
            raise JourneyError(f"{widget.label!r} has no option {option!r}")
        self._values[widget.id] = WidgetState(id=widget.id, string_value=option)
        return await self._rerun(kind, self._widget_rerun(widget, None))

    async def click(self, widget: Widget, kind: str) -> Interaction:
        if widget.disabled:
            raise JourneyError(f"button {widget.label!r} is disabled")
        trigger = WidgetState(id=widget.id, trigger_value=True)
        return await self._rerun(kind, self._widget_rerun(widget, trigger))

    def _widget_rerun(self, widget: Widget, trigger: WidgetState | None) -> ClientState:
        # The frontend reruns only the widget's fragment when it lives in one (fragment_id), and sends
        # the values of the widgets still on screen with the one that changed.
        state = ClientState(query_string=self.query_string, page_script_hash=self._page_hash,
                            fragment_id=widget.fragment_id)
        on_screen = {w.id for w in self.widgets()}
        state.widget_states.widgets.extend(v for wid, v in self._values.items() if wid in on_screen)
        if trigger is not None:
            state.widget_states.widgets.append(trigger)
        return state

    async def _rerun(self, kind: str, client_state: ClientState) -> Interaction:
        if self.ws is None:
            raise ConnectionLost("not connected")
        client_state.context_info.CopyFrom(ContextInfo(
            timezone="America/Chicago", timezone_offset=360, locale=self.locale,
            url=f"{self.base_url}/{self.page}", is_embedded=False, color_scheme="light"))
        client_state.cached_message_hashes.extend(self._cache)
        message = BackMsg(rerun_script=client_state).SerializeToString()
        self.errors = []
        started, wall = time.monotonic(), time.perf_counter()
        received = runs = full_runs = 0
        try:
            await self.ws.send(message)
            async with asyncio.timeout(STEP_TIMEOUT_S):
                while True:
                    raw = await self.ws.recv(decode=False)  # binary protobuf frames
                    received += len(raw)
                    status, new_run, fragment_run = self._apply(raw)
                    runs += new_run
                    full_runs += new_run and not fragment_run
                    if status is not None and status in (0, 3):  # FINISHED_SUCCESSFULLY, FRAGMENT_RUN_SUCCESSFULLY
                        break
                    if status == 1:
                        raise JourneyError(f"{kind}: the script did not compile on the server")
        except TimeoutError:
            raise JourneyError(f"{kind}: no script_finished within {STEP_TIMEOUT_S:.0f} s") from None
        except (ConnectionClosed, OSError) as exc:  # the server (or the proxy's upstream) went away
            raise ConnectionLost(f"{kind}: {type(exc).__name__}: {exc}") from exc
        self.scripts_run += runs
        interaction = Interaction(kind, (time.perf_counter() - wall) * 1000, received, runs,
                                  runs > 0 and full_runs == 0, started)
        if self.errors:
            raise JourneyError(f"{kind} on /{self.page}: " + " | ".join(self.errors))
        return interaction

    # -- receiving

    def _apply(self, raw: bytes) -> tuple[int | None, bool, bool]:
        """Fold one ForwardMsg into the tree; returns (script_finished status, new run?, fragment run?)."""
        msg = ForwardMsg.FromString(raw)
        if msg.ref_hash:
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                self.errors.append(f"server referred to a message this tab never got ({msg.ref_hash[:8]})")
                return None, False, False
            full = ForwardMsg()
            full.CopyFrom(cached)
            full.metadata.CopyFrom(msg.metadata)
            msg = full
        elif msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = msg
        which = msg.WhichOneof("type")
        if which == "new_session":
            self._run += 1
            self._run_fragments = frozenset(msg.metadata.run.fragment_ids)
            self._page_hash = msg.new_session.page_script_hash
            self._learn_pages(msg.new_session.app_pages)
            self.page = self._page_name(self._page_hash)
            return None, True, bool(self._run_fragments)
        if which == "navigation":
            self._learn_pages(msg.navigation.app_pages)
            if msg.navigation.page_script_hash:
                self._page_hash = msg.navigation.page_script_hash
            self.page = self._page_name(self._page_hash)
        elif which == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif which == "page_not_found":
            self.errors.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif which == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            self.errors.append("script compilation exception")
        elif which == "delta":
            delta = msg.delta
            path = tuple(msg.metadata.delta_path)
            if delta.WhichOneof("type") == "new_element":
                element = delta.new_element
                self._elements[path] = (element, delta.fragment_id, self._run)
                kind = element.WhichOneof("type")
                if kind == "exception":
                    self.errors.append(f"exception {element.exception.type}: {element.exception.message[:200]}")
                elif kind == "alert" and element.alert.format == Alert.ERROR:
                    self.errors.append(f"error shown: {element.alert.body[:200]}")
            elif delta.WhichOneof("type") == "add_block":
                self._elements.pop(path, None)  # a container now: its old element is gone
        elif which == "script_finished":
            status = msg.script_finished
            if status in (0, 3):
                self._drop_stale(fragment_run=status == 3)
            return status, False, False
        return None, False, False

    def _drop_stale(self, fragment_run: bool) -> None:
        """What the frontend's clearStaleNodes does: elements this run did not redraw are gone."""
        for path, (_element, fragment_id, run) in list(self._elements.items()):
            if run != self._run and (not fragment_run or fragment_id in self._run_fragments):
                del self._elements[path]
        on_screen = {w.id for w in self.widgets()}
        self._values = {wid: v for wid, v in self._values.items() if wid in on_screen}

    def _learn_pages(self, app_pages: Iterable) -> None:
        for page in app_pages:
            if page.page_script_hash and page.url_pathname is not None:
                self.pages[page.url_pathname] = page.page_script_hash

    def _page_name(self, page_hash: str) -> str:
        for name, known in self.pages.items():
            if known == page_hash:
                return name
        return ""


def fetch_cookies(base_url: str, cookies: dict[str, str] | None = None, timeout: float = 20) -> dict[str, str]:
    """GET the app's first page as a browser does before it opens the websocket, keeping the cookies
    it sets (nginx's sticky ``explorer_route``, Streamlit's XSRF cookie)."""
    jar = dict(cookies or {})
    opener = _opener()
    request = urllib.request.Request(base_url.rstrip("/") + "/quiz", headers={
        "User-Agent": "explorer-loadbench", **({"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {})})
    with opener.open(request, timeout=timeout) as response:
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            parsed = SimpleCookie()
            parsed.load(header)
            jar.update({name: morsel.value for name, morsel in parsed.items()})
    return jar


# --------------------------------------------------------------------------------------------------
# One simulated student


@dataclass
class Progress:
    """Shared counters a watcher (a test that kills a server mid-quiz) can read while students run."""

    answers: int = 0
    finished: int = 0


@dataclass
class StudentRun:
    """What one simulated student did: its code, the answers the server acknowledged, its timings."""

    number: int
    resume_code: str | None = None
    acknowledged: dict[str, int] = field(default_factory=dict)  # item id -> chosen option index
    interactions: list[Interaction] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnects: int = 0
    lost: int = 0  # interactions cut off by a dropped connection (repeated after resuming)
    finished: bool = False
    results_table: bool = False
    scripts_run: int = 0


class Student:
    """One student through the quick 9-12 quiz and the results page, at human speed.

    Each step looks at what is on the screen (start form, a screen of questions, a finished quiz,
    a profile) and does the next thing a student would, so a resume after a lost server simply
    continues from whatever the quiz page shows for the resume code.
    """

    def __init__(self, number: int, base_url: str, think: tuple[float, float], rng: random.Random,
                 deadline: float, progress: Progress | None = None):
        self.run = StudentRun(number)
        self.base_url, self.think, self.rng, self.deadline = base_url, think, rng, deadline
        self.progress = progress or Progress()
        self._tab: Tab | None = None
        self.cookies: dict[str, str] = {}
        # A plausible profile (so results rank careers and the quality checks mostly pass): a liking
        # per theme, read from the item id's second letter when it is one of RIASEC.
        self.liking = {theme: rng.gauss(0, 1.1) for theme in "RIASEC"}

    async def journey(self) -> StudentRun:
        try:
            await self._connect()
            await self._record(self.tab.open(QUIZ_PAGE))
            for _step in range(MAX_STEPS):
                if self.run.finished:
                    break
                if time.monotonic() > self.deadline:
                    raise JourneyError("did not finish within the class's --timeout")
                try:
                    await self._next_step()
                except ConnectionLost:
                    self.run.lost += 1
                    await self._resume()
            else:
                raise JourneyError(f"still not finished after {MAX_STEPS} steps")
        except (JourneyError, ConnectionLost) as exc:
            self.run.errors.append(f"student {self.run.number} ({self.run.resume_code or 'no code yet'}): {exc}")
        except asyncio.CancelledError:
            self.run.errors.append(f"student {self.run.number}: stopped by the class's --timeout")
            raise
        finally:
            if self._tab is not None:
                self.run.scripts_run += self._tab.scripts_run
                await self._tab.close()
        return self.run

    @property
    def tab(self) -> Tab:
        if self._tab is None:
            raise ConnectionLost("not connected")
        return self._tab

    async def _connect(self) -> None:
        try:
            self.cookies = await asyncio.to_thread(fetch_cookies, self.base_url, self.cookies)
        except OSError as exc:
            raise ConnectionLost(f"GET {self.base_url}/quiz failed: {exc}") from exc
        self._tab = Tab(self.base_url, self.cookies)
        await self._tab.connect()

    async def _resume(self) -> None:
        """The browser reconnects and reloads the page it showed; the quiz cookie brings the quiz back
        (a browser's page script set it; a bot sets it itself, with the code its answers carry)."""
        page, query = (self.tab.page or QUIZ_PAGE), self.tab.query_string
        if self.run.resume_code:
            from explorer.ui.quiz_state import QUIZ_COOKIE

            self.cookies[QUIZ_COOKIE] = self.run.resume_code
        if page == PROFILE_PAGE and not self.run.finished:
            page = QUIZ_PAGE
        self.run.scripts_run += self.tab.scripts_run
        await self.tab.close()
        for attempt in range(MAX_RECONNECTS):
            self.run.reconnects += 1
            await asyncio.sleep(0.5 * (attempt + 1))
            try:
                await self._connect()
                self.tab.query_string = query
                await self._record(self.tab.open(page, kind="resume"))
                return
            except ConnectionLost:
                if self._tab is not None:
                    self.run.scripts_run += self._tab.scripts_run
                    await self._tab.close()
        raise ConnectionLost(f"could not reconnect after {MAX_RECONNECTS} tries")

    async def _record(self, pending: Awaitable[Interaction]) -> Interaction:
        interaction = await pending
        self.run.interactions.append(interaction)
        return interaction

    async def _pause(self) -> None:
        low, high = self.think
        if high > 0:
            await asyncio.sleep(self.rng.uniform(low, high))

    async def _next_step(self) -> None:
        tab = self.tab
        if tab.page == RESULTS_PAGE:
            self.run.results_table = tab.has_element("dataframe")
            self.run.finished = True
            self.progress.finished += 1
            return
        radios = tab.widgets("radio")
        grade = next((w for w in radios if GRADE_OPTION in w.options), None)
        if grade is not None:
            await self._start_form(grade, radios)
            return
        answers = [w for w in radios if (w.key or "").startswith(ANSWER_KEY_PREFIX)]
        if answers:
            await self._quiz_screen(answers)
            return
        if tab.page == PROFILE_PAGE or self._button(FINISHED_LABEL) is not None:
            await self._pause()
            await self._record(tab.navigate(RESULTS_PAGE, "results"))
            return
        raise JourneyError(f"nothing to do on /{tab.page}: no start form, questions or finished quiz")

    async def _start_form(self, grade: Widget, radios: list[Widget]) -> None:
        tab = self.tab
        if tab.value(grade) != GRADE_OPTION:
            await self._pause()
            await self._record(tab.choose(grade, GRADE_OPTION, "choose"))
            return
        length = next((w for w in radios if any(o.startswith(QUICK_OPTION_PREFIX) for o in w.options)), None)
        if length is not None:
            quick = next(o for o in length.options if o.startswith(QUICK_OPTION_PREFIX))
            if tab.value(length) != quick:
                await self._pause()
                await self._record(tab.choose(length, quick, "choose"))
                return
        start = self._button(START_LABEL)
        if start is None:
            raise JourneyError(f"no {START_LABEL!r} button on the start form")
        await self._pause()
        await self._record(tab.click(start, "start"))
        self.run.resume_code = _code_from_query(tab.query_string) or self.run.resume_code

    async def _quiz_screen(self, answers: list[Widget]) -> None:
        tab = self.tab
        todo = [w for w in answers if tab.value(w) is None]
        if todo:
            radio = todo[0]
            code, item_id = _split_answer_key(radio.key)
            self.run.resume_code = code
            index = self._pick(item_id, len(radio.options))
            await self._pause()
            await self._record(tab.choose(radio, radio.options[index], "answer"))
            self.run.acknowledged[item_id] = index  # the run that saved it finished without an error
            self.progress.answers += 1
            return
        finish = self._button(FINISH_LABEL)
        if finish is not None and not finish.disabled:
            await self._pause()
            await self._record(tab.click(finish, "finish"))
            return
        forward = self._button(NEXT_LABEL_PREFIX, prefix=True)
        if forward is not None and not forward.disabled:
            await self._pause()
            await self._record(tab.click(forward, "next"))
            return
        raise JourneyError("every question on this screen is answered but neither Next nor the finish button works")

    def _button(self, label: str, prefix: bool = False) -> Widget | None:
        for widget in self.tab.widgets("button"):
            if widget.label == label or (prefix and widget.label.startswith(label)):
                return widget
        return None

    def _pick(self, item_id: str, n_options: int) -> int:
        theme = item_id[1] if len(item_id) > 1 and item_id[1] in self.liking else self.rng.choice("RIASEC")
        middle = (n_options - 1) / 2
        return max(0, min(n_options - 1, round(middle + self.liking[theme] + self.rng.gauss(0, 0.9))))


def _split_answer_key(key: str | None) -> tuple[str, str]:
    """``answer_<resume code>_<item id>`` -> (resume code, item id)."""
    code, _sep, item_id = (key or "")[len(ANSWER_KEY_PREFIX):].rpartition("_")
    return code, item_id


def _code_from_query(query: str) -> str | None:
    values = urllib.parse.parse_qs(query).get("code")
    return values[0] if values else None


# --------------------------------------------------------------------------------------------------
# A class


@dataclass
class ClassRun:
    students: list[StudentRun]
    wall_s: float
    client_cpu_s: float = 0.0  # CPU the simulated students themselves used (they share the machine)

    @property
    def interactions(self) -> list[Interaction]:
        return [i for s in self.students for i in s.interactions]

    @property
    def errors(self) -> list[str]:
        return [e for s in self.students for e in s.errors]

    @property
    def finished(self) -> int:
        return sum(s.finished for s in self.students)

    @property
    def scripts_run(self) -> int:
        return sum(s.scripts_run for s in self.students)


async def run_class_async(base_url: str, students: int, think: tuple[float, float] = (1.0, 3.0),
                          timeout: float = 600.0, seed: int = 2026, arrival_s: float = 5.0,
                          progress: Progress | None = None) -> ClassRun:
    """``students`` simulated students through the quiz and results at ``base_url``, all at once.

    They arrive over ``arrival_s`` seconds (a teacher says "start now"), think ``think`` seconds
    (uniform) before every click, and are stopped after ``timeout`` seconds in all.
    """
    if not 1 <= students <= MAX_STUDENTS:
        raise ValueError(f"students must be 1-{MAX_STUDENTS}, not {students}")
    rng = random.Random(seed)
    deadline = time.monotonic() + timeout
    bots = [Student(n + 1, base_url, think, random.Random(rng.random()), deadline, progress) for n in range(students)]

    async def arrive(bot: Student, delay: float) -> StudentRun:
        await asyncio.sleep(delay)
        return await bot.journey()

    began, cpu = time.perf_counter(), time.process_time()
    tasks = [asyncio.create_task(arrive(b, rng.uniform(0, arrival_s) if students > 1 else 0.0)) for b in bots]
    _done, pending = await asyncio.wait(tasks, timeout=timeout + 5)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return ClassRun([b.run for b in bots], time.perf_counter() - began, time.process_time() - cpu)


def run_class(base_url: str, students: int, **options: Any) -> ClassRun:
    """``run_class_async`` from synchronous code (the CLI, tests)."""
    return asyncio.run(run_class_async(base_url, students, **options))


# --------------------------------------------------------------------------------------------------
# Numbers


@dataclass(frozen=True)
class Stats:
    n: int
    p50: float
    p95: float
    max: float
    bytes_mean: float
    fragment_share: float


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); p in 0-100."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(interactions: Iterable[Interaction]) -> dict[str, Stats]:
    by_kind: dict[str, list[Interaction]] = {}
    for i in interactions:
        by_kind.setdefault(i.kind, []).append(i)
    return {kind: Stats(len(group), percentile([i.ms for i in group], 50), percentile([i.ms for i in group], 95),
                        max(i.ms for i in group), sum(i.bytes for i in group) / len(group),
                        sum(i.fragment for i in group) / len(group))
            for kind, group in by_kind.items()}


# --------------------------------------------------------------------------------------------------
# The benchmark (servers under test are started by explorer.cluster, as deploy/run_cluster.py does)


@dataclass
class MemorySampler:
    """RSS of the app processes, sampled in the background while a class runs."""

    pids: list[int]
    every_s: float = 0.5
    peak: int = 0
    _task: asyncio.Task | None = None

    def total(self) -> int | None:
        values = [rss_bytes(pid) for pid in self.pids]
        return sum(v for v in values if v) if any(values) else None

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.total() or 0)
            await asyncio.sleep(self.every_s)

    def start(self) -> None:
        self._task = asyncio.create_task(self._sample())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


@dataclass
class Phase:
    """One measured run: the class (or the solo student) and the memory around it."""

    run: ClassRun
    rss_before: int | None = None
    rss_peak: int | None = None
    rss_after: int | None = None
    sessions_after: int | None = None


@dataclass
class ClassBench:
    students: int
    servers: int
    url: str
    database: str
    think: tuple[float, float]
    load_before: tuple[float, float, float]
    cold: list[ClassRun]
    solo: Phase
    group: Phase
    logs: Path | None = None
    again: list[Phase] = field(default_factory=list)  # the same class run again (--rounds)


async def _phase(url: str, students: int, pids: list[int], think: tuple[float, float], timeout: float,
                 seed: int, targets: Iterable[str] = ()) -> Phase:
    sampler = MemorySampler(pids)
    before = sampler.total()
    sampler.start()
    run = await run_class_async(url, students, think=think, timeout=timeout, seed=seed)
    await sampler.stop()
    await asyncio.sleep(3)  # sessions end when their websocket closes; give the server a moment
    sessions = await asyncio.to_thread(live_sessions, list(targets)) if targets else None
    return Phase(run, before, sampler.peak or None, sampler.total(), sessions)


def bench_class(students: int = 30, servers: int = 1, url: str | None = None, database_url: str | None = None,
                timeout: float = 600.0, think: tuple[float, float] = (1.0, 3.0), seed: int = 2026,
                log: Callable[[str], None] = print, rounds: int = 1) -> ClassBench:
    """Warm each process with one quick student, then one student alone, then the class, on the same
    servers: the solo run is the baseline the class is compared with. With ``rounds`` > 1 the same
    class comes again, to show memory does not grow from one class to the next."""
    if url is None and not 1 <= servers <= MAX_SERVERS:
        raise ValueError(f"--servers must be 1-{MAX_SERVERS}")
    if url is not None:
        return _bench(students, url, [url], [], "database unknown", think, timeout, seed, None, log, rounds)
    logs = VAR_DIR / "bench-class"  # kept after the run: the servers' and nginx's logs say what went wrong
    shutil.rmtree(logs, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="explorer-bench-") as folder:
        database = database_url or f"sqlite:///{folder}/bench.db"
        log(f"starting {servers} app process(es){' and nginx' if servers > 1 else ''} ...")
        with Cluster(servers, database, logs) as cluster:
            kind = database.split(":", 1)[0].split("+", 1)[0]
            return _bench(students, cluster.url, [s.url for s in cluster.servers],
                          [s.process.pid for s in cluster.servers], kind, think, timeout, seed, logs, log, rounds)


def _bench(students: int, front: str, targets: list[str], pids: list[int], database: str,
           think: tuple[float, float], timeout: float, seed: int, logs: Path | None,
           log: Callable[[str], None] = print, rounds: int = 1) -> ClassBench:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    log("warming up: one quick student per process (not counted) ...")
    cold = [run_class(t, 1, think=(0.0, 0.0), timeout=timeout, seed=seed + i) for i, t in enumerate(targets)]
    log("one student alone ...")
    solo = asyncio.run(_phase(front, 1, pids, think, timeout, seed, targets))
    log(f"a class of {students} ...")
    group = asyncio.run(_phase(front, students, pids, think, timeout, seed + 1, targets))
    again = []
    for k in range(2, rounds + 1):
        log(f"the same class again (round {k} of {rounds}) ...")
        again.append(asyncio.run(_phase(front, students, pids, think, timeout, seed + 1, targets)))
    servers = len(pids)  # 0: an app at --url, whose processes the bench cannot see
    return ClassBench(students, servers, front, database, think, load, cold, solo, group, logs, again)


def _mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 2**20:,.0f} MB"


def format_report(bench: ClassBench) -> str:
    """The table ``bench class`` prints: each interaction type, solo beside the class."""
    solo, group = summarise(bench.solo.run.interactions), summarise(bench.group.run.interactions)
    columns = f"{'n':>5} {'p50':>7} {'p95':>7} {'max':>7}"
    processes = f"{bench.servers} app process(es)" if bench.servers else "the running app"
    lines = [(f"bench class: {bench.students} students vs 1, {processes} at {bench.url} "
              f"({bench.database}), think {bench.think[0]:g}-{bench.think[1]:g} s per click"),
             (f"machine: {os.cpu_count()} cores, load average {bench.load_before[0]:.1f} before the run "
              "(numbers from a shared machine move with other work on it)"),
             "",
             f"{'':9}{'--- 1 student (ms) ---':>30}   {'--- ' + str(bench.students) + ' students (ms) ---':>30}",
             f"{'':9}{columns}   {columns}  {'p95 x solo':>10} {'KB each':>8} {'fragment':>8}"]
    for kind in REPORTED + tuple(k for k in INTERACTIONS if k not in REPORTED):
        a, b = solo.get(kind), group.get(kind)
        if a is None and b is None:
            continue
        left = f"{a.n:5} {a.p50:7.0f} {a.p95:7.0f} {a.max:7.0f}" if a else f"{'':5} {'-':>7} {'-':>7} {'-':>7}"
        right = f"{b.n:5} {b.p50:7.0f} {b.p95:7.0f} {b.max:7.0f}" if b else f"{'':5} {'-':>7} {'-':>7} {'-':>7}"
        ratio = f"{b.p95 / a.p95:9.1f}x" if a and b and a.p95 > 0 else f"{'':10}"
        shown = b if b is not None else a
        size, share = (shown.bytes_mean / 1000, shown.fragment_share) if shown else (0.0, 0.0)
        lines.append(f"{kind:9}{left}   {right}  {ratio} {size:8.1f} {share:8.0%}")
    for name, phase in (("1 student", bench.solo), (f"{bench.students} students", bench.group)):
        run = phase.run
        answers = sum(i.kind == "answer" for i in run.interactions)
        lines.append(f"{name}: {run.finished}/{len(run.students)} finished, {len(run.errors)} errors, "
                     f"{run.scripts_run / run.wall_s:.1f} script runs/s ({answers / run.wall_s:.1f} answers/s) "
                     f"over {run.wall_s:.0f} s; reconnects {sum(s.reconnects for s in run.students)}; "
                     f"the simulated students used {run.client_cpu_s:.1f} s CPU")
    g = bench.group
    if g.rss_before is not None:
        per = (g.rss_peak - g.rss_before) / bench.students if g.rss_peak else float("nan")
        lines.append(f"server RSS ({processes} together): {_mb(g.rss_before)} before the class, "
                     f"{_mb(g.rss_peak)} at its peak ({per / 2**20:+.1f} MB per student), {_mb(g.rss_after)} 3 s "
                     "after it left")
    else:
        lines.append("server RSS: n/a (servers not started by the bench)")
    for k, phase in enumerate([g, *bench.again], start=1):
        answer = summarise(phase.run.interactions).get("answer")
        growth = (f", {(phase.rss_after - g.rss_after) / 2**20:+.1f} MB against round 1"
                  if k > 1 and phase.rss_after and g.rss_after else "")
        sessions = "n/a" if phase.sessions_after is None else str(phase.sessions_after)
        lines.append(f"round {k}: answer p95 {answer.p95 if answer else float('nan'):.0f} ms, "
                     f"{len(phase.run.errors)} errors, RSS after {_mb(phase.rss_after)}{growth}; "
                     f"sessions still open after the class left: {sessions}")
    cold = [summarise(c.interactions) for c in bench.cold]
    opens = ", ".join(f"{c['open'].max:.0f}" for c in cold if "open" in c)
    results = ", ".join(f"{c['results'].max:.0f}" for c in cold if "results" in c)
    lines.append(f"warm-up (cold processes, not counted): first /quiz {opens} ms, first /results {results} ms")
    errors = bench.solo.run.errors + bench.group.run.errors + [e for p in bench.again for e in p.run.errors]
    for error in errors[:10]:
        lines.append(f"  error: {error}")
    if errors and bench.logs:
        lines.append(f"  server and nginx logs: {bench.logs}")
    return "\n".join(lines)

"""Start the app with its data already loaded: ``python -m explorer serve``.

``streamlit run app.py`` loads nothing until the first visitor arrives, so on every new process the
first student waited several seconds for imports and the knowledge base, and saw meanwhile a raw
list of the files in ``pages/`` (counselor pages included): Streamlit lists that folder until
``st.navigation`` has run once in the process. ``serve`` loads the knowledge base and the fitted
matcher in the server's own process before it listens, then runs the home page once through the
server's websocket, exactly as a browser would, so the first real visitor meets a warm process with
the navigation registered.

It lives in ``explorer/ui`` because it drives Streamlit itself (its server and its websocket
messages); nothing in it draws a page.
"""
from __future__ import annotations

import asyncio
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass

from explorer.paths import ROOT

APP = ROOT / "app.py"


def preload() -> float:
    """Load everything every visitor needs into this process (module-level caches the app reuses);
    returns the seconds it took."""
    start = time.perf_counter()
    import altair  # noqa: F401  (the heavy imports the first script run would otherwise pay)
    import sklearn  # noqa: F401

    from explorer import data, labor, matching, places, training

    kb = data.knowledge_base()
    matching.Matcher.from_occupations(kb.occupations)
    labor.local_occupations(kb, labor.NATIONAL)
    training.warm(kb)
    places.warm(kb)
    return time.perf_counter() - start


def wait_until_healthy(base_url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no healthy Streamlit server at {base_url} after {timeout:.0f} s")


@dataclass(frozen=True)
class Visit:
    seconds: float  # from opening the session to the end of the first script run
    file_list_seconds: float  # how long the menu listed the files of pages/ before the app's own


async def _visit(base_url: str, path: str, timeout: float) -> Visit:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.typing import Subprotocol

    ws_url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
    start, listed_at, listed = time.perf_counter(), None, 0.0
    async with websockets.connect(ws_url, subprotocols=[Subprotocol("streamlit")], max_size=None) as socket:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_name = path
        await socket.send(message.SerializeToString())
        while True:
            raw = await asyncio.wait_for(socket.recv(), timeout)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind, now = forward.WhichOneof("type"), time.perf_counter()
            if kind == "navigation":
                files = any(p.url_pathname == "advising" for p in forward.navigation.app_pages)
                if files and listed_at is None:
                    listed_at = now
                elif not files and listed_at is not None:
                    listed, listed_at = listed + now - listed_at, None
            if kind == "script_finished":
                if listed_at is not None:
                    listed += now - listed_at
                return Visit(now - start, listed)


def visit(base_url: str, path: str = "", timeout: float = 120.0) -> Visit:
    """Open one session and run one page to the end, like a browser does."""
    return asyncio.run(_visit(base_url, path, timeout))


def _warm_up_when_ready(base_url: str) -> None:
    try:
        wait_until_healthy(base_url)
        seconds = visit(base_url).seconds
        print(f"explorer serve: warmed up with one home-page visit in {seconds * 1000:.0f} ms", flush=True)
    except Exception as exc:  # a failed warm-up must never stop the server
        print(f"explorer serve: warm-up visit failed ({type(exc).__name__}: {exc})", file=sys.stderr, flush=True)


def serve(port: int, address: str, streamlit_args: list[str]) -> None:
    """Preload, start a warm-up visit in the background, then run the Streamlit server (blocks)."""
    from streamlit.web import cli as streamlit_cli

    seconds = preload()
    print(f"explorer serve: knowledge base and matcher loaded in {seconds:.1f} s", flush=True)
    host = "127.0.0.1" if address in ("", "0.0.0.0", "::") else address
    threading.Thread(target=_warm_up_when_ready, args=(f"http://{host}:{port}",), daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), "--server.port", str(port), "--server.address", address,
                *upload_limit_args(streamlit_args), *streamlit_args]
    streamlit_cli.main()


def upload_limit_args(streamlit_args: list[str]) -> list[str]:
    """Streamlit's upload limit (MB) set to the district's catalog limit, the largest upload the app
    takes, unless the command line sets it: a larger file is refused before the server keeps it."""
    from explorer import settings

    if any(a.startswith("--server.maxUploadSize") for a in streamlit_args):
        return []
    return ["--server.maxUploadSize", str(settings.current().catalog_max_mb)]

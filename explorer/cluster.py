"""Running the app as a district does: several Streamlit processes behind nginx, on one database.

``deploy/run_cluster.py`` (production) and the class benchmark (``explorer.benchmarks.loadbench``)
both start processes and nginx through this module, so what is measured is what a district runs.
Nothing here imports Streamlit: processes are started as ``python -m streamlit run app.py``.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from explorer.paths import ROOT

MAX_SERVERS = 16
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "explorer.conf.template"


def _opener() -> urllib.request.OpenerDirector:
    """An HTTP opener that ignores http_proxy/https_proxy: the servers are reached directly."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def rss_bytes(pid: int) -> int | None:
    """Resident memory of one process from /proc (Linux); None where there is no /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def wait_until_healthy(url: str, timeout: float = 90.0, process: subprocess.Popen | None = None,
                       log: Path | None = None) -> None:
    """Poll ``/_stcore/health`` until it answers ``ok`` (Streamlit's own readiness check)."""
    opener = _opener()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}" + (f"; see {log}" if log else ""))
        try:
            with opener.open(url.rstrip("/") + "/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer /_stcore/health within {timeout:.0f} s" + (f"; see {log}" if log else ""))


def active_sessions(url: str, timeout: float = 5.0) -> int | None:
    """Sessions the server still holds open, from Streamlit's own ``/_stcore/metrics`` gauge
    (``active_sessions``); None where the server does not publish it."""
    opener = _opener()
    try:
        with opener.open(url.rstrip("/") + "/_stcore/metrics", timeout=timeout) as response:
            text = response.read().decode("utf-8", "replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("active_sessions "):
            return int(float(line.split()[1]))
    return None


def live_sessions(urls: Iterable[str], wait_s: float = 15.0) -> int | None:
    """Sessions still open on all of ``urls`` once they reach 0 or ``wait_s`` passes: a closed
    browser tab must not leave its session (and its memory) behind."""
    deadline = time.monotonic() + wait_s
    while True:
        counts = [active_sessions(u) for u in urls]
        if any(c is None for c in counts):
            return None
        total = sum(c for c in counts if c is not None)
        if total == 0 or time.monotonic() >= deadline:
            return total
        time.sleep(0.5)


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The one command every app process runs (also in deploy/systemd/explorer@.service)."""
    # `explorer serve` = `streamlit run app.py` with the data preloaded and one warm-up visit.
    return [sys.executable, "-m", "explorer", "serve", "--port", str(port), "--address", address, "--",
            "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


@dataclass
class AppServer:
    """One ``streamlit run app.py`` process on 127.0.0.1."""

    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss(self) -> int | None:
        return rss_bytes(self.process.pid)

    def kill(self) -> None:
        """SIGKILL: a crash, not a shutdown (nothing gets to say goodbye to its sessions)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def start_app_server(port: int, database_url: str, cookie_secret: str, log_dir: Path,
                     extra_env: dict[str, str] | None = None) -> AppServer:
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"streamlit-{port}.log"
    # The secret goes in the environment (Streamlit reads STREAMLIT_SERVER_COOKIE_SECRET), not on the
    # command line where `ps` shows it to every user of the machine.
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret,
           **(extra_env or {})}
    with open(log, "ab") as out:
        process = subprocess.Popen(streamlit_command(port), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    return AppServer(port, process, log)


def nginx_binary() -> str | None:
    return os.environ.get("NGINX") or shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)


def render_site(ports: Iterable[int], listen: str, server_name: str = "_", backend_host: str = "127.0.0.1",
                template: Path = NGINX_TEMPLATE) -> str:
    """The http-context part of the nginx config (``deploy/nginx/explorer.conf.template``) for these
    app ports: what goes into /etc/nginx/sites-available on a district's server."""
    servers = "\n".join(f"    server {backend_host}:{port} max_fails=1 fail_timeout=10s;" for port in ports)
    text = template.read_text(encoding="utf-8")
    return (text.replace("@@UPSTREAM_SERVERS@@", servers).replace("@@LISTEN@@", listen)
            .replace("@@SERVER_NAME@@", server_name))


def render_standalone(ports: Iterable[int], listen: str, prefix: Path, server_name: str = "_",
                      user: str | None = None) -> str:
    """A whole nginx.conf that runs without root (``nginx -p PREFIX -c PREFIX/nginx.conf``): pid, logs
    and every temp path in ``prefix``, the site from the template inside ``http``."""
    p = prefix.resolve()
    site = render_site(ports, listen, server_name)
    user_line = f"user {user};\n" if user else ""
    return f"""# Generated by deploy/run_cluster.py (explorer.loadbench.render_standalone) from
# deploy/nginx/explorer.conf.template.
{user_line}worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  # Which process served whom: upstream (after a failover: the dead one, then the one that answered),
  # and the start of a websocket = msec - request_time (a websocket is logged when it closes).
  log_format explorer '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                      'rt=$request_time msec=$msec upstream="$upstream_addr" route=$explorer_route';
  access_log {p}/access.log explorer;
  client_body_temp_path {p}/temp/client_body;
  proxy_temp_path {p}/temp/proxy;
  fastcgi_temp_path {p}/temp/fastcgi;
  uwsgi_temp_path {p}/temp/uwsgi;
  scgi_temp_path {p}/temp/scgi;
  default_type application/octet-stream;
{site}
}}
"""


@dataclass
class Nginx:
    process: subprocess.Popen
    prefix: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish requests, then exit
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def start_nginx(ports: list[int], listen: str, prefix: Path) -> Nginx:
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx not found (Debian: apt-get install nginx; or set NGINX=/path/to/nginx)")
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / folder).mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    # Started as root (CI containers), workers would switch to "nobody", who cannot write the private
    # temp folders in the prefix; keep them as root there. Unprivileged, no `user` line is needed.
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    conf.write_text(render_standalone(ports, listen, prefix, user="root" if as_root else None), encoding="utf-8")
    check = subprocess.run([binary, "-t", "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)],
                           capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused {conf}: {check.stderr.strip().splitlines()[-1]}")
    with open(prefix / "nginx.out", "ab") as out:
        process = subprocess.Popen([binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf),
                                    "-g", "daemon off;"], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return Nginx(process, prefix)


class Cluster:
    """N app processes on consecutive (or free) ports, one DATABASE_URL and one cookie secret, and,
    with more than one process (or ``proxy=True``), nginx in front with sticky sessions.

    A context manager: everything it started is stopped on exit, whatever happened.
    """

    def __init__(self, processes: int, database_url: str, prefix: Path, cookie_secret: str | None = None,
                 first_port: int | None = None, listen_port: int | None = None, proxy: bool | None = None,
                 extra_env: dict[str, str] | None = None):
        if not 1 <= processes <= MAX_SERVERS:
            raise ValueError(f"processes must be 1-{MAX_SERVERS}, not {processes}")
        self.processes, self.database_url, self.prefix = processes, database_url, Path(prefix)
        self.cookie_secret = cookie_secret or os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_urlsafe(32)
        self.ports = ([first_port + i for i in range(processes)] if first_port
                      else [free_port() for _ in range(processes)])
        self.proxy = processes > 1 if proxy is None else proxy
        self.listen_port = listen_port or (free_port() if self.proxy else None)
        self.extra_env = extra_env
        self.servers: list[AppServer] = []
        self.nginx: Nginx | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listen_port}" if self.proxy else self.servers[0].url

    def prepare_database(self) -> None:
        """Bring the shared database to the current schema once, before any process opens it (two
        processes creating an empty PostgreSQL schema at the same moment would race)."""
        env = {**os.environ, "DATABASE_URL": self.database_url}
        run = subprocess.run([sys.executable, "-m", "explorer", "db", "upgrade"], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise RuntimeError(f"db upgrade failed: {(run.stderr or run.stdout).strip()}")

    def start(self, timeout: float = 120.0) -> Self:
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.prepare_database()
        for port in self.ports:
            self.servers.append(start_app_server(port, self.database_url, self.cookie_secret, self.prefix / "logs",
                                                 self.extra_env))
        for server in self.servers:
            wait_until_healthy(server.url, timeout, server.process, server.log)
        if self.proxy:
            self.nginx = start_nginx(self.ports, f"127.0.0.1:{self.listen_port}", self.prefix)
            wait_until_healthy(self.url, 20, self.nginx.process, self.prefix / "error.log")
        return self

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.stop()
        for server in self.servers:
            server.stop()

    def __enter__(self) -> Self:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *_exc: object) -> None:
        self.stop()

#!/usr/bin/env python3
"""Run several app processes behind nginx on one machine, or print the nginx config for them.

    python deploy/run_cluster.py run --processes 4 --database-url postgresql+psycopg://explorer@db/explorer
    python deploy/run_cluster.py nginx-site --ports 8701-8704 --listen 80 > /etc/nginx/sites-available/explorer
    python deploy/run_cluster.py nginx-conf --ports 8701-8704 --listen 0.0.0.0:80 --prefix /var/lib/explorer/nginx

`run` brings the database to the current schema once, starts N `streamlit run app.py` processes on
consecutive ports (127.0.0.1 only: nginx is the one door), all with the same DATABASE_URL and
server.cookieSecret, then nginx unprivileged (`-p PREFIX -c PREFIX/nginx.conf`, pid, logs and temp
files in PREFIX), waits for every /_stcore/health, and stops everything on Ctrl-C or SIGTERM. The
same code starts the servers of `python -m explorer bench class --servers N`, so the benchmark
measures exactly this. On a server a district runs systemd instead (deploy/systemd/, README
"Running several processes").
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explorer import cluster  # after sys.path has the repository


def _ports(text: str) -> list[int]:
    """``8701-8704`` or ``8701,8702``."""
    ports: list[int] = []
    for part in text.split(","):
        low, _sep, high = part.partition("-")
        ports.extend(range(int(low), int(high or low) + 1))
    return ports


def run(args: argparse.Namespace) -> int:
    database_url = args.database_url or os.environ.get("DATABASE_URL")
    if not database_url:
        print("error: give --database-url or set DATABASE_URL (one PostgreSQL database for every process)",
              file=sys.stderr)
        return 2
    if database_url.startswith("sqlite"):
        print("note: SQLite works for processes on one machine, but a district shares one PostgreSQL database",
              file=sys.stderr)
    running = cluster.Cluster(args.processes, database_url, Path(args.prefix), cookie_secret=args.cookie_secret,
                                first_port=args.first_port, listen_port=args.listen_port, proxy=True)
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        running.start()
        print(f"{args.processes} app processes on ports {running.ports[0]}-{running.ports[-1]}, nginx on "
              f"{running.url} (logs in {running.prefix}); Ctrl-C stops everything", flush=True)
        while not stopping:
            for server in running.servers:
                if server.process.poll() is not None:
                    print(f"app process on port {server.port} exited ({server.process.returncode}); its students "
                          f"reconnect to the others. See {server.log}", file=sys.stderr, flush=True)
                    running.servers.remove(server)
                    break
            time.sleep(1)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        running.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="start N app processes and nginx in front of them (foreground)")
    p.add_argument("--processes", type=int, default=2)
    p.add_argument("--first-port", type=int, default=8701, help="app processes listen on consecutive ports from here")
    p.add_argument("--listen-port", type=int, default=8700, help="nginx listens on 127.0.0.1:PORT")
    p.add_argument("--database-url", help="default: $DATABASE_URL")
    p.add_argument("--cookie-secret", help="default: $STREAMLIT_SERVER_COOKIE_SECRET, else a new random one")
    p.add_argument("--prefix", default=str(ROOT / "var" / "cluster"), help="nginx prefix: config, pid, logs, temp")
    p.set_defaults(run=run)
    for name, what in (("nginx-site", "the http-context site file for the distribution's nginx"),
                       ("nginx-conf", "a whole nginx.conf for an nginx of its own (nginx -p PREFIX -c FILE)")):
        p = sub.add_parser(name, help=f"print {what}")
        p.add_argument("--ports", required=True, help="app process ports, e.g. 8701-8704")
        p.add_argument("--listen", default="80", help="nginx listen address, e.g. 80 or 127.0.0.1:8700")
        p.add_argument("--server-name", default="_")
        if name == "nginx-conf":
            p.add_argument("--prefix", required=True, help="folder for pid, logs and temp files")
            p.set_defaults(run=lambda a: print(cluster.render_standalone(_ports(a.ports), a.listen, Path(a.prefix),
                                                                           a.server_name)) or 0)
        else:
            p.set_defaults(run=lambda a: print(cluster.render_site(_ports(a.ports), a.listen, a.server_name)) or 0)
    args = top.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

"""Scale-out (deploy/): two app processes behind nginx on one PostgreSQL; losing one loses no answer."""
from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time

from explorer import attempts, quiz
from explorer.benchmarks import loadbench
from explorer.paths import ROOT
from tests.conftest import _drop_postgres, _postgres_url, unavailable

STUDENTS = 30


def test_nginx_site_upgrades_websockets_and_sticks_per_browser():
    site = loadbench.render_site([8701, 8702], "80")
    assert "server 127.0.0.1:8701" in site and "server 127.0.0.1:8702" in site
    assert "hash $explorer_route consistent;" in site  # a cookie per browser, not ip_hash (one school = one NAT)
    assert "proxy_set_header Upgrade $http_upgrade;" in site
    assert "proxy_set_header Host $http_host;" in site  # Streamlit compares a websocket's Origin with Host
    assert "@@" not in site


def test_launcher_prints_the_site_for_the_distribution_nginx():
    run = subprocess.run([sys.executable, "deploy/run_cluster.py", "nginx-site", "--ports", "8701-8703", "--listen", "80"],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("server 127.0.0.1:87") == 3


def _websockets(access_log: str) -> list[tuple[float, str]]:
    """(start time, port that finally served it) of every websocket nginx proxied."""
    found = []
    for line in access_log.splitlines():
        m = re.search(r'"GET /_stcore/stream [^"]*" 101 .*rt=([\d.]+) msec=([\d.]+) upstream="([^"]*)"', line)
        if m:
            found.append((float(m[2]) - float(m[1]), m[3].split(",")[-1].strip().rsplit(":", 1)[-1]))
    return found


def test_a_class_survives_losing_one_of_two_processes(tmp_path):
    """30 students through nginx; one process is killed a third of the way in. Every student resumes
    on the other by resume code and finishes, and every answer any student saw saved is stored."""
    if loadbench.nginx_binary() is None:
        unavailable("nginx not found (apt-get install nginx)")
    database = _postgres_url()
    try:
        with loadbench.Cluster(2, database, tmp_path / "cluster") as cluster:
            victim, survivor = cluster.servers
            progress = loadbench.Progress()

            async def class_with_a_crash() -> tuple[loadbench.ClassRun, float]:
                # One quick student per process first, so the class does not wait for cold imports.
                await asyncio.gather(*(loadbench.run_class_async(s.url, 1, think=(0, 0), timeout=60)
                                       for s in cluster.servers))
                students = asyncio.create_task(loadbench.run_class_async(
                    cluster.url, STUDENTS, think=(0.1, 0.4), timeout=150, arrival_s=2, progress=progress))
                while progress.answers < STUDENTS * 10 and not students.done():  # a third of the way through
                    await asyncio.sleep(0.1)
                killed_at = time.time()
                victim.kill()
                return await students, killed_at

            run, killed_at = asyncio.run(class_with_a_crash())
            access_log = (cluster.prefix / "access.log").read_text()
        stored = {s.number: attempts.load(s.resume_code, database) for s in run.students if s.resume_code}
    finally:
        _drop_postgres(database)

    assert run.errors == [], run.errors[:5]
    assert run.finished == STUDENTS
    cut_off = [s for s in run.students if s.reconnects]
    assert 0 < len(cut_off) < STUDENTS, "both processes should have had students when one died"

    sockets = _websockets(access_log)
    assert {port for start, port in sockets if start < killed_at} == {str(victim.port), str(survivor.port)}
    after = [port for start, port in sockets if start > killed_at + 0.05]
    assert len(after) >= len(cut_off)
    assert set(after) == {str(survivor.port)}, "after the crash every new websocket must reach the survivor"

    scale = [value for value, _label, _emoji in quiz.scale("9-12")]
    for student in run.students:
        saved = stored[student.number]
        assert saved.finished
        lost = {item: scale[i] for item, i in student.acknowledged.items() if saved.answers.get(item) != scale[i]}
        assert lost == {}, f"student {student.number} lost answers {lost}"
        assert len(saved.answers) == 30

"""The app survives PostgreSQL restarting under load.

gunicorn (production settings, persistent connections with health checks)
serves readers and a writer while the database server stops, stays down a few
seconds and starts again. While it is down every answer is a clean 503 (JSON
from /healthz, a Vietnamese page elsewhere), never a traceback; once it is
back every request succeeds again; every write the app confirmed is there.

The cluster restarted is a private one made for the test (on a port free at run
time), never the machine's shared cluster. `scripts/restart_test.sh` runs this test and
writes its figures to docs/restart-test.md.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg2
import pytest
import requests

from tests.conftest import PASSWORD
from tests.system.servers import (
    Browser,
    fresh_database,
    gunicorn,
    seed_users,
    system_database_name,
    throwaway_cluster,
)

DOWN_SECONDS = 3.0
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Traffic:
    """What the clients saw, phase by phase (before / down / after)."""

    phase: str = "before"
    statuses: Counter = field(default_factory=Counter)
    bad: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    failures_after_recovery: list[str] = field(default_factory=list)
    recovered_at: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)

    def record(self, kind: str, response, sent: float) -> None:
        """``sent``: when the request left (time.monotonic()); a request sent before the
        app was seen back may still meet the database down, whenever it is answered."""
        self.statuses[(self.phase, kind, response.status_code)] += 1
        body = response.text
        if response.status_code not in {200, 302, 503}:
            self.bad.append(f"{kind}: HTTP {response.status_code}")
        # nothing technical leaks, not even from /healthz (it says only ok or failing)
        leaks = ["Traceback", "psycopg2", 'File "', "Error"]
        if any(word in body for word in leaks):
            self.bad.append(f"{kind}: technical details in the answer")
        if response.status_code == 503 and kind != "healthz":
            if "Hệ thống tạm thời gián đoạn" not in body:
                self.bad.append(f"{kind}: 503 without the Vietnamese page")
        back = self.recovered_at
        if self.phase == "after" and response.status_code == 503 and back and sent >= back:
            self.failures_after_recovery.append(kind)


def reader(traffic: Traffic, browser: Browser) -> None:
    while not traffic.stop.is_set():
        for kind, path in [
            ("healthz", "/healthz"),
            ("home", "/"),
            ("users", "/quan-tri/nguoi-dung/"),
        ]:
            sent = time.monotonic()
            try:
                traffic.record(kind, browser.get(path, timeout=10), sent)
            except requests.RequestException as exc:
                traffic.bad.append(f"{kind}: {exc.__class__.__name__}")
        time.sleep(0.05)


def writer(traffic: Traffic, browser: Browser, token: str) -> None:
    """Creates users one after another through the admin form; remembers what was confirmed."""
    n = 0
    while not traffic.stop.is_set():
        n += 1
        username = f"ghi_{n:04d}"
        sent = time.monotonic()
        try:
            response = browser.request(
                "POST",
                "/quan-tri/nguoi-dung/them/",
                data={
                    "csrfmiddlewaretoken": token,
                    "username": username,
                    "full_name": f"Cán bộ ghi {n}",
                    "role": "reviewer",
                    "password": "Mat-khau-ghi-2025",
                },
                timeout=10,
            )
        except requests.RequestException:
            traffic.unconfirmed.append(username)
            continue
        traffic.record("write", response, sent)
        if response.status_code == 302:
            traffic.confirmed.append(username)
        else:
            traffic.unconfirmed.append(username)
        time.sleep(0.05)


# "fast": a clean restart (what `pg_ctlcluster … restart` does); "immediate": the server
# killed without a checkpoint, as in a crash, so committed data must come back from the WAL.
@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_requests_fail_cleanly_while_postgresql_restarts_and_no_confirmed_write_is_lost(
    tmp_path, mode
):
    with (
        throwaway_cluster() as cluster,
        fresh_database(
            system_database_name("restart"), tmp_path, base=cluster.url, CONN_MAX_AGE="600"
        ) as env,
    ):
        seed_users(env, PASSWORD)
        with gunicorn(env, workers=2, log=tmp_path / "gunicorn.log") as server:
            admin = Browser(server.url)
            admin.login("quantri", PASSWORD)
            token = admin.csrf_token("/quan-tri/nguoi-dung/them/")
            traffic = Traffic()
            threads = [
                threading.Thread(target=reader, args=(traffic, admin)),
                threading.Thread(target=reader, args=(traffic, admin)),
                threading.Thread(target=writer, args=(traffic, admin, token)),
            ]
            for t in threads:
                t.start()
            try:
                time.sleep(2)
                traffic.phase = "down"
                stopped = time.monotonic()
                cluster.pg_ctl("stop", "-m", mode, "-w")
                time.sleep(DOWN_SECONDS)
                cluster.pg_ctl("start", "-w")
                started = time.monotonic()
                traffic.phase = "after"
                while time.monotonic() - started < 20:
                    if admin.get("/healthz").status_code == 200:
                        traffic.recovered_at = time.monotonic()
                        break
                    time.sleep(0.1)
                time.sleep(3)
            finally:
                traffic.stop.set()
                for t in threads:
                    t.join(timeout=30)
            log = (tmp_path / "gunicorn.log").read_text()

        with psycopg2.connect(env["DATABASE_URL"]) as conn, conn.cursor() as cur:
            cur.execute("SELECT username FROM emulation_user WHERE username LIKE 'ghi_%'")
            stored = {row[0] for row in cur.fetchall()}

    assert traffic.recovered_at is not None, "the app did not come back after the restart"
    assert traffic.bad == [], Counter(traffic.bad)
    down = {k: v for k, v in traffic.statuses.items() if k[0] == "down"}
    assert any(status == 503 for (_, _, status) in down), down
    assert any(kind == "healthz" and status == 503 for (_, kind, status) in down), down
    assert traffic.failures_after_recovery == []
    after_ok = sum(
        v for (phase, _, s), v in traffic.statuses.items() if phase == "after" and s != 503
    )
    assert after_ok > 10
    lost = set(traffic.confirmed) - stored
    assert lost == set()
    assert stored <= set(traffic.confirmed) | set(traffic.unconfirmed)
    assert "WORKER TIMEOUT" not in log and "Booting worker" in log

    report = os.environ.get("RESTART_REPORT")
    if report:
        write_report(
            Path(report),
            mode,
            traffic,
            stored=len(stored),
            downtime=started - stopped,
            recovery=traffic.recovered_at - started,
        )


def write_report(
    path: Path, mode: str, traffic: Traffic, *, stored: int, downtime: float, recovery: float
):
    """The figures of this run; the "fast" run starts the file, the "immediate" run adds to it."""
    lines = [
        f"## Stopped with `pg_ctl stop -m {mode}`"
        + (" (a crash: no checkpoint, recovery from the WAL)" if mode == "immediate" else ""),
        "",
        f"- Database down for {downtime:.1f} s; the app answered again "
        f"{recovery:.2f} s after the database started.",
        f"- Writes confirmed by the app: {len(traffic.confirmed)}; found in the database "
        f"afterwards: {stored}; lost: 0. Writes refused with 503 while it was down: "
        f"{len(traffic.unconfirmed)} (not stored, as the user was told).",
        f"- Answers that were not 200/302/503, or showed technical details: {len(traffic.bad)}.",
        f"- Failed requests after the database came back: {len(traffic.failures_after_recovery)}.",
        "",
        "| phase | request | HTTP status | count |",
        "| --- | --- | --- | --- |",
    ]
    order = {"before": 0, "down": 1, "after": 2}
    for (phase, kind, status), count in sorted(
        traffic.statuses.items(), key=lambda item: (order[item[0][0]], item[0][1], item[0][2])
    ):
        lines.append(f"| {phase} | {kind} | {status} | {count} |")
    if mode == "fast":
        head = [
            "# PostgreSQL restart test: last run",
            "",
            f"Run {dt.datetime.now(VN).strftime('%d/%m/%Y %H:%M')} by `scripts/restart_test.sh` "
            "(tests/system/test_db_restart.py): gunicorn with 2 workers, production settings, a "
            f"private PostgreSQL cluster stopped, kept down {DOWN_SECONDS:.0f} s and started "
            "again while 2 readers and 1 writer kept going; twice, a clean stop and a crash.",
            "",
        ]
        path.write_text("\n".join(head + lines) + "\n")
    else:
        with path.open("a") as out:
            out.write("\n" + "\n".join(lines) + "\n")

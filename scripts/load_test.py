"""Load test, the rush before a filing deadline: gunicorn as in production
(config/gunicorn_conf.py, production settings, persistent connections) and the document
worker beside it on loopback, against a PostgreSQL database seeded with the demo data,
driven by locust headless for a bounded time (tests/load/locustfile.py). Prints
throughput, p50/p95 latency, the error count and each request's p95 against the trivial
authenticated page's; writes them to docs/load-test.md (what follows its KEPT line is
kept). Exit 1 when any request failed or a request's p95 is over RATIO × the trivial
page's (login, Argon2's cost, is measured apart).

Run through scripts/load_test.sh. Environment: LOAD_SECONDS (180), LOAD_USERS (100),
LOAD_SPAWN_RATE (2 people logging in per second), LOAD_WORKERS (gunicorn_conf's: 2 per
core + 1), LOAD_PORT (0: a port free at run time), TEST_DATABASE_URL (the PostgreSQL server
to use; a database <its database>_e2e_load, ntm_e2e_load by default, is created on it and
dropped at the end).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.system.servers import fresh_database, gunicorn, manage, system_database_name  # noqa: E402

SECONDS = int(os.environ.get("LOAD_SECONDS", "180"))
USERS = int(os.environ.get("LOAD_USERS", "100"))
SPAWN_RATE = float(os.environ.get("LOAD_SPAWN_RATE", "2"))
WORKERS = os.environ.get("LOAD_WORKERS", "")
PORT = int(os.environ.get("LOAD_PORT", "0"))
REPORT = ROOT / "docs" / "load-test.md"
KEPT = "<!-- what follows is written by hand and kept by scripts/load_test.py -->"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
TRIVIAL = "trivial page"
APART = {"login", "login form", "Aggregated"}  # Argon2's cost: measured, not held to RATIO
RATIO = 5.0
GUNICORN_CONF = str(ROOT / "config" / "gunicorn_conf.py")


class LoadAverage(threading.Thread):
    """The machine's 1-minute load average, read every 5 s while the test runs (other
    people's work on the same cores shows here)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(5):
            self.samples.append(os.getloadavg()[0])

    def summary(self) -> str:
        if not self.samples:
            return "not sampled"
        values = self.samples
        return (
            f"{min(values):.1f} min, {statistics.median(values):.1f} median, {max(values):.1f} max"
        )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ntm-load-") as folder:
        tmp = Path(folder)
        name = system_database_name("load")
        with fresh_database(name, tmp, DEMO_MODE="1", CONN_MAX_AGE="600") as env:
            manage(env, "seed_demo")
            options = ("--config", GUNICORN_CONF)
            workers = int(WORKERS) if WORKERS else gunicorn_workers()
            worker = document_worker(env, tmp / "worker.log")
            load = LoadAverage()
            log = tmp / "gunicorn.log"
            with gunicorn(env, PORT, workers=workers, log=log, options=options) as server:
                load.start()
                locust = subprocess.run(
                    [
                        str(Path(sys.executable).with_name("locust")),
                        "-f", str(ROOT / "tests" / "load" / "locustfile.py"),
                        "--headless", "--only-summary",
                        "--users", str(USERS), "--spawn-rate", str(SPAWN_RATE),
                        "--run-time", f"{SECONDS}s", "--stop-timeout", "10",
                        "--host", server.url, "--csv", str(tmp / "locust"),
                        "--loglevel", "WARNING",
                    ],
                    cwd=ROOT, capture_output=True, text=True, timeout=SECONDS + 120, check=False,
                )  # fmt: skip
                load.done.set()
            worker.terminate()
            worker.wait(timeout=30)
            rows = list(csv.DictReader(open(tmp / "locust_stats.csv", encoding="utf-8")))
            failures = list(csv.DictReader(open(tmp / "locust_failures.csv", encoding="utf-8")))
            server_errors = (tmp / "gunicorn.log").read_text().count("Traceback")
            server_errors += (tmp / "worker.log").read_text().count("Traceback")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    summary = {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": total["50%"],
        "p95": total["95%"],
    }
    trivial = float(next(r for r in rows if r["Name"] == TRIVIAL)["95%"])
    over = [
        (r["Name"], float(r["95%"]) / trivial)
        for r in rows
        if r["Name"] not in APART and float(r["95%"]) > RATIO * trivial
    ]
    summary["trivial"] = trivial
    summary["load"] = load.summary()
    summary["workers"] = workers
    print(
        f"Tải thử {SECONDS} s, {USERS} người dùng ảo, gunicorn {workers} tiến trình: "
        f"{summary['requests']} yêu cầu, {summary['rps']:.1f} yêu cầu/giây, "
        f"p50 {summary['p50']} ms, p95 {summary['p95']} ms, lỗi {summary['errors']}."
    )
    for failure in failures:
        what = f"{failure['Method']} {failure['Name']}"
        print(f"  lỗi: {what}: {failure['Error']} ×{failure['Occurrences']}")
    for name, ratio in over:
        print(f"  p95 của {name} = {ratio:.1f} × trang tối thiểu (> {RATIO:g})")
    print(f"Tải máy (load average 1 phút): {summary['load']}.")
    write_report(rows, summary, server_errors)
    if locust.returncode not in (0, 1):
        print(locust.stdout[-3000:], locust.stderr[-3000:], file=sys.stderr)
        return 2
    return 1 if summary["errors"] or server_errors or over else 0


def gunicorn_workers() -> int:
    """The number of workers config/gunicorn_conf.py gives this machine."""
    cores = len(os.sched_getaffinity(0))
    return 2 * cores + 1


def document_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    """The document worker as scripts/worker.sh runs it in production, niced: it polls the
    queue every second beside the web workers."""
    return subprocess.Popen(
        ["nice", "-n", "10", sys.executable, "manage.py", "db_worker", "--queue-name", "default",
         "--interval", "1", "--no-reload", "-v", "0"],
        cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT,  # noqa: SIM115
    )  # fmt: skip


def write_report(rows: list[dict], summary: dict, server_errors: int) -> None:
    trivial = summary["trivial"]
    lines = [
        "# Load test: last run",
        "",
        f"Run {dt.datetime.now(VN).strftime('%d/%m/%Y %H:%M')} by `scripts/load_test.sh` "
        f"(`LOAD_USERS={USERS} LOAD_SECONDS={SECONDS} scripts/load_test.sh`): gunicorn "
        f"with {summary['workers']} gthread workers of 2 threads (`config/gunicorn_conf.py`, "
        "production settings, persistent connections) and the document worker (niced) on "
        f"127.0.0.1, PostgreSQL with the demo data, locust headless with {USERS} virtual users "
        f"arriving {SPAWN_RATE:g} a second (commune staff filing : district staff reading : "
        "reviewers : appraisers = 9 : 3 : 2 : 1; 0.5–1.5 s think time) for "
        f"{SECONDS} s, on the same 2-core machine as the server (locust's own CPU use "
        "included).",
        "",
        f"- Machine load during the run (1-minute load average, other people's tests "
        f"included): {summary['load']}",
        f"- Throughput: **{summary['rps']:.1f} requests/s** ({summary['requests']} requests)",
        f"- Latency: **p50 {summary['p50']} ms, p95 {summary['p95']} ms**; the trivial "
        f"authenticated page's p95: {trivial:.0f} ms",
        f"- Errors: **{summary['errors']}** failed, {server_errors} server tracebacks",
        "",
        "| request | count | failures | p50 ms | p95 ms | max ms | p95 ÷ trivial p95 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        ratio = float(row["95%"]) / trivial
        mark = " (apart)" if row["Name"] in APART else ""
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {float(row['Max Response Time']):.0f} | {ratio:.2f}{mark} |"
        )
    kept = ""
    if REPORT.exists() and KEPT in REPORT.read_text():
        kept = REPORT.read_text().split(KEPT, 1)[1]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n\n" + KEPT + kept)


if __name__ == "__main__":
    sys.exit(main())

"""Load test: gunicorn (production settings, several workers) on loopback against a
PostgreSQL database seeded with the demo data, driven by locust headless for a
bounded time. Prints throughput, p50/p95 latency and the error count; writes them
to docs/load-test.md. Exit 1 when any request failed.

Run through scripts/load_test.sh. Environment: LOAD_SECONDS (60), LOAD_USERS (30),
LOAD_WORKERS (4), LOAD_PORT (0: a port free at run time), TEST_DATABASE_URL (the PostgreSQL
server to use; a database <its database>_e2e_load, ntm_e2e_load by default, is created on it
and dropped at the end).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.system.servers import fresh_database, gunicorn, manage, system_database_name  # noqa: E402

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "30"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
PORT = int(os.environ.get("LOAD_PORT", "0"))
REPORT = ROOT / "docs" / "load-test.md"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ntm-load-") as folder:
        tmp = Path(folder)
        name = system_database_name("load")
        with fresh_database(name, tmp, DEMO_MODE="1", CONN_MAX_AGE="600") as env:
            manage(env, "seed_demo")
            with gunicorn(env, PORT, workers=WORKERS, log=tmp / "gunicorn.log") as server:
                locust = subprocess.run(
                    [
                        str(Path(sys.executable).with_name("locust")),
                        "-f", str(ROOT / "tests" / "load" / "locustfile.py"),
                        "--headless", "--only-summary",
                        "--users", str(USERS), "--spawn-rate", str(max(1, USERS // 5)),
                        "--run-time", f"{SECONDS}s", "--stop-timeout", "10",
                        "--host", server.url, "--csv", str(tmp / "locust"),
                        "--loglevel", "WARNING",
                    ],
                    cwd=ROOT, capture_output=True, text=True, timeout=SECONDS + 120, check=False,
                )  # fmt: skip
            rows = list(csv.DictReader(open(tmp / "locust_stats.csv", encoding="utf-8")))
            failures = list(csv.DictReader(open(tmp / "locust_failures.csv", encoding="utf-8")))
            server_errors = (tmp / "gunicorn.log").read_text().count("Traceback")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    summary = {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": total["50%"],
        "p95": total["95%"],
    }
    print(
        f"Tải thử {SECONDS} s, {USERS} người dùng ảo, gunicorn {WORKERS} tiến trình: "
        f"{summary['requests']} yêu cầu, {summary['rps']:.1f} yêu cầu/giây, "
        f"p50 {summary['p50']} ms, p95 {summary['p95']} ms, lỗi {summary['errors']}."
    )
    for failure in failures:
        what = f"{failure['Method']} {failure['Name']}"
        print(f"  lỗi: {what}: {failure['Error']} ×{failure['Occurrences']}")
    write_report(rows, summary, server_errors)
    if locust.returncode not in (0, 1):
        print(locust.stdout[-3000:], locust.stderr[-3000:], file=sys.stderr)
        return 2
    return 1 if summary["errors"] or server_errors else 0


def write_report(rows: list[dict], summary: dict, server_errors: int) -> None:
    lines = [
        "# Load test: last run",
        "",
        f"Run {dt.datetime.now(VN).strftime('%d/%m/%Y %H:%M')} by `scripts/load_test.sh`: gunicorn "
        f"with {WORKERS} sync workers (production settings, persistent connections) on "
        f"127.0.0.1, PostgreSQL with the demo data, locust headless with {USERS} virtual users "
        f"(3 district staff : 1 reviewer, 0.5–1.5 s think time) for {SECONDS} s, on the same "
        "2-core machine as the server (locust's own CPU use included).",
        "",
        f"- Throughput: **{summary['rps']:.1f} requests/s** ({summary['requests']} requests)",
        f"- Latency: **p50 {summary['p50']} ms, p95 {summary['p95']} ms**",
        f"- Errors: **{summary['errors']}** failed requests, {server_errors} server tracebacks",
        "",
        "| request | count | failures | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {float(row['Max Response Time']):.0f} |"
        )
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())

"""manage.py bench — one benchmark run against the configured PostgreSQL database.

Seed first (`manage.py seed_scale` in one database, `--national` in another), then run
`manage.py bench --label national --small-db SMALL > docs/benchmarks/bench.txt` against
the national one: the small database's pages are measured first in the same run and are
the baseline of the national/small ratios and the verdict. Prints: the data size;
p50/p95 server time and query count of each key page with its ratio to Django's admin
changelist of the same model and to a trivial authenticated view; the rules core and
facts gathering throughput (`bench_rules`); the 50-nominee PDF against a one-page
WeasyPrint document (`bench_pdf`); the process's peak memory.
"""

from __future__ import annotations

import io
import json
import platform
import resource
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from communes.models import Commune, District, Village
from criteria.models import Assessment
from devtools import bench_pages
from dossiers.models import Dossier, Nominee


class Command(BaseCommand):
    help = "Đo hiệu năng các trang chính, lõi quy tắc, PDF và bộ nhớ (cần seed_scale trước)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=40, help="requests per page")
        parser.add_argument("--label", default="", help="e.g. small / national")
        parser.add_argument("--no-pdf", action="store_true")
        parser.add_argument("--no-rules", action="store_true")
        parser.add_argument(
            "--json", dest="json_out", help="write the page figures to this file (the baseline)"
        )
        parser.add_argument(
            "--baseline",
            help="JSON of a small-scale run: adds the national/small ratio and the verdict",
        )
        parser.add_argument(
            "--small-db",
            help="database (same server) seeded at the small scale: measured first in the "
            "same run, as the baseline of the configured database's figures",
        )

    def handle(
        self, *args, repeat, label, no_pdf, no_rules, json_out, baseline, small_db, **options
    ):
        if connection.vendor != "postgresql":
            self.stderr.write("Cảnh báo: số liệu chỉ có ý nghĩa trên PostgreSQL.")
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        out = self.stdout.write
        before = None
        if baseline:
            try:
                before = json.loads(Path(baseline).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Không đọc được {baseline}: {exc}") from exc
        out(
            f"# manage.py bench --repeat {repeat}"
            + (f" --label {label}" if label else "")
            + (f" --baseline {baseline}" if baseline else "")
            + (f" --small-db {small_db}" if small_db else "")
        )
        out(
            f"python {platform.python_version()}, {platform.machine()}, "
            f"{len(__import__('os').sched_getaffinity(0))} CPU, "
            f"PostgreSQL {connection.cursor().connection.server_version}"
        )
        if small_db:
            main_db = connection.settings_dict["NAME"]
            _use_database(small_db)
            small_data = _data_line()
            _use_database(main_db)
            by_db = bench_pages.run_interleaved(repeat, [small_db, main_db], _use_database)
            out(f"## quy mô nhỏ: cơ sở dữ liệu {small_db} (đo xen kẽ với {main_db})")
            out(small_data)
            out("")
            out(bench_pages.table(by_db[small_db]))
            out("")
            before = bench_pages.to_json(by_db[small_db])
            results = by_db[main_db]
            out(f"## cơ sở dữ liệu {main_db}, so với quy mô nhỏ")
            out(_data_line())
            out("")
        else:
            out(_data_line())
            out("")
            results = bench_pages.run(repeat=repeat)
        out(bench_pages.table(results, before))
        if json_out:
            Path(json_out).write_text(
                json.dumps(bench_pages.to_json(results), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
        out("")
        if not no_rules:
            buf = io.StringIO()
            call_command("bench_rules", "--cases", "50000", stdout=buf)
            out(buf.getvalue().rstrip())
            out("")
        if not no_pdf:
            buf = io.StringIO()
            try:
                call_command("bench_pdf", "--repeat", "5", stdout=buf)
            except CommandError as exc:  # too slow: report it with the figures
                buf.write(f"{exc}\n")
            out(buf.getvalue().rstrip())
            out("")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out(f"peak RSS of this process: {peak / 1024:.0f} MB" if sys.platform != "darwin" else "")


def _use_database(name: str) -> None:
    """Point the default connection at another database of the same server, with a cache
    of its own (cached figures belong to their database), connected before any timing."""
    if connection.settings_dict["NAME"] != name:
        connection.close()
        connection.settings_dict["NAME"] = name
    caches["default"].key_prefix = f"bench:{name}"
    connection.ensure_connection()


def _data_line() -> str:
    return "data: " + ", ".join(
        f"{m._meta.model_name} {m.objects.count()}"
        for m in (District, Commune, Village, Assessment, Dossier, Nominee)
    )

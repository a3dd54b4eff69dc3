"""manage.py bench — one benchmark run against the configured PostgreSQL database.

Seed first (`manage.py seed_scale`, national: `--national`), then run
`manage.py bench --label national > docs/benchmarks/national.txt`. Prints: the data size;
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
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


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

    def handle(self, *args, repeat, label, no_pdf, no_rules, json_out, baseline, **options):
        from communes.models import Commune, District, Village
        from criteria.models import Assessment
        from dossiers.models import Dossier, Nominee
        from emulation import bench_pages

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
        )
        out(
            f"python {platform.python_version()}, {platform.machine()}, "
            f"{len(__import__('os').sched_getaffinity(0))} CPU, "
            f"PostgreSQL {connection.cursor().connection.server_version}"
        )
        out(
            "data: "
            + ", ".join(
                f"{m._meta.model_name} {m.objects.count()}"
                for m in (District, Commune, Village, Assessment, Dossier, Nominee)
            )
        )
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

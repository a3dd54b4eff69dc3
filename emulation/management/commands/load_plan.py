"""manage.py load_plan FILE [--code CODE]: load or update one plan from its plan file.

Validated against docs/plan.schema.json and the plan's own consistency (years within the
period, known titles and nominee kinds, rule set values). A bad file gets one line per
problem, each with its JSON path ($.rounds[2].year), on standard error; nothing is
loaded and the exit status is 2. Loading the same file twice changes nothing.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from emulation.plans import PlanFileError, plan_load


class Command(BaseCommand):
    help = "Nạp hoặc cập nhật một kế hoạch thi đua từ tệp JSON (- là stdin)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON của kế hoạch (export_plan), - là stdin")
        parser.add_argument("--code", default=None, help="Nạp dưới mã này thay cho mã trong tệp.")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path == "-":
                text = sys.stdin.buffer.read().decode("utf-8-sig")
            else:
                with open(path, encoding="utf-8-sig") as fh:
                    text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc}", returncode=2) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"Tệp {path} không phải JSON hợp lệ: {exc.msg} "
                f"(dòng {exc.lineno}, cột {exc.colno})",
                returncode=2,
            ) from exc
        try:
            plan = plan_load(data, code=options["code"])
        except PlanFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Tệp {path}: {len(exc.problems)} lỗi; không nạp gì.", returncode=2
            ) from exc
        self.stdout.write(f"Đã nạp kế hoạch {plan.code}.")

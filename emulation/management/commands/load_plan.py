"""manage.py load_plan FILE [--code CODE]: load or update one plan from its plan file.

Validated against docs/plan.schema.json and the plan's own consistency (years within the
period, known titles and nominee kinds, rule set values). A bad file gets one line per
problem, each with its JSON path ($.rounds[2].year), on standard error; nothing is
loaded and the exit status is 2. Loading the same file twice changes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from emulation.management.jsonfile import read_json
from emulation.plans import PlanFileError, plan_load


class Command(BaseCommand):
    help = "Nạp hoặc cập nhật một kế hoạch thi đua từ tệp JSON (- là stdin)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON của kế hoạch (export_plan), - là stdin")
        parser.add_argument("--code", default=None, help="Nạp dưới mã này thay cho mã trong tệp.")

    def handle(self, *args, **options):
        path = options["file"]
        data = read_json(path)
        try:
            plan = plan_load(data, code=options["code"])
        except PlanFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Tệp {path}: {len(exc.problems)} lỗi; không nạp gì.", returncode=2
            ) from exc
        self.stdout.write(f"Đã nạp kế hoạch {plan.code}.")

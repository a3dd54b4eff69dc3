"""manage.py check_eligibility CASES.json (contract: docs/eligibility-contract.md).

One case (an object) or a list of cases in; one verdict or a list of verdicts (same
order) out, as JSON on standard output. Judges under the plan given with --plan CODE
(default: the installation's current plan, Bắc Kạn's 2021–2025) and its rule set in
force today (or the version given with --ruleset). A malformed case gets a verdict
with "error" and the others are still judged; exit status 2 (one line on standard
error) only when the file cannot be read or is not JSON, or the plan is unknown.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from emulation.management.jsonfile import read_json
from emulation.plans import plan_current, plan_get, plan_spec
from emulation.rules import evaluate
from emulation.rulesets import ruleset_get, ruleset_in_force


class Command(BaseCommand):
    help = (
        "Xét điều kiện khen thưởng cho một hồ sơ giả định (JSON) hoặc danh sách hồ sơ; "
        "dùng bộ tiêu chuẩn đang áp dụng."
    )

    def add_arguments(self, parser):
        parser.add_argument("cases", help="Tệp JSON (một đối tượng hoặc một danh sách), - là stdin")
        parser.add_argument(
            "--ruleset",
            type=int,
            default=None,
            help="Dùng phiên bản bộ tiêu chuẩn này thay cho phiên bản đang áp dụng.",
        )
        parser.add_argument(
            "--plan",
            default=None,
            help="Xét theo kế hoạch thi đua có mã này (mặc định: kế hoạch hiện hành của tỉnh).",
        )

    def handle(self, *args, **options):
        data = read_json(options["cases"])
        if options["plan"]:
            plan = plan_get(options["plan"])
            if plan is None:
                raise CommandError(f"Không có kế hoạch mã {options['plan']}.", returncode=2)
        else:
            plan = plan_current()
        spec = plan_spec(plan)
        if options["ruleset"] is not None:
            ruleset = ruleset_get(options["ruleset"], plan=plan)
            if ruleset is None:
                raise CommandError(
                    f"Không có phiên bản bộ tiêu chuẩn {options['ruleset']}.", returncode=2
                )
        else:
            ruleset = ruleset_in_force(plan=plan)

        def judge(case):
            return evaluate(case, ruleset.values, version=ruleset.version, plan=spec).as_dict()

        out = [judge(c) for c in data] if isinstance(data, list) else judge(data)
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))

"""manage.py export_plan --list | CODE: the plans, or one plan as its plan file (JSON).

The file's format is docs/plan.schema.json; ``load_plan`` reads it back. Every version
of the plan's rule set is exported (a past verdict is judged by the version in force
then); "readings" repeats the open readings of the version in force today.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from emulation.plans import plan_export, plan_get, plans_list


class Command(BaseCommand):
    help = "In danh sách kế hoạch thi đua (--list) hoặc một kế hoạch dưới dạng JSON."

    def add_arguments(self, parser):
        parser.add_argument("code", nargs="?", help="Mã kế hoạch, ví dụ bac-kan-2021-2025")
        parser.add_argument("--list", action="store_true", help="Mỗi dòng một kế hoạch, mã trước.")

    def handle(self, *args, **options):
        if options["list"]:
            for plan in plans_list():
                self.stdout.write(
                    f"{plan.code}\t{plan.first_year}-{plan.last_year}\t{plan.province_id}\t"
                    f"{plan.criteria_set}\t{plan.movement}" + ("\t(demo)" if plan.is_demo else "")
                )
            return
        code = options["code"]
        if not code:
            raise CommandError("Cần mã kế hoạch hoặc --list.", returncode=2)
        found = plan_get(code)
        if found is None:
            raise CommandError(f"Không có kế hoạch mã {code}.", returncode=2)
        self.stdout.write(json.dumps(plan_export(found), ensure_ascii=False, indent=2))

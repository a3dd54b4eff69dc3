import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from communes.selectors import units_on_report


class Command(BaseCommand):
    help = (
        "In danh sách JSON các đơn vị hành chính cấp xã có hiệu lực vào ngày YYYY-MM-DD "
        "(--province: mã tỉnh, tỉnh có hiệu lực vào ngày đó)."
    )

    def add_arguments(self, parser):
        parser.add_argument("date", help="YYYY-MM-DD")
        parser.add_argument("--province", default=None, help="mã tỉnh, ví dụ 06 hoặc 19")

    def handle(self, *args, date, province, **options):
        try:
            on = dt.date.fromisoformat(date)
        except ValueError as exc:
            raise CommandError(f"Ngày “{date}” không đúng dạng YYYY-MM-DD.") from exc
        units = units_on_report(on, province)
        self.stdout.write(json.dumps(units, ensure_ascii=False, indent=1))

from pathlib import Path

from django.core.management.base import BaseCommand

from communes.services import DEFAULT_KIND_CHANGES_CSV, DEFAULT_UNITS_CSV, admin_units_load


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính (mã TCTK); chạy lại không thay đổi gì."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=Path, default=DEFAULT_UNITS_CSV)
        parser.add_argument("--changes", type=Path, default=DEFAULT_KIND_CHANGES_CSV)

    def handle(self, *args, units, changes, **options):
        result = admin_units_load(units_csv=units, changes_csv=changes)
        self.stdout.write(
            f"Đơn vị cấp xã: {result.created} mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        )

from pathlib import Path

from django.core.management.base import BaseCommand

from communes.services import (
    DEFAULT_KIND_CHANGES_CSV,
    DEFAULT_NEW_UNITS_CSV,
    DEFAULT_REORGANISATION_CSV,
    DEFAULT_UNITS_CSV,
    admin_units_load,
)
from emulation.rowsecurity import maintenance


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính (mã TCTK) và đợt sắp xếp 1/7/2025 "
        "(Nghị quyết 1683/NQ-UBTVQH15); chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=Path, default=DEFAULT_UNITS_CSV)
        parser.add_argument("--changes", type=Path, default=DEFAULT_KIND_CHANGES_CSV)
        parser.add_argument("--reorganisation", type=Path, default=DEFAULT_REORGANISATION_CSV)
        parser.add_argument("--new-units", type=Path, default=DEFAULT_NEW_UNITS_CSV)
        parser.add_argument(
            "--no-reorganisation",
            action="store_true",
            help="Chỉ nạp danh mục --units (tỉnh khác, chưa có tệp sắp xếp).",
        )

    def handle(self, *args, units, changes, reorganisation, new_units, no_reorganisation, **o):
        # the national list: rows of several provinces (the province wall lowered)
        with maintenance():
            result = admin_units_load(
                units_csv=units,
                changes_csv=changes,
                reorganisation_csv=None if no_reorganisation else reorganisation,
                new_units_csv=None if no_reorganisation else new_units,
            )
        self.stdout.write(
            f"Đơn vị cấp xã: {result.created} mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        )
        if result.units_new:
            self.stdout.write(
                f"Sắp xếp 1/7/2025: {result.units_new} đơn vị mới, {result.units_ended} đơn vị "
                f"cũ; quan hệ kế thừa: {result.changes_created} mới, "
                f"{result.changes_updated} cập nhật."
            )

"""Load the plan's yearly targets (section I.1) for the province; idempotent."""

from django.core.management.base import BaseCommand

from criteria.targets import plan_targets_load


class Command(BaseCommand):
    help = (
        "Nạp chỉ tiêu hằng năm của Kế hoạch (mục I.1) cho toàn tỉnh. Chạy lại không thay đổi "
        "gì; --reset khôi phục giá trị của Kế hoạch nếu quản trị viên đã sửa."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Khôi phục giá trị gốc.")

    def handle(self, *args, reset=False, **options):
        changed = plan_targets_load(reset=reset)
        self.stdout.write(
            self.style.SUCCESS(f"Chỉ tiêu kế hoạch: {changed} dòng được tạo/cập nhật.")
        )

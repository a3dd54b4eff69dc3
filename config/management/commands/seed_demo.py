"""Load the reference data and the demo data of every app; idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communes import demo as foundation_demo
from communes.demo import DEMO_PASSWORD
from config import dbwall
from criteria import demo as criteria_demo
from dossiers import demo as dossiers_demo
from dossiers.documents import demo as documents_demo
from dossiers.history import demo as history_demo
from emulation import demo as emulation_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu tham chiếu và dữ liệu thử nghiệm (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            # it creates accounts with a published password (admin / Demo@2025)
            raise CommandError(
                "seed_demo chỉ chạy khi DEMO_MODE=1: lệnh tạo các tài khoản thử nghiệm với "
                "mật khẩu công khai, không dùng cho cơ sở dữ liệu thật."
            )
        # Bottom layer first: units and users, then criteria, dossiers, documents.
        accounts = foundation_demo.seed(stdout=self.stdout)
        for module in (criteria_demo, dossiers_demo, documents_demo, history_demo):
            module.seed(stdout=self.stdout)
        # History goes on: the reorganisation of 1/7/2025 (Bắc Kạn's districts and
        # provincial bodies stop filing; communes and the merged province's bodies file).
        accounts += foundation_demo.seed_reorganisation(stdout=self.stdout)
        dbwall.refresh()  # the province wall admits the merged province from now on
        dossiers_demo.seed_after_reorganisation(stdout=self.stdout)
        # 2026: the merged Thái Nguyên's movement 2026–2030 (a demo plan, its standards
        # invented), commune groups and assessments under Quyết định 51/2025/QĐ-TTg, and
        # the annual round 2026's dossiers.
        emulation_demo.seed_plan_2026(stdout=self.stdout)
        emulation_demo.seed_state_plan(stdout=self.stdout)  # up the ladder (III.2.1)
        criteria_demo.seed_2026(stdout=self.stdout)
        dossiers_demo.seed_2026(stdout=self.stdout)
        documents_demo.seed_signers()  # the merged province's chairman too
        documents_demo.seed_signatures()  # and its test certificate, trusted root, seal
        self.stdout.write(self.style.SUCCESS("Dữ liệu thử nghiệm đã sẵn sàng."))
        self.stdout.write(f"Tài khoản thử nghiệm (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, scope in accounts:
            self.stdout.write(f"  {username:<12} {role} — {scope}")

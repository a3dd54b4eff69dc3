"""Load the reference data and the demo data of every app; idempotent."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Nạp dữ liệu tham chiếu và dữ liệu thử nghiệm (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        from emulation.demo import DEMO_PASSWORD

        accounts = []
        # Each app may ship a `demo` module with `seed(stdout)`; they run in
        # INSTALLED_APPS order (emulation first: units and users).
        for config in apps.get_app_configs():
            if config.name.split(".")[0] not in {"emulation", "communes", "criteria", "dossiers"}:
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            result = module.seed(stdout=self.stdout)
            if config.name == "emulation":
                accounts = result
        self.stdout.write(self.style.SUCCESS("Dữ liệu thử nghiệm đã sẵn sàng."))
        self.stdout.write(f"Tài khoản thử nghiệm (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, scope in accounts:
            self.stdout.write(f"  {username:<12} {role} — {scope}")

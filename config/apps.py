from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The top floor: settings, root URLs, the shell (home, sign-in, users, health) and the
    demo seeding that calls every app. It may import every other app; none imports it."""

    name = "config"
    verbose_name = _("Khung ứng dụng")

    def ready(self) -> None:
        from . import dbwall  # noqa: PLC0415 - start-up wiring

        dbwall.install()

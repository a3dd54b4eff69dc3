from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    """The dashboard against the plan's targets and the district reports (section V.2)."""

    name = "progress"
    verbose_name = _("Tiến độ thực hiện kế hoạch")

    def ready(self) -> None:
        from . import permissions  # noqa: F401, PLC0415 - start-up wiring: registers them
        from .cache import connect  # noqa: PLC0415 - signal wiring belongs in ready()

        connect()

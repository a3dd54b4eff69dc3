from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers.history"
    label = "history"
    verbose_name = _("Tra cứu khen thưởng")

    def ready(self) -> None:
        from . import permissions  # noqa: F401, PLC0415 - start-up wiring: registers them

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "criteria"
    verbose_name = _("Tiêu chí nông thôn mới")

    def ready(self) -> None:
        from . import permissions  # noqa: F401, PLC0415 - start-up wiring: registers them

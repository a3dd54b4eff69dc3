from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        from . import panels  # noqa: F401 - registers the home panels
        from .progress_cache import connect

        connect()

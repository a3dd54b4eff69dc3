from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        from . import permissions  # noqa: F401, PLC0415 - start-up wiring: registers them
        from .fields import install_text_cleaning  # noqa: PLC0415 - start-up wiring

        install_text_cleaning()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "communes"
    verbose_name = _("Đơn vị hành chính")

    def ready(self) -> None:
        from emulation.provinces import register_province_family  # noqa: PLC0415 - wiring

        from . import permissions  # noqa: F401, PLC0415 - start-up wiring: registers them
        from .selectors import province_family  # noqa: PLC0415 - start-up wiring

        register_province_family(province_family)

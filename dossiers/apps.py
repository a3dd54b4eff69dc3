from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers"
    verbose_name = _("Hồ sơ khen thưởng")

    def ready(self) -> None:
        from . import panels  # noqa: F401 - registers the home panels

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    """Facts gathered from the records, who qualifies, dry runs of threshold changes."""

    name = "eligibility"
    verbose_name = _("Xét điều kiện khen thưởng")

    def ready(self) -> None:
        from . import permissions  # noqa: F401, PLC0415 - start-up wiring: registers them

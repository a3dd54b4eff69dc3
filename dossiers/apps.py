from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers"
    verbose_name = _("Hồ sơ khen thưởng")

    def ready(self) -> None:
        from eligibility.dryrun import register_dry_run_source
        from eligibility.facts import register_earlier_awards_provider

        from .awards import earlier_awards_provider
        from .dryrun import nominees_source

        # "awarded at the mid-term" and the like come from our decided dossiers
        register_earlier_awards_provider(earlier_awards_provider)
        # a threshold change's dry run also lists the nominees of live dossiers
        register_dry_run_source(nominees_source)

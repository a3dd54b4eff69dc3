from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from eligibility import extensions


class DossiersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers"
    verbose_name = _("Hồ sơ khen thưởng")

    def ready(self) -> None:
        # The lower layers' one extension point (eligibility/extensions.py): ready() is
        # where Django wants start-up wiring, after every app's models are loaded.
        from emulation.plans import register_nominee_kinds  # noqa: PLC0415 - needs models

        from . import permissions  # noqa: F401, PLC0415 - start-up wiring: registers them
        from .awards import earlier_awards_provider  # noqa: PLC0415 - start-up wiring
        from .dryrun import nominees_source  # noqa: PLC0415 - start-up wiring
        from .kinds import NomineeKind  # noqa: PLC0415 - start-up wiring

        # "awarded at the mid-term" and the like come from our decided dossiers
        extensions.register_earlier_awards_provider(earlier_awards_provider)
        # a threshold change's dry run also lists the nominees of live dossiers
        extensions.register_dry_run_source(nominees_source)
        # a plan file's titles admit nominee kinds: ours
        register_nominee_kinds(NomineeKind.choices)

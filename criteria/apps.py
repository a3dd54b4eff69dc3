from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "criteria"
    verbose_name = _("Tiêu chí nông thôn mới")

    def ready(self) -> None:
        # start-up wiring: imports that need the app registry
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from emulation.plans import register_criteria_sets  # noqa: PLC0415

        from . import permissions  # noqa: F401, PLC0415 - registers them
        from .models import CriteriaSet, Criterion  # noqa: PLC0415
        from .sets import sets_criteria  # noqa: PLC0415

        # A plan's criteria are its set's: emulation.plans reads them through this.
        register_criteria_sets(sets_criteria)
        for model in (CriteriaSet, Criterion):
            for signal in (post_save, post_delete):
                signal.connect(_forget_sets, sender=model, dispatch_uid=f"plans-{model.__name__}")


def _forget_sets(**kwargs: object) -> None:
    """A set or one of its criteria changed: plans read the sets afresh."""
    from emulation.plans import criteria_sets_changed  # noqa: PLC0415 - see ready()

    criteria_sets_changed()

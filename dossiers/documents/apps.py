from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers.documents"
    label = "documents"
    verbose_name = _("Văn bản, giấy khen và danh sách")

    def ready(self) -> None:
        # Job producers, the public list's sync and the permissions register themselves on
        # import; models may only be imported once the app registry is ready, hence here.
        from . import permissions, producers, public  # noqa: F401, PLC0415 - start-up wiring

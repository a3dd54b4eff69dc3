from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers.documents"
    label = "documents"
    verbose_name = _("Văn bản, giấy khen và danh sách")

    def ready(self) -> None:
        # Job producers, the dossier page's document links, the public list's sync.
        from . import outputs, producers, public  # noqa: F401

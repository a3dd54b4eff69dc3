"""URLs used only by ``manage.py bench``: the app's own URLs, plus the two yardsticks.

- ``/bench-admin/dossiers/dossier/``, ``/bench-admin/communes/commune/`` and
  ``/bench-admin/documents/outgoingdocument/``: Django's admin changelists of dossiers,
  communes and the register of outgoing documents (read-only, on their own AdminSite so that
  production's admin never lets anyone edit a dossier), filtered to the same rows;
- ``/bench-floor/``: a trivial authenticated view rendering the base template (the
  framework's floor: session, user, middleware, menu, template).
"""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from communes.models import Commune
from config.urls import urlpatterns as app_urlpatterns
from dossiers.documents.models import OutgoingDocument
from dossiers.models import Dossier


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyDossierAdmin(ReadOnly):
    list_display = ["id", "round", "year", "district", "status", "updated_at"]
    list_filter = ["status", "round", "year"]
    list_select_related = ["district"]


class ReadOnlyRegisterAdmin(ReadOnly):
    """The register's columns, filtered by body (and year)."""

    list_display = ["number", "symbol", "issued_on", "excerpt", "signer_name", "withdrawn_at"]
    list_filter = ["body_key", "year"]
    search_fields = ["search"]


class ReadOnlyCommuneAdmin(ReadOnly):
    """The production commune admin's columns, filtered by province or district."""

    list_display = ["code", "name", "kind", "district", "extremely_difficult", "on_roadmap"]
    list_filter = ["district__province", "kind", "extremely_difficult", "on_roadmap"]
    search_fields = ["code", "name", "search_name"]
    list_select_related = ["district"]


site = admin.AdminSite(name="bench_admin")
site.register(Dossier, ReadOnlyDossierAdmin)
site.register(Commune, ReadOnlyCommuneAdmin)
site.register(OutgoingDocument, ReadOnlyRegisterAdmin)


@login_required
def floor(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("bench-admin/", site.urls),
    path("bench-floor/", floor, name="bench_floor"),
    *app_urlpatterns,
]

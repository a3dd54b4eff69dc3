"""URLs used only by ``manage.py bench``: the app's own URLs, plus the two yardsticks.

- ``/bench-admin/dossiers/dossier/``: Django's admin changelist of dossiers (read-only, on
  its own AdminSite so that production's admin never lets anyone edit a dossier);
- ``/bench-floor/``: a trivial authenticated view rendering the base template (the
  framework's floor: session, user, middleware, menu, template).
"""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from dossiers.models import Dossier

from .urls import urlpatterns as app_urlpatterns


class ReadOnlyDossierAdmin(admin.ModelAdmin):
    list_display = ["id", "round", "year", "district", "status", "updated_at"]
    list_filter = ["status", "round", "year"]
    list_select_related = ["district"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


site = admin.AdminSite(name="bench_admin")
site.register(Dossier, ReadOnlyDossierAdmin)


@login_required
def floor(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("bench-admin/", site.urls),
    path("bench-floor/", floor, name="bench_floor"),
    *app_urlpatterns,
]

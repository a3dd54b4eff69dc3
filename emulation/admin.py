from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Agency, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "district", "agency", "is_active"]
    list_filter = ["role", "district", "is_active"]
    list_select_related = ["district", "agency"]
    # Django's are tuples; the stubs type them as ModelAdmin's, which may be None.
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            _("Vai trò và phạm vi"),
            {"fields": ("full_name", "role", "province", "district", "agency", "is_demo")},
        ),
    )
    add_fieldsets = (
        *(BaseUserAdmin.add_fieldsets or ()),
        (
            _("Vai trò và phạm vi"),
            {"fields": ("full_name", "role", "province", "district", "agency")},
        ),
    )


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "under_province_committee", "is_active"]
    search_fields = ["name", "code"]

"""Signers of each body's documents, kept by the administrator (Django admin)."""

from __future__ import annotations

from django.contrib import admin

from .models import Signatory


@admin.register(Signatory)
class SignatoryAdmin(admin.ModelAdmin):
    list_display = [
        "body_key",
        "full_name",
        "title",
        "capacity",
        "head_title",
        "valid_from",
        "valid_to",
        "is_default",
    ]
    list_filter = ["capacity", "is_default"]
    search_fields = ["body_key", "full_name"]

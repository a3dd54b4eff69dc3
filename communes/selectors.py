"""Reads on administrative units, scoped to what a user may see."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from emulation.text import fold

from .models import Commune, District


def districts_visible_to(user) -> QuerySet[District]:
    """Provincial staff: the districts of the installation's province (``PROVINCE_CODE``),
    even when other provinces share the database; district staff: their own district."""
    qs = District.objects.select_related("province")
    if getattr(user, "is_provincial", False):
        return qs.filter(province_id=settings.PROVINCE_CODE)
    if getattr(user, "role", None) == "district" and user.district_id:
        return qs.filter(code=user.district_id)
    return qs.none()


def communes_visible_to(user) -> QuerySet[Commune]:
    qs = Commune.objects.select_related("district")
    if getattr(user, "is_provincial", False):
        return qs.filter(district__province_id=settings.PROVINCE_CODE)
    if getattr(user, "role", None) == "district" and user.district_id:
        return qs.filter(district_id=user.district_id)
    return qs.none()


def communes_editable_by(user) -> QuerySet[Commune]:
    """District staff record for their own communes only; nobody else writes criteria."""
    if getattr(user, "role", None) == "district" and user.district_id:
        return Commune.objects.filter(district_id=user.district_id)
    return Commune.objects.none()


def search_communes(qs: QuerySet[Commune], query: str) -> QuerySet[Commune]:
    """Diacritics-insensitive: "ba be" finds "Ba Bể", "cho don" finds "Chợ Đồn"."""
    key = fold(query)
    if not key:
        return qs
    return qs.filter(search_name__contains=key)

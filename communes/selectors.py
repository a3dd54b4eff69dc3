"""Reads on administrative units, scoped to what a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from emulation.permissions import own_district, unit_scope
from emulation.text import fold

from .models import Commune, District


def districts_visible_to(user) -> QuerySet[District]:
    """Provincial staff: the districts of the installation's province (``PROVINCE_CODE``),
    even when other provinces share the database; district staff: their own district.
    The rows for which ``communes.read_district`` holds (both follow ``unit_scope``)."""
    qs = District.objects.select_related("province")
    scope = unit_scope(user)
    if scope.province:
        return qs.filter(province_id=scope.province)
    if scope.district:
        return qs.filter(code=scope.district)
    return qs.none()


def communes_visible_to(user) -> QuerySet[Commune]:
    """The communes of :func:`districts_visible_to`; ``communes.read_commune`` holds for
    exactly these."""
    qs = Commune.objects.select_related("district")
    scope = unit_scope(user)
    if scope.province:
        return qs.filter(district__province_id=scope.province)
    if scope.district:
        return qs.filter(district_id=scope.district)
    return qs.none()


def communes_editable_by(user) -> QuerySet[Commune]:
    """District staff record for their own communes only; nobody else writes criteria.
    ``criteria.record_criteria`` holds for exactly these."""
    code = own_district(user)
    if code:
        return Commune.objects.filter(district_id=code)
    return Commune.objects.none()


def search_communes(qs: QuerySet[Commune], query: str) -> QuerySet[Commune]:
    """Diacritics-insensitive: "ba be" finds "Ba Bể", "cho don" finds "Chợ Đồn"."""
    key = fold(query)
    if not key:
        return qs
    return qs.filter(search_name__contains=key)

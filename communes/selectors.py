"""Reads on administrative units, scoped to what a user may see."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import QuerySet

from emulation.permissions import own_district, unit_scope
from emulation.provinces import in_provinces
from emulation.text import fold

from .models import Commune, District, Province, UnitChange


def districts_visible_to(user) -> QuerySet[District]:
    """Provincial staff: the districts of the installation's province (``PROVINCE_CODE``),
    even when other provinces share the database; district staff: their own district.
    The rows for which ``communes.read_district`` holds (both follow ``unit_scope``)."""
    qs = District.objects.select_related("province")
    scope = unit_scope(user)
    if scope.provinces:
        return qs.filter(in_provinces("province_id", scope.provinces))
    if scope.district:
        return qs.filter(code=scope.district)
    return qs.none()


def communes_visible_to(user) -> QuerySet[Commune]:
    """The communes of :func:`districts_visible_to`; ``communes.read_commune`` holds for
    exactly these."""
    qs = Commune.objects.select_related("district")
    scope = unit_scope(user)
    if scope.provinces:
        return qs.filter(in_provinces("province_id", scope.provinces))
    if scope.district:
        return qs.filter(district_id=scope.district)
    if scope.commune:
        return qs.filter(pk=scope.commune)
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


FAMILY_CACHE_SECONDS = 300


def province_family(key: str) -> frozenset[str]:
    """``key`` and every province linked to it by reorganisations, both ways and
    transitively: Bắc Kạn (06) → Thái Nguyên (19) ← the old Thái Nguyên. One query (the
    province lineage rows are few), cached a few minutes; the loader clears the cache."""
    cache_key = f"communes:province-family:{key}"
    cached = cache.get(cache_key)
    if cached is not None:
        return frozenset(cached)
    links: dict[str, set[str]] = {}
    pairs = UnitChange.objects.filter(
        predecessor_province__isnull=False, successor_province__isnull=False
    ).values_list("predecessor_province_id", "successor_province_id")
    for before, after in pairs:
        links.setdefault(before, set()).add(after)
        links.setdefault(after, set()).add(before)
    family, todo = {key}, [key]
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in family:
                family.add(other)
                todo.append(other)
    cache.set(cache_key, sorted(family), FAMILY_CACHE_SECONDS)
    return frozenset(family)


def forget_province_families() -> None:
    """After a change of the province lineage (the unit loader)."""
    cache.delete_many(
        [f"communes:province-family:{k}" for k in Province.objects.values_list("key", flat=True)]
    )


def province_in_lineage_on(key: str, on: dt.date) -> Province | None:
    """The province of ``key``'s lineage that exists on ``on``: ``key`` itself, else the
    nearest successor (Bắc Kạn → Thái Nguyên after 1/7/2025), else the nearest
    predecessor; None when none exists that day (or ``key`` is unknown). Two queries."""
    family = province_family(key)
    rows = {p.key: p for p in Province.objects.filter(key__in=family)}
    if key not in rows:
        return None
    if rows[key].valid_on(on):
        return rows[key]
    links = list(
        UnitChange.objects.filter(
            predecessor_province__in=family, successor_province__isnull=False
        ).values_list("predecessor_province_id", "successor_province_id")
    )
    for forward in (True, False):
        seen, frontier = {key}, [key]
        while frontier:
            step = [
                (after if forward else before)
                for before, after in links
                if (before if forward else after) in frontier
            ]
            frontier = [k for k in step if k not in seen]
            seen.update(frontier)
            valid = sorted(k for k in frontier if k in rows and rows[k].valid_on(on))
            if valid:
                return rows[valid[0]]
    return None

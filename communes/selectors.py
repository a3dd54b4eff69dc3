"""Reads on administrative units, scoped to what a user may see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from emulation.anyof import AnyOf
from emulation.permissions import has_commune_scope, own_district, unit_scope
from emulation.text import fold

from .models import Commune, District, Province, UnitChange, valid_during_q, valid_on_q

# --- units on a date --------------------------------------------------------------------


def province_on(code: str, on: dt.date) -> Province | None:
    """The province whose official ``code`` was valid on ``on`` (19 on 2024-06-01 is the old
    Thái Nguyên, on 2026-01-01 the merged one); None when there was none."""
    return Province.objects.filter(valid_on_q(on), code=code).first()


def provinces_on(on: dt.date) -> QuerySet[Province]:
    return Province.objects.filter(valid_on_q(on))


def districts_on(on: dt.date, province: str | None = None) -> QuerySet[District]:
    """District-level units valid on ``on`` (none from 1/7/2025); ``province``: its key."""
    qs = District.objects.filter(valid_on_q(on)).select_related("province")
    if province is not None:
        qs = qs.filter(province_id=province)
    return qs.order_by("code")


def communes_on(on: dt.date, province: str | None = None) -> QuerySet[Commune]:
    """Commune-level units valid on ``on``; ``province``: the province's key."""
    qs = Commune.objects.filter(valid_on_q(on))
    if province is not None:
        qs = qs.filter(province_id=province)
    return qs


def commune_by_code(code: str, *, on: dt.date) -> Commune | None:
    """The unit that held the official ``code`` on ``on`` (01864 on 2025-06-30 is Xã Bộc Bố,
    on 2025-07-01 Xã Bằng Thành)."""
    return Commune.objects.filter(valid_on_q(on), code=code).first()


def commune_keys_by_code(
    codes: Iterable[str] | None,
    *,
    on: dt.date,
    or_last: bool = False,
    among: Iterable[str] | None = None,
) -> dict[str, str]:
    """Official code → key of the unit that held it on ``on`` (one query; ``codes`` None:
    every code). ``or_last``: a code no unit held that day names the unit that held it
    last (an archive's file keeps the codes of its day). ``among``: only these keys (a
    user's scope: an abolished district's staff name their own old units)."""
    qs = Commune.objects.all() if codes is None else Commune.objects.filter(code__in=list(codes))
    if among is not None:
        qs = qs.filter(key__in=list(among))
    if not or_last:
        qs = qs.filter(valid_on_q(on))
    out: dict[str, str] = {}
    best: dict[str, tuple[int, dt.date]] = {}
    for code, key, valid_from, valid_to in qs.values_list("code", "key", "valid_from", "valid_to"):
        starts_ok = valid_from is None or valid_from <= on
        rank = (
            2 if starts_ok and (valid_to is None or on <= valid_to) else 1 if starts_ok else 0,
            valid_to or dt.date.max,
        )
        if code not in best or rank > best[code]:
            best[code], out[code] = rank, key
    return out


@dataclass(frozen=True)
class Lineage:
    """A unit's reorganisations: its predecessors and its successors, each a
    :class:`~communes.models.UnitChange` with the other unit loaded."""

    predecessors: list[UnitChange]
    successors: list[UnitChange]


def lineage_of(commune: Commune) -> Lineage:
    """Two queries whatever the number of predecessors."""
    return lineages_of([commune])[commune.pk]


def lineages_of(communes: Iterable[Commune]) -> dict[str, Lineage]:
    """Lineage of many units in two queries (prefetch-friendly, bounded)."""
    keys = [c.pk for c in communes]
    before: dict[str, list[UnitChange]] = defaultdict(list)
    after: dict[str, list[UnitChange]] = defaultdict(list)
    for change in UnitChange.objects.filter(AnyOf("successor_commune_id", keys)).select_related(
        "predecessor_commune"
    ):
        if change.successor_commune_id is not None:
            before[change.successor_commune_id].append(change)
    for change in UnitChange.objects.filter(AnyOf("predecessor_commune_id", keys)).select_related(
        "successor_commune"
    ):
        if change.predecessor_commune_id is not None:
            after[change.predecessor_commune_id].append(change)
    return {k: Lineage(predecessors=before[k], successors=after[k]) for k in keys}


def with_lineage(qs: QuerySet[Commune]) -> QuerySet[Commune]:
    """``predecessions`` / ``successions`` prefetched with the other unit (two queries)."""
    return qs.prefetch_related(
        Prefetch(
            "predecessions",
            queryset=UnitChange.objects.select_related("predecessor_commune").order_by(
                "predecessor_commune__code"
            ),
        ),
        Prefetch(
            "successions",
            queryset=UnitChange.objects.select_related("successor_commune").order_by(
                "successor_commune__code"
            ),
        ),
    )


def province_lineage(province: Province) -> Lineage:
    return Lineage(
        predecessors=list(
            UnitChange.objects.filter(successor_province=province).select_related(
                "predecessor_province"
            )
        ),
        successors=list(
            UnitChange.objects.filter(predecessor_province=province).select_related(
                "successor_province"
            )
        ),
    )


def units_on_report(on: dt.date, province_code: str | None = None) -> list[dict[str, object]]:
    """The commune-level units valid on ``on`` as plain data (``manage.py units_on``).

    ``name`` is the full name on that day ("Thị trấn Vân Tùng" in 2024), ``kind`` the
    stored value of the kind on that day; ``province`` and the lineage are official codes.
    An unknown ``province_code`` gives an empty list. Five queries."""
    qs = communes_on(on).select_related("province").prefetch_related("kind_periods")
    if province_code is not None:
        province = province_on(province_code, on)
        if province is None:
            return []
        qs = qs.filter(province_id=province.key)
    out: list[dict[str, object]] = []
    for c in with_lineage(qs).order_by("code"):
        out.append(
            {
                "code": c.code,
                "name": c.label_on(on),
                "kind": c.kind_on(on),
                "district": c.district_id,
                "province": c.province.code if c.province else None,
                "valid_from": c.valid_from.isoformat() if c.valid_from else None,
                "valid_to": c.valid_to.isoformat() if c.valid_to else None,
                "predecessors": sorted(
                    ch.predecessor_commune.code
                    for ch in c.predecessions.all()
                    if ch.predecessor_commune
                ),
                "successors": sorted(
                    ch.successor_commune.code for ch in c.successions.all() if ch.successor_commune
                ),
            }
        )
    return out


def districts_visible_to(
    user, on: dt.date | None = None, during: tuple[dt.date, dt.date] | None = None
) -> QuerySet[District]:
    """Provincial staff: the districts of the installation's province (``PROVINCE_CODE``),
    even when other provinces share the database; district staff: their own district.
    The rows for which ``communes.read_district`` holds (both follow ``unit_scope``).
    ``on``: only the districts valid that day (none from 1/7/2025); ``during``: (first,
    last day), those valid on one day of it at least."""
    qs = District.objects.select_related("province")
    if on is not None:
        qs = qs.filter(valid_on_q(on))
    if during is not None:
        qs = qs.filter(valid_during_q(*during))
    scope = unit_scope(user)
    if scope.province:
        return qs.filter(province_id=scope.province)
    if scope.district:
        return qs.filter(code=scope.district)
    return qs.none()


def commune_descends_from(commune: Commune, province: str) -> bool:
    """Whether ``commune`` was formed (in whole or part) from a unit of ``province`` (key)."""
    return UnitChange.objects.filter(
        successor_commune=commune, predecessor_commune__province_id=province
    ).exists()


def communes_visible_to(
    user, on: dt.date | None = None, during: tuple[dt.date, dt.date] | None = None
) -> QuerySet[Commune]:
    """The communes ``communes.read_commune`` holds for: district staff, their district's;
    provincial staff, those of the installation's province and the units formed from them
    after it ended (Bắc Kạn's 108, then the 37 units of Thái Nguyên formed from them on
    1/7/2025). ``on``: only the units valid that day; ``during``: (first, last day), the
    units valid on one day of it at least (a round of 2025: Bắc Kạn's 108 and the 37)."""
    qs = Commune.objects.select_related("district")
    if on is not None:
        qs = qs.filter(valid_on_q(on))
    if during is not None:
        qs = qs.filter(valid_during_q(*during))
    scope = unit_scope(user)
    if scope.province:
        return qs.filter(pk__in=_province_and_successor_keys(scope.province))
    if scope.district:
        return qs.filter(district_id=scope.district)
    if scope.commune:
        return qs.filter(pk=scope.commune)
    return qs.none()


def _province_and_successor_keys(province: str) -> QuerySet:
    """The keys of the province's units and of the units formed from them, as one
    subquery (a UNION of two index scans). Written as "in the province OR formed from
    it", PostgreSQL reads every unit of the country to test the OR, and at national
    scale its cost estimate sends the query through JIT compilation: a list of units
    then cost more with the country's units than with one province's."""
    own = Commune.objects.filter(province_id=province).values("pk")
    formed = UnitChange.objects.filter(predecessor_commune__province_id=province).values(
        "successor_commune_id"
    )
    return own.union(formed)


def default_day(user, today: dt.date | None = None) -> dt.date:
    """The day a list of units shows by default: today, or the last day of the user's scope
    when it ended before with no successor (an abolished district's staff see their
    district's archive; a Bắc Kạn installation goes on as the merged Thái Nguyên, so its
    provincial staff see today's units: the units formed from Bắc Kạn's)."""
    today = today or dt.date.today()
    scope = unit_scope(user)
    ended: dt.date | None = None
    if scope.province:
        ended = (
            Province.objects.filter(key=scope.province).values_list("valid_to", flat=True).first()
        )
        if ended and ended < today and province_in_lineage_on(scope.province, today):
            ended = None  # the province goes on as its successor
    elif scope.district:
        ended = (
            District.objects.filter(code=scope.district).values_list("valid_to", flat=True).first()
        )
    return min(today, ended) if ended else today


def communes_editable_by(user) -> QuerySet[Commune]:
    """District staff record for their own communes, commune staff for their own commune,
    and only units that have not ended; nobody else writes criteria.
    ``criteria.record_criteria`` holds for exactly these."""
    code = own_district(user)
    if code:
        qs = Commune.objects.filter(district_id=code)
    elif has_commune_scope(user):
        qs = Commune.objects.filter(pk=user.commune_id)
    else:
        return Commune.objects.none()
    today = timezone.localdate()
    return qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))


def search_communes(qs: QuerySet[Commune], query: str) -> QuerySet[Commune]:
    """Diacritics-insensitive: "ba be" finds "Ba Bể", "cho don" finds "Chợ Đồn"."""
    key = fold(query)
    if not key:
        return qs
    return qs.filter(search_name__contains=key)


FAMILY_CACHE_SECONDS = 300


def province_family(key: str) -> frozenset[str]:
    """``key`` with its successors and its predecessors, transitively (not their other
    relatives): Bắc Kạn (06) → {06, Thái Nguyên (19)}; the merged Thái Nguyên → {19, 06,
    the old Thái Nguyên}. One query (the province lineage rows are few), cached a few
    minutes; the loader clears the cache."""
    cache_key = f"communes:province-family:{key}"
    cached = cache.get(cache_key)
    if cached is not None:
        return frozenset(cached)
    forward: dict[str, set[str]] = {}
    backward: dict[str, set[str]] = {}
    pairs = UnitChange.objects.filter(
        predecessor_province__isnull=False, successor_province__isnull=False
    ).values_list("predecessor_province_id", "successor_province_id")
    for before, after in pairs:
        forward.setdefault(before, set()).add(after)
        backward.setdefault(after, set()).add(before)
    family = {key}
    for links in (forward, backward):
        todo = [key]
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

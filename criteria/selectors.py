"""Scoped reads of criteria: the district matrix and the commune page's sections.

Every function issues a fixed number of queries whatever the number of communes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet

from communes.models import Commune, CommuneKind, District
from communes.selectors import communes_visible_to
from emulation.text import fold

from .catalogue import CRITERIA
from .models import (
    BASELINE_DATE,
    LEVEL_RANK,
    Assessment,
    CapitalDebt,
    Level,
    Recognition,
    VillageRecognition,
)
from .services import (
    criteria_met_on,
    recognitions_of,
)

HISTORY_PAGE_SIZE = 50

LEVEL_FILTERS = {
    "none": "Chưa đạt chuẩn NTM",
    Level.NTM.value: "Đạt chuẩn NTM",
    Level.ADVANCED.value: "Đạt NTM nâng cao",
    Level.MODEL.value: "Đạt NTM kiểu mẫu",
}


def xa_on(qs: QuerySet[Commune], on: dt.date) -> QuerySet[Commune]:
    """Keep the units that were xã on ``on`` (Vân Tùng until 09/4/2023)."""
    return qs.filter(
        Q(kind_periods__valid_to__isnull=True) | Q(kind_periods__valid_to__gte=on),
        kind_periods__kind=CommuneKind.XA,
        kind_periods__valid_from__lte=on,
    )


def _level_at(level: str, on: dt.date):
    return Exists(
        Recognition.objects.filter(commune=OuterRef("pk"), level=level, decision_date__lte=on)
    )


def matrix_communes(
    user,
    *,
    on: dt.date,
    district: str = "",
    q: str = "",
    dbkk: str = "",
    roadmap: str = "",
    level: str = "",
    kind: str = "xa",
) -> QuerySet[Commune]:
    """The communes a user may see, filtered as the matrix asks (one query when evaluated).

    ``level``: "none" (not NTM on ``on``), or the highest level reached on ``on``.
    ``kind``: "xa" keeps the units that were xã on ``on``; "" keeps every unit.
    """
    qs = communes_visible_to(user).order_by("district_id", "code")
    if district:
        qs = qs.filter(district_id=district)
    if dbkk in {"1", "0"}:
        qs = qs.filter(extremely_difficult=dbkk == "1")
    if roadmap in {"1", "0"}:
        qs = qs.filter(on_roadmap=roadmap == "1")
    if kind == "xa":
        qs = xa_on(qs, on)
    if level == "none":
        qs = qs.exclude(_level_at(Level.NTM, on))
    elif level in LEVEL_RANK:
        qs = qs.filter(_level_at(level, on))
        higher = [lv for lv, rank in LEVEL_RANK.items() if rank > LEVEL_RANK[level]]
        for lv in higher:
            qs = qs.exclude(_level_at(lv, on))
    return search_units(qs, q)


def search_units(qs: QuerySet[Commune], query: str) -> QuerySet[Commune]:
    """Diacritics-insensitive on the commune's or its district's name.

    "ba be" finds every unit of huyện Ba Bể; "bang thanh" finds Xã Bằng Thành.
    """
    key = fold(query)
    if not key:
        return qs
    districts = [
        code for code, name in District.objects.values_list("code", "name") if key in fold(name)
    ]
    return qs.filter(Q(search_name__contains=key) | Q(district_id__in=districts))


@dataclass
class MatrixRow:
    commune: Commune
    cells: list[str]  # per criterion: "new" (met, not at baseline), "met", "lost", ""
    count: int
    newly: int
    level: str  # label of the highest level on the date, "" if none


def matrix_rows(communes: list[Commune], *, on: dt.date) -> list[MatrixRow]:
    """The 19 cells of each commune on ``on`` (three queries for any number of communes)."""
    codes = [c.pk for c in communes]
    state = criteria_met_on(commune_codes=codes, on=on)
    base = criteria_met_on(commune_codes=codes, on=BASELINE_DATE)
    levels: dict[str, str] = {}
    for rec in Recognition.objects.filter(commune_id__in=codes, decision_date__lte=on):
        current = levels.get(rec.commune_id)
        if current is None or LEVEL_RANK[rec.level] > LEVEL_RANK[current]:
            levels[rec.commune_id] = rec.level
    labels = dict(Level.choices)
    rows = []
    for commune in communes:
        met, before = state[commune.pk], base[commune.pk]
        cells = []
        for number, _, _ in CRITERIA:
            if number in met:
                cells.append("met" if number in before or on <= BASELINE_DATE else "new")
            else:
                cells.append("lost" if number in before and on > BASELINE_DATE else "")
        rows.append(
            MatrixRow(
                commune=commune,
                cells=cells,
                count=len(met),
                newly=len(met - before) if on > BASELINE_DATE else 0,
                level=str(labels[levels[commune.pk]]) if commune.pk in levels else "",
            )
        )
    return rows


@dataclass
class CriterionLine:
    number: int
    name: str
    met: bool
    at_baseline: bool
    since: dt.date | None  # date of the live row in force


def commune_criteria_context(
    commune: Commune, user, *, on: dt.date, page: str | None = None
) -> dict:
    """What the commune page shows about criteria, recognitions and debt on ``on``.

    The communes app's detail view calls this; its template includes
    ``criteria/_commune_sections.html``. The history (lịch sử đánh giá, corrected rows
    included, newest first) is paginated: 20 years of 19 criteria are 380 rows.
    """
    in_force: dict[int, tuple[dt.date, bool]] = {}
    rows = (
        Assessment.objects.filter(
            commune_id=commune.pk, replaced_by__isnull=True, assessed_on__lte=on
        )
        .order_by("criterion_id", "-assessed_on", "-id")
        .values_list("criterion_id", "assessed_on", "met")
    )
    for criterion, assessed_on, met in rows:  # newest first per criterion
        in_force.setdefault(criterion, (assessed_on, met))
    history = Paginator(
        Assessment.objects.filter(commune_id=commune.pk)
        .select_related("recorded_by", "criterion", "replaced_by")
        .order_by("-assessed_on", "criterion_id", "-id"),
        HISTORY_PAGE_SIZE,
    ).get_page(page)
    base = criteria_met_on(commune_codes=[commune.pk], on=BASELINE_DATE)[commune.pk]
    lines = []
    for number, name, _ in CRITERIA:
        since, met = in_force.get(number, (None, False))
        lines.append(
            CriterionLine(
                number=number,
                name=name,
                met=met,
                at_baseline=number in base,
                since=since,
            )
        )
    met_now = frozenset(line.number for line in lines if line.met)
    return {
        "criteria_on": on,
        "criteria_lines": lines,
        "criteria_count": len(met_now),
        "criteria_newly": sorted(met_now - base) if on > BASELINE_DATE else [],
        "criteria_history": history,
        "recognitions": recognitions_of(commune_codes=[commune.pk]).get(commune.pk, []),
        "village_recognitions": list(
            VillageRecognition.objects.filter(village__commune=commune)
            .select_related("village")
            .order_by("decision_date")
        ),
        "debts": list(CapitalDebt.objects.filter(commune=commune).order_by("year")),
        "may_edit_criteria": user.has_perm("criteria.record_criteria", commune),
    }

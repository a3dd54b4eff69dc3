"""Scoped reads of criteria: the district matrix and the commune page's sections.

Every function issues a fixed number of queries whatever the number of communes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy

from communes.models import Commune, CommuneKind, District
from communes.selectors import communes_visible_to
from emulation.plans import plan_for
from emulation.text import fold

from .models import (
    BASELINE_DATE,
    LEVEL_RANK,
    Assessment,
    CapitalDebt,
    CommuneGroup,
    CriteriaSet,
    Criterion,
    Level,
    Recognition,
    VillageRecognition,
)
from .services import (
    criteria_met_on,
    criteria_met_on_dates,
    recognitions_of,
)
from .sets import covers_baseline, criteria_on

HISTORY_PAGE_SIZE = 50

LEVEL_FILTERS = {
    "none": gettext_lazy("Chưa đạt chuẩn NTM"),
    Level.NTM.value: gettext_lazy("Đạt chuẩn NTM"),
    Level.ADVANCED.value: gettext_lazy("Đạt NTM nâng cao"),
    Level.MODEL.value: gettext_lazy("Đạt NTM kiểu mẫu"),
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
    qs = communes_visible_to(user, on=on).order_by("district_id", "code")
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


@dataclass
class MatrixColumns:
    """The criteria set in force on the date viewed and its criteria (the columns), and
    the baseline "newly met" counts from: that of the plan of the date (01/01/2021 for
    Kế hoạch 305, the 2026–2030 plan's own date after it)."""

    criteria_set: CriteriaSet | None
    criteria: list[Criterion]
    baseline: dt.date = BASELINE_DATE

    @property
    def since_baseline(self) -> bool:
        """Whether cells tell "newly met since the baseline" (only when the baseline falls
        in the period of the set of the date: criteria of two sets do not compare)."""
        return covers_baseline(self.criteria_set, self.baseline)


def matrix_columns(on: dt.date) -> MatrixColumns:
    """Two queries: the set of the date and the plan of the date (its baseline date,
    else 1 January of its first year, as ``PlanSpec.baseline_on`` reads it)."""
    criteria_set, criteria = criteria_on(on)
    plan = plan_for(None, on=on)
    baseline = BASELINE_DATE
    if plan is not None:
        baseline = plan.baseline_date or dt.date(plan.first_year, 1, 1)
    return MatrixColumns(criteria_set, criteria, baseline)


def matrix_rows(
    communes: list[Commune], *, on: dt.date, columns: MatrixColumns | None = None
) -> list[MatrixRow]:
    """The cells of each commune on ``on``, one per criterion of the set in force that
    day (three queries for any number of communes, one more without ``columns``).

    "new" and "lost" compare with the plan's baseline (01/01/2021 under Kế hoạch 305)
    only when the set of ``on`` is the baseline's: criteria of two sets do not compare.
    """
    columns = columns or matrix_columns(on)
    compare = columns.since_baseline and on > columns.baseline
    codes = [c.pk for c in communes]
    # the date viewed and the baseline in one query (the criteria-state spans)
    states = criteria_met_on_dates(
        commune_codes=codes, dates=[on, columns.baseline] if compare else [on]
    )
    state = states[on]
    base = states[columns.baseline] if compare else {}
    levels: dict[str, str] = {}
    for rec in Recognition.objects.filter(commune_id__in=codes, decision_date__lte=on):
        current = levels.get(rec.commune_id)
        if current is None or LEVEL_RANK[rec.level] > LEVEL_RANK[current]:
            levels[rec.commune_id] = rec.level
    labels = dict(Level.choices)
    rows = []
    for commune in communes:
        met, before = state[commune.pk], base.get(commune.pk, frozenset())
        cells = []
        for criterion in columns.criteria:
            number = criterion.number
            if number in met:
                cells.append("new" if compare and number not in before else "met")
            else:
                cells.append("lost" if compare and number in before else "")
        rows.append(
            MatrixRow(
                commune=commune,
                cells=cells,
                count=len(met),
                newly=len(met - before) if compare else 0,
                level=str(labels[levels[commune.pk]]) if commune.pk in levels else "",
            )
        )
    return rows


@dataclass
class CriterionLine:
    criterion_id: int
    number: int
    name: str
    met: bool
    at_baseline: bool
    since: dt.date | None  # date of the live row in force


def group_on(commune: Commune, on: dt.date) -> int | None:
    """The commune's group (nhóm xã 1, 2 or 3) on ``on``, None if none was set."""
    return groups_on(commune_codes=[commune.pk], on=on).get(commune.pk)


def groups_on(*, commune_codes: list[str], on: dt.date) -> dict[str, int]:
    """{commune pk: group on ``on``} for the communes that had one (one query)."""
    return dict(
        CommuneGroup.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
            commune_id__in=commune_codes,
            valid_from__lte=on,
        ).values_list("commune_id", "group")
    )


def commune_criteria_context(
    commune: Commune, user, *, on: dt.date, page: str | None = None
) -> dict:
    """What the commune page shows about criteria, recognitions and debt on ``on``.

    The communes app's detail view calls this; its template includes
    ``criteria/_commune_sections.html``. The criteria are those of the set in force on
    ``on``. The history (lịch sử đánh giá of every set, corrected rows included, newest
    first) is paginated: 20 years of 19 criteria are 380 rows.
    """
    columns = matrix_columns(on)
    compare = columns.since_baseline and on > columns.baseline
    in_force: dict[int, tuple[dt.date | None, bool]] = {}
    rows = (
        Assessment.objects.filter(
            commune_id=commune.pk,
            replaced_by__isnull=True,
            assessed_on__lte=on,
            criterion__in=[c.pk for c in columns.criteria],
        )
        .order_by("criterion_id", "-assessed_on", "-id")
        .values_list("criterion_id", "assessed_on", "met")
    )
    for criterion_id, assessed_on, met in rows:  # newest first per criterion
        in_force.setdefault(criterion_id, (assessed_on, met))
    history = Paginator(
        Assessment.objects.filter(commune_id=commune.pk)
        .select_related("recorded_by", "criterion__criteria_set", "replaced_by")
        .order_by("-assessed_on", "criterion_id", "-id"),
        HISTORY_PAGE_SIZE,
    ).get_page(page)
    base = (
        criteria_met_on(commune_codes=[commune.pk], on=columns.baseline)[commune.pk]
        if columns.since_baseline
        else frozenset()
    )
    lines = []
    for criterion in columns.criteria:
        since, met = in_force.get(criterion.pk, (None, False))
        lines.append(
            CriterionLine(
                criterion_id=criterion.pk,
                number=criterion.number,
                name=criterion.name,
                met=met,
                at_baseline=criterion.number in base if columns.since_baseline else True,
                since=since,
            )
        )
    met_now = frozenset(line.number for line in lines if line.met)
    groups = list(CommuneGroup.objects.filter(commune=commune).order_by("-valid_from"))
    return {
        "criteria_on": on,
        "criteria_set": columns.criteria_set,
        "criteria_since_baseline": columns.since_baseline,
        "criteria_baseline": columns.baseline,
        "criteria_total": len(columns.criteria),
        "criteria_lines": lines,
        "criteria_count": len(met_now),
        "criteria_newly": sorted(met_now - base) if compare else [],
        "commune_groups": groups,
        "commune_group_on": next(
            (g for g in groups if g.valid_from <= on and (g.valid_to is None or on <= g.valid_to)),
            None,
        ),
        "may_set_group": user.has_perm("criteria.set_commune_group", commune),
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


@dataclass
class SetOverview:
    criteria_set: CriteriaSet
    criteria: int
    indicators: int
    demo_indicators: int
    in_force: bool


def criteria_sets_overview(today: dt.date | None = None) -> list[SetOverview]:
    """Every set with its counts of criteria and indicators (one query)."""
    today = today or dt.date.today()
    sets = CriteriaSet.objects.annotate(
        n_criteria=Count("criteria", distinct=True),
        n_indicators=Count("criteria__indicators", distinct=True),
        n_demo=Count(
            "criteria__indicators",
            filter=Q(criteria__indicators__is_demo=True),
            distinct=True,
        ),
    )
    return [
        SetOverview(s, s.n_criteria, s.n_indicators, s.n_demo, s.in_force_on(today)) for s in sets
    ]


def set_with_indicators(criteria_set: CriteriaSet) -> list[Criterion]:
    """The set's criteria by number, each with ``sorted_indicators`` ("1.10" after "1.9").
    Two queries."""
    criteria = list(criteria_set.criteria.order_by("number").prefetch_related("indicators"))
    for criterion in criteria:
        criterion.sorted_indicators = sorted(  # type: ignore[attr-defined]
            criterion.indicators.all(), key=lambda i: i.sort_key
        )
    return criteria

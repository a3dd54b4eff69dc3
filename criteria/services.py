"""Criteria over time: the state at a date, what was newly met, recording and correcting.

Every read here answers for many communes in one query, so pages and the award
rules never issue a query per commune.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from .models import BASELINE_DATE, Assessment, CapitalDebt, Criterion, Recognition

CriteriaState = dict[str, frozenset[int]]


def criteria_met_on(*, commune_codes: Iterable[str] | None, on: dt.date) -> CriteriaState:
    """Criteria each commune met on ``on``: its latest live assessment per criterion.

    ``commune_codes`` None means every commune. One query (PostgreSQL DISTINCT ON
    where available; a grouped scan elsewhere).
    """
    from django.db import connection

    qs = Assessment.objects.filter(replaced_by__isnull=True, assessed_on__lte=on)
    if commune_codes is not None:
        codes = list(commune_codes)
        qs = qs.filter(commune_id__in=codes)
    else:
        codes = None
    state: dict[str, set[int]] = defaultdict(set)
    if connection.vendor == "postgresql":
        rows = (
            qs.order_by("commune_id", "criterion_id", "-assessed_on", "-id")
            .distinct("commune_id", "criterion_id")
            .values_list("commune_id", "criterion_id", "met")
        )
        for commune_id, criterion_id, met in rows:
            if met:
                state[commune_id].add(criterion_id)
    else:
        latest: dict[tuple[str, int], tuple[dt.date, int, bool]] = {}
        for commune_id, criterion_id, day, pk, met in qs.values_list(
            "commune_id", "criterion_id", "assessed_on", "id", "met"
        ):
            key = (commune_id, criterion_id)
            if key not in latest or (day, pk) > latest[key][:2]:
                latest[key] = (day, pk, met)
        for (commune_id, criterion_id), (_, _, met) in latest.items():
            if met:
                state[commune_id].add(criterion_id)
    result = {code: frozenset(v) for code, v in state.items()}
    if codes is not None:
        for code in codes:
            result.setdefault(code, frozenset())
    return result


def criteria_baseline(*, commune_codes: Iterable[str] | None) -> CriteriaState:
    """Criteria met at the plan's baseline (01/01/2021)."""
    return criteria_met_on(commune_codes=commune_codes, on=BASELINE_DATE)


def newly_met(*, commune_code: str, start: dt.date = BASELINE_DATE, end: dt.date) -> frozenset[int]:
    """Criteria met on ``end`` that were not met on ``start`` ("newly met since 2021")."""
    before = criteria_met_on(commune_codes=[commune_code], on=start)[commune_code]
    after = criteria_met_on(commune_codes=[commune_code], on=end)[commune_code]
    return after - before


def criteria_count_on(*, commune_codes: Iterable[str] | None, on: dt.date) -> dict[str, int]:
    return {
        code: len(met) for code, met in criteria_met_on(commune_codes=commune_codes, on=on).items()
    }


@transaction.atomic
def assessment_record(
    *,
    commune,
    criterion_number: int,
    assessed_on: dt.date,
    met: bool,
    by,
    note: str = "",
    evidence=None,
) -> Assessment:
    """Record that from ``assessed_on`` the commune met / did not meet the criterion."""
    assessment = Assessment(
        commune=commune,
        criterion_id=criterion_number,
        assessed_on=assessed_on,
        met=met,
        note=note,
        recorded_by=by,
    )
    if evidence is not None:
        assessment.evidence = evidence
    assessment.full_clean(exclude=["evidence"])
    assessment.save()
    return assessment


@transaction.atomic
def assessment_correct(
    *,
    assessment: Assessment,
    by,
    assessed_on: dt.date | None = None,
    met: bool | None = None,
    note: str = "",
) -> Assessment:
    """Correct a row: a new row replaces it; the old one stays in the history."""
    old = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if old.replaced_by_id is not None:
        raise ValueError("Dòng này đã được đính chính trước đó.")
    new = Assessment.objects.create(
        commune_id=old.commune_id,
        criterion_id=old.criterion_id,
        assessed_on=assessed_on or old.assessed_on,
        met=old.met if met is None else met,
        note=note,
        evidence=old.evidence,
        recorded_by=by,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    return new


def recognitions_of(*, commune_codes: Iterable[str]) -> dict[str, list[Recognition]]:
    out: dict[str, list[Recognition]] = defaultdict(list)
    for rec in Recognition.objects.filter(commune_id__in=list(commune_codes)).order_by(
        "decision_date"
    ):
        out[rec.commune_id].append(rec)
    return out


def debt_in(*, year: int, commune_codes: Iterable[str] = (), district_codes: Iterable[str] = ()):
    """{("commune"|"district", code): has_debt} for the year; missing = no record."""
    q = Q(pk__in=[])
    if commune_codes:
        q |= Q(commune_id__in=list(commune_codes))
    if district_codes:
        q |= Q(district_id__in=list(district_codes))
    out = {}
    for d in CapitalDebt.objects.filter(q, year=year):
        key = ("commune", d.commune_id) if d.commune_id else ("district", d.district_id)
        out[key] = d.has_debt
    return out


def criteria_catalogue() -> list[Criterion]:
    return list(Criterion.objects.all())

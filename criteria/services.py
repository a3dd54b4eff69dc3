"""Criteria over time: the state at a date, what was newly met, recording and correcting.

Every read here answers for many communes in one query, so pages and the award
rules never issue a query per commune.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Q

from communes.models import Commune, District, Village
from emulation.audit import log_action, snapshot
from emulation.models import User
from emulation.text import nfc

from .catalogue import ALL_NUMBERS
from .models import (
    BASELINE_DATE,
    LEVEL_RANK,
    Assessment,
    CapitalDebt,
    DistrictRecognition,
    Recognition,
    VillageRecognition,
)

CriteriaState = dict[str, frozenset[int]]


# The latest live row of each (commune, criterion) on a date, one index probe per pair on
# assessment_state_idx: its cost follows the number of communes, not the years of history
# (20 years x 19 criteria are 380 rows per commune that DISTINCT ON would read and sort).
_MET_ON_LATERAL = """
SELECT c.code, k.n
FROM unnest(%s::text[]) AS c(code)
CROSS JOIN unnest(%s::int[]) AS k(n)
CROSS JOIN LATERAL (
    SELECT a.met FROM criteria_assessment a
    WHERE a.commune_id = c.code AND a.criterion_id = k.n
      AND a.replaced_by_id IS NULL AND a.assessed_on <= %s
    ORDER BY a.assessed_on DESC, a.id DESC
    LIMIT 1
) AS latest
WHERE latest.met
"""


def criteria_met_on(*, commune_codes: Iterable[str] | None, on: dt.date) -> CriteriaState:
    """Criteria each commune met on ``on``: its latest live assessment per criterion.

    ``commune_codes`` None means every commune. One query: on PostgreSQL an index probe
    per (commune, criterion) for given communes, DISTINCT ON for every commune; a
    grouped scan elsewhere.
    """
    qs = Assessment.objects.filter(replaced_by__isnull=True, assessed_on__lte=on)
    if commune_codes is not None:
        codes = list(commune_codes)
        qs = qs.filter(commune_id__in=codes)
    else:
        codes = None
    state: dict[str, set[int]] = defaultdict(set)
    if connection.vendor == "postgresql" and codes is not None:
        with connection.cursor() as cursor:
            cursor.execute(_MET_ON_LATERAL, [codes, sorted(ALL_NUMBERS), on])
            for commune_id, criterion_id in cursor.fetchall():
                state[commune_id].add(criterion_id)
    elif connection.vendor == "postgresql":
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


def newly_met_many(
    *, commune_codes: Iterable[str], start: dt.date = BASELINE_DATE, end: dt.date
) -> CriteriaState:
    """``newly_met`` for many communes in two queries."""
    codes = list(commune_codes)
    before = criteria_met_on(commune_codes=codes, on=start)
    after = criteria_met_on(commune_codes=codes, on=end)
    return {code: after[code] - before[code] for code in codes}


class CriteriaError(ValidationError):
    """A write the rules of the history forbid; the message is Vietnamese for the form."""


def _require_commune(by: User, commune: Commune) -> None:
    if not by.has_perm("criteria.record_criteria", commune):
        raise PermissionDenied("Chỉ cán bộ của huyện quản lý xã này được ghi.")


ASSESSMENT_FIELDS = ("commune", "criterion", "assessed_on", "met", "note", "evidence")
CORRECTED_FIELDS = ("assessed_on", "met", "evidence")
DECISION_FIELDS = ("decision_number", "decision_date", "issuing_body")


def _unit_label(unit: Commune | District) -> str:
    """How the log names a commune or district: "Xã Quân Hà (02005)"."""
    return f"{unit} ({unit.pk})"


def _assessment_label(assessment: Assessment) -> str:
    return f"{_unit_label(assessment.commune)} — tiêu chí {assessment.criterion_id}"


def _check_date(day: dt.date) -> None:
    if day > dt.date.today():
        raise CriteriaError({"assessed_on": "Ngày đánh giá không được sau hôm nay."})


def _check_same_day(
    commune_id: str, criterion: int, day: dt.date, exclude_pk: int | None = None
) -> None:
    clash = Assessment.objects.filter(
        commune_id=commune_id, criterion_id=criterion, assessed_on=day, replaced_by__isnull=True
    )
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise CriteriaError(
            {
                "assessed_on": "Đã có đánh giá tiêu chí này cùng ngày; "
                "hãy đính chính dòng đó thay vì ghi thêm."
            }
        )


@transaction.atomic
def assessment_record(
    *,
    commune: Commune,
    criterion_number: int,
    assessed_on: dt.date,
    met: bool,
    by: User,
    note: str = "",
    evidence: File[bytes] | None = None,
) -> Assessment:
    """Record that from ``assessed_on`` the commune met / did not meet the criterion.

    Only the commune's district staff may record; one live row per commune,
    criterion and day (a second one on the same day is a correction).
    """
    _require_commune(by, commune)
    if criterion_number not in ALL_NUMBERS:
        raise CriteriaError({"criterion": "Tiêu chí phải là số từ 1 đến 19."})
    _check_date(assessed_on)
    _check_same_day(commune.pk, criterion_number, assessed_on)
    assessment = Assessment(
        commune=commune,
        criterion_id=criterion_number,
        assessed_on=assessed_on,
        met=met,
        note=nfc(note).strip(),
        recorded_by=by,
    )
    if evidence is not None:
        assessment.evidence = evidence
    assessment.save()
    log_action(
        action="assessment.recorded",
        obj=assessment,
        by=by,
        after=snapshot(assessment, ASSESSMENT_FIELDS),
        label=_assessment_label(assessment),
        province=commune.province_id,
    )
    return assessment


@transaction.atomic
def assessment_correct(
    *,
    assessment: Assessment,
    by: User,
    assessed_on: dt.date | None = None,
    met: bool | None = None,
    note: str = "",
    evidence: File[bytes] | None = None,
) -> Assessment:
    """Correct a row: a new row replaces it; the old one stays in the history."""
    old = (
        Assessment.objects.select_for_update(of=("self", "commune"))
        .select_related("commune", "commune__district")
        .get(pk=assessment.pk)
    )
    _require_commune(by, old.commune)
    if old.replaced_by_id is not None:
        raise CriteriaError("Dòng này đã được đính chính trước đó.")
    day = assessed_on or old.assessed_on
    _check_date(day)
    _check_same_day(old.commune_id, old.criterion_id, day, exclude_pk=old.pk)
    new = Assessment.objects.create(
        commune_id=old.commune_id,
        criterion_id=old.criterion_id,
        assessed_on=day,
        met=old.met if met is None else met,
        note=nfc(note).strip(),
        evidence=evidence if evidence is not None else old.evidence,
        recorded_by=by,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    log_action(
        action="assessment.corrected",
        obj=new,
        by=by,
        before=snapshot(old, CORRECTED_FIELDS),
        after=snapshot(new, CORRECTED_FIELDS),
        reason=new.note,
        details={"replaces": old.pk},
        label=_assessment_label(old),
        province=old.commune.province_id,
    )
    return new


def _decision(number: str, day: dt.date, body: str) -> dict[str, Any]:
    """The fields of a recognition decision, checked and normalised."""
    if day > dt.date.today():
        raise CriteriaError({"decision_date": "Ngày quyết định không được sau hôm nay."})
    return {
        "decision_number": nfc(number).strip(),
        "decision_date": day,
        "issuing_body": nfc(body).strip(),
    }


@transaction.atomic
def recognition_record(
    *,
    commune: Commune,
    level: str,
    decision_number: str,
    decision_date: dt.date,
    issuing_body: str,
    by: User,
) -> Recognition:
    """Record the decision recognising a commune at a level (once per level)."""
    _require_commune(by, commune)
    if level not in LEVEL_RANK:
        raise CriteriaError({"level": "Mức đạt chuẩn không hợp lệ."})
    fields = _decision(decision_number, decision_date, issuing_body)
    if Recognition.objects.filter(commune=commune, level=level).exists():
        raise CriteriaError({"level": "Xã đã được ghi nhận đạt mức này."})
    lower = [lv for lv, rank in LEVEL_RANK.items() if rank < LEVEL_RANK[level]]
    have = set(
        Recognition.objects.filter(
            commune=commune, level__in=lower, decision_date__lte=decision_date
        ).values_list("level", flat=True)
    )
    missing = [lv for lv in lower if lv not in have]
    if missing:
        raise CriteriaError(
            {"level": "Xã phải được công nhận các mức thấp hơn trước ngày quyết định này."}
        )
    recognition = Recognition.objects.create(commune=commune, level=level, recorded_by=by, **fields)
    log_action(
        action="recognition.recorded",
        obj=recognition,
        by=by,
        after=snapshot(recognition, ("commune", "level", *DECISION_FIELDS)),
        label=f"{_unit_label(commune)} — {recognition.get_level_display()}",
        province=commune.province_id,
    )
    return recognition


@transaction.atomic
def village_recognition_record(
    *, village: Village, decision_number: str, decision_date: dt.date, issuing_body: str, by: User
) -> VillageRecognition:
    _require_commune(by, village.commune)
    fields = _decision(decision_number, decision_date, issuing_body)
    if VillageRecognition.objects.filter(village=village).exists():
        raise CriteriaError({"village": "Thôn này đã được ghi nhận đạt chuẩn NTM."})
    recognition = VillageRecognition.objects.create(village=village, **fields)
    log_action(
        action="village_recognition.recorded",
        obj=recognition,
        by=by,
        after=snapshot(recognition, ("village", *DECISION_FIELDS)),
        label=f"{village} — {_unit_label(village.commune)}",
        province=village.commune.province_id,
    )
    return recognition


@transaction.atomic
def district_recognition_record(
    *,
    district: District,
    decision_number: str,
    decision_date: dt.date,
    issuing_body: str,
    by: User,
) -> DistrictRecognition:
    if not by.has_perm("criteria.record_district", district):
        raise PermissionDenied("Chỉ cán bộ của huyện này được ghi.")
    fields = _decision(decision_number, decision_date, issuing_body)
    if DistrictRecognition.objects.filter(district=district).exists():
        raise CriteriaError("Huyện đã được ghi nhận hoàn thành NTM.")
    recognition = DistrictRecognition.objects.create(district=district, **fields)
    log_action(
        action="district_recognition.recorded",
        obj=recognition,
        by=by,
        after=snapshot(recognition, ("district", *DECISION_FIELDS)),
        label=_unit_label(district),
        province=district.province_id,
    )
    return recognition


@transaction.atomic
def debt_set(
    *, district: District, year: int, commune_debts: dict[str, bool], district_debt: bool, by: User
) -> int:
    """Record, for one year, which of the district's communes (and the district) had XDCB debt.

    Returns the number of rows written or changed.
    """
    if not by.has_perm("criteria.record_district", district):
        raise PermissionDenied("Chỉ cán bộ của huyện này được ghi.")
    units: dict[str, Commune | District] = {c.code: c for c in district.communes.all()}
    unknown = set(commune_debts) - set(units)
    if unknown:
        raise PermissionDenied("Có xã không thuộc huyện.")
    existing = {
        (d.commune_id or d.district_id): d
        for d in CapitalDebt.objects.select_for_update().filter(
            Q(commune_id__in=list(commune_debts)) | Q(district_id=district.code), year=year
        )
    }
    changed = 0
    wanted = [("commune", code, value) for code, value in commune_debts.items()]
    wanted.append(("district", district.code, district_debt))
    units[district.code] = district
    for kind, code, value in wanted:
        row = existing.get(code)
        before = None if row is None else {"has_debt": row.has_debt}
        if row is None:
            row = CapitalDebt.objects.create(
                **{f"{kind}_id": code}, year=year, has_debt=value, recorded_by=by
            )
        elif row.has_debt != value:
            row.has_debt = value
            row.recorded_by = by
            row.save(update_fields=["has_debt", "recorded_by", "recorded_at"])
        else:
            continue
        changed += 1
        log_action(
            action="debt.set",
            obj=row,
            by=by,
            before=before,
            after={"has_debt": value},
            details={"year": year},
            label=f"{_unit_label(units[code])} — nợ đọng XDCB năm {year}",
            province=district.province_id,
        )
    return changed


def recognitions_of(*, commune_codes: Iterable[str]) -> dict[str, list[Recognition]]:
    out: dict[str, list[Recognition]] = defaultdict(list)
    for rec in Recognition.objects.filter(commune_id__in=list(commune_codes)).order_by(
        "decision_date"
    ):
        out[rec.commune_id].append(rec)
    return out


def debt_in(
    *, year: int, commune_codes: Iterable[str] = (), district_codes: Iterable[str] = ()
) -> dict[tuple[str, str], bool]:
    """{("commune"|"district", code): has_debt} for the year; missing = no record."""
    q = Q(pk__in=[])
    if commune_codes:
        q |= Q(commune_id__in=list(commune_codes))
    if district_codes:
        q |= Q(district_id__in=list(district_codes))
    out: dict[tuple[str, str], bool] = {}
    for d in CapitalDebt.objects.filter(q, year=year):
        if d.commune_id:
            out["commune", d.commune_id] = d.has_debt
        else:
            assert d.district_id is not None  # a row is one unit's (debt_one_unit)
            out["district", d.district_id] = d.has_debt
    return out

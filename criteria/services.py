"""Criteria over time: the state at a date, what was newly met, recording and correcting.

Every read here answers for many communes in one query, so pages and the award
rules never issue a query per commune.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from communes.models import Commune, District, Village
from emulation.anyof import AnyOf, array_literal
from emulation.audit import changed_values, log_action, snapshot
from emulation.models import User
from emulation.text import nfc

from .models import (
    BASELINE_DATE,
    LEVEL_RANK,
    Assessment,
    CapitalDebt,
    CommuneGroup,
    CommuneGroupChoice,
    CriteriaSet,
    Criterion,
    DistrictRecognition,
    Indicator,
    Recognition,
    VillageRecognition,
    in_force_q,
)
from .sets import criteria_on, no_set_message, out_of_force_message, wrong_number_message

# {commune pk: numbers of the criteria met}, numbers within the set in force on the date
CriteriaState = dict[str, frozenset[int]]


# The criteria each commune met on each date, from the spans the triggers keep
# (CriteriaStateSpan): one row per (commune, set in force, date), whatever the years of
# history, found through the GiST index on the spans' date ranges; a hash join over the
# codes asked for, or every commune.
_MET_ON_SPANS = """
SELECT s.commune_id, d.i, s.met_mask
FROM unnest(%s::date[]) WITH ORDINALITY AS d(on_date, i)
JOIN criteria_criteriaset cs
  ON (cs.valid_from IS NULL OR cs.valid_from <= d.on_date)
 AND (cs.valid_to IS NULL OR cs.valid_to >= d.on_date)
JOIN criteria_criteriastatespan s
  ON s.criteria_set_id = cs.id
 AND daterange(s.valid_from, s.valid_to, '[)') @> d.on_date
{codes}
WHERE s.met_mask <> 0
"""
_SPANS_CODES = "JOIN unnest(%s::text[]) AS c(code) ON c.code = s.commune_id"


def _numbers(mask: int, memo: dict[int, frozenset[int]]) -> frozenset[int]:
    """The criteria numbers of a span's bitmask (bit n = criterion n)."""
    found = memo.get(mask)
    if found is None:
        found = memo[mask] = frozenset(n for n in range(mask.bit_length()) if mask >> n & 1)
    return found


def criteria_met_on_dates(
    *, commune_codes: Iterable[str] | None, dates: Iterable[dt.date]
) -> dict[dt.date, CriteriaState]:
    """:func:`criteria_met_on` for several dates at once: {date: state}. One query on
    PostgreSQL (the spans), whatever the number of communes and dates."""
    days = sorted(set(dates))
    codes = list(commune_codes) if commune_codes is not None else None
    if connection.vendor != "postgresql" or not days:
        return {day: criteria_met_on(commune_codes=codes, on=day) for day in days}
    out: dict[dt.date, dict[str, frozenset[int]]] = {day: {} for day in days}
    memo: dict[int, frozenset[int]] = {}
    if codes is None or codes:
        sql = _MET_ON_SPANS.format(codes=_SPANS_CODES if codes is not None else "")
        params: list[Any] = [days] + ([array_literal(codes)[0]] if codes is not None else [])
        masks: dict[tuple[int, str], int] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for commune_id, i, mask in cursor.fetchall():  # i: the date's place, from 1
                key = (i, commune_id)
                # one row per set in force: two sets on one date add up their numbers
                masks[key] = masks.get(key, 0) | mask
        for (i, commune_id), mask in masks.items():
            out[days[i - 1]][commune_id] = _numbers(mask, memo)
    if codes is not None:
        empty: frozenset[int] = frozenset()
        for state in out.values():
            for code in codes:
                state.setdefault(code, empty)
    return out


def criteria_met_on(*, commune_codes: Iterable[str] | None, on: dt.date) -> CriteriaState:
    """Criteria each commune met on ``on``: its latest live assessment per criterion of
    the criteria set in force on ``on``, as the criteria's numbers in that set (19 for a
    date of 2021–2025, 10 from 15/02/2026; nothing on a date no set covers).

    ``commune_codes`` None means every commune (then only communes that met some
    criterion are keys). One query: on PostgreSQL one row per commune from the state
    spans (:func:`criteria_met_on_dates`); a grouped scan of the assessments elsewhere.
    """
    if connection.vendor == "postgresql":
        return criteria_met_on_dates(commune_codes=commune_codes, dates=[on])[on]
    return criteria_met_on_scan(commune_codes=commune_codes, on=on)


def criteria_met_on_scan(*, commune_codes: Iterable[str] | None, on: dt.date) -> CriteriaState:
    """:func:`criteria_met_on` read from the assessments themselves (no spans): SQLite's
    way, and the reference the spans are tested against on PostgreSQL."""
    qs = Assessment.objects.filter(
        in_force_q(on, "criterion__criteria_set__"), replaced_by__isnull=True, assessed_on__lte=on
    )
    codes = list(commune_codes) if commune_codes is not None else None
    if codes is not None:
        qs = qs.filter(commune_id__in=codes)
    state: dict[str, set[int]] = defaultdict(set)
    latest: dict[tuple[str, int], tuple[dt.date, int, bool]] = {}
    for commune_id, number, day, pk, met in qs.values_list(
        "commune_id", "criterion__number", "assessed_on", "id", "met"
    ).iterator(chunk_size=5_000):
        key = (commune_id, number)
        if key not in latest or (day, pk) > latest[key][:2]:
            latest[key] = (day, pk, met)
    for (commune_id, number), (_day, _pk, met) in latest.items():
        if met:
            state[commune_id].add(number)
    result = {code: frozenset(v) for code, v in state.items()}
    if codes is not None:
        for code in codes:
            result.setdefault(code, frozenset())
    return result


def latest_recognitions(
    commune_codes: Iterable[str], *, on: dt.date
) -> dict[str, tuple[str, dt.date]]:
    """{commune pk: (level, decision date)} of each commune's latest recognition decided
    on or before ``on`` (the later id on the same day). One query, one row per commune."""
    codes = list(commune_codes)
    if not codes:
        return {}
    qs = Recognition.objects.filter(AnyOf("commune_id", codes), decision_date__lte=on)
    if connection.vendor == "postgresql":
        rows = (
            qs.order_by("commune_id", "-decision_date", "-id")
            .distinct("commune_id")
            .values_list("commune_id", "level", "decision_date")
        )
        return {commune_id: (level, day) for commune_id, level, day in rows}
    latest: dict[str, tuple[str, dt.date]] = {}
    for commune_id, level, day in qs.order_by("decision_date", "id").values_list(
        "commune_id", "level", "decision_date"
    ):
        latest[commune_id] = (level, day)
    return latest


def criteria_baseline(*, commune_codes: Iterable[str] | None) -> CriteriaState:
    """Criteria met at the plan's baseline (01/01/2021)."""
    return criteria_met_on(commune_codes=commune_codes, on=BASELINE_DATE)


def newly_met(*, commune_code: str, start: dt.date = BASELINE_DATE, end: dt.date) -> frozenset[int]:
    """Criteria met on ``end`` that were not met on ``start`` ("newly met since 2021").

    Both states are numbers in the set of their own date: compare dates of one set
    (a 2021 baseline against a date from 15/02/2026 compares two sets' numbers).
    """
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
        raise PermissionDenied(
            _(
                "Chỉ cán bộ của huyện quản lý xã này hoặc của chính xã này được ghi, khi xã "
                "còn tồn tại."
            )
        )


ASSESSMENT_FIELDS = ("commune", "criterion", "assessed_on", "met", "note", "evidence")
CORRECTED_FIELDS = ("assessed_on", "met", "evidence")
DECISION_FIELDS = ("decision_number", "decision_date", "issuing_body")


def _unit_label(unit: Commune | District) -> str:
    """How the log names a commune or district: "Xã Quân Hà (02005)"."""
    return f"{unit} ({unit.pk})"


def _assessment_label(assessment: Assessment) -> str:
    criterion = assessment.criterion
    return (
        f"{_unit_label(assessment.commune)} — tiêu chí {criterion.number} "
        f"({criterion.criteria_set.code})"
    )


def _check_date(day: dt.date) -> None:
    if day > dt.date.today():
        raise CriteriaError({"assessed_on": "Ngày đánh giá không được sau hôm nay."})


def _check_in_office(commune: Commune, day: dt.date) -> None:
    """A unit's state is not recorded outside its period (a unit merged away on 1/7/2025
    has no criteria from that day; its successor has)."""
    if commune.valid_to is not None and day > commune.valid_to:
        message = (
            f"{commune} đã kết thúc ngày {commune.valid_to:%d/%m/%Y}: không ghi đánh giá "
            "sau ngày đó (đơn vị kế thừa ghi)."
        )
    elif commune.valid_from is not None and day < commune.valid_from:
        message = (
            f"{commune} thành lập từ ngày {commune.valid_from:%d/%m/%Y}: không ghi đánh giá "
            "trước ngày đó."
        )
    else:
        return
    raise CriteriaError({"assessed_on": message})


def _check_same_day(
    commune_id: str, criterion: int, day: dt.date, exclude_pk: int | None = None
) -> None:
    """``criterion``: the criterion's id."""
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


def _criterion_for(
    criterion: Criterion | None, criterion_number: int | None, day: dt.date
) -> Criterion:
    """The criterion to record on ``day``: the one given, if its set is in force on
    ``day``; else number ``criterion_number`` of the set in force on ``day``."""
    if criterion is not None:
        message = out_of_force_message(criterion, day)
        if message:
            raise CriteriaError({"criterion": message})
        return criterion
    criteria_set, criteria = criteria_on(day)
    if criteria_set is None:
        raise CriteriaError({"assessed_on": no_set_message(day)})
    found = next((c for c in criteria if c.number == criterion_number), None)
    if found is None:
        raise CriteriaError(
            {
                "criterion": wrong_number_message(
                    criteria_set, len(criteria), day, str(criterion_number)
                )
            }
        )
    return found


@transaction.atomic
def assessment_record(
    *,
    commune: Commune,
    assessed_on: dt.date,
    met: bool,
    by: User,
    criterion: Criterion | None = None,
    criterion_number: int | None = None,
    note: str = "",
    evidence: File[bytes] | None = None,
) -> Assessment:
    """Record that from ``assessed_on`` the commune met / did not meet a criterion.

    The criterion is ``criterion`` (refused unless its set is in force on
    ``assessed_on``: an assessment belongs to the set of its date), or number
    ``criterion_number`` of the set in force on ``assessed_on``. Only the commune's
    district staff may record; one live row per commune, criterion and day (a second
    one on the same day is a correction).
    """
    _require_commune(by, commune)
    _check_date(assessed_on)
    _check_in_office(commune, assessed_on)
    chosen = _criterion_for(criterion, criterion_number, assessed_on)
    _check_same_day(commune.pk, chosen.pk, assessed_on)
    assessment = Assessment(
        commune=commune,
        criterion=chosen,
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
        .select_related("commune", "commune__district", "criterion__criteria_set")
        .get(pk=assessment.pk)
    )
    _require_commune(by, old.commune)
    if old.replaced_by_id is not None:
        raise CriteriaError("Dòng này đã được đính chính trước đó.")
    day = assessed_on or old.assessed_on
    _check_date(day)
    message = out_of_force_message(old.criterion, day)
    if message:
        raise CriteriaError({"assessed_on": message})
    _check_same_day(old.commune_id, old.criterion_id, day, exclude_pk=old.pk)
    new = Assessment.objects.create(
        commune_id=old.commune_id,
        criterion=old.criterion,
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
        raise PermissionDenied(_("Chỉ cán bộ của huyện này được ghi."))
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
        raise PermissionDenied(_("Chỉ cán bộ của huyện này được ghi."))
    units: dict[str, Commune | District] = {c.code: c for c in district.communes.all()}
    unknown = set(commune_debts) - set(units)
    if unknown:
        raise PermissionDenied(_("Có xã không thuộc huyện."))
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
    communes, districts = list(commune_codes), list(district_codes)
    out: dict[tuple[str, str], bool] = {}
    if not communes and not districts:
        return out
    rows = CapitalDebt.objects.filter(
        AnyOf("commune_id", communes) | AnyOf("district_id", districts), year=year
    ).values_list("commune_id", "district_id", "has_debt")
    for commune_id, district_id, has_debt in rows:
        if commune_id:
            out["commune", commune_id] = has_debt
        else:
            assert district_id is not None  # a row is one unit's (debt_one_unit)
            out["district", district_id] = has_debt
    return out


# ---- Criteria sets: indicators and commune groups (administrators) ----

INDICATOR_FIELDS = ("code", "name", "level_group1", "level_group2", "level_group3", "is_demo")
_INDICATOR_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2})([a-z]?)$")


def _require_admin(by: User, perm: str) -> None:
    if not by.has_perm(perm):
        raise PermissionDenied(_("Chỉ quản trị viên được ghi."))


@transaction.atomic
def indicator_save(
    *, criterion: Criterion, indicator: Indicator | None, data: dict[str, Any], by: User
) -> Indicator:
    """Add an indicator (chỉ tiêu) to ``criterion``, or change ``indicator`` (of it).

    The code is "<criterion number>.<n>" ("3.2"), unique within the criterion.
    """
    _require_admin(by, "criteria.manage_criteria_sets")
    values: dict[str, Any] = {
        name: nfc(value).strip() if isinstance(value, str) else value
        for name, value in data.items()
        if name in INDICATOR_FIELDS
    }
    code = values.get("code", "")
    match = _INDICATOR_CODE.match(code)
    if not match:
        raise CriteriaError(
            {"code": f"Mã chỉ tiêu ghi dạng {criterion.number}.1, {criterion.number}.2…"}
        )
    if int(match.group(1)) != criterion.number:
        raise CriteriaError(
            {
                "code": f"Chỉ tiêu của tiêu chí {criterion.number} có mã bắt đầu bằng "
                f"“{criterion.number}.”."
            }  # fmt: skip
        )
    if not values.get("name"):
        raise CriteriaError({"name": "Hãy ghi tên chỉ tiêu."})
    clash = Indicator.objects.filter(criterion=criterion, code=code)
    before = None
    if indicator is not None:
        old = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if old.criterion_id != criterion.pk:
            raise CriteriaError("Chỉ tiêu không thuộc tiêu chí này.")
        before = snapshot(old, INDICATOR_FIELDS)
        clash = clash.exclude(pk=old.pk)
        row = old
    else:
        row = Indicator(criterion=criterion)
    if clash.exists():
        raise CriteriaError({"code": f"Tiêu chí {criterion.number} đã có chỉ tiêu mã {code}."})
    _save_logged(
        row,
        {**values, "recorded_by": by},
        fields=INDICATOR_FIELDS,
        before=before,
        kind="indicator",
        by=by,
        label=lambda r: f"Chỉ tiêu {r.code} — {criterion.criteria_set.code}",
    )
    return row


@transaction.atomic
def commune_group_set(
    *,
    commune: Commune,
    group: int,
    valid_from: dt.date,
    by: User,
    legal_basis: str = "",
    note: str = "",
) -> CommuneGroup:
    """From ``valid_from`` the commune is in nhóm ``group``: the period in force that day
    ends the day before; a later period must be changed first (refused)."""
    _require_admin(by, "criteria.set_commune_group")
    if group not in CommuneGroupChoice.values:
        raise CriteriaError({"group": "Nhóm xã là 1, 2 hoặc 3."})
    periods = list(CommuneGroup.objects.select_for_update().filter(commune=commune))
    if any(p.valid_from >= valid_from for p in periods):
        raise CriteriaError(
            {
                "valid_from": "Xã đã có nhóm từ ngày này hoặc một ngày sau; "
                "ngày mới phải sau ngày bắt đầu của nhóm gần nhất."
            }
        )
    for period in periods:
        if period.valid_to is None or period.valid_to >= valid_from:
            period.valid_to = valid_from - dt.timedelta(days=1)
            period.save(update_fields=["valid_to"])
    row = CommuneGroup.objects.create(
        commune=commune,
        group=group,
        valid_from=valid_from,
        legal_basis=nfc(legal_basis).strip(),
        note=nfc(note).strip(),
        recorded_by=by,
    )
    log_action(
        action="commune_group.set",
        obj=row,
        by=by,
        after=snapshot(row, ("commune", "group", "valid_from", "legal_basis", "note")),
        label=f"{_unit_label(commune)} — nhóm {group} từ {valid_from:%d/%m/%Y}",
        province=commune.province_id,
    )
    return row


SET_FIELDS = (
    "code",
    "name",
    "legal_basis",
    "issued_on",
    "valid_from",
    "valid_to",
    "income_criterion",
    "poverty_criterion",
    "is_demo",
    "notes",
)
CRITERION_FIELDS = ("number", "name", "short_name")


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "…"


@transaction.atomic
def criteria_set_save(
    *, criteria_set: CriteriaSet | None, data: dict[str, Any], by: User
) -> CriteriaSet:
    """Create a criteria set, or change one. Periods of two sets never overlap (a date
    reads one set), and a set's period keeps every assessment recorded under it."""
    _require_admin(by, "criteria.manage_criteria_sets")
    values: dict[str, Any] = {
        name: nfc(value).strip() if isinstance(value, str) else value
        for name, value in data.items()
        if name in SET_FIELDS
    }
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        raise CriteriaError({"valid_to": "Ngày kết thúc phải sau ngày bắt đầu áp dụng."})
    others = CriteriaSet.objects.select_for_update()
    before = None
    if criteria_set is not None:
        row = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
        before = snapshot(row, SET_FIELDS)
        others = others.exclude(pk=row.pk)
    else:
        row = CriteriaSet()
    if others.filter(code=values.get("code")).exists():
        raise CriteriaError({"code": "Đã có bộ tiêu chí mang mã này."})
    for other in others:
        overlaps = (other.valid_to is None or start is None or start <= other.valid_to) and (
            end is None or other.valid_from is None or other.valid_from <= end
        )
        if overlaps:
            raise CriteriaError(
                {
                    "valid_from": f"Thời gian áp dụng trùng với {other.name} "
                    f"({_day(other.valid_from)} – {_day(other.valid_to)}): mỗi ngày chỉ "
                    "áp dụng một bộ tiêu chí."
                }
            )
    if row.pk is not None:
        numbers = set(row.criteria.values_list("number", flat=True))
        for name in ("income_criterion", "poverty_criterion"):
            if values.get(name) is not None and values[name] not in numbers:
                raise CriteriaError({name: f"Bộ tiêu chí không có tiêu chí số {values[name]}."})
        outside = Q()
        if start is not None:
            outside |= Q(assessed_on__lt=start)
        if end is not None:
            outside |= Q(assessed_on__gt=end)
        first = (
            Assessment.objects.filter(outside, criterion__criteria_set=row)
            .order_by("assessed_on")
            .first()
            if outside
            else None
        )
        if first is not None:
            raise CriteriaError(
                {
                    "valid_from": "Đã có đánh giá theo bộ tiêu chí này ngày "
                    f"{first.assessed_on:%d/%m/%Y}, ngoài thời gian áp dụng mới."
                }
            )
    _save_logged(
        row,
        values,
        fields=SET_FIELDS,
        before=before,
        kind="criteria_set",
        by=by,
        label=lambda r: f"Bộ tiêu chí {r.code}",
    )
    return row


@transaction.atomic
def criterion_save(
    *, criteria_set: CriteriaSet, criterion: Criterion | None, data: dict[str, Any], by: User
) -> Criterion:
    """Add a criterion to a set, or rename one (its number is unique in the set)."""
    _require_admin(by, "criteria.manage_criteria_sets")
    values: dict[str, Any] = {
        name: nfc(value).strip() if isinstance(value, str) else value
        for name, value in data.items()
        if name in CRITERION_FIELDS
    }
    clash = Criterion.objects.filter(criteria_set=criteria_set, number=values.get("number", 0))
    before = None
    if criterion is not None:
        row = Criterion.objects.select_for_update().get(pk=criterion.pk)
        if row.criteria_set_id != criteria_set.pk:
            raise CriteriaError("Tiêu chí không thuộc bộ tiêu chí này.")
        if row.number != values.get("number") and Assessment.objects.filter(criterion=row).exists():
            raise CriteriaError({"number": "Đã có đánh giá theo tiêu chí này: không đổi số được."})
        before = snapshot(row, CRITERION_FIELDS)
        clash = clash.exclude(pk=row.pk)
    else:
        row = Criterion(criteria_set=criteria_set)
    if clash.exists():
        raise CriteriaError({"number": f"Bộ tiêu chí đã có tiêu chí số {values.get('number')}."})
    _save_logged(
        row,
        values,
        fields=CRITERION_FIELDS,
        before=before,
        kind="criterion",
        by=by,
        label=lambda r: f"Tiêu chí {r.number} — {criteria_set.code}",
    )
    return row


def _save_logged(
    row: Any,
    values: dict[str, Any],
    *,
    fields: tuple[str, ...],
    before: dict[str, Any] | None,
    kind: str,
    by: User,
    label: Callable[[Any], str],
) -> None:
    """Write ``values`` on ``row``, save it and log "<kind>.created" or, with the
    ``before`` snapshot of an edit, "<kind>.changed" with the fields that changed. An
    edit that changes nothing (a form saved as it was loaded) writes nothing."""
    for name, value in values.items():
        setattr(row, name, value)
    after = snapshot(row, fields)
    if before is not None:
        before, after = changed_values(before, after)
        if not after:
            return
    row.save()
    log_action(
        action=f"{kind}.changed" if before is not None else f"{kind}.created",
        obj=row,
        by=by,
        before=before,
        after=after,
        label=label(row),
    )

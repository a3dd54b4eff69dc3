"""National plans (kế hoạch thi đua cấp Nhà nước) and their award standards as data: the
plan whose standards govern the state-level awards a province proposes (III.2.1 of
Bắc Kạn's plan: "Đối tượng, tiêu chuẩn, mức khen thực hiện theo Kế hoạch … của Thủ
tướng Chính phủ"). Administrators enter them on the plans screens; every write is
audited. ``STATE_PLAN_587`` is what the sources here say of Quyết định 587/QĐ-TTg:
the demo seeds it, its standards marked for the administrator to confirm."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .audit import log_action
from .models import StateAwardStandard, StatePlan, User
from .text import nfc

PLAN_FIELDS = ("name", "number", "issued_on", "issuer", "first_year", "last_year", "notes")
STANDARD_FIELDS = ("award", "authority", "kinds", "standard", "clause", "confirmed", "position")


class StatePlanError(ValueError):
    """A refused write: ``errors`` by field name ("__all__" for the whole form)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: nfc(v).strip() if isinstance(v, str) else v for k, v in values.items()}


def _plan_row(plan: StatePlan) -> dict[str, Any]:
    return {f: getattr(plan, f) for f in PLAN_FIELDS}


def _standard_row(standard: StateAwardStandard) -> dict[str, Any]:
    return {f: getattr(standard, f) for f in STANDARD_FIELDS}


def state_plan_for(year: int) -> StatePlan | None:
    """The national plan whose period holds ``year`` (the latest begun, if several)."""
    return (
        StatePlan.objects.filter(first_year__lte=year, last_year__gte=year)
        .order_by("-first_year", "code")
        .first()
    )


def state_plan_save(
    *, by: User, values: Mapping[str, Any], plan: StatePlan | None = None, code: str = ""
) -> StatePlan:
    """Create (``code``) or change (``plan``) a national plan's head."""
    values = _clean(values)
    errors: dict[str, str] = {}
    if values["first_year"] > values["last_year"]:
        errors["last_year"] = _("Năm cuối giai đoạn không được trước năm đầu.")
    if plan is None and StatePlan.objects.filter(code=code).exists():
        errors["code"] = _("Đã có kế hoạch mang mã này.")
    if errors:
        raise StatePlanError(errors)
    with transaction.atomic():
        if plan is None:
            plan = StatePlan.objects.create(code=code, **values)
            log_action(action="state_plan.created", obj=plan, by=by, after=_plan_row(plan))
            return plan
        before = _plan_row(plan)
        for field, value in values.items():
            setattr(plan, field, value)
        if _plan_row(plan) == before:
            return plan  # saved unchanged: nothing to write or to record
        plan.save()
        log_action(
            action="state_plan.changed", obj=plan, by=by, before=before, after=_plan_row(plan)
        )
    return plan


def state_standard_save(
    *,
    by: User | None,
    plan: StatePlan,
    values: Mapping[str, Any],
    standard: StateAwardStandard | None = None,
) -> StateAwardStandard:
    """Add (no ``standard``) or change one award standard of a national plan."""
    values = _clean(values)
    with transaction.atomic():
        if standard is None:
            standard = StateAwardStandard.objects.create(plan=plan, **values)
            log_action(
                action="state_standard.created",
                obj=standard,
                by=by,
                after=_standard_row(standard),
                details={"plan": plan.code},
            )
            return standard
        if standard.plan_id != plan.pk:
            raise StatePlanError({"__all__": _("Tiêu chuẩn không thuộc kế hoạch này.")})
        before = _standard_row(standard)
        for field, value in values.items():
            setattr(standard, field, value)
        if _standard_row(standard) == before:
            return standard  # saved unchanged: nothing to write or to record
        standard.save()
        log_action(
            action="state_standard.changed",
            obj=standard,
            by=by,
            before=before,
            after=_standard_row(standard),
            details={"plan": plan.code},
        )
    return standard


def state_standard_remove(*, by: User, standard: StateAwardStandard, reason: str = "") -> None:
    """Remove a standard no proposal names (one that a proposal names stays: its rows
    keep the award's words, and the standard is the record of what was asked for)."""
    if standard.proposals.exists():
        raise StatePlanError(
            {"__all__": _("Tiêu chuẩn đã được dùng trong đề nghị khen thưởng: không xoá được.")}
        )
    with transaction.atomic():
        log_action(
            action="state_standard.removed",
            obj=standard,
            by=by,
            before=_standard_row(standard),
            reason=reason,
            details={"plan": standard.plan.code},
        )
        standard.delete()


# What the sources here say of Quyết định 587/QĐ-TTg (18/5/2022): its number, date,
# issuer and period (../shared/domain/after-2025.md), and that a province's plan defers
# to it for the state level (III.2.1). Its award standards' text was not available: the
# awards named below are the Government's forms a province proposes, each marked
# unconfirmed, with the standard to be entered by the administrator from the decision.
STATE_PLAN_587: dict[str, Any] = {
    "code": "qd-587-2022",
    "name": (
        "Kế hoạch tổ chức thực hiện Phong trào thi đua “Cả nước chung sức xây dựng nông "
        "thôn mới” giai đoạn 2021 - 2025"
    ),
    "number": "587/QĐ-TTg",
    "issued_on": dt.date(2022, 5, 18),
    "issuer": "Thủ tướng Chính phủ",
    "first_year": 2021,
    "last_year": 2025,
    "notes": (
        "Số, ngày và giai đoạn theo Quyết định 587/QĐ-TTg. Nội dung tiêu chuẩn khen thưởng "
        "chưa được đối chiếu: quản trị viên nhập theo văn bản và hướng dẫn của Ban Thi đua - "
        "Khen thưởng Trung ương."
    ),
}
_TO_CONFIRM = (
    "Chưa đối chiếu: tiêu chuẩn theo Kế hoạch ban hành kèm theo Quyết định 587/QĐ-TTg và "
    "hướng dẫn của Ban Thi đua - Khen thưởng Trung ương; quản trị viên nhập nội dung từ văn bản."
)
STATE_STANDARDS_587: Sequence[dict[str, Any]] = (
    {
        "award": "Bằng khen của Thủ tướng Chính phủ",
        "authority": "Thủ tướng Chính phủ",
        "kinds": [],
        "standard": _TO_CONFIRM,
        "clause": "Kế hoạch ban hành kèm theo Quyết định 587/QĐ-TTg",
        "confirmed": False,
        "position": 1,
    },
    {
        "award": "Cờ thi đua của Chính phủ",
        "authority": "Thủ tướng Chính phủ",
        "kinds": ["commune", "district", "agency", "collective", "enterprise", "organization"],
        "standard": _TO_CONFIRM,
        "clause": "Kế hoạch ban hành kèm theo Quyết định 587/QĐ-TTg",
        "confirmed": False,
        "position": 2,
    },
)


def state_plan_587_load(*, by: User | None = None) -> StatePlan:
    """The national plan 2021–2025 and its standards as the sources here give them
    (idempotent: an administrator's later edits are kept)."""
    head = {k: v for k, v in STATE_PLAN_587.items() if k != "code"}
    with transaction.atomic():
        plan, created = StatePlan.objects.get_or_create(code=STATE_PLAN_587["code"], defaults=head)
        if created:
            log_action(action="state_plan.created", obj=plan, by=by, after=_plan_row(plan))
            for row in STATE_STANDARDS_587:
                state_standard_save(by=by, plan=plan, values=row)
    return plan

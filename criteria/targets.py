"""The plan's yearly targets (Kế hoạch 305/KH-UBND, section I.1) as data.

The province's targets per year: communes newly recognised NTM, advanced and model NTM,
villages of ĐBKK communes outside the roadmap, the mean number of criteria met, the
district-level units completing their NTM task. Administrators edit them on the progress
screens (``plan_target_save``); ``plan_targets_load`` writes the plan's own values. Every
change is a line of the audit log (``emulation.audit``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from communes.models import District
from emulation.audit import log_action, snapshot
from emulation.models import Plan, PlanTarget, User
from emulation.plans import plan_file, plan_own
from emulation.rules.plan import read_plan_file
from emulation.stale import StaleSave

VALUE_FIELDS = (
    "ntm_communes_added",
    "advanced_communes_added",
    "model_communes_added",
    "villages_added",
    "mean_criteria",
)
AUDIT_FIELDS = (*VALUE_FIELDS, "districts_completed")

PlanTargets = dict[int, tuple[int, int, int, int, Decimal, tuple[str, ...]]]


def plan_targets_of(plan: Plan | None = None) -> PlanTargets:
    """The province's yearly targets as the plan's file states them (its ``targets``
    without a district): year -> (NTM, advanced, model, villages, mean criteria,
    district-level units completing). The plan: the installation's current one."""
    plan = plan or plan_own()
    if plan is None:
        return {}
    path = plan_file(plan.code)
    if not path.exists():
        return {}
    out: PlanTargets = {}
    for t in read_plan_file(path).get("targets", ()):
        if t.get("district"):
            continue
        out[int(t["year"])] = (
            int(t.get("ntm_communes_added", 0)),
            int(t.get("advanced_communes_added", 0)),
            int(t.get("model_communes_added", 0)),
            int(t.get("villages_added", 0)),
            Decimal(str(t.get("mean_criteria") or 0)),
            tuple(t.get("districts_completed", ())),
        )
    return out


def _province_of(target: PlanTarget) -> str:
    return target.district.province_id if target.district else settings.PROVINCE_CODE


def _log(
    target: PlanTarget,
    *,
    action: str,
    by: User | None,
    before: dict[str, Any] | None,
    reason: str = "",
) -> None:
    after = snapshot(target, AUDIT_FIELDS)
    if before is not None and before == after:
        return
    log_action(
        action=action,
        obj=target,
        by=by,
        before=before,
        after=after,
        reason=reason,
        province=_province_of(target),
    )


STALE_MESSAGE = (
    "Chỉ tiêu này vừa được người khác lưu sau khi bạn mở trang; "
    "xem khác biệt dưới đây rồi lưu lại nếu vẫn muốn."
)


@transaction.atomic
def plan_target_save(
    *,
    plan: Plan | None = None,
    year: int,
    district: District | None,
    values: Mapping[str, Any],
    districts_completed: Iterable[District] | None = None,
    by: User | None,
    expected_version: int | None = None,
) -> PlanTarget:
    """Create or change one year's target (the province's when ``district`` is None).

    ``values`` holds the fields of ``VALUE_FIELDS``; ``districts_completed`` (the
    province's row only) None leaves them as they are. ``expected_version``: the version
    the form was opened on (0: no row yet); another save since raises
    :class:`emulation.stale.StaleSave` rather than silently undoing it.
    """
    plan = plan or plan_own()
    row = (
        PlanTarget.objects.select_for_update(of=("self",))
        .select_related("district")
        .filter(plan=plan, year=year, district=district)
        .first()
    )
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise StaleSave(STALE_MESSAGE, row)
    before = None if row is None else snapshot(row, AUDIT_FIELDS)
    if row is None:
        row = PlanTarget(plan=plan, year=year, district=district, version=0)
    stored = {name: getattr(row, name) for name in VALUE_FIELDS}
    for name in VALUE_FIELDS:
        if name in values:
            setattr(row, name, values[name])
    if before is not None and stored == {name: getattr(row, name) for name in VALUE_FIELDS}:
        chosen = None if districts_completed is None else {d.pk for d in districts_completed}
        if chosen is None or chosen == set(row.districts_completed.values_list("pk", flat=True)):
            return row  # saved as it was loaded: nothing changes
    row.version += 1
    row.updated_by = by
    row.save()
    if districts_completed is not None:
        row.districts_completed.set(list(districts_completed))
    _log(
        row,
        action="plan_target.created" if before is None else "plan_target.changed",
        by=by,
        before=before,
    )
    return row


@transaction.atomic
def plan_targets_load(
    *, reset: bool = False, by: User | None = None, plan: Plan | None = None
) -> int:
    """Create the province's yearly targets of the plan (default: the current plan) as
    its file states them; return how many rows changed.

    Idempotent: rows that exist are left as they are (an admin may have edited
    them) unless ``reset`` asks to restore the plan's values.
    """
    changed = 0
    plan = plan or plan_own()
    if plan is None:
        return 0
    targets = plan_targets_of(plan)
    codes = {c for *_, completing in targets.values() for c in completing}
    districts = {d.code: d for d in District.objects.filter(code__in=codes)}
    for year, (ntm, adv, model, villages, mean, completing) in targets.items():
        values = {
            "ntm_communes_added": ntm,
            "advanced_communes_added": adv,
            "model_communes_added": model,
            "villages_added": villages,
            "mean_criteria": mean,
        }
        row = PlanTarget.objects.filter(plan=plan, year=year, district__isnull=True).first()
        if row is None:
            row = PlanTarget.objects.create(
                plan=plan, year=year, district=None, updated_by=by, **values
            )
            row.districts_completed.set([districts[c] for c in completing if c in districts])
            _log(row, action="plan_target.loaded", by=by, before=None)
            changed += 1
        elif reset:
            dirty = any(getattr(row, k) != v for k, v in values.items())
            wanted = {c for c in completing if c in districts}
            have = set(row.districts_completed.values_list("code", flat=True))
            if dirty or wanted != have:
                before = snapshot(row, AUDIT_FIELDS)
                for k, v in values.items():
                    setattr(row, k, v)
                row.updated_by = by
                row.version += 1
                row.save()
                row.districts_completed.set([districts[c] for c in wanted])
                _log(
                    row,
                    action="plan_target.reset",
                    by=by,
                    before=before,
                    reason="Khôi phục giá trị của Kế hoạch (load_plan_targets --reset).",
                )
                changed += 1
    return changed

"""Rule sets in the database: which version is in force, changing it, comparing versions.

    ruleset_in_force(on=None, *, plan=None) -> RuleSetInForce (.version, .values, ...)
    ruleset_change(*, values, effective_from, reason, by, plan=None) -> RuleSet  (admins)

Rule sets are per plan (``RuleSet.plan``); ``plan`` None means the installation's current
plan (:func:`emulation.plans.plan_current`), read in the same query.

A change never rewrites a version: it adds the next one (the model and, on PostgreSQL,
a trigger refuse UPDATE and DELETE). Verdicts record the version they used
(Verdict.ruleset_version), so an old verdict can always be explained by its values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from emulation.money import format_vnd

from .audit import log_action
from .models import Plan, RuleSet, User
from .plans import plan_current, plan_current_id_subquery
from .rules import DEFAULT_VALUES, VALUE_SPECS, ValueSpec, default_plan, validate_values
from .stale import StaleSave


@dataclass(frozen=True)
class RuleSetInForce:
    version: int
    values: Mapping[str, Any]
    effective_from: dt.date
    record: RuleSet | None = None  # None only if the table is empty (then the plan's values)


def complete_values(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored version's values, with the plan's value for any key added since it was
    saved; keys retired since (the rounds' years, now the plan's) are left out."""
    return {**DEFAULT_VALUES, **{k: v for k, v in stored.items() if k in DEFAULT_VALUES}}


def _in_force(record: RuleSet) -> RuleSetInForce:
    return RuleSetInForce(
        version=record.version,
        values=complete_values(record.values),
        effective_from=record.effective_from,
        record=record,
    )


def _of_plan(plan: Plan | None) -> QuerySet[RuleSet]:
    if plan is not None:
        return RuleSet.objects.filter(plan=plan)
    return RuleSet.objects.filter(plan_id__in=plan_current_id_subquery())


def ruleset_in_force(on: dt.date | None = None, *, plan: Plan | None = None) -> RuleSetInForce:
    """The rule set of ``plan`` (default: the current plan) in force on ``on`` (default
    today): one query."""
    on = on or timezone.localdate()
    record = (
        _of_plan(plan)
        .filter(effective_from__lte=on)
        .select_related("created_by")
        .order_by("-effective_from", "-version")
        .first()
    )
    if record is None:
        return RuleSetInForce(
            version=1,
            values=dict(DEFAULT_VALUES),
            effective_from=dt.date(default_plan().first_year, 1, 1),
        )
    return _in_force(record)


def ruleset_get(version: int, *, plan: Plan | None = None) -> RuleSetInForce | None:
    record = _of_plan(plan).select_related("created_by").filter(version=version).first()
    return _in_force(record) if record else None


def ruleset_latest(*, plan: Plan | None = None) -> RuleSetInForce:
    """The newest version (which may take effect in the future): the base of an edit."""
    record = _of_plan(plan).select_related("created_by").order_by("-version").first()
    if record is None:
        return ruleset_in_force(plan=plan)
    return _in_force(record)


@dataclass(frozen=True)
class ValueChange:
    spec: ValueSpec
    old: Any
    new: Any

    @property
    def old_display(self) -> str:
        return display_value(self.spec, self.old)

    @property
    def new_display(self) -> str:
        return display_value(self.spec, self.new)


def display_value(spec: ValueSpec, value: Any) -> str:
    if value is None:
        return "—"
    if spec.kind == "vnd":
        return format_vnd(value)
    if spec.kind == "choice":
        return gettext(spec.choice_label(value))
    return str(value)


def values_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[ValueChange]:
    """The values that differ, in the order of VALUE_SPECS (a value a version does not
    store is the default it is read as: a value added since is no change)."""
    old, new = complete_values(old), complete_values(new)
    return [
        ValueChange(spec, old.get(spec.key), new.get(spec.key))
        for spec in VALUE_SPECS
        if old.get(spec.key) != new.get(spec.key)
    ]


STALE_MESSAGE = (
    "Bộ tiêu chuẩn vừa được lưu phiên bản mới sau khi bạn mở trang này; "
    "xem khác biệt dưới đây rồi sửa lại."
)


def ruleset_change(
    *,
    values: Mapping[str, Any],
    effective_from: dt.date,
    reason: str,
    by: User | AnonymousUser,
    plan: Plan | None = None,
    expected_version: int | None = None,
) -> RuleSet:
    """Save a new version of the rule set; the earlier ones stay as they were.

    Raises PermissionDenied unless ``by`` is an admin, ValidationError for invalid
    values, an empty reason or a change that changes nothing, and :class:`StaleSave`
    when ``expected_version`` (the version the form was opened on; 0 for none) is no
    longer the latest: another tab saved in between, and saving would undo its change.
    """
    if not isinstance(by, User) or not by.has_perm("emulation.manage_rulesets"):
        raise PermissionDenied
    full = complete_values(values)
    errors = validate_values(full)
    if errors:
        raise ValidationError(errors)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Ghi lý do thay đổi.")})
    plan = plan or plan_current()
    if plan is None:
        raise ValidationError(
            gettext("Chưa có kế hoạch thi đua nào: hãy nạp kế hoạch (load_plan).")
        )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                rows = RuleSet.objects.filter(plan=plan)
                latest = rows.select_for_update().order_by("-version").first()
                if (
                    expected_version is not None
                    and (latest.version if latest else 0) != expected_version
                ):
                    raise StaleSave(STALE_MESSAGE, latest)
                base = complete_values(latest.values) if latest else dict(DEFAULT_VALUES)
                if latest and base == full and latest.effective_from == effective_from:
                    raise ValidationError(gettext("Không có giá trị nào thay đổi."))
                number = (rows.aggregate(m=Max("version"))["m"] or 0) + 1
                record = RuleSet.objects.create(
                    plan=plan,
                    version=number,
                    effective_from=effective_from,
                    values=full,
                    reason=reason,
                    based_on=latest,
                    created_by=by,
                )
                log_action(
                    action="ruleset.created",
                    obj=record,
                    by=by,
                    before={
                        **base,
                        "effective_from": latest.effective_from if latest else None,
                        "version": latest.version if latest else None,
                    },
                    after={**full, "effective_from": effective_from, "version": number},
                    reason=reason,
                )
                return record
        except IntegrityError:  # two admins saving at once: take the next number
            continue
    raise ValidationError(gettext("Không lưu được phiên bản mới; hãy thử lại."))

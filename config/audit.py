"""The audit log as administrators read it ("Nhật ký thay đổi", /quan-tri/nhat-ky/).

    audit_entries(*, kind, object_text, actor, date_from, date_to) -> QuerySet[AuditEntry]
    present(entries) -> list[Line]      each entry with its labels, before → after and details

The log is written by ``emulation.audit.log_action`` in every app; this top floor knows
every app's models, so it turns stored keys and values back into words: a field's
verbose name and choices, a rule set value's label, dates as dd/mm/yyyy, a dossier's
history line as the dossier page shows it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.models import Commune, Village
from criteria.models import (
    Assessment,
    CapitalDebt,
    DistrictRecognition,
    Recognition,
    VillageRecognition,
)
from dossiers.documents.models import Signatory
from dossiers.models import Dossier, StateProposal
from dossiers.templatetags.dossier_tags import event_lines
from dossiers.workflow import event_label
from emulation.models import AuditEntry, PlanTarget, RuleSet, StateAwardStandard, StatePlan, User
from emulation.rules import SPECS_BY_KEY, VALUE_SPECS
from emulation.rulesets import display_value

# The kinds of object the log names, in the order of the filter's list.
AUDITED_MODELS: tuple[type[models.Model], ...] = (
    Dossier,
    Commune,
    Village,
    Assessment,
    Recognition,
    VillageRecognition,
    DistrictRecognition,
    CapitalDebt,
    PlanTarget,
    RuleSet,
    User,
    StatePlan,
    StateAwardStandard,
    StateProposal,
    Signatory,
)

ACTION_LABELS = {
    "commune.flags_changed": gettext_lazy("Sửa đặc điểm ĐBKK / lộ trình"),
    "village.imported": gettext_lazy("Nhập danh sách thôn"),
    "assessment.recorded": gettext_lazy("Ghi đánh giá tiêu chí"),
    "assessment.corrected": gettext_lazy("Đính chính đánh giá tiêu chí"),
    "assessment.imported": gettext_lazy("Nhập tệp Excel tiêu chí"),
    "recognition.recorded": gettext_lazy("Ghi quyết định công nhận xã"),
    "village_recognition.recorded": gettext_lazy("Ghi quyết định công nhận thôn"),
    "district_recognition.recorded": gettext_lazy("Ghi quyết định công nhận huyện"),
    "debt.set": gettext_lazy("Ghi nợ đọng XDCB"),
    "plan_target.created": gettext_lazy("Thêm chỉ tiêu kế hoạch"),
    "plan_target.changed": gettext_lazy("Sửa chỉ tiêu kế hoạch"),
    "plan_target.loaded": gettext_lazy("Nạp chỉ tiêu của Kế hoạch"),
    "plan_target.reset": gettext_lazy("Khôi phục chỉ tiêu của Kế hoạch"),
    "ruleset.created": gettext_lazy("Lưu phiên bản mới của bộ tiêu chuẩn"),
    "user.created": gettext_lazy("Tạo tài khoản"),
    "user.changed": gettext_lazy("Sửa tài khoản"),
    "state_plan.created": gettext_lazy("Thêm kế hoạch thi đua cấp Nhà nước"),
    "state_plan.changed": gettext_lazy("Sửa kế hoạch thi đua cấp Nhà nước"),
    "state_standard.created": gettext_lazy("Thêm tiêu chuẩn khen thưởng cấp Nhà nước"),
    "state_standard.changed": gettext_lazy("Sửa tiêu chuẩn khen thưởng cấp Nhà nước"),
    "state_standard.removed": gettext_lazy("Xoá tiêu chuẩn khen thưởng cấp Nhà nước"),
    "state_proposal.drafted": gettext_lazy("Lập dự thảo đề nghị khen thưởng cấp Nhà nước"),
    "state_proposal.entries": gettext_lazy("Sửa danh sách đề nghị khen thưởng cấp Nhà nước"),
    "state_proposal.sent": gettext_lazy("Gửi tờ trình đề nghị khen thưởng cấp Nhà nước"),
    "state_proposal.decided": gettext_lazy("Ghi kết quả khen thưởng cấp Nhà nước"),
    "signatory.created": gettext_lazy("Thêm người ký văn bản"),
    "signatory.changed": gettext_lazy("Sửa người ký văn bản"),
    "signatory.ended": gettext_lazy("Kết thúc thời gian ký của người ký"),
}

# Keys of ``details`` (and of before / after where they are not a model's fields).
DETAIL_LABELS = {
    "file": gettext_lazy("Tệp"),
    "rows": gettext_lazy("Số dòng"),
    "created": gettext_lazy("Tạo mới"),
    "updated": gettext_lazy("Cập nhật"),
    "unchanged": gettext_lazy("Không thay đổi"),
    "recorded": gettext_lazy("Ghi mới"),
    "corrected": gettext_lazy("Đính chính"),
    "communes": gettext_lazy("Mã các xã"),
    "year": gettext_lazy("Năm"),
    "replaces": gettext_lazy("Đính chính dòng số"),
}
# Fields whose model gives no Vietnamese name (verbose_name left to Django).
FIELD_LABELS = {
    "commune": gettext_lazy("Xã"),
    "criterion": gettext_lazy("Tiêu chí"),
    "village": gettext_lazy("Thôn"),
    "district": gettext_lazy("Huyện / thành phố"),
}


def kind_choices() -> list[tuple[str, str]]:
    return [(_kind_key(m), str(capfirst(m._meta.verbose_name))) for m in AUDITED_MODELS]


def _kind_key(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def content_type_of(kind: str) -> ContentType:
    """The content type of a key of ``kind_choices`` (cached by Django after the first)."""
    model = {_kind_key(m): m for m in AUDITED_MODELS}[kind]
    return ContentType.objects.get_for_model(model)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_entries(
    *,
    kind: str = "",
    object_text: str = "",
    actor: User | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The installation's province's lines, newest first, narrowed by the filters given.

    ``object_text`` is an object's id (exactly) or part of its label.
    """
    qs = AuditEntry.objects.filter(province_code=settings.PROVINCE_CODE)
    if kind:
        qs = qs.filter(content_type=content_type_of(kind))
    if object_text:
        qs = qs.filter(Q(object_id=object_text) | Q(object_label__icontains=object_text))
    if actor is not None:
        qs = qs.filter(actor=actor)
    if date_from is not None:
        qs = qs.filter(at__gte=_day_start(date_from))
    if date_to is not None:
        qs = qs.filter(at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return qs.select_related("actor", "content_type").order_by("-at", "-id")


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Line:
    entry: AuditEntry
    action: str
    kind: str
    kind_key: str
    changes: list[Change]
    details: list[str]


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    # a column or a many-to-many of the model itself, not a reverse relation
    return field if isinstance(field, models.Field) else None


def _date_text(value: str, *, with_time: bool) -> str:
    try:
        if with_time:
            moment = dt.datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "d/m/Y H:i")
        return date_format(dt.date.fromisoformat(value), "d/m/Y")
    except (TypeError, ValueError):
        return str(value)


def show_value(model: type[models.Model] | None, key: str, value: Any) -> str:
    """A stored value in words: "(trống)", "Có", a choice's label, 05/01/2024, 200.000.000 đ."""
    if value is None or value == "" or value == []:
        return _("(trống)")
    spec = SPECS_BY_KEY.get(key) if model is RuleSet else None
    if spec is not None:
        return display_value(spec, value)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    field = _field(model, key)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DecimalField):
        try:
            return number_format(Decimal(str(value)), use_l10n=True)  # 14,5
        except InvalidOperation:
            return str(value)
    if isinstance(field, models.DateTimeField):
        return _date_text(value, with_time=True)
    if isinstance(field, models.DateField):
        return _date_text(value, with_time=False)
    return str(value)


def key_label(model: type[models.Model] | None, key: str) -> str:
    spec = SPECS_BY_KEY.get(key) if model is RuleSet else None
    if spec is not None:
        return _(spec.label)
    field = _field(model, key)
    if field is not None and str(field.verbose_name) != field.name.replace("_", " "):
        return capfirst(str(field.verbose_name))
    return str(FIELD_LABELS.get(key) or DETAIL_LABELS.get(key) or key)


@functools.cache
def _key_order(model: type[models.Model] | None) -> dict[str, int]:
    """Keys in the order of the model's fields, a rule set's values in the admin screen's
    (PostgreSQL's jsonb keeps no order of its own)."""
    names = [f.name for f in model._meta.get_fields()] if model is not None else []
    if model is RuleSet:
        names += [spec.key for spec in VALUE_SPECS]
    names += list(DETAIL_LABELS)
    return {name: i for i, name in enumerate(names)}


def _ordered(keys, model) -> list[str]:
    order = _key_order(model)
    return sorted(dict.fromkeys(keys), key=lambda k: order.get(k, len(order)))


def _details(entry: AuditEntry, model) -> list[str]:
    details = entry.details or {}
    if entry.action.startswith("dossier."):
        event = SimpleNamespace(action=entry.action.removeprefix("dossier."), details=details)
        return event_lines(event)
    # the keys of details are not the object's fields: no model to look them up in
    return [
        f"{key_label(None, k)}: {show_value(None, k, details[k])}" for k in _ordered(details, None)
    ]


def _action_label(action: str) -> str:
    if action.startswith("dossier."):
        return _("Hồ sơ: %(a)s") % {"a": event_label(action.removeprefix("dossier."))}
    return str(ACTION_LABELS.get(action, action))


def present(entries) -> list[Line]:
    """The page's lines; no query (content types and actors come with the entries)."""
    lines = []
    for entry in entries:
        model = entry.content_type.model_class()
        keys = _ordered([*entry.before, *entry.after], model)
        changes = [
            Change(
                key_label(model, k),
                show_value(model, k, entry.before.get(k)) if entry.before else "",
                show_value(model, k, entry.after.get(k)),
            )
            for k in keys
        ]
        lines.append(
            Line(
                entry=entry,
                action=_action_label(entry.action),
                kind=capfirst(model._meta.verbose_name) if model else entry.content_type.model,
                kind_key=f"{entry.content_type.app_label}.{entry.content_type.model}",
                changes=changes,
                details=_details(entry, model),
            )
        )
    return lines

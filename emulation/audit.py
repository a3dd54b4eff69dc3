"""One audit log for every write a decision rests on (modelled on pretix's ``log_action``).

    log_action(*, action, obj, by, before=None, after=None, reason="", details=None,
               label=None, province=None) -> AuditEntry
    snapshot(instance, fields) -> dict        the fields' values, ready for before / after
    changed_values(before, after) -> (dict, dict)   only the keys whose values differ

Call ``log_action`` from the service that does the write, inside its transaction, after
the write succeeded: a refused or failed write then leaves no line, and a line never
outlives a rolled-back write. ``action`` is a short code, "<object>.<verb>"
(``commune.flags_changed``). ``obj`` is the instance written, or its model class when
one line stands for many rows (an import: ``details`` then gives the counts). ``by``
is the user, None for a management command. ``province`` is the province the object
belongs to (default the installation's ``PROVINCE_CODE``): the log page of an
installation shows its own province's lines only.

Values are stored as JSON as they read at write time: a related object as its name
(it may be renamed or deleted later), a date as ``YYYY-MM-DD``, a decimal as text.
Passwords are never passed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise

from .models import AuditEntry
from .text import nfc

LABEL_MAX = AuditEntry._meta.get_field("object_label").max_length


def _text(value: str) -> str:
    """NFC, without NUL (PostgreSQL refuses it in text and JSON; no person types it)."""
    return nfc(value).replace("\x00", "")


def jsonable(value: Any) -> Any:
    """A value as the log stores it (see the module's docstring)."""
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Promise):
        return _text(str(value))
    if isinstance(value, models.Model):
        return _text(str(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):  # 14.50 and 14.5 are one value: "14.5"
        return format(value.normalize(), "f")
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, FieldFile):
        return value.name or ""
    return _text(str(value))


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """``{field: value}`` of ``instance``; a foreign key reads as its object's name, a
    many-to-many field as the sorted names of its objects (one query each: prefetch)."""
    out: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            value = sorted(str(o) for o in getattr(instance, name).all()) if instance.pk else []
        else:
            value = getattr(instance, name)
        out[name] = jsonable(value)
    return out


def changed_values(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The keys whose values differ, from each side (a key missing on one side reads None)."""
    b, a = jsonable(dict(before)), jsonable(dict(after))
    keys = [k for k in {**b, **a} if b.get(k) != a.get(k)]
    return {k: b.get(k) for k in keys}, {k: a.get(k) for k in keys}


def log_action(
    *,
    action: str,
    obj: models.Model | type[models.Model],
    by=None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    details: Mapping[str, Any] | None = None,
    label: str | None = None,
    province: str | None = None,
) -> AuditEntry:
    """Write one line of the log; see the module's docstring.

    With both ``before`` and ``after`` (an update) only the keys that differ are kept.
    """
    if isinstance(obj, models.Model):
        model, object_id = type(obj), "" if obj.pk is None else str(obj.pk)
        label = str(obj) if label is None else label
    else:
        model, object_id = obj, ""
        label = str(model._meta.verbose_name_plural) if label is None else label
    if before is not None and after is not None:
        before, after = changed_values(before, after)
    actor = by if getattr(by, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id,
        object_label=_text(label).strip()[:LABEL_MAX],
        before=jsonable(dict(before or {})),
        after=jsonable(dict(after or {})),
        details=jsonable(dict(details or {})),
        reason=_text(reason or "").strip(),
        province_code=province or settings.PROVINCE_CODE,
    )

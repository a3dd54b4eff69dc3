"""The signatories of the installation's bodies, managed in the app by the province's
administrators (issue 15, part 2): list, create, edit, end of validity.

A signatory is data of one body (``body_key``, as :mod:`.bodies` names it): the UBND of
the province (and of its lineage: Bắc Kạn's, the merged Thái Nguyên's), of its districts
and commune-level units, and its provincial agencies. Another province's bodies are
neither listed nor editable here. A signatory is never deleted in the app: its validity
ends (``valid_to``), so the documents it signed keep their signer and a decision that
stored it still points to it (the foreign key protects it in the database too).

Every save raises ``version``; a form opened on an older version is refused
(:class:`emulation.stale.StaleSave`), and every change is in the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, F, Func, Q, QuerySet, Value
from django.utils.translation import gettext as _

from communes.models import Commune, District, Province
from emulation.audit import log_action, snapshot
from emulation.models import Agency, User
from emulation.permissions import is_admin
from emulation.provinces import installation_provinces
from emulation.stale import StaleSave
from emulation.text import nfc

from . import bodies
from .models import Signatory, SigningCapacity

FIELDS = (
    "body_key",
    "full_name",
    "title",
    "capacity",
    "head_title",
    "collective_name",
    "valid_from",
    "valid_to",
    "is_default",
)
UPPER = ("title", "head_title", "collective_name")  # printed in capitals
STALE_MESSAGE = (
    "Người ký này vừa được người khác lưu sau khi bạn mở trang; "
    "xem giá trị đang lưu dưới đây rồi lưu lại nếu vẫn muốn."
)


def signatory_bodies() -> dict[str, list[tuple[str, str]]]:
    """The installation's bodies that sign documents, by group: {group: [(key, name)]},
    each body once (a code held by two units over time names the later one). Four
    queries whatever the number of units."""
    provinces = list(Province.objects.filter(pk__in=installation_provinces()).order_by("code"))
    keys = [p.pk for p in provinces]
    committees: dict[str, str] = {}
    for province in provinces:
        committee = bodies.province_committee(province)
        committees[committee.key] = committee.name
    agencies = {
        f"agency:{a.code}": a.name for a in Agency.objects.of_installation().order_by("name")
    }
    districts = {
        f"district:{d.code}": f"UBND {d.get_kind_display().lower()} {d.name}"
        for d in District.objects.filter(province_id__in=keys).order_by("code")
    }
    communes: dict[str, str] = {}
    for c in Commune.objects.filter(province_id__in=keys).order_by("code", "valid_from"):
        communes[f"commune:{c.code}"] = f"{c.people_committee} ({c.code})"
    labels = _group_labels()
    return {
        labels["province"]: sorted(committees.items()),
        labels["agency"]: list(agencies.items()),
        labels["district"]: list(districts.items()),
        labels["commune"]: list(communes.items()),
    }


def body_names(groups: Mapping[str, list[tuple[str, str]]]) -> dict[str, str]:
    return {key: name for items in groups.values() for key, name in items}


def _split_key(key: str) -> tuple[str, str]:
    kind, _sep, code = key.partition(":")
    return kind, code


def body_names_of(keys: Iterable[str]) -> dict[str, str]:
    """The names of the installation's bodies among ``keys`` (as :func:`signatory_bodies`
    names them); a key of no body of the installation is left out. At most four queries,
    whatever the size of the province: only the bodies asked for are read."""
    wanted: dict[str, set[str]] = {}
    for key in keys:
        kind, code = _split_key(key)
        wanted.setdefault(kind, set()).add(code)
    names: dict[str, str] = {}
    provinces = installation_provinces()
    if wanted.get("province"):
        for province in Province.objects.filter(
            pk__in=provinces, code__in=wanted["province"]
        ).order_by("code"):
            committee = bodies.province_committee(province)
            names[committee.key] = committee.name
    if wanted.get("agency"):
        for agency in Agency.objects.of_installation().filter(code__in=wanted["agency"]):
            names[f"agency:{agency.code}"] = agency.name
    if wanted.get("district"):
        for d in District.objects.filter(province_id__in=provinces, code__in=wanted["district"]):
            names[f"district:{d.code}"] = f"UBND {d.get_kind_display().lower()} {d.name}"
    if wanted.get("commune"):
        for c in Commune.objects.filter(
            province_id__in=provinces, code__in=wanted["commune"]
        ).order_by("code", "valid_from"):
            names[f"commune:{c.code}"] = f"{c.people_committee} ({c.code})"
    return names


def _of_installation() -> Q:
    """The signatories whose body is one of the installation's, decided in the database
    (one query, whatever the number of the province's units): the body key's kind and
    code against the province's own rows."""
    provinces = installation_provinces()
    codes = Province.objects.filter(pk__in=provinces).values("code")
    return (
        Q(_body_kind="province", _body_code__in=codes)
        | Q(
            _body_kind="agency",
            _body_code__in=Agency.objects.of_installation().values("code"),
        )
        | Q(
            _body_kind="district",
            _body_code__in=District.objects.filter(province_id__in=provinces).values("code"),
        )
        | Q(
            _body_kind="commune",
            _body_code__in=Commune.objects.filter(province_id__in=provinces).values("code"),
        )
    )


def signatories_visible_to(user: User, keys: list[str] | None = None) -> QuerySet[Signatory]:
    """The signatories an administrator of the installation manages (of its bodies,
    ``keys`` when already read); nobody else's."""
    if not is_admin(user):
        return Signatory.objects.none()
    if keys is not None:
        return Signatory.objects.filter(body_key__in=keys)
    return Signatory.objects.annotate(
        _body_kind=Func(
            F("body_key"), Value(":"), Value(1), function="split_part", output_field=CharField()
        ),
        _body_code=Func(
            F("body_key"), Value(":"), Value(2), function="split_part", output_field=CharField()
        ),
    ).filter(_of_installation())


def _group_labels() -> dict[str, str]:
    """The picker's group of each kind of body, in the order they are listed."""
    return {
        "province": _("Ủy ban nhân dân tỉnh"),
        "agency": _("Cơ quan, đơn vị cấp tỉnh"),
        "district": _("Ủy ban nhân dân cấp huyện"),
        "commune": _("Ủy ban nhân dân cấp xã"),
    }


def signed_bodies(signatories: QuerySet[Signatory]) -> dict[str, list[tuple[str, str]]]:
    """The bodies that have a signatory among ``signatories``, grouped as
    :func:`signatory_bodies` groups them: the list page's choice of body, as long as the
    bodies with signatories, not as the province's units."""
    keys = signatories.order_by().values_list("body_key", flat=True).distinct()
    labels = _group_labels()
    groups: dict[str, list[tuple[str, str]]] = {label: [] for label in labels.values()}
    for key, name in body_names_of(list(keys)).items():
        groups[labels[_split_key(key)[0]]].append((key, name))
    return {
        label: sorted(items, key=lambda item: item[1]) for label, items in groups.items() if items
    }


def _require_admin(by: User) -> None:
    if not is_admin(by):
        raise PermissionDenied(_("Chỉ quản trị viên của tỉnh quản lý người ký văn bản."))


def _cleaned(values: Mapping[str, Any], keys: set[str]) -> dict[str, Any]:
    out = {name: values.get(name) for name in FIELDS}
    for name in ("full_name", *UPPER):
        out[name] = " ".join(nfc(out[name] or "").split())
    for name in UPPER:
        out[name] = str(out[name]).upper()
    out["is_default"] = bool(out["is_default"])
    errors: dict[str, str] = {}
    if out["body_key"] not in keys:
        errors["body_key"] = _("Chọn một cơ quan của tỉnh.")
    if out["capacity"] not in SigningCapacity.values:
        errors["capacity"] = _("Chọn hình thức ký.")
    for name in ("full_name", "title", "head_title"):
        if not out[name]:
            errors[name] = _("Trường này là bắt buộc.")
    start, end = out["valid_from"], out["valid_to"]
    if start and end and end < start:
        errors["valid_to"] = _("Ngày kết thúc không được trước ngày bắt đầu ký.")
    if errors:
        raise ValidationError(errors)
    return out


def _log(row: Signatory, *, action: str, by: User, before: dict | None, reason: str = "") -> None:
    log_action(
        action=action,
        obj=row,
        by=by,
        before=before,
        after=snapshot(row, FIELDS),
        reason=reason,
        province=settings.PROVINCE_CODE,
    )


@transaction.atomic
def signatory_save(
    *,
    by: User,
    values: Mapping[str, Any],
    signatory: Signatory | None = None,
    expected_version: int | None = None,
) -> Signatory:
    """Create a signatory (``signatory`` None) or change one of the installation's.
    ``values``: the fields of :data:`FIELDS`; refused (``ValidationError`` by field)
    for another province's body or an end before the start; :class:`StaleSave` when
    saved since ``expected_version`` was read. Saved as it was loaded: nothing changes."""
    _require_admin(by)
    asked = [str(values.get("body_key") or "")]
    if signatory is not None:
        row = Signatory.objects.select_for_update().get(pk=signatory.pk)
        asked.append(row.body_key)
    keys = set(body_names_of(asked))
    if signatory is not None:
        if row.body_key not in keys:
            raise PermissionDenied
        if expected_version is not None and row.version != expected_version:
            raise StaleSave(STALE_MESSAGE, row)
    cleaned = _cleaned(values, keys)
    if signatory is None:
        row = Signatory(**cleaned)
        row.save()
        _log(row, action="signatory.created", by=by, before=None)
        return row
    before = snapshot(row, FIELDS)
    for name, value in cleaned.items():
        setattr(row, name, value)
    if snapshot(row, FIELDS) == before:
        return row
    row.version += 1
    row.save()
    _log(row, action="signatory.changed", by=by, before=before)
    return row


@transaction.atomic
def signatory_end(
    *, signatory: Signatory, by: User, last_day: dt.date | None, expected_version: int
) -> Signatory:
    """End a signatory's validity: they sign no document dated after ``last_day``. The
    row stays (the documents they signed keep their signer)."""
    _require_admin(by)
    row = Signatory.objects.select_for_update().get(pk=signatory.pk)
    if row.body_key not in body_names_of([row.body_key]):
        raise PermissionDenied
    if row.version != expected_version:
        raise StaleSave(STALE_MESSAGE, row)
    if last_day is None:
        raise ValidationError({"last_day": _("Nhập ngày cuối cùng được ký.")})
    if row.valid_from and last_day < row.valid_from:
        raise ValidationError(
            {"last_day": _("Ngày cuối không được trước ngày bắt đầu ký (%(d)s).")
             % {"d": f"{row.valid_from:%d/%m/%Y}"}}
        )  # fmt: skip
    if row.valid_to is not None and row.valid_to <= last_day:
        raise ValidationError(
            {"last_day": _("Người ký này đã hết thời gian ký từ sau ngày %(d)s.")
             % {"d": f"{row.valid_to:%d/%m/%Y}"}}
        )  # fmt: skip
    before = snapshot(row, FIELDS)
    row.valid_to = last_day
    row.version += 1
    row.save()
    _log(row, action="signatory.ended", by=by, before=before)
    return row

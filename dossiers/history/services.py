"""Recording the awards lower levels make under their own authority (plan III.2.2.d):
one typed in (:func:`lower_award_record`) or many from a workbook
(:func:`lower_awards_import`, all rows or none). The issuer is always the user's own
unit (district, commune or agency); a name the same issuer already awarded the same form
that year (compared folded: accents, case, zero-width characters and spaces aside) is
refused as a duplicate. Every write leaves an audit line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.audit import log_action
from emulation.models import User
from emulation.text import ControlCharacter, clean_text, fold
from emulation.workbooks import WorkbookRefused, read_date, read_text, workbook_rows

from .models import AwardForm, LowerLevelAward, RecipientKind, Source

MAX_ROWS = 2000
# the movement's first year (Bắc Kạn's plan 2021–2025): awards before it are not its own
FIRST_YEAR = 2021
# the import template's columns, in order (header labels are compared folded)
IMPORT_COLUMNS = (
    ("name", "Tên tập thể, cá nhân"),
    ("recipient_kind", "Loại (tập thể/cá nhân/hộ gia đình/tổ chức)"),
    ("unit", "Đơn vị công tác, địa chỉ"),
    ("award_form", "Hình thức khen (Giấy khen/khác)"),
    ("decision_number", "Số quyết định"),
    ("decision_date", "Ngày quyết định (dd/mm/yyyy)"),
    ("achievement", "Thành tích"),
)
FIELDS = tuple(name for name, _label in IMPORT_COLUMNS)


class LowerAwardError(Exception):
    """Refused input: {field: message}."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


def issuer_of(user: User) -> dict[str, Any]:
    """The user's own unit as the issuer's fields; refused for anyone else."""
    if not user.has_perm("history.record_lower_award"):
        raise LowerAwardError(
            {
                "__all__": _(
                    "Chỉ cán bộ của cơ quan, UBND cấp huyện, cấp xã ghi khen thưởng do đơn vị "
                    "mình quyết định."
                )
            }
        )
    if user.district_id:
        return {"issuer_district": user.district}
    if user.commune_id:
        return {"issuer_commune": user.commune}
    return {"issuer_agency": user.agency}


def _clean(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name in ("name", "unit", "decision_number", "achievement"):
        try:
            out[name] = clean_text(data.get(name) or "").strip()
        except ControlCharacter as exc:
            errors[name] = str(exc)
            out[name] = ""
    if not out["name"]:
        errors.setdefault("name", _("Nhập tên tập thể, cá nhân được khen."))
    if not out["decision_number"]:
        errors.setdefault("decision_number", _("Nhập số quyết định khen thưởng."))
    limits = {"name": 255, "unit": 255, "decision_number": 50}
    for name, limit in limits.items():
        if len(out[name]) > limit:
            errors[name] = _("Không quá %(n)s ký tự.") % {"n": limit}
    kind = data.get("recipient_kind") or ""
    if kind not in RecipientKind.values:
        errors["recipient_kind"] = _("Chọn loại đối tượng.")
    out["recipient_kind"] = kind
    form = data.get("award_form") or AwardForm.GIAY_KHEN
    if form not in AwardForm.values:
        errors["award_form"] = _("Chọn hình thức khen.")
    out["award_form"] = form
    day = data.get("decision_date")
    if not isinstance(day, dt.date):
        errors["decision_date"] = _("Nhập ngày quyết định (dd/mm/yyyy).")
    elif day > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
    elif day.year < FIRST_YEAR:
        errors["decision_date"] = _(
            "Ngày quyết định phải từ năm %(y)s (phong trào thi đua bắt đầu từ năm đó)."
        ) % {"y": FIRST_YEAR}
    out["decision_date"] = day
    return out, errors


def _duplicate(issuer: Mapping[str, Any], values: Mapping[str, Any]) -> LowerLevelAward | None:
    probe = LowerLevelAward(**issuer, **values)
    probe.fill_derived()
    return LowerLevelAward.objects.filter(
        issuer_key=probe.issuer_key,
        year=probe.year,
        award_form=probe.award_form,
        name_key=probe.name_key,
    ).first()


def _duplicate_message(other: LowerLevelAward) -> str:
    return _(
        "%(name)s đã được ghi khen cùng hình thức trong năm %(y)s (Quyết định số %(q)s ngày %(d)s)."
    ) % {
        "name": other.name,
        "y": other.year,
        "q": other.decision_number,
        "d": other.decision_date.strftime("%d/%m/%Y"),
    }


@transaction.atomic
def lower_award_record(*, by: User, data: Mapping[str, Any]) -> LowerLevelAward:
    """Record one award of the user's own unit; :class:`LowerAwardError` beside the fields."""
    issuer = issuer_of(by)
    values, errors = _clean(data)
    if errors:
        raise LowerAwardError(errors)
    if other := _duplicate(issuer, values):
        raise LowerAwardError({"name": _duplicate_message(other)})
    award = LowerLevelAward(**issuer, **values, source=Source.FORM, created_by=by)
    award.save()
    log_action(
        action="lower_award.created",
        obj=award,
        by=by,
        after={f: getattr(award, f) for f in FIELDS},
        province=award.province_id,
    )
    return award


@dataclass
class ImportResult:
    created: int = 0
    # (row number in the file, 0 for the file itself; message)
    errors: list[tuple[int, str]] = field(default_factory=list)


_KINDS = {fold(str(label)): value for value, label in RecipientKind.choices} | {
    "to chuc": RecipientKind.ORGANIZATION.value,
    "doanh nghiep": RecipientKind.ORGANIZATION.value,
    "ho": RecipientKind.HOUSEHOLD.value,
}
_FORMS = {fold(str(label)): value for value, label in AwardForm.choices} | {
    "": AwardForm.GIAY_KHEN.value,
    "khac": AwardForm.OTHER.value,
}


@transaction.atomic
def lower_awards_import(*, by: User, data: bytes) -> ImportResult:
    """Record every row of an uploaded workbook (the template's columns, at most
    :data:`MAX_ROWS` rows, read within bounds), or none when any row is refused."""
    issuer = issuer_of(by)
    result = ImportResult()
    try:
        table = list(workbook_rows(data, max_rows=MAX_ROWS + 2, max_cols=len(IMPORT_COLUMNS)))
    except WorkbookRefused as exc:
        result.errors.append((0, str(exc)))
        return result
    except Exception:  # noqa: BLE001 - any unreadable file gets one clear message
        result.errors.append((0, _("Không đọc được tệp. Dùng tệp Excel (.xlsx) theo mẫu.")))
        return result
    if not table:
        result.errors.append((0, _("Tệp không có dữ liệu.")))
        return result
    header = [fold(read_text(h)) for h in table[0]]
    if header[:2] != [fold(label) for _n, label in IMPORT_COLUMNS[:2]]:
        result.errors.append(
            (
                1,
                _("Dòng tiêu đề phải là: %(h)s")
                % {"h": ", ".join(label for _n, label in IMPORT_COLUMNS)},
            )
        )
        return result
    if len(table) > MAX_ROWS + 1:
        result.errors.append((0, _("Tệp quá %(n)s dòng; hãy chia nhỏ.") % {"n": MAX_ROWS}))
        return result
    probe = LowerLevelAward(**issuer)
    probe.name, probe.decision_date = "", timezone.localdate()
    probe.fill_derived()
    # what the issuer already recorded: one query, whatever the file's length
    stored = {
        (key, form, year): (number, day)
        for key, form, year, number, day in LowerLevelAward.objects.filter(
            issuer_key=probe.issuer_key
        ).values_list("name_key", "award_form", "year", "decision_number", "decision_date")
    }
    seen: dict[tuple[str, str, int], int] = {}
    awards = []
    for number, cells in enumerate(table[1:], start=2):
        if all(read_text(c) == "" for c in cells):
            continue
        raw = dict(zip(FIELDS, cells, strict=True))
        row = {
            "name": read_text(raw["name"]),
            "recipient_kind": _KINDS.get(fold(read_text(raw["recipient_kind"])), "?"),
            "unit": read_text(raw["unit"]),
            "award_form": _FORMS.get(fold(read_text(raw["award_form"])), "?"),
            "decision_number": read_text(raw["decision_number"]),
            "decision_date": read_date(raw["decision_date"]),
            "achievement": read_text(raw["achievement"]),
        }
        values, errors = _clean(row)
        if not errors:
            key = (fold(values["name"]), values["award_form"], values["decision_date"].year)
            if key in seen:
                errors["name"] = _("Trùng với dòng %(n)s của tệp.") % {"n": seen[key]}
            elif key in stored:
                number_before, day_before = stored[key]
                errors["name"] = _duplicate_message(
                    LowerLevelAward(
                        name=values["name"],
                        year=key[2],
                        decision_number=number_before,
                        decision_date=day_before,
                    )
                )
            seen.setdefault(key, number)
        for message in errors.values():
            result.errors.append((number, message))
        if not errors:
            award = LowerLevelAward(**issuer, **values, source=Source.IMPORT, created_by=by)
            award.fill_derived()
            awards.append(award)
    if result.errors:
        return result
    if not awards:
        result.errors.append((0, _("Tệp không có dòng dữ liệu nào.")))
        return result
    LowerLevelAward.objects.bulk_create(awards)
    result.created = len(awards)
    log_action(
        action="lower_award.imported",
        obj=LowerLevelAward,
        by=by,
        details={"rows": len(awards), "issuer": awards[0].issuer_key},
        province=awards[0].province_id,
    )
    return result

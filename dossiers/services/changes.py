"""What changed in a dossier between two moments (e.g. since it was returned).

A snapshot is plain JSON of the parts a proposer can change: the header, each
nominee's fields and the attached files (by checksum). The return transition stores
one; the resubmission compares it with the dossier as resubmitted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from emulation.money import format_vnd

from ..models import Attachment, AttachmentKind, Dossier, Nominee, NomineeKind

HEADER_FIELDS = ("year", "document_number", "document_date", "summary")
NOMINEE_FIELDS = (
    "kind",
    "title",
    "name",
    "commune_id",
    "village_id",
    "district_id",
    "agency_id",
    "job_title",
    "address",
    "tax_code",
    "achievements",
    "infrastructure_value",
    "contribution_value",
    "mobilized_value",
    "own_land_asset_value",
)
MONEY_FIELDS = {
    "infrastructure_value",
    "contribution_value",
    "mobilized_value",
    "own_land_asset_value",
}


def _label(model: type[models.Model], field: str) -> str:
    name = field.removesuffix("_id")
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # the compared fields are the model's own
    return str(model_field.verbose_name)


def _show(field: str, value: Any) -> str:
    if value is None or value == "":
        return _("(trống)")
    if field in MONEY_FIELDS:
        return format_vnd(value)
    if field == "kind":
        return str(NomineeKind(value).label)
    if field == "document_date":
        y, m, d = str(value).split("-")
        return f"{d}/{m}/{y}"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def snapshot(
    dossier: Dossier,
    nominees: Iterable[Nominee] | None = None,
    attachments: Iterable[Attachment] | None = None,
) -> dict[str, Any]:
    nominees = list(dossier.nominees.all() if nominees is None else nominees)
    attachments = list(dossier.attachments.all() if attachments is None else attachments)
    return {
        "header": {
            f: (str(getattr(dossier, f)) if getattr(dossier, f) is not None else None)
            for f in HEADER_FIELDS
        },
        "nominees": {str(n.pk): {f: getattr(n, f) for f in NOMINEE_FIELDS} for n in nominees},
        "attachments": {
            str(a.pk): {
                "name": a.original_name,
                "kind": a.kind,
                "nominee": a.nominee_id,
                "sha256": a.sha256,
            }
            for a in attachments
        },
    }


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, str]]:
    """Human lines: [{"what": ..., "change": ...}] in Vietnamese, header first."""
    lines: list[dict[str, str]] = []
    for field in HEADER_FIELDS:
        a, b = old.get("header", {}).get(field), new.get("header", {}).get(field)
        if a != b:
            lines.append(
                {
                    "what": _label(Dossier, field),
                    "change": f"{_show(field, a)} → {_show(field, b)}",
                }
            )
    old_n, new_n = old.get("nominees", {}), new.get("nominees", {})
    for pk, values in new_n.items():
        if pk not in old_n:
            lines.append({"what": values["name"], "change": _("thêm mới vào hồ sơ")})
            continue
        for field in NOMINEE_FIELDS:
            a, b = old_n[pk].get(field), values.get(field)
            if a != b:
                lines.append(
                    {
                        "what": f"{values['name']} — {_label(Nominee, field)}",
                        "change": f"{_show(field, a)} → {_show(field, b)}",
                    }
                )
    for pk, values in old_n.items():
        if pk not in new_n:
            lines.append({"what": values["name"], "change": _("bỏ khỏi hồ sơ")})
    old_a, new_a = old.get("attachments", {}), new.get("attachments", {})
    old_sums = {v["sha256"] for v in old_a.values()}
    new_sums = {v["sha256"] for v in new_a.values()}
    for values in new_a.values():
        if values["sha256"] not in old_sums:
            kind = AttachmentKind(values["kind"]).label
            lines.append(
                {
                    "what": _("Tài liệu: %(k)s") % {"k": kind},
                    "change": _("đã thêm %(n)s") % {"n": values["name"]},
                }
            )
    for values in old_a.values():
        if values["sha256"] not in new_sums:
            kind = AttachmentKind(values["kind"]).label
            lines.append(
                {
                    "what": _("Tài liệu: %(k)s") % {"k": kind},
                    "change": _("đã gỡ %(n)s") % {"n": values["name"]},
                }
            )
    return lines

"""Template helpers of the dossier screens: {% load dossier_tags %}."""

import datetime as dt

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dossiers.legal import LegalBasisCode
from dossiers.models import AttachmentKind, RestrictionKind
from dossiers.verdicts import SETTLE_FIELDS
from dossiers.workflow import event_label as label
from eligibility.successors import reading_label
from emulation.labels import level_text as _level_text
from emulation.labels import title_label as _title_label

register = template.Library()

STATUS_TONES = {
    "draft": "secondary",
    "submitted": "info",
    "received": "primary",
    "appraised": "primary",
    "approved": "success",
    "decided": "success",
    "returned": "warning",
    "withdrawn": "dark",
}


@register.filter
def title_label(code: str) -> str:
    return _title_label(code)


@register.filter
def level_text(code: str) -> str:
    return _level_text(code)


@register.filter
def successor_reading(code: str) -> str:
    """The rule set's reading for a unit formed during the plan, as people read it."""
    return _(reading_label(code))


@register.filter
def status_tone(status: str) -> str:
    return STATUS_TONES.get(status, "secondary")


@register.filter
def verdict_tone(eligible) -> str:
    return {True: "success", False: "danger"}.get(eligible, "warning")


@register.inclusion_tag("dossiers/_status.html")
def status_badge(dossier):
    return {"status": dossier.status, "label": dossier.get_status_display()}


@register.filter
def field_of(form, name: str):
    return form[name]


@register.filter
def event_label(action: str) -> str:
    return label(action)


def _dmy(iso: str | None) -> str:
    """An ISO date of a history line as dd/mm/yyyy."""
    try:
        return dt.date.fromisoformat(iso or "").strftime("%d/%m/%Y")
    except ValueError:
        return ""


@register.filter
def event_lines(event) -> list[str]:
    """The details of a history line as short Vietnamese sentences."""
    d = event.details or {}
    lines: list[str] = []
    if event.action in ("nominee_add", "nominee_remove", "nominee_restore") and d.get("name"):
        lines.append(d["name"])
    if event.action in ("attachment_add", "attachment_remove", "attachment_restore") and d.get(
        "name"
    ):
        kind = AttachmentKind(d["kind"]).label if d.get("kind") in AttachmentKind.values else ""
        lines.append(f"{kind}: {d['name']}" if kind else d["name"])
    if d.get("state_entries"):
        lines.extend(_state_lines(event.action, d))
    if event.action == "restriction":
        lines.append(
            _("%(n)s: %(k)s từ ngày %(d)s — %(doc)s")
            % {
                "n": d.get("name", ""),
                "k": RestrictionKind(d["kind"]).label
                if d.get("kind") in RestrictionKind.values
                else "",
                "d": _dmy(d.get("since")),
                "doc": d.get("document", ""),
            }
        )
    if event.action == "attest":
        verdict = _("Đạt") if d.get("attested") else _("Không đạt")
        lines.append(f"{d.get('name', '')}: {verdict}")
    for item in d.get("changes", []) or []:
        lines.append(f"{item['what']}: {item['change']}")
    for item in d.get("comments", []) or []:
        lines.append(_("Yêu cầu bổ sung — %(n)s: %(t)s") % {"n": item["name"], "t": item["text"]})
    for item in d.get("notes", []) or []:
        lines.append(_("Ý kiến thẩm định — %(n)s: %(t)s") % {"n": item["name"], "t": item["text"]})
    for item in d.get("disagreements", []) or []:
        lines.append(
            _("Không thống nhất — %(n)s: %(r)s") % {"n": item["name"], "r": item["reason"]}
        )
    for item in d.get("settled", []) or []:
        spec = SETTLE_FIELDS.get(item.get("fact", ""))
        if spec is not None:
            answer = dict(spec.choices).get(item.get("value"), "")
            lines.append(
                _("Xác nhận số liệu — %(n)s: %(f)s: %(v)s")
                % {"n": item["name"], "f": spec.label, "v": answer}
            )
    if d.get("decision_number"):
        lines.append(_("Quyết định số %(q)s") % {"q": d["decision_number"]})
    for item in d.get("corrections", []) or []:
        if item.get("field") == "name":
            lines.append(
                _("Đính chính tên: %(b)s → %(a)s") % {"b": item["before"], "a": item["after"]}
            )
        else:
            lines.append(
                (_("%(n)s: khen thưởng") if item.get("after") else _("%(n)s: không khen thưởng"))
                % {"n": item.get("name", "")}
            )
    for item in d.get("overrides", []) or []:
        lines.append(
            _("Đề nghị khen thưởng dù chưa đạt tiêu chuẩn — %(n)s: %(r)s")
            % {"n": item["name"], "r": item["reason"]}
        )
    for item in d.get("outcomes", []) or []:
        if item.get("awarded") and item.get("override"):
            lines.append(
                _("%(n)s: khen thưởng dù chưa đạt tiêu chuẩn — %(r)s")
                % {"n": item["name"], "r": item["override"]}
            )
        elif item.get("awarded"):
            lines.append(_("%(n)s: khen thưởng") % {"n": item["name"]})
        else:
            lines.append(
                _("%(n)s: không khen thưởng — %(r)s") % {"n": item["name"], "r": item["reason"]}
            )
    return lines


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, [])


@register.filter
def priority(nominee, dossier) -> str:
    """The priority of Nghị định 152/2025/NĐ-CP, Điều 4, shown to reviewers for dossiers
    under it: women, and collectives at least 70 % women; "" otherwise."""
    if dossier.legal_basis != LegalBasisCode.ND152_2025:
        return ""
    if nominee.is_female:
        return _("Ưu tiên: nữ (Điều 4 Nghị định 152/2025/NĐ-CP)")
    if nominee.women_share is not None and nominee.women_share >= 70:
        return _("Ưu tiên: tập thể có %(p)s%% nữ (Điều 4 Nghị định 152/2025/NĐ-CP)") % {
            "p": nominee.women_share
        }
    return ""


@register.filter
def maternity_reading(nominee, dossier) -> str:
    """How Nghị định 152/2025/NĐ-CP, Điều 4 ("thời gian nghỉ chế độ thai sản được tính
    …") reads under this plan, shown to reviewers beside a woman's verdict for dossiers
    under it: none of the plan's standards counts a period (years of work or of
    contribution, consecutive years), so maternity leave changes no verdict."""
    if dossier.legal_basis != LegalBasisCode.ND152_2025 or not nominee.is_female:
        return ""
    return _(
        "Thời gian nghỉ chế độ thai sản được tính như thời gian công tác (Điều 4 Nghị định "
        "152/2025/NĐ-CP). Các tiêu chuẩn của kế hoạch không tính theo số năm công tác hay "
        "số năm liên tục, nên thời gian nghỉ thai sản không làm thay đổi kết quả xét."
    )


def _state_lines(action: str, d: dict) -> list[str]:
    """A state-level proposal's line in a nominee's dossier (III.2.1): the tờ trình, the
    centre's decision, each nominee with the award proposed and its outcome."""
    lines: list[str] = []
    if d.get("letter_number"):
        lines.append(
            _("Tờ trình số %(n)s ngày %(d)s của Ủy ban nhân dân tỉnh")
            % {"n": d["letter_number"], "d": _dmy(d.get("letter_date"))}
        )
    if d.get("central_number"):
        lines.append(
            _("Quyết định số %(n)s ngày %(d)s của %(a)s")
            % {"n": d["central_number"], "d": _dmy(d.get("central_date")), "a": d.get("authority")}
        )
    for item in d["state_entries"]:
        if action == "state_decide" and item.get("awarded"):
            lines.append(_("%(n)s: được tặng %(a)s") % {"n": item["name"], "a": item["award"]})
        elif action == "state_decide":
            lines.append(
                _("%(n)s: không được tặng %(a)s — %(r)s")
                % {"n": item["name"], "a": item["award"], "r": item.get("reason", "")}
            )
        else:
            lines.append(_("%(n)s: đề nghị %(a)s") % {"n": item["name"], "a": item["award"]})
    return lines


STATE_ACTIONS = {
    "state_proposal.drafted": _lazy("Lập dự thảo đề nghị"),
    "state_proposal.entries": _lazy("Sửa danh sách đề nghị"),
    "state_proposal.sent": _lazy("Gửi tờ trình đề nghị khen thưởng cấp Nhà nước"),
    "state_proposal.decided": _lazy("Ghi kết quả của Trung ương"),
}


@register.filter
def state_action_label(action: str) -> str:
    return str(STATE_ACTIONS.get(action, action))

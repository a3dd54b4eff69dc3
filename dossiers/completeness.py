"""What a dossier needs before it can be submitted (section IV.1), and what it lacks.

Annual round (IV.1.1): the proposing level's proposal letter, a summary of each
nominee's achievements, the minutes of the district's HĐ TĐKT meeting.
Mid-term and final (IV.1.2): the proposal letter *with the list of nominees*, each
nominee's achievement report in the form of the decree that governs the dossier,
certified by the proposing level, and the minutes of the proposing level's HĐ TĐKT.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.rules.types import Round

from .models import Attachment, AttachmentKind, Dossier, Nominee


@dataclass
class ChecklistItem:
    """One document of section IV.1 and the files that fulfil it.

    ``print_url``: the app makes a draft of it from the dossier. ``must_sign``: the plan
    wants the original (signed, stamped, certified): the draft is printed, signed, stamped
    and its scan uploaded. Otherwise the draft may stay as the app makes it and counts as
    present (``generated``), an upload replacing it."""

    kind: str
    label: str
    nominee: Nominee | None = None
    attachments: list[Attachment] = field(default_factory=list)
    hint: str = ""
    print_url: str = ""
    must_sign: bool = False
    generated: bool = False

    @property
    def present(self) -> bool:
        return bool(self.attachments) or self.generated

    @property
    def to_scan(self) -> bool:
        """Made by the app, still to be printed, signed, stamped and uploaded."""
        return not self.attachments and self.must_sign and bool(self.print_url)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    nominee_id: int | None = None


def proposal_label(dossier: Dossier) -> str:
    if dossier.round == Round.ANNUAL:
        return _("Văn bản đề nghị khen thưởng của cấp trình")
    return _("Văn bản đề nghị khen thưởng của cấp trình kèm danh sách tập thể, cá nhân")


def achievement_label(dossier: Dossier, nominee: Nominee) -> str:
    if dossier.round == Round.ANNUAL:
        return _("Tóm tắt thành tích: %(n)s") % {"n": nominee.name}
    return _("Báo cáo thành tích có xác nhận của cấp trình khen: %(n)s") % {"n": nominee.name}


def minutes_label(dossier: Dossier) -> str:
    if dossier.district_id:
        return _("Biên bản họp xét của Hội đồng Thi đua - Khen thưởng cấp huyện")
    if dossier.commune_id:
        return _("Biên bản họp xét của Hội đồng Thi đua - Khen thưởng cấp xã")
    return _("Biên bản họp xét khen thưởng của Hội đồng Thi đua - Khen thưởng cấp trình khen")


def checklist(
    dossier: Dossier, nominees: list[Nominee], attachments: list[Attachment]
) -> list[ChecklistItem]:
    """Every required document with the files that fulfil it (no query: lists given)."""
    by_kind: dict[tuple[str, int | None], list[Attachment]] = {}
    for a in attachments:
        key = (a.kind, a.nominee_id if a.kind == AttachmentKind.ACHIEVEMENT else None)
        by_kind.setdefault(key, []).append(a)
    report_hint = (
        ""
        if dossier.round == Round.ANNUAL
        else _("Theo mẫu: %(form)s") % {"form": dossier.legal.report_form}
    )
    # IV.1.1: the annual round's summary is plain (no certification): the app's summary,
    # filled from the record, may stay. IV.1.2: the report "có xác nhận của cấp trình
    # khen" and every letter and minutes are originals: printed, signed, stamped, scanned.
    annual = dossier.round == Round.ANNUAL
    items = [
        ChecklistItem(
            AttachmentKind.PROPOSAL,
            proposal_label(dossier),
            attachments=by_kind.get((AttachmentKind.PROPOSAL, None), []),
            print_url=reverse("documents:dossier_pdf", args=[dossier.pk, "to-trinh"]),
            must_sign=True,
        )
    ]
    for n in nominees:
        items.append(
            ChecklistItem(
                AttachmentKind.ACHIEVEMENT,
                achievement_label(dossier, n),
                nominee=n,
                attachments=by_kind.get((AttachmentKind.ACHIEVEMENT, n.pk), []),
                hint=report_hint,
                print_url=reverse("documents:report_pdf", args=[dossier.pk, n.pk]),
                must_sign=not annual,
                generated=annual,
            )
        )
    items.append(
        ChecklistItem(
            AttachmentKind.MINUTES,
            minutes_label(dossier),
            attachments=by_kind.get((AttachmentKind.MINUTES, None), []),
            print_url=reverse("documents:dossier_pdf", args=[dossier.pk, "bien-ban"]),
            must_sign=True,
        )
    )
    return items


def problems(
    dossier: Dossier, nominees: list[Nominee], attachments: list[Attachment]
) -> list[Problem]:
    """Why the dossier cannot be submitted now; empty when it can."""
    out: list[Problem] = []
    if not dossier.document_number.strip():
        out.append(Problem("document_number", _("Chưa nhập số văn bản đề nghị.")))
    if dossier.document_date is None:
        out.append(Problem("document_date", _("Chưa nhập ngày văn bản đề nghị.")))
    if not nominees:
        out.append(Problem("nominees", _("Hồ sơ chưa có đối tượng đề nghị khen thưởng nào.")))
    for n in nominees:
        if n.verdict_error:
            out.append(
                Problem(
                    "verdict_error",
                    _("%(n)s: thiếu thông tin để xét — %(e)s")
                    % {"n": n.name, "e": n.verdict_error},
                    n.pk,
                )
            )
        elif n.verdict_eligible is False:
            failed = "; ".join(
                f"{c['message']} ({c['clause']})"
                for c in n.verdict_checks
                if c.get("passed") is False
            )
            out.append(
                Problem(
                    "verdict_failed",
                    _("%(n)s chưa đạt tiêu chuẩn: %(f)s") % {"n": n.name, "f": failed},
                    n.pk,
                )
            )
    for item in checklist(dossier, nominees, attachments):
        if not item.present:
            message = _("Thiếu tài liệu: %(l)s.") % {"l": item.label}
            if item.to_scan:
                message = _("Thiếu tài liệu: %(l)s (cần in, ký, đóng dấu và tải bản quét lên).") % {
                    "l": item.label
                }
            out.append(
                Problem(
                    "missing_document",
                    message,
                    item.nominee.pk if item.nominee else None,
                )
            )
    return out

"""The "Văn bản" section of the dossier page: the documents made from the dossier.

The dossier page (dossiers.views, above the documents in the dossiers layer) calls
:func:`outputs_for` only for a user who may see the dossier; each URL refuses anyone
else itself. No query per nominee.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from dossiers.models import Status

from . import issued
from .builders import DOSSIER_DOCUMENTS


@dataclass(frozen=True)
class Output:
    label: str
    url: str
    kind: str = "pdf"  # pdf, xlsx, html (printable view), zip
    note: str = ""
    word_url: str = ""  # the editable copy (.docx) of a PDF


def _documents(pk: int, *, decided_only: bool) -> list[Output]:
    """The links of the dossier's documents (builders.DOSSIER_DOCUMENTS)."""
    out = []
    for document in DOSSIER_DOCUMENTS.values():
        if document.decided_only != decided_only:
            continue
        out.append(
            Output(
                str(document.label),
                reverse("documents:dossier_pdf", args=[pk, document.slug]),
                "pdf",
                word_url=reverse("documents:dossier_docx", args=[pk, document.slug]),
            )
        )
        if document.view_label:
            out.append(
                Output(
                    str(document.view_label),
                    reverse("documents:dossier_doc", args=[pk, document.slug]),
                    "html",
                )
            )
    return out


def outputs_for(dossier, user) -> list[Output]:
    pk = dossier.pk
    out = _documents(pk, decided_only=False)
    out.append(
        Output(_("Danh sách đối tượng"), reverse("documents:nominees_xlsx", args=[pk]), "xlsx")
    )
    report = _("Tóm tắt thành tích") if dossier.round == "annual" else _("Báo cáo thành tích")
    for nid, name in dossier.nominees.order_by("position", "id").values_list("pk", "name"):
        out.append(
            Output(
                f"{report}: {name}",
                reverse("documents:report_pdf", args=[pk, nid]),
                "pdf",
                word_url=reverse("documents:report_docx", args=[pk, nid]),
            )
        )
    if dossier.status == Status.DECIDED:
        out.extend(_documents(pk, decided_only=True))
        # signed when it was recorded (issue 16); the page says when it is not yet
        state = issued.signed_state(issued.decision_key(dossier), dossier.decision_date)
        out.append(
            Output(
                _("Quyết định đã ký số"),
                reverse("documents:decision_signed", args=[pk]),
                "pdf",
                _("bản điện tử ký số, không sửa đổi")
                if state.document is not None
                else _("chờ chứng thư số của cơ quan ban hành")
                if state.awaiting_certificate
                else _("ký số không thành công: quản trị viên xem nhật ký hệ thống")
                if state.failed_at is not None
                else _("đang ký số"),
            )
        )
        if user.has_perm("documents.print_certificates"):
            out.append(
                Output(
                    _("In Bằng khen lên phôi"),
                    reverse("documents:certificates", args=[pk]),
                    "pdf",
                    _("tạo trong nền"),
                )
            )
    return out

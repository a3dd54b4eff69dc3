"""The dossier workflow as an explicit table: action, from which states, to which.

    draft ──submit──▶ submitted ──receive──▶ received ──appraise──▶ appraised ──approve──▶
    approved ──decide──▶ decided
    received / appraised ──return──▶ returned ──resubmit──▶ submitted
    draft / returned ──withdraw──▶ withdrawn

Who may make each move is a permission, ``dossiers.<action>_dossier``
(:data:`dossiers.permissions.MOVES`). The services in :mod:`dossiers.services` consult the
two and nothing else to decide whether a move is allowed; views ask
:func:`allowed_actions` which buttons to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .models import Dossier, Status

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    label: StrOrPromise
    button: str  # bootstrap colour of its button
    note_required: bool = False

    @property
    def permission(self) -> str:
        """Who may make this move (dossiers/permissions.py), asked with the dossier."""
        return f"dossiers.{self.action}_dossier"


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            frozenset({Status.DRAFT}),
            Status.SUBMITTED,
            _("Nộp hồ sơ"),
            "success",
        ),
        Transition(
            "resubmit",
            frozenset({Status.RETURNED}),
            Status.SUBMITTED,
            _("Nộp lại hồ sơ đã bổ sung"),
            "success",
        ),
        Transition(
            "withdraw",
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.WITHDRAWN,
            _("Rút hồ sơ"),
            "outline-danger",
            note_required=True,
        ),
        Transition(
            "receive",
            frozenset({Status.SUBMITTED}),
            Status.RECEIVED,
            _("Tiếp nhận hồ sơ"),
            "primary",
        ),
        Transition(
            "appraise",
            frozenset({Status.RECEIVED}),
            Status.APPRAISED,
            _("Xác nhận kết quả thẩm định NTM"),
            "primary",
        ),
        Transition(
            "return",
            frozenset({Status.RECEIVED, Status.APPRAISED}),
            Status.RETURNED,
            _("Trả lại để bổ sung"),
            "outline-warning",
            note_required=True,
        ),
        Transition(
            "approve",
            frozenset({Status.APPRAISED}),
            Status.APPROVED,
            _("Duyệt, trình Chủ tịch UBND tỉnh"),
            "success",
        ),
        Transition(
            "decide",
            frozenset({Status.APPROVED}),
            Status.DECIDED,
            _("Ghi quyết định khen thưởng"),
            "success",
        ),
    )
}


def allowed_actions(user, dossier: Dossier) -> list[Transition]:
    """Transitions this user may start on this dossier now (for the buttons)."""
    return [
        t
        for t in TRANSITIONS.values()
        if dossier.status in t.sources and user.has_perm(t.permission, dossier)
    ]


# Labels of history lines that are not transitions.
EVENT_LABELS = {
    "create": _("Lập hồ sơ"),
    "edit": _("Sửa thông tin hồ sơ"),
    "nominee_add": _("Thêm đối tượng đề nghị"),
    "nominee_edit": _("Sửa đối tượng đề nghị"),
    "nominee_remove": _("Bỏ đối tượng đề nghị"),
    "attachment_add": _("Tải lên tài liệu"),
    "attachment_remove": _("Gỡ tài liệu"),
    "nominee_restore": _("Khôi phục đối tượng đã bỏ"),
    "attachment_restore": _("Khôi phục tài liệu đã gỡ"),
    "attest": _("Đánh giá tiêu chuẩn định tính"),
    "restriction": _("Ghi trường hợp chưa xét khen thưởng (Điều 4 NĐ 152/2025)"),
    "correct_decision": _("Đính chính quyết định khen thưởng"),
    # up the ladder (III.2.1): the state-level proposal naming a nominee of the dossier
    "state_select": _("Chọn đề nghị khen thưởng cấp Nhà nước"),
    "state_unselect": _("Bỏ khỏi đề nghị khen thưởng cấp Nhà nước"),
    "state_send": _("Gửi đề nghị khen thưởng cấp Nhà nước"),
    "state_decide": _("Kết quả khen thưởng cấp Nhà nước"),
}


def event_label(action: str) -> str:
    if action in TRANSITIONS:
        return str(TRANSITIONS[action].label)
    return str(EVENT_LABELS.get(action, action))

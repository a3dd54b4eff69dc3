"""The dossier workflow as an explicit table: action, from which states, to which, by whom.

    draft ──submit──▶ submitted ──receive──▶ received ──appraise──▶ appraised ──approve──▶
    approved ──decide──▶ decided
    received / appraised ──return──▶ returned ──resubmit──▶ submitted
    draft / returned ──withdraw──▶ withdrawn

The services in :mod:`dossiers.services` consult this table and nothing else to
decide whether a move is allowed; views ask it which buttons to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from emulation.models import Role

from .models import Dossier, Status

PROPOSER = "proposer"  # the staff of the dossier's own district or agency


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    actor: str  # PROPOSER or a Role
    label: str
    button: str  # bootstrap colour of its button
    note_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            frozenset({Status.DRAFT}),
            Status.SUBMITTED,
            PROPOSER,
            _("Nộp hồ sơ"),
            "success",
        ),
        Transition(
            "resubmit",
            frozenset({Status.RETURNED}),
            Status.SUBMITTED,
            PROPOSER,
            _("Nộp lại hồ sơ đã bổ sung"),
            "success",
        ),
        Transition(
            "withdraw",
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.WITHDRAWN,
            PROPOSER,
            _("Rút hồ sơ"),
            "outline-danger",
            note_required=True,
        ),
        Transition(
            "receive",
            frozenset({Status.SUBMITTED}),
            Status.RECEIVED,
            Role.REVIEWER,
            _("Tiếp nhận hồ sơ"),
            "primary",
        ),
        Transition(
            "appraise",
            frozenset({Status.RECEIVED}),
            Status.APPRAISED,
            Role.APPRAISER,
            _("Xác nhận kết quả thẩm định NTM"),
            "primary",
        ),
        Transition(
            "return",
            frozenset({Status.RECEIVED, Status.APPRAISED}),
            Status.RETURNED,
            Role.REVIEWER,
            _("Trả lại để bổ sung"),
            "outline-warning",
            note_required=True,
        ),
        Transition(
            "approve",
            frozenset({Status.APPRAISED}),
            Status.APPROVED,
            Role.REVIEWER,
            _("Duyệt, trình Chủ tịch UBND tỉnh"),
            "success",
        ),
        Transition(
            "decide",
            frozenset({Status.APPROVED}),
            Status.DECIDED,
            Role.REVIEWER,
            _("Ghi quyết định khen thưởng"),
            "success",
        ),
    )
}


def is_proposer(user, dossier: Dossier) -> bool:
    """Staff of the dossier's own district or agency."""
    if not getattr(user, "is_authenticated", False):
        return False
    if dossier.district_id is not None:
        return user.role == Role.DISTRICT and user.district_id == dossier.district_id
    return user.role == Role.AGENCY and user.agency_id == dossier.agency_id


def actor_matches(user, dossier: Dossier, transition: Transition) -> bool:
    if transition.actor == PROPOSER:
        return is_proposer(user, dossier)
    return getattr(user, "role", None) == transition.actor


def allowed_actions(user, dossier: Dossier) -> list[Transition]:
    """Transitions this user may start on this dossier now (for the buttons)."""
    return [
        t
        for t in TRANSITIONS.values()
        if dossier.status in t.sources and actor_matches(user, dossier, t)
    ]


def may_edit(user, dossier: Dossier) -> bool:
    """Only the proposer edits, and only while the dossier is a draft or was returned."""
    return dossier.is_editable_state and is_proposer(user, dossier)


def may_attest(user, dossier: Dossier) -> bool:
    """The Ban TĐKT judges the judged standards while the dossier is in review."""
    return getattr(user, "role", None) == Role.REVIEWER and dossier.status in {
        Status.RECEIVED,
        Status.APPRAISED,
    }


# Labels of history lines that are not transitions.
EVENT_LABELS = {
    "create": _("Lập hồ sơ"),
    "edit": _("Sửa thông tin hồ sơ"),
    "nominee_add": _("Thêm đối tượng đề nghị"),
    "nominee_edit": _("Sửa đối tượng đề nghị"),
    "nominee_remove": _("Bỏ đối tượng đề nghị"),
    "attachment_add": _("Tải lên tài liệu"),
    "attachment_remove": _("Gỡ tài liệu"),
    "attest": _("Đánh giá tiêu chuẩn định tính"),
}


def event_label(action: str) -> str:
    if action in TRANSITIONS:
        return str(TRANSITIONS[action].label)
    return str(EVENT_LABELS.get(action, action))

"""Notifications when a dossier changes hands: an in-app row and an e-mail; what each
move says and to whom; marking notices read.

The in-app rows are written in the transition's own transaction (they exist exactly
when the transition does); the e-mails leave only after that transaction commits,
so a refused or rolled-back move never mails anyone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from emulation.models import Role, User

from ..models import Dossier, Notification

log = logging.getLogger(__name__)


def proposer_staff(dossier: Dossier) -> Q:
    if dossier.district_id:
        return Q(role=Role.DISTRICT, district_id=dossier.district_id)
    if dossier.commune_id:
        return Q(role=Role.COMMUNE, commune_id=dossier.commune_id)
    return Q(role=Role.AGENCY, agency_id=dossier.agency_id)


def recipients(dossier: Dossier, audience: Iterable[str], *, exclude: User | None) -> list[User]:
    """Active users of the audiences: "proposer", or a role name."""
    q = Q(pk__in=[])
    for who in audience:
        q |= proposer_staff(dossier) if who == "proposer" else Q(role=who)
    qs = User.objects.filter(q, is_active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.order_by("pk"))


def notify(*, dossier: Dossier, audience: Iterable[str], message: str, by: User | None) -> int:
    """Queue a notice for everyone in ``audience`` (except the actor); returns how many."""
    users = recipients(dossier, audience, exclude=by)
    if not users:
        return 0
    url = reverse("dossiers:detail", args=[dossier.pk])
    Notification.objects.bulk_create(
        [Notification(recipient=u, dossier=dossier, message=message[:500], url=url) for u in users]
    )
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    mails = [
        (
            (_("[Khen thưởng NTM] %(message)s") % {"message": message})[:200],
            _(
                "%(message)s\n\nXem hồ sơ: %(url)s\n\n"
                "Thư tự động từ hệ thống Khen thưởng phong trào xây dựng nông thôn mới."
            )
            % {"message": message, "url": f"{site}{url}"},
            settings.DEFAULT_FROM_EMAIL,
            [u.email],
        )
        for u in users
        if u.email
    ]
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return len(users)


def _send(mails: Sequence[tuple[str, str, str, list[str]]]) -> None:
    try:
        send_mass_mail(mails, fail_silently=False)
    except Exception:  # noqa: BLE001 - a mail server outage must not break the workflow
        log.exception("could not send %d notification e-mails", len(mails))


# --- what a move says, and to whom ----------------------------------------------

MESSAGES = {
    "submit": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được nộp, chờ tiếp nhận."),
    "resubmit": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được bổ sung và nộp lại."),
    "withdraw": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được rút."),
    "receive": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được Ban TĐKT tiếp nhận."),
    "appraise": gettext_noop(
        "Hồ sơ %(ref)s của %(who)s đã được thẩm định NTM, chờ Ban TĐKT duyệt."
    ),
    "return": gettext_noop("Hồ sơ %(ref)s của %(who)s bị trả lại để bổ sung: %(note)s"),
    "approve": gettext_noop(
        "Hồ sơ %(ref)s của %(who)s đã được Ban TĐKT duyệt, trình Chủ tịch UBND tỉnh."
    ),
    "decide": gettext_noop(
        "Hồ sơ %(ref)s của %(who)s đã có quyết định khen thưởng số %(decision)s."
    ),
}
# who is told, per action ("proposer" = the dossier's own staff)
AUDIENCE = {
    "submit": (Role.REVIEWER,),
    "resubmit": (Role.REVIEWER,),
    "withdraw": (Role.REVIEWER,),
    "receive": ("proposer", Role.APPRAISER),
    "appraise": (Role.REVIEWER,),
    "return": ("proposer",),
    "approve": ("proposer",),
    "decide": ("proposer", Role.APPRAISER),
}


def notify_move(*, dossier: Dossier, action: str, by: User, note: str) -> int:
    """Tell the next people in line that ``action`` moved the dossier (in the move's own
    transaction); a draft withdrawn before it was ever submitted concerns nobody."""
    if action == "withdraw" and not dossier.first_submitted_at:
        return 0
    return notify(
        dossier=dossier,
        audience=AUDIENCE[action],
        by=by,
        message=_(MESSAGES[action])
        % {
            "ref": dossier.reference,
            "who": dossier.proposer_name,
            "note": note,
            "decision": dossier.decision_number,
        },
    )


# --- reading ----------------------------------------------------------------------


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())

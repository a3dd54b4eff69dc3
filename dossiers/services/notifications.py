"""Notifications when a dossier changes hands: an in-app row and an e-mail; what each
move says and to whom; marking notices read.

The in-app rows are written in the transition's own transaction (they exist exactly
when the transition does); the e-mails leave only after that transaction commits,
so a refused or rolled-back move never mails anyone.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from emulation.models import Role, User
from emulation.provinces import in_provinces, province_family_of

from ..models import Dossier, EmailState, Notification

log = logging.getLogger(__name__)


def proposer_staff(dossier: Dossier) -> Q:
    if dossier.district_id:
        return Q(role=Role.DISTRICT, district_id=dossier.district_id)
    if dossier.commune_id:
        return Q(role=Role.COMMUNE, commune_id=dossier.commune_id)
    return Q(role=Role.AGENCY, agency_id=dossier.agency_id)


def recipients(dossier: Dossier, audience: Iterable[str], *, exclude: User | None) -> list[User]:
    """Active users of the audiences ("proposer", or a role name) among the accounts of
    the dossier's province and its lineage: another province sharing the database is
    never told."""
    q = Q(pk__in=[])
    for who in audience:
        q |= proposer_staff(dossier) if who == "proposer" else Q(role=who)
    family = province_family_of(dossier.province_id or settings.PROVINCE_CODE)
    qs = User.objects.filter(q, in_provinces("province_id", family), is_active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.order_by("pk"))


def notify(*, dossier: Dossier, audience: Iterable[str], message: str, by: User | None) -> int:
    """Queue a notice for everyone in ``audience`` (except the actor); returns how many.

    Users with an e-mail address get a copy, sent after the transaction commits; a copy
    that cannot be sent stays "failed" for ``send_notification_emails`` to retry."""
    users = recipients(dossier, audience, exclude=by)
    if not users:
        return 0
    url = reverse("dossiers:detail", args=[dossier.pk])
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient=u,
                dossier=dossier,
                message=message[:500],
                url=url,
                email_state=EmailState.PENDING if u.email else EmailState.NONE,
            )
            for u in users
        ]
    )
    pending = [n.pk for n in rows if n.email_state == EmailState.PENDING]
    if pending:
        transaction.on_commit(lambda: notification_emails_send(ids=pending))
    return len(users)


def one_line(text: str) -> str:
    """Header text on one line: a line break or other control character becomes a space,
    a format character (zero-width, bidi) goes (a line break in a subject makes Django
    refuse the whole e-mail)."""
    kept = (" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join("".join(ch for ch in kept if unicodedata.category(ch) != "Cf").split())


def _mail(notification: Notification) -> EmailMessage:
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    message = notification.message
    return EmailMessage(
        subject=(_("[Khen thưởng NTM] %(message)s") % {"message": one_line(message)})[:200],
        body=_(
            "%(message)s\n\nXem hồ sơ: %(url)s\n\n"
            "Thư tự động từ hệ thống Khen thưởng phong trào xây dựng nông thôn mới."
        )
        % {"message": message, "url": f"{site}{notification.url}"},
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[one_line(notification.recipient.email)],
    )


MAX_EMAIL_ATTEMPTS = 5


def notification_emails_send(*, ids: Sequence[int] | None = None) -> tuple[int, int]:
    """Send the pending or failed e-mail copies (those of ``ids``, or all still to retry);
    each is marked sent or failed on its own. Returns (sent, failed)."""
    qs = Notification.objects.filter(
        email_state__in=[EmailState.PENDING, EmailState.FAILED],
        email_attempts__lt=MAX_EMAIL_ATTEMPTS,
    ).select_related("recipient")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    sent = failed = 0
    connection = None
    for notification in qs.order_by("pk"):
        notification.email_attempts += 1
        try:
            connection = connection or get_connection(fail_silently=False)
            connection.send_messages([_mail(notification)])
        except Exception as exc:  # noqa: BLE001 - a mail server outage must not break the workflow
            log.warning("notification e-mail %s not sent: %r", notification.pk, exc)
            notification.email_state = EmailState.FAILED
            notification.email_error = f"{type(exc).__name__}: {exc}"[:300]
            failed += 1
        else:
            notification.email_state = EmailState.SENT
            notification.email_error = ""
            sent += 1
        notification.save(update_fields=["email_state", "email_attempts", "email_error"])
    return sent, failed


def failed_emails() -> QuerySet[Notification]:
    """The e-mail copies not sent (yet), newest first: what administrators check."""
    return (
        Notification.objects.filter(email_state=EmailState.FAILED)
        .select_related("recipient", "dossier")
        .order_by("-created_at", "-pk")
    )


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

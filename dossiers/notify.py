"""Notifications when a dossier changes hands: an in-app row and an e-mail.

The in-app rows are written in the transition's own transaction (they exist exactly
when the transition does); the e-mails leave only after that transaction commits,
so a refused or rolled-back move never mails anyone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.models import Role, User

from .models import Dossier, Notification

log = logging.getLogger(__name__)


def proposer_staff(dossier: Dossier) -> Q:
    if dossier.district_id:
        return Q(role=Role.DISTRICT, district_id=dossier.district_id)
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


def _send(mails) -> None:
    try:
        send_mass_mail(mails, fail_silently=False)
    except Exception:  # noqa: BLE001 - a mail server outage must not break the workflow
        log.exception("could not send %d notification e-mails", len(mails))

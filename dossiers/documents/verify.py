"""Certificates anyone can check: each printed Bằng khen carries a QR code whose address,
``<SITE_URL>/xac-minh/<token>/``, opens a public page with the award's name, title,
decision number and date and issuer, nothing more (no unit, no ID numbers), and says
"đã thu hồi" or "đã đính chính" when the register of outgoing documents records that of
the decision.

The QR code is drawn by segno (pure Python, no dependencies) as inline SVG, which
WeasyPrint prints as vectors at any size; error correction level M survives a scuffed
paper certificate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from dossiers.models import Nominee, Status
from emulation.labels import title_label

from . import bodies
from .models import CertificateCheck, OutgoingDocument

# When SITE_URL is not set (development), the QR code points at the development server.
FALLBACK_SITE = "http://localhost:8000"


def certificate_checks_issue(*, nominees: Iterable[Nominee]) -> dict[int, str]:
    """The check token of each nominee (nominee id -> token), made the first time a
    nominee's certificate is printed and kept after."""
    ids = [n.pk for n in nominees]
    found = dict(
        CertificateCheck.objects.filter(nominee_id__in=ids).values_list("nominee_id", "token")
    )
    missing = [CertificateCheck(nominee_id=pk) for pk in ids if pk not in found]
    if missing:
        CertificateCheck.objects.bulk_create(missing, ignore_conflicts=True)
        found = dict(
            CertificateCheck.objects.filter(nominee_id__in=ids).values_list("nominee_id", "token")
        )
    return found


def verify_url(token: str) -> str:
    site = (getattr(settings, "SITE_URL", "") or FALLBACK_SITE).rstrip("/")
    return site + reverse("verify_certificate", kwargs={"token": token})


def qr_svg(url: str) -> SafeString:
    """The QR code of ``url`` as inline SVG that fills its box (size set by CSS)."""
    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=2, omitsize=True, dark="#000", light="#fff")
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the URL is encoded, not embedded


@dataclass(frozen=True)
class VerifiedCertificate:
    name: str
    title: str
    decision_number: str
    decision_date: dt.date | None
    issuer: str
    withdrawn: bool
    corrected_by: str  # the correcting decision's number, or ""


def verified_certificate(token: str) -> VerifiedCertificate | None:
    """What the public page shows for ``token``; None when it names no awarded nominee of a
    decided dossier."""
    check = (
        CertificateCheck.objects.select_related("nominee__dossier")
        .filter(token=token, nominee__awarded=True, nominee__dossier__status=Status.DECIDED)
        .first()
    )
    if check is None:
        return None
    nominee, dossier = check.nominee, check.nominee.dossier
    entry = (
        OutgoingDocument.objects.filter(dossier=dossier, kind_code="QĐ")
        .select_related("corrected_by")
        .order_by("-registered_at")
        .first()
    )
    from .builders.common import chairman  # noqa: PLC0415 - the builders import this module

    committee = bodies.province_committee(bodies.home_province(dossier.decision_date))
    return VerifiedCertificate(
        name=nominee.name,
        title=title_label(nominee.title),
        decision_number=dossier.decision_number,
        decision_date=dossier.decision_date,
        issuer=chairman(committee),
        withdrawn=bool(entry and entry.withdrawn_at),
        corrected_by=entry.corrected_by.full_number if entry and entry.corrected_by else "",
    )

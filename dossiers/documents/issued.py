"""Issued documents, signed once and kept (issue 16, part 2).

:func:`signed_decision` is the service the decision's download calls: the first time a
decided dossier's decision is asked for signed, it is rendered, signed PAdES with the
issuing body's certificate (:func:`dossiers.documents.signing.pdf_sign`, audited) and
stored (:class:`SignedDocument`); every later download serves the same bytes. A signed
document is never changed: a correction is a new decision with its own number, signed in
its turn.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.models import Decision, Dossier, Status
from emulation.audit import log_action

from . import bodies, builders, pdf, signing
from .models import SignedDocument, SigningCredential


class NoCredential(Exception):
    """The issuing body has no signing certificate (an administrator uploads one)."""


def decision_key(dossier: Dossier) -> str:
    if dossier.decision_id is not None:
        return f"quyet-dinh:decision:{dossier.decision_id}"
    return f"quyet-dinh:dossier:{dossier.pk}"


def credential_for(body_key: str, body_name: str) -> SigningCredential:
    """The body's newest certificate still valid (an uploaded one before a demo one);
    the demo makes its own test certificate; else :class:`NoCredential`."""
    found = (
        SigningCredential.objects.filter(body_key=body_key, not_after__gt=timezone.now())
        .order_by("is_demo", "-uploaded_at")
        .first()
    )
    if found is not None:
        return found
    if getattr(settings, "DEMO_MODE", False):
        return signing.demo_credential(body_key=body_key, body_name=body_name)
    raise NoCredential(
        _("%(body)s chưa có chứng thư số để ký văn bản. Quản trị viên tải lên tệp chứng thư.")
        % {"body": body_name}
    )


def signer_name_of(document: builders.Document, fallback: str) -> str:
    """The name of the person who signs ``document`` (its head's signer), else ``fallback``."""
    head = document.context.get("head")
    return getattr(getattr(head, "signer", None), "name", "") or fallback


def signed_decision(*, dossier: Dossier, by=None) -> SignedDocument:
    """The decided dossier's decision, signed: the stored one, or signed now and stored.

    Two first requests at once sign once: the decision's row (else the dossier's) is
    locked while signing, and the second finds the first one's document."""
    if dossier.status != Status.DECIDED or dossier.decision_date is None:
        raise ValueError("Only a decided dossier's decision is signed.")
    key = decision_key(dossier)
    found = SignedDocument.objects.filter(key=key).first()
    if found is not None:
        return found
    with transaction.atomic():
        if dossier.decision_id is not None:
            Decision.objects.select_for_update().filter(pk=dossier.decision_id).first()
        else:
            Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        found = SignedDocument.objects.filter(key=key).first()
        if found is not None:
            return found
        document = builders.decision(dossier)
        committee = bodies.province_committee(bodies.home_province(dossier.decision_date))
        credential = credential_for(committee.key, committee.name)
        signer_name = signer_name_of(document, committee.name)
        data = signing.pdf_sign(
            document=pdf.render_pdf(document.template, document.context),
            credential=credential,
            signer_name=signer_name,
            body_name=committee.name,
            reason=_("Ban hành Quyết định số %(n)s") % {"n": dossier.decision_number},
            by=by,
        )
        row = SignedDocument.objects.create(
            key=key,
            dossier=dossier,
            filename=f"{document.filename}-ky-so.pdf",
            pdf=data,
            sha256=hashlib.sha256(data).hexdigest(),
            credential=credential,
            signer_name=signer_name,
            timestamped=signing.timestamper() is not None,
            signed_by=by if getattr(by, "is_authenticated", False) else None,
        )
        log_action(
            action="signing.document_store",
            obj=row,
            by=by,
            details={"key": key, "sha256": row.sha256, "decision": dossier.decision_number},
            province=dossier.province_id,
        )
    return row

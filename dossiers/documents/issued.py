"""Issued documents, signed when issued and kept (issue 16, part 2).

Recording a decision (:func:`dossiers.services.decision_record`, a correcting decision
:func:`dossiers.services.decision_correct`, or a dossier decided alone) calls
:func:`sign_after_commit`: once the transaction commits, the background worker
(django-tasks, :func:`dossiers.documents.tasks.sign_issued_document`) renders the
decision, signs it PAdES with the issuing body's certificate
(:func:`dossiers.documents.signing.pdf_sign`, audited) and stores it
(:class:`SignedDocument`); the download serves those bytes. In the background because
rendering a decision with a long annex and signing it takes seconds: the reviewer's
request returns at once, like the other batches of documents (:mod:`.jobs`).

Without a certificate for the issuing body the decision stays recorded, nothing is
handed to the worker (audited ``signing.awaiting_certificate``) and the decision's page
says the signed copy awaits a certificate; uploading one signs what waits
(:func:`sign_waiting`). A signed document is never changed: a correction is a new
decision with its own number, signed in its turn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.models import Decision, DecisionKind, Dossier, Status
from emulation.audit import log_action
from emulation.models import User

from . import bodies, builders, pdf, signing, tasks
from .models import SignedDocument, SigningCredential, SigningFailure


class NoCredential(Exception):
    """The issuing body has no signing certificate (an administrator uploads one)."""


def decision_key(dossier: Dossier) -> str:
    if dossier.decision_id is not None:
        return decision_key_of(dossier.decision_id)
    return f"quyet-dinh:dossier:{dossier.pk}"


def decision_key_of(decision_id: int) -> str:
    """The key of a province's decision (an award or a correcting one), signed."""
    return f"quyet-dinh:decision:{decision_id}"


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
    raise NoCredential(no_credential_message(body_name))


def no_credential_message(body_name: str) -> str:
    return _(
        "%(body)s chưa có chứng thư số để ký văn bản. Quản trị viên tải lên tệp chứng thư."
    ) % {"body": body_name}


def signer_name_of(document: builders.Document, fallback: str) -> str:
    """The name of the person who signs ``document`` (its head's signer), else ``fallback``."""
    head = document.context.get("head")
    return getattr(getattr(head, "signer", None), "name", "") or fallback


def has_credential(body_key: str) -> bool:
    """Whether the body can sign now (a valid certificate, or the demo's own)."""
    if getattr(settings, "DEMO_MODE", False):
        return True
    return SigningCredential.objects.filter(
        body_key=body_key, not_after__gt=timezone.now()
    ).exists()


# ---- signing an issued decision ---------------------------------------------------


def _store(
    *,
    key: str,
    dossier: Dossier,
    document: builders.Document,
    number: str,
    on,
    by: User | None,
) -> SignedDocument:
    """Render ``document``, sign it with the certificate of the UBND of the province of
    ``on`` (its visible signature over the signer's place) and keep it under ``key``."""
    committee = bodies.province_committee(bodies.home_province(on))
    credential = credential_for(committee.key, committee.name)
    signer_name = signer_name_of(document, committee.name)
    rendered = pdf.render_pdf_placed(document.template, document.context)
    data = signing.pdf_sign(
        document=rendered.data,
        credential=credential,
        signer_name=signer_name,
        body_name=committee.name,
        reason=_("Ban hành Quyết định số %(n)s") % {"n": number},
        by=by,
        page=rendered.sign_page,
        box=signing.stamp_box_over(rendered.sign_place),
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
        details={"key": key, "sha256": row.sha256, "decision": number},
        province=dossier.province_id,
    )
    return row


def signed_decision(*, dossier: Dossier, by: User | None = None) -> SignedDocument:
    """The decided dossier's decision, signed: the stored one, or signed now and stored.

    Two at once sign once: the decision's row (else the dossier's) is locked while
    signing, and the second finds the first one's document."""
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
        return _store(
            key=key,
            dossier=dossier,
            document=builders.decision(dossier),
            number=dossier.decision_number,
            on=dossier.decision_date,
            by=by,
        )


def signed_correction(*, correction: Decision, by: User | None = None) -> SignedDocument:
    """A correcting decision, signed: the stored one, or signed now and stored (the
    original decision's signed copy never changes)."""
    if correction.kind == DecisionKind.AWARD or correction.corrects_id is None:
        raise ValueError("Only a correcting decision is signed here.")
    key = decision_key_of(correction.pk)
    found = SignedDocument.objects.filter(key=key).first()
    if found is not None:
        return found
    with transaction.atomic():
        Decision.objects.select_for_update().filter(pk=correction.pk).first()
        found = SignedDocument.objects.filter(key=key).first()
        if found is not None:
            return found
        dossier = Dossier.objects.filter(decision_id=correction.corrects_id).order_by("pk").first()
        assert dossier is not None  # a recorded decision covers at least one dossier
        return _store(
            key=key,
            dossier=dossier,
            document=builders.correction_decision(correction),
            number=correction.number,
            on=correction.date,
            by=by,
        )


def _log_awaiting(target: Decision | Dossier, key: str, by: User | None, reason: str) -> None:
    log_action(
        action="signing.awaiting_certificate",
        obj=target,
        by=by,
        reason=reason,
        details={"key": key},
        province=target.province_id,
    )


def _issued_target(
    decision_id: int | None, dossier_id: int | None
) -> tuple[Decision | Dossier, str, Dossier] | None:
    """What the worker signs: a correcting decision (``decision_id``), or the decided
    dossier of an award decision or of a dossier decided alone; with its key and the
    dossier it belongs to. None when there is nothing (any more) to sign."""
    dossier: Dossier | None = None
    decision: Decision | None = None
    if decision_id is not None:
        decision = Decision.objects.select_related("corrects").filter(pk=decision_id).first()
        if decision is None:
            return None
        if decision.kind == DecisionKind.AWARD:
            dossier = Dossier.objects.filter(decision=decision).order_by("pk").first()
        else:
            if decision.corrects_id is None:
                return None
            original = Dossier.objects.filter(decision_id=decision.corrects_id).order_by("pk")
            owner = original.first()
            if owner is None:
                return None
            return decision, decision_key_of(decision.pk), owner
    elif dossier_id is not None:
        dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is not None and dossier.status == Status.DECIDED:
        return dossier, decision_key(dossier), dossier
    return None


def sign_issued(
    *, decision_id: int | None = None, dossier_id: int | None = None, by_id: int | None = None
) -> SignedDocument | None:
    """Sign an issued decision (a province's decision or a correcting one,
    ``decision_id``; or a dossier decided alone, ``dossier_id``), as the worker does
    after it is recorded. Without a certificate: None, audited, nothing fails."""
    by = User.objects.filter(pk=by_id).first() if by_id else None
    found = _issued_target(decision_id, dossier_id)
    if found is None:
        return None
    target, key, _owner = found
    try:
        if isinstance(target, Decision):
            row = signed_correction(correction=target, by=by)
        else:
            row = signed_decision(dossier=target, by=by)
    except NoCredential as exc:  # e.g. the certificate expired since it was handed over
        _log_awaiting(target, key, by, str(exc))
        return None
    SigningFailure.objects.filter(key=key).delete()
    return row


def signing_failed(
    *,
    error: BaseException,
    decision_id: int | None = None,
    dossier_id: int | None = None,
    by_id: int | None = None,
) -> SigningFailure | None:
    """The worker could not sign (``error``): keep when and why for the decision's page
    (:func:`signed_state`), and audit it. Called by the task, which then fails."""
    found = _issued_target(decision_id, dossier_id)
    if found is None:
        return None
    target, key, owner = found
    why = f"{type(error).__name__}: {error}"[:2000]
    row, _created = SigningFailure.objects.update_or_create(
        key=key, defaults={"dossier": owner, "failed_at": timezone.now(), "error": why}
    )
    log_action(
        action="signing.failed",
        obj=target,
        by=User.objects.filter(pk=by_id).first() if by_id else None,
        reason=why,
        details={"key": key},
        province=target.province_id,
    )
    return row


def sign_after_commit(
    *, decision: Decision | None = None, dossier: Dossier | None = None, by: User | None = None
) -> None:
    """Once the current transaction commits, hand the signing of the issued decision
    to the background worker (:func:`sign_issued`); when the issuing body has no
    certificate, record (audited) that its signed copy waits for one instead."""
    target: Decision | Dossier
    on: dt.date | None
    if decision is not None:
        target, key, on = decision, decision_key_of(decision.pk), decision.date
    elif dossier is not None:
        target, key, on = dossier, decision_key(dossier), dossier.decision_date
    else:
        return
    by_id = by.pk if by is not None and by.is_authenticated else None

    def hand_over() -> None:
        committee = bodies.province_committee(bodies.home_province(on))
        if not has_credential(committee.key):
            _log_awaiting(target, key, by, no_credential_message(committee.name))
            return
        # handed to the worker again: an earlier failure is no longer the news
        SigningFailure.objects.filter(key=key).delete()
        tasks.sign_issued_document.enqueue(
            decision_id=decision.pk if decision is not None else None,
            dossier_id=dossier.pk if dossier is not None and decision is None else None,
            by_id=by_id,
        )

    transaction.on_commit(hand_over)


@dataclass(frozen=True)
class SignedState:
    """How a decision's signed copy stands, for its page: ``document`` when signed;
    else ``awaiting_certificate`` (the body has none), ``failed_at`` (the worker could
    not sign it) or being signed."""

    document: SignedDocument | None
    awaiting_certificate: bool
    failed_at: dt.datetime | None = None

    @property
    def signing(self) -> bool:
        return self.document is None and not self.awaiting_certificate and not self.failed_at

    def waiting_message(self) -> str:
        """What a download says before the signed copy exists."""
        if self.awaiting_certificate:
            return _("Bản ký số đang chờ chứng thư số của cơ quan ban hành.")
        if self.failed_at is not None:
            return failed_message(self.failed_at)
        return _("Quyết định đang được ký số; tải lại sau ít phút.")


def failed_message(at: dt.datetime) -> str:
    return _(
        "Ký số quyết định không thành công lúc %(at)s. Quản trị viên xem nhật ký hệ thống "
        "rồi tải lại chứng thư số của cơ quan ban hành để ký lại các quyết định chưa ký."
    ) % {"at": f"{timezone.localtime(at):%H:%M %d/%m/%Y}"}


def signed_state(key: str, on) -> SignedState:
    """The signed copy under ``key`` of a decision of date ``on`` (one query; two or
    three without it)."""
    found = SignedDocument.objects.defer("pdf").filter(key=key).first()
    if found is not None:
        return SignedState(found, False)
    committee = bodies.province_committee(bodies.home_province(on))
    if not has_credential(committee.key):
        return SignedState(None, True)
    failed = SigningFailure.objects.filter(key=key).values_list("failed_at", flat=True).first()
    return SignedState(None, False, failed)


def sign_waiting(*, body_key: str, by: User | None = None) -> int:
    """After a certificate is uploaded: hand every decision of the body still unsigned
    to the worker (the issuer looked up once per date). Returns how many."""
    signed = set(SignedDocument.objects.values_list("key", flat=True))
    issuers: dict[dt.date | None, str] = {}

    def issued_by_body(on: dt.date | None) -> bool:
        if on not in issuers:
            issuers[on] = bodies.province_committee(bodies.home_province(on)).key
        return issuers[on] == body_key

    count = 0
    for d in Decision.objects.only("pk", "date", "kind").order_by("pk"):
        if decision_key_of(d.pk) not in signed and issued_by_body(d.date):
            sign_after_commit(decision=d, by=by)
            count += 1
    alone = Dossier.objects.filter(status=Status.DECIDED, decision__isnull=True)
    for dossier in alone.only("pk", "decision_date", "decision_id").order_by("pk"):
        if decision_key(dossier) not in signed and issued_by_body(dossier.decision_date):
            sign_after_commit(dossier=dossier, by=by)
            count += 1
    return count

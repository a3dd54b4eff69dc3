"""Checking the digital signature of what comes in (issue 16, part 3).

An uploaded PDF (a proposal, minutes, an achievement report) is checked on upload with
pyHanko's validation (PAdES / PDF signatures, Luật Giao dịch điện tử 20/2023, Nghị định
68/2024): :func:`pdf_signature_check` says whether it is signed and valid, signed and
invalid (changed after signing, a certificate the province does not trust, expired or
revoked), or unsigned, with the signer's name, the signing time and the reason the
signature states. Nothing is fetched from the network (no OCSP, no CRL, no AIA):
a revoked certificate is found only when the PDF carries its revocation data.

Trust comes from the province's list of root certificates (:class:`TrustedRoot`), which
its administrator keeps: the national root CA of Việt Nam can be loaded there (its PEM
or DER as published by the Trung tâm Chứng thực điện tử quốc gia), and the demo loads
its own test CA and says so. A malformed PDF or certificate is a status or a field
error, never an exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate, AdESSubIndic
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from dossiers.models import SignatureStatus
from emulation.audit import log_action
from emulation.provinces import in_provinces, installation_provinces, province_family_of

from .models import SigningCredential, TrustedRoot
from .signing import credential_chain

logger = logging.getLogger(__name__)

# A certificate whose time is over (or revoked): not the same as "not trusted at all".
_EXPIRED: set[AdESSubIndic] = {
    AdESFailure.REVOKED,
    AdESFailure.NOT_YET_VALID,
    AdESIndeterminate.EXPIRED,
    AdESIndeterminate.NOT_YET_VALID,
    AdESIndeterminate.REVOKED_NO_POE,
    AdESIndeterminate.REVOKED_CA_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
}
# A document signed by more is not a document (each check costs time): unreadable.
MAX_SIGNATURES = 20
# Vietnamese providers set non-repudiation, digital signature or both on signing keys.
_KEY_USAGE = KeyUsageConstraints(key_usage={"non_repudiation", "digital_signature"})


class CertificateError(ValueError):
    """A root certificate is refused; the message (Vietnamese) says why."""


# ---- the province's trusted roots -------------------------------------------------------


def roots_of_installation() -> QuerySet[TrustedRoot]:
    """The trusted roots an administrator of this installation sees and manages."""
    return TrustedRoot.objects.filter(in_provinces("province_id", installation_provinces()))


def _load_certificate(data: bytes) -> x509.Certificate:
    data = data.strip()
    try:
        if data.startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise CertificateError(
            _("Tệp không phải chứng thư số X.509 (định dạng PEM hoặc DER).")
        ) from exc


def _common_name(name: x509.Name) -> str:
    try:
        attrs = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    except ValueError:
        attrs = []
    value = attrs[0].value if attrs else name.rfc4514_string()
    return str(value)


@transaction.atomic
def trusted_root_add(
    *, data: bytes, name: str = "", by=None, province_id: str = "", is_demo: bool = False
) -> TrustedRoot:
    """Trust the root certificate ``data`` (PEM or DER) for ``province_id`` (the
    administrator's province by default); :class:`CertificateError` when it is not a
    certificate, not a certificate authority's, or already in the list."""
    cert = _load_certificate(data)
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        is_ca = constraints.ca
    except x509.ExtensionNotFound:
        is_ca = cert.issuer == cert.subject  # an old self-signed root without the extension
    except ValueError as exc:
        raise CertificateError(_("Chứng thư số có phần mở rộng không đọc được.")) from exc
    if not is_ca:
        raise CertificateError(
            _(
                "Đây là chứng thư của người ký, không phải của tổ chức cung cấp dịch vụ chứng "
                "thực (CA). Tải lên chứng thư gốc (Root CA)."
            )
        )
    province = province_id or getattr(by, "province_id", None) or settings.PROVINCE_CODE
    der = cert.public_bytes(serialization.Encoding.DER)
    fingerprint = hashlib.sha256(der).hexdigest()
    if TrustedRoot.objects.filter(province_id=province, fingerprint=fingerprint).exists():
        raise CertificateError(_("Chứng thư này đã có trong danh sách."))
    subject = _common_name(cert.subject)
    root = TrustedRoot.objects.create(
        province_id=province,
        name=(name.strip() or subject)[:200],
        subject=cert.subject.rfc4514_string()[:500],
        issuer=cert.issuer.rfc4514_string()[:500],
        fingerprint=fingerprint,
        der=der,
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        is_demo=is_demo,
        added_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log_action(
        action="trust.root_add",
        obj=root,
        by=by,
        after={"name": root.name, "subject": root.subject, "fingerprint": fingerprint},
        province=province,
    )
    return root


@transaction.atomic
def trusted_root_deactivate(*, root: TrustedRoot, by, reason: str = "") -> None:
    """Stop trusting ``root`` (kept in the list, marked)."""
    row = TrustedRoot.objects.select_for_update().get(pk=root.pk)
    if not row.is_active:
        return
    row.is_active = False
    row.deactivated_at = timezone.now()
    row.deactivated_by = by if getattr(by, "is_authenticated", False) else None
    row.save(update_fields=["is_active", "deactivated_at", "deactivated_by"])
    root.is_active, root.deactivated_at = row.is_active, row.deactivated_at
    log_action(
        action="trust.root_deactivate",
        obj=row,
        by=by,
        reason=reason,
        before={"is_active": True},
        after={"is_active": False},
        province=row.province_id,
    )


def credential_root(credential: SigningCredential) -> bytes | None:
    """The PEM of the root certificate a signing credential's PKCS#12 file carries (the
    demo's CA), or None."""
    _cert, extra = credential_chain(credential)
    for cert in extra:
        if cert.issuer == cert.subject:
            return cert.public_bytes(serialization.Encoding.PEM)
    return None


def demo_root_trust(credential: SigningCredential, *, province_id: str = "") -> TrustedRoot | None:
    """Trust the root of the demo's test CA that issued ``credential`` (the demo only)."""
    pem = credential_root(credential)
    if pem is None:
        return None
    province = province_id or settings.PROVINCE_CODE
    fingerprint = hashlib.sha256(_load_certificate(pem).public_bytes(serialization.Encoding.DER))
    found = TrustedRoot.objects.filter(
        province_id=province, fingerprint=fingerprint.hexdigest()
    ).first()
    if found is not None:
        return found
    return trusted_root_add(
        data=pem,
        name=_("CA thử nghiệm của bản demo (không có giá trị pháp lý)"),
        province_id=province,
        is_demo=True,
    )


def trust_anchors(province_id: str) -> list[asn1_x509.Certificate]:
    """The active roots the province (and its lineage) trusts, for pyHanko."""
    rows = TrustedRoot.objects.filter(
        in_provinces("province_id", province_family_of(province_id)), is_active=True
    ).values_list("der", flat=True)
    anchors = []
    for der in rows:
        try:
            cert = asn1_x509.Certificate.load(bytes(der))
            cert.subject.native  # noqa: B018 - parsed now: a damaged row is skipped here
        except ValueError:
            logger.warning("a trusted root that does not parse is skipped")
            continue
        anchors.append(cert)
    return anchors


# ---- checking an uploaded PDF -------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    """What :func:`pdf_signature_check` found."""

    status: str  # a SignatureStatus value
    signer: str = ""
    signed_at: dt.datetime | None = None
    reason: str = ""
    signatures: int = 0


def _text(value) -> str:
    return " ".join(str(value or "").split())[:255]


def _signer_name(cert: asn1_x509.Certificate) -> str:
    subject = cert.subject.native
    return _text(subject.get("common_name") or cert.subject.human_friendly)


def _status_of(result) -> str:
    if not (result.intact and result.valid):
        return SignatureStatus.INVALID
    if not (result.docmdp_ok or result.modification_level is None):
        return SignatureStatus.INVALID  # changed after signing beyond what signing allows
    if result.bottom_line:
        return SignatureStatus.VALID
    if result.revoked or result.trust_problem_indic in _EXPIRED:
        return SignatureStatus.EXPIRED
    return SignatureStatus.UNTRUSTED


# worst first: the file's status is its worst signature's
_ORDER: list[str] = [
    SignatureStatus.INVALID,
    SignatureStatus.EXPIRED,
    SignatureStatus.UNTRUSTED,
    SignatureStatus.VALID,
]


def pdf_signature_check(data: bytes, *, province_id: str) -> SignatureCheck:
    """Check every signature of the PDF ``data`` against the roots ``province_id``
    trusts. The signer, time and reason are the first signature's (the author's; later
    ones are approvals or time-stamps); the status is the worst signature's."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_regular_signatures)
    except Exception:  # noqa: BLE001 - any malformed PDF is a status, never a 500
        logger.info("unreadable PDF on signature check", exc_info=True)
        return SignatureCheck(SignatureStatus.UNREADABLE)
    if not signatures:
        return SignatureCheck(SignatureStatus.UNSIGNED)
    if len(signatures) > MAX_SIGNATURES:
        # more signatures than any document carries: not checked one by one
        return SignatureCheck(SignatureStatus.UNREADABLE, signatures=len(signatures))
    anchors = trust_anchors(province_id)
    statuses: list[str] = []
    first: SignatureCheck | None = None
    for embedded in signatures:
        try:
            context = ValidationContext(
                trust_roots=anchors, allow_fetching=False, revocation_mode="soft-fail"
            )
            result = validate_pdf_signature(
                embedded, signer_validation_context=context, key_usage_settings=_KEY_USAGE
            )
        except Exception:  # noqa: BLE001 - a broken signature is an invalid one
            logger.info("signature not validated", exc_info=True)
            statuses.append(SignatureStatus.INVALID)
            if first is None:
                first = SignatureCheck(SignatureStatus.INVALID)
            continue
        statuses.append(_status_of(result))
        if first is None:
            when = result.signer_reported_dt
            if result.timestamp_validity is not None:
                when = result.timestamp_validity.timestamp
            first = SignatureCheck(
                statuses[-1],
                signer=_signer_name(result.signing_cert),
                signed_at=when,
                reason=_text(embedded.sig_object.get("/Reason")),
            )
    assert first is not None
    worst = min(statuses, key=_ORDER.index)
    return SignatureCheck(
        worst,
        signer=first.signer,
        signed_at=first.signed_at,
        reason=first.reason,
        signatures=len(signatures),
    )

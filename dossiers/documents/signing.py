"""Digital signatures on issued PDFs (PAdES, with pyHanko), Nghị định 30/2020/NĐ-CP
Phụ lục I on electronic documents, Luật Giao dịch điện tử 20/2023.

A body signs with its certificate: a PKCS#12 file an administrator uploads
(:func:`signing_credential_store`), kept encrypted with its passphrase (Fernet, the key
derived from ``SIGNING_KEY`` or else ``SECRET_KEY`` by HKDF). :func:`pdf_sign` adds a
PAdES signature (an incremental update: the signed bytes are the document as issued)
with a visible box (at the signer's place when the caller knows it, on the page of the
signature block; else on the last page) as Phụ lục I draws the signature of an electronic
document: the body's seal image (:mod:`.seals`) over its left third, the signer's name,
the body and the time; with a time-stamp from ``SIGNING_TSA_URL`` when one is set
(:func:`timestamper`). Signing is audited; :mod:`.issued` signs an issued decision once
and keeps it.

The demo makes its own certificate authority and a certificate of the province's
committee (:func:`demo_credential`): **test certificates, trusted by nobody**; a real
deployment uploads the body's certificate from a licensed provider.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import tempfile

from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.stamp import StaticStampStyle

from emulation.audit import log_action

from . import pdf
from .models import SealImage, SigningCredential

# Where the visible signature sits on the last page (points from the bottom left of A4):
# under the signature block, on the right, as Phụ lục I places the signer's.
STAMP_BOX = (320, 36, 565, 106)


def stamp_box_over(
    place: tuple[float, float, float, float] | None,
) -> tuple[float, float, float, float]:
    """The visible signature's box centred on ``place`` (the space above the signer's
    name, :func:`dossiers.documents.pdf.signature_space`), as Phụ lục I puts the signature
    at the signer's place; :data:`STAMP_BOX` on the last page without one."""
    if place is None:
        return STAMP_BOX
    width, height = STAMP_BOX[2] - STAMP_BOX[0], STAMP_BOX[3] - STAMP_BOX[1]
    cx, cy = (place[0] + place[2]) / 2, (place[1] + place[3]) / 2
    return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


DEMO_NOTE = "CHỨNG THƯ THỬ NGHIỆM - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


def _fernet() -> Fernet:
    secret = (getattr(settings, "SIGNING_KEY", "") or settings.SECRET_KEY).encode()
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"ntm signing credentials"
    ).derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


@transaction.atomic
def signing_credential_store(
    *, body_key: str, pkcs12_data: bytes, passphrase: str, by=None, is_demo: bool = False
) -> SigningCredential:
    """Keep a body's PKCS#12 file, encrypted; ValueError when the file does not open with
    the passphrase or holds no key and certificate."""
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(pkcs12_data, passphrase.encode())
    except ValueError as exc:
        raise ValueError("Tệp PKCS#12 không mở được với mật khẩu này.") from exc
    if key is None or cert is None:
        raise ValueError("Tệp PKCS#12 không có khóa bí mật và chứng thư.")
    fernet = _fernet()
    credential = SigningCredential.objects.create(
        body_key=body_key,
        subject=cert.subject.rfc4514_string()[:255],
        not_after=cert.not_valid_after_utc,
        pkcs12_encrypted=fernet.encrypt(pkcs12_data),
        passphrase_encrypted=fernet.encrypt(passphrase.encode()),
        is_demo=is_demo,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log_action(action="signing.credential_upload", obj=credential, by=by)
    return credential


def _decrypted(credential: SigningCredential) -> tuple[bytes, bytes]:
    fernet = _fernet()
    data = fernet.decrypt(bytes(credential.pkcs12_encrypted))
    return data, fernet.decrypt(bytes(credential.passphrase_encrypted))


def credential_chain(
    credential: SigningCredential,
) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """The credential's certificate and the others its PKCS#12 file carries (its CA's)."""
    data, passphrase = _decrypted(credential)
    _key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase)
    assert cert is not None  # checked when stored
    return cert, list(extra or [])


def _signer(credential: SigningCredential) -> signers.SimpleSigner:
    data, passphrase = _decrypted(credential)
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase)
    if signer is None:
        raise ValueError("Tệp PKCS#12 không mở được.")
    return signer


def timestamper() -> TimeStamper | None:
    """The time-stamping server of ``settings.SIGNING_TSA_URL`` (RFC 3161), or None."""
    url = getattr(settings, "SIGNING_TSA_URL", "")
    if not url:
        return None
    return HTTPTimeStamper(url, timeout=10)


def seal_png(body_key: str) -> bytes | None:
    """The body's active seal image (PNG), or None."""
    png = (
        SealImage.objects.filter(body_key=body_key, is_active=True)
        .values_list("png", flat=True)
        .first()
    )
    return bytes(png) if png is not None else None


def signing_time_text(when: dt.datetime) -> str:
    """ "30/11/2026 12:45:07 +07:00": date, hour-minute-second and Việt Nam's offset
    (Nghị định 30/2020/NĐ-CP, Phụ lục I: the time of signing, ISO 8601 time zone)."""
    offset = when.strftime("%z")
    return f"{when:%d/%m/%Y %H:%M:%S} {offset[:3]}:{offset[3:]}"


def _appearance_pdf(lines: list[str], seal: bytes | None = None) -> bytes:
    """The visible signature as a one-page PDF the size of its box, in the documents'
    font (pyHanko's own text stamp spaces Vietnamese letters apart).

    Nghị định 30/2020/NĐ-CP, Phụ lục I (electronic documents): the image of the body's
    seal, red, on a transparent background, laid over the left part of the signature;
    beside it the signer, the body and the time of signing."""
    width, height = STAMP_BOX[2] - STAMP_BOX[0], STAMP_BOX[3] - STAMP_BOX[1]
    body = "".join(f"<div>{escape(line)}</div>" for line in lines)
    image = ""
    if seal is not None:
        src = "data:image/png;base64," + base64.b64encode(seal).decode()
        image = f'<img class="seal" src="{src}" alt="">'
    html = f'<html><body class="stamp"><div class="lines">{body}</div>{image}</body></html>'
    seal_size = height - 4
    css = (
        f"@page {{ size: {width}pt {height}pt; margin: 0; "
        "@top-center { content: none; } @bottom-center { content: none; } } "
        "body.stamp { margin: 0; padding: 4pt 6pt; border: 1pt solid #c0392b; "
        f"color: {'#1a237e' if seal else '#c0392b'}; "
        f"height: {height - 10}pt; font-size: 8.5pt; line-height: 1.3; position: relative; }}"
        # the seal over the text (drawn after it), a third of it on the signature
        f"img.seal {{ position: absolute; left: 2pt; top: 2pt; width: {seal_size}pt; "
        f"height: {seal_size}pt; z-index: 1; }}"
        + (f"div.lines {{ margin-left: {seal_size * 2 / 3:.0f}pt; }}" if seal else "")
    )
    return pdf.html_to_pdf(html, extra_css=css)


def pdf_sign(
    *,
    document: bytes,
    credential: SigningCredential,
    signer_name: str,
    body_name: str,
    by=None,
    reason: str = "Ký số văn bản",
    page: int = -1,
    box: tuple[float, float, float, float] = STAMP_BOX,
) -> bytes:
    """``document`` (a PDF) signed PAdES by ``credential``, with a visible signature on
    ``page`` (0-based; the last by default) in ``box`` (points from the bottom left; the
    body's seal image over it when one is uploaded) and, when a
    time-stamping server is configured, its time-stamp (B-T; else B-B).

    The original bytes are kept and the signature appended (incremental update): a
    signed document is never changed; a change makes a new document."""
    when = timezone.localtime()
    writer = IncrementalPdfFileWriter(io.BytesIO(document))
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=signer_name,
        location=body_name,
        reason=reason,
    )
    lines = [
        f"Người ký: {signer_name}",
        f"Cơ quan: {body_name}",
        f"Thời gian ký: {signing_time_text(when)}",
    ]
    if credential.is_demo:
        lines.append(DEMO_NOTE)
    stamper = timestamper()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as appearance:
        appearance.write(_appearance_pdf(lines, seal_png(credential.body_key)))
        appearance.flush()
        style = StaticStampStyle.from_pdf_file(appearance.name, border_width=0)
        pdf_signer = signers.PdfSigner(
            meta,
            signer=_signer(credential),
            timestamper=stamper,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(
                "ChuKySo",
                on_page=page,
                box=(round(box[0]), round(box[1]), round(box[2]), round(box[3])),
            ),
        )
        out = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=out)
    log_action(
        action="signing.sign",
        obj=credential,
        by=by,
        details={
            "signer": signer_name,
            "body": body_name,
            "bytes": len(document),
            "timestamp": stamper is not None,
            "page": page,
        },
    )
    return out.getvalue()


# ---- the demo's certificates -------------------------------------------------------


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "NTM Khen thưởng (thử nghiệm)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def demo_pkcs12(
    *, subject: str, passphrase: str, valid: tuple[dt.datetime, dt.datetime] | None = None
) -> tuple[bytes, bytes]:
    """(PKCS#12 of a signing certificate for ``subject``, PEM of the demo root that
    issued it): both made now, for the demo and the tests only. ``valid``: the signing
    certificate's validity (default: from yesterday for two years)."""
    now = dt.datetime.now(dt.UTC)
    valid_from, valid_to = valid or (now - dt.timedelta(days=1), now + dt.timedelta(days=730))
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("CA thử nghiệm NTM Khen thưởng")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(min(now, valid_from) - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_to)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=subject.encode(),
        key=key,
        cert=cert,
        cas=[root],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
    return data, root.public_bytes(serialization.Encoding.PEM)


def demo_credential(*, body_key: str, body_name: str) -> SigningCredential:
    """The body's demo credential (made and stored the first time): a test certificate."""
    found = SigningCredential.objects.filter(body_key=body_key, is_demo=True).first()
    if found is not None:
        return found
    passphrase = base64.urlsafe_b64encode(Fernet.generate_key()[:18]).decode()
    data, _root = demo_pkcs12(subject=f"{body_name} (thử nghiệm)", passphrase=passphrase)
    return signing_credential_store(
        body_key=body_key, pkcs12_data=data, passphrase=passphrase, is_demo=True
    )

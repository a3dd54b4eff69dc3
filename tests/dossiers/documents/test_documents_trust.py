"""Issue 16, part 3: the digital signature of an uploaded PDF, checked on upload against
the roots the province trusts, stored with the upload and shown beside it; the list of
trusted roots kept by the province's administrator.

A PDF signed with the demo CA's certificate is valid once the demo root is trusted; the
same file with one byte changed is invalid; one signed by a CA nobody loaded is
untrusted; one signed with an expired certificate is expired; an unsigned PDF is
unsigned; a malformed one is unreadable (never a 500).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossiers import services
from dossiers.documents import pdf, signing, trust
from dossiers.documents.models import SigningCredential, TrustedRoot
from dossiers.models import AttachmentKind, SignatureStatus
from emulation.models import AuditEntry
from tests.dossiers.support import _media, new_dossier  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PASSPHRASE = "mật-khẩu-thử"


@cache
def plain_pdf() -> bytes:
    return pdf.html_to_pdf(
        "<html><body><h1>BIÊN BẢN</h1><p>Họp xét khen thưởng năm 2024.</p></body></html>"
    )


@cache
def _pkcs12(subject: str, expired: bool) -> tuple[bytes, bytes]:
    """Made once per test run (RSA keys take their time), stored by each test."""
    now = dt.datetime.now(dt.UTC)
    valid = (now - dt.timedelta(days=30), now - dt.timedelta(days=1)) if expired else None
    return signing.demo_pkcs12(subject=subject, passphrase=PASSPHRASE, valid=valid)


def credential_of(subject: str, *, expired: bool = False) -> tuple[SigningCredential, bytes]:
    data, root = _pkcs12(subject, expired)
    stored = signing.signing_credential_store(
        body_key="district:061", pkcs12_data=data, passphrase=PASSPHRASE
    )
    return stored, root


def signed_by(credential: SigningCredential) -> bytes:
    return signing.pdf_sign(
        document=plain_pdf(),
        credential=credential,
        signer_name="Hoàng Văn Ước",
        body_name="Ủy ban nhân dân huyện Bạch Thông",
        reason="Ký biên bản họp xét",
    )


@pytest.fixture
def demo_ca(settings):
    """A credential of the demo CA, whose root the province trusts."""
    credential, root = credential_of("UBND huyện Bạch Thông (thử nghiệm)")
    trust.trusted_root_add(data=root, name="CA thử nghiệm", province_id=settings.PROVINCE_CODE)
    return credential


def flip_one_byte(signed: bytes) -> bytes:
    at = signed.index(b"stream", len(plain_pdf()) // 3) + 20
    return signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]


def test_a_pdf_signed_by_a_trusted_ca_is_valid_with_its_signer_time_and_reason(demo_ca, settings):
    found = trust.pdf_signature_check(signed_by(demo_ca), province_id=settings.PROVINCE_CODE)
    assert found.status == SignatureStatus.VALID
    assert found.signer == "UBND huyện Bạch Thông (thử nghiệm)"
    assert found.reason == "Ký biên bản họp xét"
    assert found.signed_at is not None
    assert abs(found.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_one_changed_byte_makes_it_invalid(demo_ca, settings):
    tampered = flip_one_byte(signed_by(demo_ca))
    found = trust.pdf_signature_check(tampered, province_id=settings.PROVINCE_CODE)
    assert found.status == SignatureStatus.INVALID


def test_a_ca_nobody_loaded_is_untrusted(demo_ca, settings):
    stranger, _root = credential_of("Người lạ")
    found = trust.pdf_signature_check(signed_by(stranger), province_id=settings.PROVINCE_CODE)
    assert found.status == SignatureStatus.UNTRUSTED
    assert found.signer == "Người lạ"


def test_a_deactivated_root_is_trusted_no_more(demo_ca, settings):
    signed = signed_by(demo_ca)
    trust.trusted_root_deactivate(root=TrustedRoot.objects.get(), by=None)
    found = trust.pdf_signature_check(signed, province_id=settings.PROVINCE_CODE)
    assert found.status == SignatureStatus.UNTRUSTED


def test_another_provinces_roots_are_not_trusted_here(settings):
    from tests.factories import ProvinceFactory

    ProvinceFactory(code="Z9", name="Tỉnh Cách Biệt")
    credential, root = credential_of("Ký ở tỉnh khác")
    trust.trusted_root_add(data=root, province_id="Z9")
    signed = signed_by(credential)
    assert trust.pdf_signature_check(signed, province_id="Z9").status == SignatureStatus.VALID
    found = trust.pdf_signature_check(signed, province_id=settings.PROVINCE_CODE)
    assert found.status == SignatureStatus.UNTRUSTED


def test_an_expired_certificate_is_expired(settings):
    credential, root = credential_of("Hết hạn", expired=True)
    trust.trusted_root_add(data=root, province_id=settings.PROVINCE_CODE)
    found = trust.pdf_signature_check(signed_by(credential), province_id=settings.PROVINCE_CODE)
    assert found.status == SignatureStatus.EXPIRED


def test_unsigned_and_malformed_pdfs(settings):
    province = settings.PROVINCE_CODE
    assert trust.pdf_signature_check(plain_pdf(), province_id=province).status == "unsigned"
    for junk in [b"%PDF-1.7\n garbage", b"", plain_pdf()[:200], b"%PDF-1.4\n" + b"\x00" * 500]:
        assert trust.pdf_signature_check(junk, province_id=province).status in {
            SignatureStatus.UNREADABLE,
            SignatureStatus.UNSIGNED,
        }


def test_a_truncated_signed_pdf_is_no_500(demo_ca, settings):
    signed = signed_by(demo_ca)
    for cut in (len(signed) - 50, len(signed) - 3000, len(plain_pdf()) + 100):
        found = trust.pdf_signature_check(signed[:cut], province_id=settings.PROVINCE_CODE)
        assert found.status != SignatureStatus.VALID


def test_roots_refused_beside_the_field():
    with pytest.raises(trust.CertificateError, match="PEM hoặc DER"):
        trust.trusted_root_add(data=b"-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----")
    with pytest.raises(trust.CertificateError, match="PEM hoặc DER"):
        trust.trusted_root_add(data=b"\x30\x82\x01")
    credential, root = credential_of("Người ký")
    leaf, _extra = signing.credential_chain(credential)
    from cryptography.hazmat.primitives import serialization

    with pytest.raises(trust.CertificateError, match="Root CA"):
        trust.trusted_root_add(data=leaf.public_bytes(serialization.Encoding.DER))
    trust.trusted_root_add(data=root)
    with pytest.raises(trust.CertificateError, match="đã có"):
        trust.trusted_root_add(data=root)
    assert AuditEntry.objects.filter(action="trust.root_add").count() == 1


# ---- on upload, stored with the attachment, shown on the dossier page -----------------


def test_the_check_is_stored_with_the_upload_and_shown_on_the_dossier(
    demo_ca, users, client, django_assert_max_num_queries
):
    district = users["district_a"]
    d = new_dossier(district)
    stranger, _root = credential_of("Người lạ")
    files = {
        "bien-ban-ky-so.pdf": signed_by(demo_ca),
        "bien-ban-sua.pdf": flip_one_byte(signed_by(demo_ca)),
        "bien-ban-la.pdf": signed_by(stranger),
        "bien-ban-thuong.pdf": plain_pdf(),
    }
    made = {}
    for name, data in files.items():
        made[name] = services.attachment_upload(
            dossier=d,
            by=district,
            kind=AttachmentKind.EVIDENCE,
            upload=SimpleUploadedFile(name, data, content_type="application/pdf"),
        )
    made["bien-ban-ky-so.pdf"].refresh_from_db()
    valid = made["bien-ban-ky-so.pdf"]
    assert valid.signature_status == SignatureStatus.VALID
    assert valid.signature_signer == "UBND huyện Bạch Thông (thử nghiệm)"
    assert valid.signature_reason == "Ký biên bản họp xét"
    assert valid.signature_signed_at is not None
    assert made["bien-ban-sua.pdf"].signature_status == SignatureStatus.INVALID
    assert made["bien-ban-la.pdf"].signature_status == SignatureStatus.UNTRUSTED
    assert made["bien-ban-thuong.pdf"].signature_status == SignatureStatus.UNSIGNED
    client.force_login(district)
    with django_assert_max_num_queries(60):
        page = client.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert "Có chữ ký số hợp lệ" in page
    assert "UBND huyện Bạch Thông (thử nghiệm)" in page
    assert "Ký biên bản họp xét" in page
    assert "tệp đã bị sửa sau khi ký" in page
    assert "chứng thư không được tin cậy" in page
    assert "Không có chữ ký số" in page


def test_a_malformed_pdf_upload_is_stored_unreadable_not_a_500(users, client):
    district = users["district_a"]
    d = new_dossier(district)
    client.force_login(district)
    response = client.post(
        reverse("dossiers:attachment_upload", args=[d.pk]),
        {
            "kind": AttachmentKind.EVIDENCE,
            "file": SimpleUploadedFile("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Sig"),
        },
    )
    assert response.status_code in {200, 302}
    attachment = d.attachments.get()
    assert attachment.signature_status == SignatureStatus.UNREADABLE


def test_a_damaged_root_row_is_skipped(demo_ca, settings):
    TrustedRoot.objects.create(
        province_id=settings.PROVINCE_CODE, name="hỏng", subject="x", issuer="x",
        fingerprint="0" * 64, der=b"0", not_before=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        not_after=dt.datetime(2034, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    found = trust.pdf_signature_check(signed_by(demo_ca), province_id=settings.PROVINCE_CODE)
    assert found.status == SignatureStatus.VALID

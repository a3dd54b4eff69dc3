"""Issue 16, part 2 (rest): the visible signature of Phụ lục I (the body's seal image over
it, the signer, the body, the time), a time-stamp when a time-stamping server is set
(pyHanko's dummy time-stamper here: no network), the decision signed once and stored,
never changed (signed when recorded: test_signed_on_issue.py); the screens of the trusted
roots and the seals.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from dossiers.documents import demo, issued, seals, signing, trust
from dossiers.documents.models import SealImage, SignedDocument, TrustedRoot
from dossiers.models import SignatureStatus
from emulation.models import AuditEntry
from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixtures
    decided,
    dossier,
)
from tests.dossiers.documents.test_documents_trust import credential_of, plain_pdf
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture
from tests.pdfcheck import pdfsig

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _sign(credential) -> bytes:
    return signing.pdf_sign(
        document=plain_pdf(),
        credential=credential,
        signer_name="Triệu Đức Khải",
        body_name="Ủy ban nhân dân tỉnh Bắc Kạn",
    )


def _appearance_images(signed: bytes) -> int:
    """The images drawn by the signature field's appearance (its /AP /N and the forms in it)."""
    reader = PdfFileReader(io.BytesIO(signed))
    field = reader.embedded_regular_signatures[0].sig_field
    seen = 0
    stack = [field["/AP"]["/N"]]
    while stack:
        stream = stack.pop()
        resources = stream.get("/Resources", {})
        resources = resources.get_object() if hasattr(resources, "get_object") else resources
        xobjects = resources.get("/XObject", {})
        xobjects = xobjects.get_object() if hasattr(xobjects, "get_object") else xobjects
        for obj in xobjects.values():
            obj = obj.get_object()
            if obj.get("/Subtype") == "/Image":
                seen += 1
            elif obj.get("/Subtype") == "/Form":
                stack.append(obj)
    return seen


def test_the_visible_signature_carries_the_seal_image_the_administrator_uploaded(users, tmp_path):
    credential, _root = credential_of("UBND tỉnh Bắc Kạn (thử nghiệm)")
    credential.body_key = "province:06"
    credential.save()
    assert _appearance_images(_sign(credential)) == 0  # no seal yet: the text alone
    seal = seals.seal_upload(
        body_key="province:06", data=seals.demo_seal_png("Ủy ban nhân dân tỉnh Bắc Kạn"),
        by=users["admin"],
    )  # fmt: skip
    signed = _sign(credential)
    assert _appearance_images(signed) >= 1
    assert "Signature is Valid" in pdfsig(signed, tmp_path)
    assert AuditEntry.objects.filter(action="signing.seal_upload", object_id=str(seal.pk)).exists()
    # a new image replaces it; the old one is kept, inactive
    seals.seal_upload(body_key="province:06", data=seals.demo_seal_png("Khác", size=200))
    assert SealImage.objects.filter(body_key="province:06", is_active=True).count() == 1
    assert SealImage.objects.filter(body_key="province:06").count() == 2


def test_the_signing_time_is_written_as_phu_luc_i_asks():
    when = dt.datetime(2026, 11, 30, 12, 45, 7, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert signing.signing_time_text(when) == "30/11/2026 12:45:07 +07:00"


def test_seal_images_refused_beside_the_field():
    for data, message in [
        (b"", "rỗng"),
        (b"GIF89a" + b"\x00" * 40, "PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "hỏng"),
        (seals.demo_seal_png("Nhỏ", size=32), "64 đến 4000"),
    ]:
        with pytest.raises(seals.SealError, match=message):
            seals.seal_upload(body_key="province:06", data=data)
    with pytest.raises(seals.SealError, match="cơ quan"):
        seals.seal_upload(body_key="province:Z9", data=seals.demo_seal_png("Lạ"))


# ---- the time-stamp --------------------------------------------------------------------


def _dummy_tsa() -> DummyTimeStamper:
    now = dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA thử nghiệm")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
    )


def test_no_time_stamp_without_a_server_and_the_servers_address_when_set(settings):
    settings.SIGNING_TSA_URL = ""
    assert signing.timestamper() is None
    settings.SIGNING_TSA_URL = "http://tsa.example.vn/tsa"
    stamper = signing.timestamper()
    assert stamper is not None and stamper.url == "http://tsa.example.vn/tsa"


def test_a_configured_time_stamping_server_stamps_the_signature(settings, monkeypatch, tmp_path):
    settings.SIGNING_TSA_URL = "http://tsa.example.vn/tsa"
    tsa = _dummy_tsa()
    monkeypatch.setattr(signing, "timestamper", lambda: tsa)
    credential, root = credential_of("UBND tỉnh Bắc Kạn (thử nghiệm)")
    signed = _sign(credential)
    embedded = PdfFileReader(io.BytesIO(signed)).embedded_regular_signatures[0]
    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(x509.load_pem_x509_certificate(root).public_bytes(
            serialization.Encoding.DER)), tsa.tsa_cert],
    )  # fmt: skip
    status = validate_pdf_signature(embedded, signer_validation_context=context)
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.valid
    assert status.bottom_line
    assert "Signature is Valid" in pdfsig(signed, tmp_path)
    entry = AuditEntry.objects.filter(action="signing.sign").latest("pk")
    assert entry.details["timestamp"] is True


# ---- the decision, signed once and stored -------------------------------------------------


def test_the_decision_is_signed_once_stored_and_served_unchanged(
    decided,  # noqa: F811 - the fixture
    users,
    client,
    settings,
    tmp_path,
):
    url = reverse("documents:decision_signed", args=[decided.pk])
    client.force_login(users["reviewer"])
    # without a certificate for the issuing body (outside the demo) the download says so
    settings.DEMO_MODE = False
    refused = client.get(url, follow=True)
    assert refused.status_code == 200
    assert "Bản ký số đang chờ chứng thư số" in refused.content.decode()
    assert not SignedDocument.objects.exists()
    with pytest.raises(issued.NoCredential):
        issued.signed_decision(dossier=decided, by=users["reviewer"])
    # the demo signs with its own test certificate: the worker signs it once recorded
    # (tests/dossiers/documents/test_signed_on_issue.py); here the service itself
    settings.DEMO_MODE = True
    issued.signed_decision(dossier=decided, by=users["reviewer"])
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert "ky-so" in first["Content-Disposition"]
    report = pdfsig(first.content, tmp_path)
    assert "Signature is Valid" in report and "Total document signed" in report, report
    stored = SignedDocument.objects.get()
    assert stored.signed_by == users["reviewer"] and stored.credential.is_demo
    client.force_login(users["district_a"])  # the proposer sees its decided dossier
    again = client.get(url)
    assert again.content == first.content  # the same bytes: never signed again
    assert SignedDocument.objects.count() == 1
    changed = SignedDocument.objects.get()
    changed.pdf = b"%PDF-1.7 changed"
    with pytest.raises(ValueError, match="never changed"):
        changed.save()
    assert AuditEntry.objects.filter(action="signing.sign").count() == 1
    assert AuditEntry.objects.filter(action="signing.document_store").count() == 1
    # the decision's page links it
    page = client.get(reverse("dossiers:detail", args=[decided.pk])).content.decode()
    assert url in page
    # received back as an upload, it checks valid once the demo CA's root is trusted
    trust.demo_root_trust(stored.credential)
    found = trust.pdf_signature_check(bytes(stored.pdf), province_id=decided.province_id)
    assert found.status == SignatureStatus.VALID
    assert re.search(r"\(thử nghiệm\)", found.signer)


# ---- the screens -------------------------------------------------------------------------


def test_the_administrator_adds_a_root_sees_errors_beside_the_field_and_deactivates_it(
    users, client, django_assert_max_num_queries
):
    client.force_login(users["admin"])
    url = reverse("documents:trusted_roots")
    bad = client.post(
        url, {"name": "Root CA quốc gia", "file": SimpleUploadedFile("root.cer", b"not a cert")}
    )
    page = bad.content.decode()
    assert bad.status_code == 400 and "PEM hoặc DER" in page
    assert 'value="Root CA quốc gia"' in page  # the typed name kept
    _credential, root = credential_of("Người ký")
    der = x509.load_pem_x509_certificate(root).public_bytes(serialization.Encoding.DER)
    ok = client.post(url, {"name": "Root CA quốc gia", "file": SimpleUploadedFile("root.cer", der)})
    assert ok.status_code == 302
    row = TrustedRoot.objects.get()
    assert row.name == "Root CA quốc gia" and row.added_by == users["admin"]
    with django_assert_max_num_queries(12):
        listed = client.get(url).content.decode()
    assert "Root CA quốc gia" in listed
    gone = client.post(reverse("documents:trusted_root_deactivate", args=[row.pk]))
    assert gone.status_code == 302
    row.refresh_from_db()
    assert not row.is_active and row.deactivated_by == users["admin"]
    assert AuditEntry.objects.filter(action="trust.root_deactivate").exists()


def test_the_administrator_uploads_a_seal_image(users, client):
    client.force_login(users["admin"])
    url = reverse("documents:seals")
    key = seals.seal_bodies()[0][0]
    bad = client.post(url, {"body_key": key, "file": SimpleUploadedFile("dau.png", b"GIF89a")})
    assert bad.status_code == 400 and "PNG" in bad.content.decode()
    png = seals.demo_seal_png("Ủy ban nhân dân tỉnh Bắc Kạn")
    ok = client.post(url, {"body_key": key, "file": SimpleUploadedFile("dau.png", png)})
    assert ok.status_code == 302
    seal = SealImage.objects.get(is_active=True)
    listed = client.get(url).content.decode()
    assert reverse("documents:seal_image", args=[seal.pk]) in listed
    image = client.get(reverse("documents:seal_image", args=[seal.pk]))
    assert image.content == png and image["Content-Type"] == "image/png"


def test_the_demo_trusts_its_test_ca_and_draws_a_test_seal_and_says_so(users, client):
    roots, drawn = demo.seed_signatures()
    assert roots >= 1 and drawn >= 1
    assert TrustedRoot.objects.filter(is_demo=True).count() == roots
    assert SealImage.objects.filter(is_demo=True, is_active=True).count() == drawn
    assert demo.seed_signatures() == (0, 0)  # once
    client.force_login(users["admin"])
    assert (
        "không có giá trị pháp lý"
        in client.get(reverse("documents:trusted_roots")).content.decode()
    )
    assert "không có giá trị pháp lý" in client.get(reverse("documents:seals")).content.decode()


def test_the_administrator_uploads_the_bodys_signing_certificate_in_the_app(users, client):
    from dossiers.documents.models import SigningCredential

    client.force_login(users["admin"])
    url = reverse("documents:credentials")
    key = seals.seal_bodies()[0][0]
    data, _root = signing.demo_pkcs12(subject="UBND tỉnh (thử nghiệm)", passphrase="đúng")

    def post(passphrase: str, content: bytes = data):
        upload = SimpleUploadedFile("ubnd.p12", content, content_type="application/x-pkcs12")
        return client.post(url, {"body_key": key, "file": upload, "passphrase": passphrase})

    wrong = post("sai")
    assert wrong.status_code == 400 and "không mở được" in wrong.content.decode()
    assert post("x", b"not a pkcs12").status_code == 400
    assert not SigningCredential.objects.exists()
    assert post("đúng").status_code == 302
    stored = SigningCredential.objects.get(body_key=key)
    assert stored.uploaded_by == users["admin"]
    assert "đúng".encode() not in bytes(stored.passphrase_encrypted)
    assert "UBND tỉnh (thử nghiệm)" in client.get(url).content.decode()
    # the decision is signed with it (an uploaded certificate before a demo one)
    assert issued.credential_for(key, "UBND") == stored

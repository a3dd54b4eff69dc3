"""Issue 16, part 2: PAdES signatures with the issuing body's certificate.

The demo's own test CA and certificate (made here, trusted by nobody); the PKCS#12 file
and its passphrase stored encrypted; poppler's pdfsig finds the signed decision's
signature valid and covering the whole document, and finds it broken once one byte of
the signed content changes. render_samples writes the signed sample ("ky-so").
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from dossiers.documents import builders, pdf, signing
from dossiers.documents.models import SigningCredential
from emulation.models import AuditEntry
from tests.conftest import make_user
from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixtures
    decided,
    dossier,
)
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.integration]

PASSPHRASE = "mật-khẩu-thử"


def pdfsig(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


@pytest.fixture
def credential(db, users):
    data, _root = signing.demo_pkcs12(
        subject="UBND tỉnh Bắc Kạn (thử nghiệm)", passphrase=PASSPHRASE
    )
    return signing.signing_credential_store(
        body_key="province:06", pkcs12_data=data, passphrase=PASSPHRASE, by=users["admin"]
    )


def test_the_certificate_and_its_passphrase_are_stored_encrypted(credential):
    row = SigningCredential.objects.get(pk=credential.pk)
    assert PASSPHRASE.encode() not in bytes(row.passphrase_encrypted)
    assert b"BEGIN" not in bytes(row.pkcs12_encrypted)
    assert "UBND tỉnh Bắc Kạn" in row.subject
    assert AuditEntry.objects.filter(action="signing.credential_upload").exists()


def test_a_wrong_passphrase_is_refused(db):
    data, _root = signing.demo_pkcs12(subject="x", passphrase=PASSPHRASE)
    with pytest.raises(ValueError):
        signing.signing_credential_store(body_key="province:06", pkcs12_data=data, passphrase="sai")


def test_pdfsig_finds_the_signed_decision_valid_and_one_changed_byte_invalid(
    decided,  # noqa: F811 - the fixture
    credential,
    users,
    tmp_path,
):
    document = builders.decision(decided)
    original = pdf.render_pdf(document.template, document.context)
    signed = signing.pdf_sign(
        document=original,
        credential=credential,
        signer_name="Nguyễn Đăng Bình",
        body_name="Ủy ban nhân dân tỉnh Bắc Kạn",
        by=users["reviewer"],
    )
    assert signed.startswith(original)  # an incremental update: the issued bytes unchanged
    report = pdfsig(signed, tmp_path)
    assert "Signature is Valid" in report, report
    assert "Total document signed" in report, report
    assert "ETSI.CAdES.detached" in report, report  # PAdES
    assert AuditEntry.objects.filter(action="signing.sign", actor=users["reviewer"]).exists()
    # one byte of the signed content changed: a letter of the decision's text stream
    at = signed.index(b"stream", len(original) // 3) + 20
    tampered = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]
    report = pdfsig(tampered, tmp_path)
    assert "Signature is Valid" not in report, report
    assert re.search(r"Digest Mismatch|Signature is Invalid", report), report


def test_render_samples_writes_a_signed_decision(db, tmp_path, demo_mode):
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("render_samples", str(tmp_path / "mau"), stdout=out)
    signed = [p for p in out.getvalue().split() if "ky-so" in p]
    assert len(signed) == 1 and signed[0].endswith(".pdf")
    report = pdfsig(Path(signed[0]).read_bytes(), tmp_path)
    assert "Signature is Valid" in report and "Total document signed" in report, report
    assert SigningCredential.objects.filter(is_demo=True).exists()


def test_an_administrator_uploads_a_certificate_in_the_admin(db, client):
    data, _root = signing.demo_pkcs12(subject="Sở Nông nghiệp (thử nghiệm)", passphrase=PASSPHRASE)
    root = make_user("quantri_goc", "admin", is_staff=True, is_superuser=True)
    client.force_login(root)
    url = reverse("admin:documents_signingcredential_add")

    def post(passphrase):
        upload = SimpleUploadedFile("snn.p12", data, content_type="application/x-pkcs12")
        return client.post(
            url, {"body_key": "agency:snn", "pkcs12_file": upload, "passphrase": passphrase}
        )

    response = post("sai")
    assert (
        response.status_code == 200
        and "Tệp không mở được với mật khẩu này." in response.content.decode()
    )
    assert not SigningCredential.objects.exists()
    assert post(PASSPHRASE).status_code == 302
    stored = SigningCredential.objects.get(body_key="agency:snn")
    assert "Sở Nông nghiệp" in stored.subject and stored.uploaded_by == root
    assert PASSPHRASE.encode() not in bytes(stored.passphrase_encrypted)

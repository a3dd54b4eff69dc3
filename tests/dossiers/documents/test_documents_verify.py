"""Issue 16, part 4: each Bằng khen carries a QR code that anyone can check.

The code is read back from the printed PDF (pdftoppm, then OpenCV's QR decoder) and
leads to /xac-minh/<token>/, which shows the name, title, decision number and date and
the issuer, nothing more, and "đã thu hồi" / "đã đính chính" when the register says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import cv2
import numpy as np
import pytest
from django.test import Client

from dossiers.documents import builders, certificates
from dossiers.documents.models import CertificateCheck
from dossiers.documents.register import (
    outgoing_document_correct,
    outgoing_document_issue,
    outgoing_document_withdraw,
)
from dossiers.documents.verify import verified_certificate
from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixtures
    decided,
    dossier,
)
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.integration]


def _pages(pdf: bytes, dpi: int) -> list:
    """The PDF's pages as grey images at ``dpi`` (pdftoppm writes one PGM after another)."""
    images = []
    pages = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    while pages:
        header_end = 0
        fields = []
        while len(fields) < 4:
            nxt = pages.index(b"\n", header_end) + 1
            line = pages[header_end:nxt].split(b"#")[0].split()
            fields += line
            header_end = nxt
        width, height = int(fields[1]), int(fields[2])
        image = np.frombuffer(pages[header_end : header_end + width * height], np.uint8)
        pages = pages[header_end + width * height :]
        images.append(image.reshape(height, width))
    return images


def decode_qr_codes(pdf: bytes) -> list[str]:
    """Every QR code on the PDF's pages. OpenCV's detector misses some codes at one
    resolution and reads them at another, so each page is tried at 200, 300 and 150 dpi
    (and with the ArUco-based detector where OpenCV has it) until one reads it."""
    detectors = [cv2.QRCodeDetector()]
    if hasattr(cv2, "QRCodeDetectorAruco"):
        detectors.append(cv2.QRCodeDetectorAruco())
    renderings = [_pages(pdf, dpi) for dpi in (200, 300, 150)]
    found = []
    for i in range(len(renderings[0])):
        text = ""
        for pages in renderings:
            for detector in detectors:
                text, _points, _code = detector.detectAndDecode(pages[i])
                if text:
                    break
            if text:
                break
        found.append(text)
    return found


@pytest.fixture
def printed(decided, settings):  # noqa: F811 - the fixture
    settings.SITE_URL = "https://khenthuong.example.gov.vn"
    entries = builders.certificate_entries(decided)
    data = certificates.certificates_pdf(certificates.active_layout(), entries)
    return decided, entries, data


def test_the_qr_code_on_each_certificate_opens_its_check_page(printed):
    d, entries, data = printed
    tokens = CertificateCheck.objects.filter(nominee__dossier=d).values_list("token", flat=True)
    assert len(tokens) == len(entries) == 2  # the commune and Hoàng Văn Páo, not the refused
    urls = decode_qr_codes(data)
    assert urls == [e.verify_url for e in entries]
    assert sorted(urls) == sorted(
        f"https://khenthuong.example.gov.vn/xac-minh/{t}/" for t in tokens
    )
    # printing again keeps the same address
    again = builders.certificate_entries(d)
    assert [e.verify_url for e in again] == [e.verify_url for e in entries]


def test_the_check_page_shows_only_the_listed_fields(printed, django_assert_max_num_queries):
    d, entries, _data = printed
    path = "/" + entries[0].verify_url.split("/", 3)[3]
    with django_assert_max_num_queries(6):
        response = Client().get(path)
    assert response.status_code == 200
    page = response.content.decode()
    awarded = d.nominees.filter(awarded=True).order_by("position").first()
    assert awarded.name == entries[0].recipient
    for expected in [
        awarded.name,
        "1234/QĐ-UBND",
        "20/12/2024",
        "Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn",
        "đang có hiệu lực",
    ]:
        assert expected in page, expected
    cert = verified_certificate(path.split("/")[2])
    assert set(vars(cert)) == {
        "name", "title", "decision_number", "decision_date", "issuer", "withdrawn", "corrected_by",
    }  # fmt: skip
    assert cert.title and cert.title in page
    # nothing else of the nominee: not the unit, not the refused nominee
    assert "Khuổi Dạn" not in page and "Lường Thị Ước" not in page
    assert Client().get("/xac-minh/khong-co-ma-nay/").status_code == 404


def _register_decision(d):
    return outgoing_document_issue(
        body_key="province:06",
        body_name="UBND tỉnh Bắc Kạn",
        body_abbreviation="UBND",
        kind_code="QĐ",
        issued_on=dt.date(2024, 12, 20),
        excerpt="Về việc tặng Bằng khen",
        dossier=d,
    )


def test_a_corrected_decision_says_so(printed, users):
    d, entries, _data = printed
    doc = _register_decision(d)
    fix = outgoing_document_issue(
        body_key="province:06",
        body_name="UBND tỉnh Bắc Kạn",
        body_abbreviation="UBND",
        kind_code="QĐ",
        issued_on=dt.date(2025, 1, 5),
        excerpt="Đính chính",
    )
    outgoing_document_correct(document=doc, correction=fix, by=users["reviewer"])
    page = Client().get("/" + entries[0].verify_url.split("/", 3)[3]).content.decode()
    assert "đã đính chính" in page and "01/QĐ-UBND" in page and "đang có hiệu lực" not in page


def test_a_withdrawn_decision_says_so(printed, users):
    d, entries, _data = printed
    doc = _register_decision(d)
    outgoing_document_withdraw(document=doc, by=users["reviewer"], reason="Sai đối tượng")
    page = Client().get("/" + entries[0].verify_url.split("/", 3)[3]).content.decode()
    assert "đã thu hồi" in page and "đang có hiệu lực" not in page

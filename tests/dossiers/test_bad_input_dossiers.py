"""Bad input on the dossier screens: the header, nominees, uploads, workflow notes, decisions.

The same rules as tests/config/test_bad_input.py: no server error, a clear message, nothing
stored on a refusal (every table unchanged), what is accepted stored in NFC and shown
escaped, nothing saved before lost.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dossiers import services
from dossiers.models import AttachmentKind, Dossier, Nominee, NomineeKind, Status
from emulation.text import control_character, nfc
from tests.config.test_bad_input import CORPUS, TEXT, assert_clean, fingerprint, messages_in, nfd
from tests.factories import RecognitionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def blank_nominee_data() -> dict:
    data = {name: None for name in services.NOMINEE_INPUT_FIELDS}
    data.update({name: "" for name in services.TEXT_FIELDS})
    return data


@pytest.fixture
def dossier(users, district_a) -> Dossier:
    """District A's draft with one recognised commune and one individual, documents attached."""
    staff = users["district_a"]
    commune, plain = district_a.communes.filter(extremely_difficult=False).order_by("code")[:2]
    RecognitionFactory(
        commune=commune,
        level="ntm",
        decision_number="1/QĐ-UBND",
        decision_date=dt.date(2024, 10, 1),
    )
    d = services.dossier_create(
        by=staff, round="annual", year=2024, document_number="5/TTr-UBND",
        document_date=dt.date(2024, 11, 5),
    )  # fmt: skip
    services.nominee_save(
        dossier=d,
        by=staff,
        data=blank_nominee_data()
        | {"kind": NomineeKind.COMMUNE, "title": "commune_recognized", "commune": commune},
    )
    services.nominee_save(
        dossier=d,
        by=staff,
        data=blank_nominee_data()
        | {
            "kind": NomineeKind.INDIVIDUAL,
            "title": "person_contribution",
            "name": "Hoàng Văn Đã Lưu",
            "commune": plain,
            "contribution_value": 60_000_000,
            "achievements": "Hiến đất.",
        },
    )
    return d


@pytest.fixture
def staff_client(users):
    client = Client(raise_request_exception=False)
    client.force_login(users["district_a"])
    return client


def acceptable_text(value: str, max_length: int, *, required: bool = True) -> bool:
    """Free text the app should take (and store in NFC, invisible characters removed): no
    control character, not too long, not blank."""
    value = nfc(value)
    return (
        not control_character(value)
        and len(value) <= max_length
        and bool(value.strip() or not required)
    )


def refused(response, before) -> str:
    body = assert_clean(response)
    assert response.status_code in {200, 400, 409}, response.status_code
    assert messages_in(body), "no message for the user"
    assert fingerprint() == before, "a refused input changed the database"
    return body


# --- the dossier header -----------------------------------------------------------------------

HEADER_CASES = [
    ("round", "hang-nam"), ("round", ""), ("round", "' OR 1=1 --"),
    ("year", "abc"), ("year", "-1"), ("year", "2019"), ("year", "99999999999999999999"),
    ("document_date", "31/02/2024"), ("document_date", "2024-13-45"), ("document_date", "hôm qua"),
    ("document_date", "01/01/1800"), ("document_date", "\x00"),
    ("document_number", "A" * 51), ("document_number", "5/TTr\x00"),
    ("summary", "Đ" * 256), ("summary", "x\x00y"),
]  # fmt: skip


@pytest.mark.parametrize(
    "field,value", HEADER_CASES, ids=[f"{f}={v[:10]!r}" for f, v in HEADER_CASES]
)
def test_dossier_create_refuses(staff_client, field, value):
    before = fingerprint()
    data = {"round": "annual", "year": "2024", "document_number": "7/TTr-UBND",
            "document_date": "05/11/2024", "summary": "Khen thưởng 2024", field: value}  # fmt: skip
    refused(staff_client.post(reverse("dossiers:create"), data), before)


@pytest.mark.parametrize("bad", [h for h in CORPUS if TEXT in h.valid_for], ids=lambda h: h.id)
def test_dossier_summary_is_stored_in_nfc_and_shown_escaped(staff_client, bad):
    value = bad.value[:255]
    data = {"round": "annual", "year": "2024", "document_number": "7/TTr-UBND",
            "document_date": "05/11/2024", "summary": value}  # fmt: skip
    response = staff_client.post(reverse("dossiers:create"), data)
    assert_clean(response)
    assert response.status_code == 302, messages_in(response.content.decode())
    created = Dossier.objects.latest("pk")
    assert created.summary == nfc(value).strip()
    page = assert_clean(staff_client.get(response["Location"]))
    assert html.escape(created.summary) in page or not created.summary


# --- nominees --------------------------------------------------------------------------------

AMOUNTS = [
    ("negative", "-5000000"), ("zero", "0"), ("letters", "năm mươi triệu"),
    ("huge", "9" * 40), ("float-exp", "1e308"), ("nan", "NaN"), ("sql", "1; DROP TABLE x"),
    ("script", "<script>alert(1)</script>"), ("comma-decimal", "50,5 triệu"),
    ("nul", "5\x000"), ("unicode-digits", "٥٠٠٠٠٠٠٠"), ("spaces-only", "   "),
]  # fmt: skip


@pytest.mark.parametrize("case,amount", AMOUNTS, ids=[c for c, _ in AMOUNTS])
def test_nominee_amount(staff_client, dossier, district_a, case, amount):
    commune = district_a.communes.filter(extremely_difficult=False).order_by("code")[1]
    before = fingerprint()
    response = staff_client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]),
        {"loai": "individual", "title": "person_contribution", "commune": commune.code,
         "name": "Người Thử", "contribution_value": amount},
    )  # fmt: skip
    body = assert_clean(response)
    if response.status_code == 302:  # accepted: a whole, non-negative amount, judged
        person = Nominee.objects.get(dossier=dossier, name="Người Thử")
        assert person.contribution_value is not None and person.contribution_value >= 0
        return
    assert messages_in(body) and fingerprint() == before
    assert html.escape(amount.replace("\x00", "")) in body or "\x00" in amount or not amount.strip()


NAME_CASES = [h for h in CORPUS if h.id not in {"empty", "spaces"}]


@pytest.mark.parametrize("bad", NAME_CASES, ids=lambda h: h.id)
def test_nominee_name(staff_client, dossier, district_a, bad):
    commune = district_a.communes.filter(extremely_difficult=False).order_by("code")[1]
    before = fingerprint()
    response = staff_client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]),
        {"loai": "individual", "title": "person_contribution", "commune": commune.code,
         "name": bad.value, "contribution_value": "60 triệu", "achievements": bad.value},
    )  # fmt: skip
    body = assert_clean(response)
    if acceptable_text(bad.value, 255):
        assert response.status_code == 302, messages_in(body)
        person = dossier.nominees.latest("pk")
        assert person.name == nfc(bad.value).strip()
        page = assert_clean(staff_client.get(reverse("dossiers:detail", args=[dossier.pk])))
        assert html.escape(person.name) in page
    else:
        assert messages_in(body) and fingerprint() == before


def test_same_person_typed_in_nfd_is_recognised_as_the_same(staff_client, dossier, district_a):
    commune = district_a.communes.filter(extremely_difficult=False).order_by("code")[1]
    staff_client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]),
        {"loai": "individual", "title": "person_contribution", "commune": commune.code,
         "name": nfd("Hoàng Văn Đã Lưu"), "contribution_value": "60 triệu"},
    )  # fmt: skip
    names = list(dossier.nominees.values_list("name", flat=True))
    assert all(n == nfc(n) for n in names)
    page = staff_client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert names.count("Hoàng Văn Đã Lưu") in {1, 2}
    if names.count("Hoàng Văn Đã Lưu") == 2:  # accepted twice: the duplicate is flagged
        assert "Hoàng Văn Đã Lưu đã có trong hồ sơ này" in page


# --- uploads ---------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "không phải văn bản Word")
    return out.getvalue()


UPLOADS = [
    ("elf.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
    ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
    ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
    ("page.pdf", b"<html><script>alert(1)</script></html>"),
    ("zero.pdf", b""),
    ("zip.docx", plain_zip()),
    ("gif.png", b"GIF89a" + b"\x00" * 100),
    ("svg.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("oversized.pdf", PDF + b"0" * (10 * 1024 * 1024 + 1)),
]


@pytest.mark.parametrize("name,data", UPLOADS, ids=[n for n, _ in UPLOADS])
def test_attachment_refused(staff_client, dossier, name, data):
    before = fingerprint()
    response = staff_client.post(
        reverse("dossiers:attachment_upload", args=[dossier.pk]),
        {"kind": "evidence", "file": SimpleUploadedFile(name, data)},
    )
    page = assert_clean(response)
    assert response.status_code == 400  # the dossier's page, the error beside the file
    assert 'id="id_file_error"' in page and 'aria-describedby="id_file_error"' in page
    assert fingerprint() == before


ODD_NAMES = [
    "../../../../etc/passwd.pdf",
    "a" * 300 + ".pdf",
    "tờ trình\x00.exe.pdf",
    "<img src=x onerror=alert(1)>.pdf",
    "C:\\Windows\\win.ini.pdf",
    nfd("Tờ trình.pdf"),
]


@pytest.mark.parametrize("name", ODD_NAMES, ids=[f"name{i}" for i in range(len(ODD_NAMES))])
def test_attachment_with_an_odd_name_is_stored_safely(
    staff_client, dossier, name, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    response = staff_client.post(
        reverse("dossiers:attachment_upload", args=[dossier.pk]),
        {"kind": "evidence", "file": SimpleUploadedFile(name, PDF)},
    )
    assert_clean(response)
    stored = dossier.attachments.latest("pk")
    path = (tmp_path / "media" / stored.file.name).resolve()
    assert path.is_relative_to((tmp_path / "media").resolve()) and path.exists()
    assert "\x00" not in stored.original_name and "/" not in stored.original_name
    page = assert_clean(staff_client.get(reverse("dossiers:detail", args=[dossier.pk])))
    assert "<img src=x" not in page
    download = staff_client.get(
        reverse("dossiers:attachment_download", args=[dossier.pk, stored.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


# --- workflow notes and decisions --------------------------------------------------------------


@pytest.mark.parametrize("bad", CORPUS, ids=lambda h: h.id)
def test_withdraw_note(staff_client, dossier, bad):
    """Withdrawing needs a reason: an empty one is refused and the dossier stays a draft."""
    response = staff_client.post(
        reverse("dossiers:transition", args=[dossier.pk, "withdraw"]), {"note": bad.value}
    )
    assert_clean(response)
    dossier.refresh_from_db()
    if acceptable_text(bad.value, 5000):
        assert dossier.status == Status.WITHDRAWN
        assert dossier.events.latest("id").note == nfc(bad.value).strip()
    else:
        assert dossier.status == Status.DRAFT


# the decision's number is the register's (issue 16 part 1): only its date is typed
DECISIONS = [
    ("decision_date", "30/02/2024"), ("decision_date", ""), ("decision_date", "abc"),
    ("decision_date", "1\x00"), ("decision_date", "Q" * 51),
]  # fmt: skip


@pytest.mark.parametrize("field,value", DECISIONS, ids=[f"{f}={v[:8]!r}" for f, v in DECISIONS])
def test_decision_form(users, dossier, field, value):
    staff, reviewer, appraiser = users["district_a"], users["reviewer"], users["appraiser"]
    for n in dossier.nominees.all():
        services.attachment_upload(dossier=dossier, by=staff, kind=AttachmentKind.ACHIEVEMENT,
                                   nominee=n, upload=SimpleUploadedFile("a.pdf", PDF))  # fmt: skip
    for kind in (AttachmentKind.PROPOSAL, AttachmentKind.MINUTES):
        services.attachment_upload(dossier=dossier, by=staff, kind=kind,
                                   upload=SimpleUploadedFile("a.pdf", PDF))  # fmt: skip
    services.dossier_submit(dossier=dossier, by=staff)
    services.dossier_receive(dossier=dossier, by=reviewer)
    services.dossier_appraise(dossier=dossier, by=appraiser)
    services.dossier_approve(dossier=dossier, by=reviewer)
    client = Client(raise_request_exception=False)
    client.force_login(reviewer)
    data = {"decision_date": "20/12/2024", field: value}
    for n in dossier.nominees.all():
        data[f"awarded_{n.pk}"] = "1"
    before = fingerprint()
    refused(client.post(reverse("dossiers:transition", args=[dossier.pk, "decide"]), data), before)
    dossier.refresh_from_db()
    assert dossier.status == Status.APPROVED

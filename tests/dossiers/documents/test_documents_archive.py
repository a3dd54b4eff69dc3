"""The archive package of a decided round (issue 16 part 5): every document of the round
as PDF/A-2b (uploaded PDFs as they are), a metadata file valid against its documented
schema with each file's SHA-256, a human-readable list; made in the background for the
province's board and administrators only, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from dossiers import services
from dossiers.documents import archive
from dossiers.documents.models import DocumentJob, JobKind, JobStatus
from dossiers.models import AttachmentKind, Status
from tests.dossiers.documents.test_documents_dossier import run_worker
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_person,
    approve,
    attach_all,
    new_dossier,
    plain_commune,
    upload,
)
from tests.pdfcheck import pdf_text, reader

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2024, 12, 20)
SCHEMA = Path(settings.BASE_DIR) / "docs" / "archive-package.schema.json"


def _pdfa_upload() -> bytes:
    """A small PDF/A-2b as a proposer's software would upload it (made here by WeasyPrint)."""
    from dossiers.documents import pdf

    return pdf.render_pdfa("documents/base.html", {"title": "Bản quét thử"})[0]


def _filed(user, district, names: list[str], *, number: str):
    d = new_dossier(user, number=number)
    commune = plain_commune(district)
    for name in names:
        add_person(d, user, name, commune, 60_000_000)
    attach_all(d, user)  # a PDF letter, a Word minutes file, PNG reports
    services.attachment_upload(
        dossier=d, by=user, kind=AttachmentKind.EVIDENCE,
        upload=upload("Biên bản kiểm tra thực địa.pdf", _pdfa_upload()),
    )  # fmt: skip
    services.dossier_submit(dossier=d, by=user)
    return d


def _decide(users, dossiers, number="120/QĐ-UBND"):
    for d in dossiers:
        approve(d, users)
    return services.decision_record(
        by=users["reviewer"], dossiers=dossiers, number=number, date=DAY,
        outcomes={n.pk: (True, "") for d in dossiers for n in d.nominees.all()},
    )  # fmt: skip


@pytest.fixture
def decided_round(users, district_a, district_b, django_capture_on_commit_callbacks):
    """Annual 2024: two dossiers (districts A and B) under one decision, three people."""
    with django_capture_on_commit_callbacks(execute=True):
        a = _filed(users["district_a"], district_a, ["Hoàng Văn Páo", "Đỗ Thị Ước"],
                   number="40/TTr-UBND")  # fmt: skip
        b = _filed(users["district_b"], district_b, ["Lường Thị Bình"], number="41/TTr-UBND")
        decision = _decide(users, [a, b])
    return a, b, decision


def _package(user, round_code="annual", year=2024):
    name, data = archive.archive_package(user=user, round_code=round_code, year=year)
    return name, zipfile.ZipFile(io.BytesIO(data))


def test_the_package_holds_every_document_of_the_round(users, decided_round):
    a, b, decision = decided_round
    name, zf = _package(users["reviewer"])
    assert name == "nop-luu-hang-nam-2024.zip"
    meta = json.loads(zf.read(archive.METADATA_NAME))
    entries = meta["van_ban"]
    kinds = [e["ten_loai_van_ban"] for e in entries]
    # one decision with its annex (both dossiers), per dossier a letter, the minutes and
    # one report per nominee, and the uploaded PDFs (letter and evidence) of each
    assert kinds.count("Quyết định") == 1
    assert kinds.count("Tờ trình") == 2 and kinds.count("Biên bản") == 2
    reports = [e for e in entries if e["nguon"] == "he-thong" and e["tac_gia"] in
               {"Hoàng Văn Páo", "Đỗ Thị Ước", "Lường Thị Bình"}]  # fmt: skip
    assert len(reports) == 3
    uploads = [e for e in entries if e["nguon"] == "tai-len"]
    assert len(uploads) == 4  # 2 × (the letter's scan, the evidence)
    assert len(entries) == 1 + 2 * 2 + 3 + 4
    # the Word minutes and the PNG reports are not PDFs: listed, not packed
    assert len(meta["khong_kem_tep"]) == 2 + 3
    assert all("không phải PDF" in m["ly_do"] for m in meta["khong_kem_tep"])
    decision_entry = entries[0]
    assert decision_entry["so_va_ky_hieu"] == "120/QĐ-UBND"
    assert (decision_entry["so_van_ban"], decision_entry["ky_hieu_van_ban"]) == ("120", "QĐ-UBND")
    assert decision_entry["ngay_van_ban"] == "2024-12-20"
    text = pdf_text(zf.read(decision_entry["tep"]["duong_dan"]))
    assert all(n in text for n in ("Hoàng Văn Páo", "Đỗ Thị Ước", "Lường Thị Bình"))
    # every file the metadata lists is in the ZIP with its checksum, and nothing else is
    listed = archive.files_of(entries)
    assert sorted(zf.namelist()) == sorted(
        [*listed, archive.METADATA_NAME, archive.INDEX_NAME]
    )
    for e in entries:
        data = zf.read(e["tep"]["duong_dan"])
        assert hashlib.sha256(data).hexdigest() == e["tep"]["sha256"]
        assert len(data) == e["tep"]["kich_thuoc"]
    index = zf.read(archive.INDEX_NAME)
    assert hashlib.sha256(index).hexdigest() == meta["muc_luc"]["sha256"]
    record = meta["ho_so"]
    assert record["ma_ho_so"] == "T06.2024.KT-HN"
    assert record["tong_so_van_ban"] == len(entries)
    assert record["so_luong_trang"] == sum(e["so_luong_trang"] for e in entries)
    assert record["thoi_gian_bat_dau"] == "2024-11-05" and record["thoi_gian_ket_thuc"] == "2024-12-20"
    assert record["muc_do_tin_cay"] == archive.MIXED
    assert {d["so_hieu"] for d in record["ho_so_de_nghi"]} == {a.reference, b.reference}


def test_metadata_is_valid_against_the_documented_schema(users, decided_round):
    _name, zf = _package(users["reviewer"])
    meta = json.loads(zf.read(archive.METADATA_NAME))
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(meta, schema, cls=jsonschema.Draft202012Validator)
    # and the schema is not a blank cheque: a file without its checksum is refused
    broken = json.loads(zf.read(archive.METADATA_NAME))
    del broken["van_ban"][0]["tep"]["sha256"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)
    # the docs page names every field of the schema
    page = (Path(settings.BASE_DIR) / "docs" / "archive-package.md").read_text()
    fields = set(schema["$defs"]["van_ban"]["properties"]) | set(
        schema["$defs"]["ho_so"]["properties"]
    )
    assert [f for f in sorted(fields) if f"`{f}`" not in page] == []


XMP_PART = re.compile(rb'pdfaid:part="2"')
XMP_CONFORMANCE = re.compile(rb'pdfaid:conformance="B"')


def _fonts_embedded(data: bytes, tmp_path: Path) -> list[str]:
    """pdffonts' rows whose font is not embedded (poppler)."""
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    out = subprocess.run(  # noqa: S603 - a fixed poppler tool on a file the test wrote
        ["/usr/bin/pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out, "no font in the document"
    return [row for row in out if row.split()[-5] != "yes"]


def test_generated_pdfs_are_pdfa_2b(users, decided_round, tmp_path):
    _name, zf = _package(users["reviewer"])
    meta = json.loads(zf.read(archive.METADATA_NAME))
    made = [e for e in meta["van_ban"] if e["nguon"] == "he-thong"]
    assert made
    for e in [*made, {"tep": {"duong_dan": archive.INDEX_NAME}}]:
        data = zf.read(e["tep"]["duong_dan"])
        root = reader(data).trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data()
        assert XMP_PART.search(xmp) and XMP_CONFORMANCE.search(xmp), e["tep"]["duong_dan"]
        intents = root["/OutputIntents"]
        assert intents and intents[0].get_object()["/DestOutputProfile"] is not None
        assert _fonts_embedded(data, tmp_path) == []
        if "tep" in e and "pdfa" in e["tep"]:
            assert e["tep"]["pdfa"] == "PDF/A-2b" and e["tep"]["da_chuyen_doi_pdfa"]


def test_uploaded_pdfs_go_in_as_they_are(users, decided_round):
    a, _b, _decision = decided_round
    _name, zf = _package(users["reviewer"])
    meta = json.loads(zf.read(archive.METADATA_NAME))
    uploads = {e["tep"]["duong_dan"]: e for e in meta["van_ban"] if e["nguon"] == "tai-len"}
    originals = {x.sha256 for x in a.attachments.all()}
    mine = [e for e in uploads.values() if e["ho_so_de_nghi"] == a.reference]
    assert {e["tep"]["sha256"] for e in mine} <= originals  # byte for byte
    plain = next(e for e in mine if e["ten_loai_van_ban"].startswith("Văn bản đề nghị"))
    assert plain["tep"]["pdfa"] is None and not plain["tep"]["da_chuyen_doi_pdfa"]
    assert "không chuyển được sang PDF/A" in plain["ghi_chu"]
    scan = next(e for e in mine if "thực địa" in e["trich_yeu"])
    assert scan["tep"]["pdfa"] == "PDF/A-2b" and scan["so_luong_trang"] == 1
    # Vietnamese file names without diacritics, ASCII only
    for path in zf.namelist():
        assert path.isascii() and re.fullmatch(r"[a-z0-9./-]+", path), path
    assert any(p.endswith("bien-ban-kiem-tra-thuc-dia.pdf") for p in uploads)


def test_a_signed_decision_goes_in_unchanged(users, decided_round, monkeypatch):
    _a, _b, decision = decided_round
    signed = b"%PDF-1.7\n% signed bytes, never rewritten\n%%EOF\n"
    monkeypatch.setattr(
        archive, "signed_decision_files", lambda decisions: {decision.pk: signed}
    )
    _name, zf = _package(users["reviewer"])
    entry = json.loads(zf.read(archive.METADATA_NAME))["van_ban"][0]
    assert entry["nguon"] == "ky-so" and entry["tep"]["ky_so"]
    assert zf.read(entry["tep"]["duong_dan"]) == signed


def test_corrections_are_listed(users, decided_round):
    a, _b, decision = decided_round
    nominee = a.nominees.first()
    services.decision_correct(
        decision=decision, by=users["reviewer"], kind="correction", number="130/QĐ-UBND",
        date=DAY + dt.timedelta(days=5), reason="Viết sai tên.",
        names={nominee.pk: "Hoàng Văn Pảo"},
    )  # fmt: skip
    _name, zf = _package(users["reviewer"])
    meta = json.loads(zf.read(archive.METADATA_NAME))
    listed = [m for m in meta["khong_kem_tep"] if m.get("so_va_ky_hieu") == "130/QĐ-UBND"]
    assert len(listed) == 1 and "Viết sai tên." in listed[0]["ly_do"]
    assert "130/QĐ-UBND" in pdf_text(zf.read(archive.INDEX_NAME))


def test_an_undecided_round_has_no_package(users, decided_round):
    with pytest.raises(archive.PackageError):
        archive.archive_package(user=users["reviewer"], round_code="annual", year=2023)
    # a district's staff see their own dossiers only: never a package
    assert not archive.round_is_decided(users["appraiser"], "annual", 2023)


def test_queries_do_not_grow_with_the_dossiers(
    users, district_a, district_b, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        one = _filed(users["district_a"], district_a, ["Hoàng Văn An"], number="40/TTr-UBND")
        _decide(users, [one], number="120/QĐ-UBND")
    with django_assert_max_num_queries(60) as few:
        archive.archive_package(user=users["reviewer"], round_code="annual", year=2024)
    with django_capture_on_commit_callbacks(execute=True):
        more = [
            _filed(users[key], district, [f"Người {i} {key}", f"Người {i} {key} hai"],
                   number=f"{50 + i}/TTr-UBND")
            for i, (key, district) in enumerate(
                [("district_a", district_a), ("district_b", district_b)] * 2
            )
        ]  # fmt: skip
        _decide(users, more, number="121/QĐ-UBND")
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        _name, zf = _package(users["reviewer"])
    assert len(json.loads(zf.read(archive.METADATA_NAME))["ho_so"]["ho_so_de_nghi"]) == 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_made_in_the_background_for_the_board(login, users, decided_round):
    client = login(users["reviewer"])
    response = client.post(reverse("documents:round_archive"), {"dot": "annual", "nam": "2024"})
    job = DocumentJob.objects.get(kind=JobKind.ARCHIVE_PACKAGE)
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents:job", args=[job.pk]
    )
    assert run_worker() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert job.result_name == "nop-luu-hang-nam-2024.zip"
    data = b"".join(client.get(reverse("documents:job_download", args=[job.pk])).streaming_content)
    assert archive.METADATA_NAME in zipfile.ZipFile(io.BytesIO(data)).namelist()
    # the rounds page offers it to the board and administrators only
    assert reverse("documents:round_archive") in client.get(reverse("documents:rounds")).content.decode()
    appraiser = login(users["appraiser"])
    assert reverse("documents:round_archive") not in appraiser.get(
        reverse("documents:rounds")
    ).content.decode()


@pytest.mark.parametrize("role", ["district_a", "district_b", "agency", "appraiser"])
def test_other_roles_are_refused(login, users, decided_round, role):
    response = login(users[role]).post(
        reverse("documents:round_archive"), {"dot": "annual", "nam": "2024"}
    )
    assert response.status_code == 403
    assert not DocumentJob.objects.exists()


def test_a_round_not_decided_is_refused_with_a_message(login, users, decided_round):
    client = login(users["admin"])
    response = client.post(
        reverse("documents:round_archive"), {"dot": "annual", "nam": "2023"}, follow=True
    )
    assert "chưa có hồ sơ nào đã có quyết định" in response.content.decode()
    assert not DocumentJob.objects.exists()
    assert Status.DECIDED  # the fixture's round (2024) stays downloadable
    assert client.post(
        reverse("documents:round_archive"), {"dot": "annual", "nam": "2024"}
    ).status_code == 302

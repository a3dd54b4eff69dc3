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
from django.utils import timezone

from dossiers import services
from dossiers.documents import archive, issued
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
from tests.dossiers.support import decide as record_decision
from tests.factories import DistrictFactory, DossierFactory, NomineeFactory, ProvinceFactory
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


def _decide(users, dossiers):
    for d in dossiers:
        approve(d, users)
    return services.decision_record(
        by=users["reviewer"], dossiers=dossiers, date=DAY,
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


XMP_PART = re.compile(rb'pdfaid:part="2"')
XMP_CONFORMANCE = re.compile(rb'pdfaid:conformance="B"')


def _not_embedded(data: bytes, tmp_path: Path) -> list[str]:
    """pdffonts' rows (poppler) whose font is not embedded."""
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    rows = subprocess.run(  # noqa: S603 - a fixed poppler tool on a file the test wrote
        ["/usr/bin/pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows, "no font in the document"
    return [row for row in rows if row.split()[-5] != "yes"]


def _assert_pdfa_2b(data: bytes, tmp_path: Path, what: str) -> None:
    root = reader(data).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert XMP_PART.search(xmp) and XMP_CONFORMANCE.search(xmp), what
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent, what
    assert _not_embedded(data, tmp_path) == [], what


def test_the_board_downloads_every_document_of_the_round(
    login, users, decided_round, tmp_path
):  # one package, made by the worker as the board asks for it, checked from every side
    a, b, decision = decided_round
    nominee = a.nominees.order_by("position").first()
    services.decision_correct(
        decision=decision, by=users["reviewer"], kind="correction",
        date=DAY + dt.timedelta(days=5), reason="Viết sai tên.",
        names={nominee.pk: "Hoàng Văn Pảo"},
    )  # fmt: skip
    client = login(users["reviewer"])
    assert (
        reverse("documents:round_archive")
        in client.get(reverse("documents:rounds")).content.decode()
    )
    response = client.post(reverse("documents:round_archive"), {"dot": "annual", "nam": "2024"})
    job = DocumentJob.objects.get(kind=JobKind.ARCHIVE_PACKAGE)
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents:job", args=[job.pk]
    )
    assert run_worker() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert job.result_name == "nop-luu-hang-nam-2024.zip"
    download = client.get(reverse("documents:job_download", args=[job.pk]))
    zf = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    meta = json.loads(zf.read(archive.METADATA_NAME))
    entries = meta["van_ban"]

    # every document: one decision with its annex (both dossiers); per dossier the
    # letter with its list, the minutes, one report per nominee, its uploaded PDFs
    kinds = [e["ten_loai_van_ban"] for e in entries]
    assert kinds.count("Quyết định") == 2  # the award and its correction
    assert kinds.count("Tờ trình") == 2 and kinds.count("Biên bản") == 2
    people = {"Hoàng Văn Pảo", "Đỗ Thị Ước", "Lường Thị Bình"}
    assert {e["tac_gia"] for e in entries if e["nguon"] == "he-thong"} >= people
    assert sum(e["tac_gia"] in people for e in entries) == 3
    uploads = [e for e in entries if e["nguon"] == "tai-len"]
    assert len(uploads) == 4  # per dossier: the letter's scan, the field report
    assert len(entries) == 2 + 2 * 2 + 3 + 4
    # the Word minutes and PNG reports are not PDFs: listed with the reason, not packed
    missing = meta["khong_kem_tep"]
    assert len(missing) == 2 + 3 and all("không phải PDF" in m["ly_do"] for m in missing)
    # the correcting decision, made from what it recorded
    correction = next(e for e in entries if e["so_va_ky_hieu"] == "02/QĐ-UBND")
    assert correction["ngay_van_ban"] == "2024-12-25" and "Viết sai tên." in correction["trich_yeu"]
    text = pdf_text(zf.read(correction["tep"]["duong_dan"]))
    assert "Về việc đính chính Quyết định số 01/QĐ-UBND ngày 20/12/2024" in text
    assert "“Hoàng Văn Páo” được sửa lại là “Hoàng Văn Pảo”" in text
    first = entries[0]
    assert (first["so_va_ky_hieu"], first["so_van_ban"], first["ky_hieu_van_ban"]) == (
        "01/QĐ-UBND",
        "01",
        "QĐ-UBND",
    )
    assert first["ngay_van_ban"] == "2024-12-20" and first["che_do_su_dung"] == "Công khai"
    text = pdf_text(zf.read(first["tep"]["duong_dan"]))
    assert "QUYẾT ĐỊNH" in text and all(n in text for n in people)

    # every listed file is in the ZIP with its checksum and size, and nothing else is
    assert sorted(zf.namelist()) == sorted(
        [*archive.files_of(entries), archive.METADATA_NAME, archive.INDEX_NAME]
    )
    for e in entries:
        data = zf.read(e["tep"]["duong_dan"])
        assert hashlib.sha256(data).hexdigest() == e["tep"]["sha256"]
        assert len(data) == e["tep"]["kich_thuoc"]
    index = zf.read(archive.INDEX_NAME)
    assert hashlib.sha256(index).hexdigest() == meta["muc_luc"]["sha256"]
    record = meta["ho_so"]
    assert record["ma_ho_so"] == "T06.2024.KT-HN" and not record["ma_dinh_danh_da_cau_hinh"]
    assert record["tong_so_van_ban"] == len(entries)
    assert (record["thoi_gian_bat_dau"], record["thoi_gian_ket_thuc"]) == (
        "2024-11-05",
        "2024-12-25",  # the correction's date
    )
    assert record["muc_do_tin_cay"] == archive.MIXED
    assert {d["so_hieu"] for d in record["ho_so_de_nghi"]} == {a.reference, b.reference}
    # the test's "scanned letter" is a bare PDF without pages: its count is unknown, so
    # is the file's, and both say so
    assert record["so_luong_trang"] is None

    # the metadata is valid against the documented schema, which refuses a file without
    # its checksum; the docs page names every field
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(meta, schema, cls=jsonschema.Draft202012Validator)
    del meta["van_ban"][0]["tep"]["sha256"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(meta, schema, cls=jsonschema.Draft202012Validator)
    page = (Path(settings.BASE_DIR) / "docs" / "archive-package.md").read_text()
    fields = (
        set(schema["$defs"]["van_ban"]["properties"])
        | set(schema["$defs"]["ho_so"]["properties"])
        | set(schema["$defs"]["tep"]["properties"])
    )
    assert [f for f in sorted(fields) if f"`{f}`" not in page] == []

    # what the app makes is PDF/A-2b: XMP identification, output intent, embedded fonts
    made = [e for e in entries if e["nguon"] == "he-thong"]
    for e in made:
        assert e["tep"]["pdfa"] == "PDF/A-2b" and e["tep"]["da_chuyen_doi_pdfa"]
        _assert_pdfa_2b(zf.read(e["tep"]["duong_dan"]), tmp_path, e["tep"]["duong_dan"])
    _assert_pdfa_2b(index, tmp_path, archive.INDEX_NAME)
    listing = pdf_text(index)
    assert "MỤC LỤC VĂN BẢN" in listing and "20/12/2024" in listing
    joined = re.sub(r"([\w/])([-/]) (\w)", r"\1\2\3", listing.replace("/ ", "/"))
    assert "02/QĐ-UBND" in joined and "Hội đồng Thi đua - Khen thưởng huyện Ba Bể" in joined

    # uploads go in byte for byte; one already PDF/A says so, the other is not converted
    mine = [e for e in uploads if e["ho_so_de_nghi"] == a.reference]
    assert {e["tep"]["sha256"] for e in mine} <= {x.sha256 for x in a.attachments.all()}
    plain = next(e for e in mine if e["ten_loai_van_ban"].startswith("Văn bản đề nghị"))
    assert plain["tep"]["pdfa"] is None and not plain["tep"]["da_chuyen_doi_pdfa"]
    assert "không chuyển được sang PDF/A" in plain["ghi_chu"] and plain["so_luong_trang"] is None
    scan = next(e for e in mine if "thực địa" in e["trich_yeu"])
    assert scan["tep"]["pdfa"] == "PDF/A-2b" and scan["so_luong_trang"] == 1

    # Vietnamese file names without diacritics: ASCII, lower case, no spaces
    for path in zf.namelist():
        assert re.fullmatch(r"[a-z0-9./-]+", path), path
    assert any(p.endswith("-bien-ban-kiem-tra-thuc-dia.pdf") for p in zf.namelist())

    # the appraiser is not offered the package
    assert (
        reverse("documents:round_archive")
        not in login(users["appraiser"]).get(reverse("documents:rounds")).content.decode()
    )


def test_a_signed_decision_goes_in_unchanged(
    users, district_a, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.ARCHIVE_AGENCY_ID = "000.00.00.H06"  # the body's mã định danh, once configured
    with django_capture_on_commit_callbacks(execute=True):
        d = _filed(users["district_a"], district_a, ["Hoàng Văn An"], number="40/TTr-UBND")
        decision = _decide(users, [d])
    # signed on issue (the demo's test certificate), stored, and packed byte for byte
    settings.DEMO_MODE = True
    d.refresh_from_db()
    assert d.decision_id == decision.pk
    signed = bytes(issued.signed_decision(dossier=d, by=users["reviewer"]).pdf)
    assert archive.signed_decision_files([decision]) == {decision.pk: signed}
    _name, zf = _package(users["reviewer"])
    entry = json.loads(zf.read(archive.METADATA_NAME))["van_ban"][0]
    assert entry["nguon"] == "ky-so" and entry["tep"]["ky_so"]
    assert entry["so_va_ky_hieu"] == "01/QĐ-UBND"
    assert zf.read(entry["tep"]["duong_dan"]) == signed
    meta = json.loads(zf.read(archive.METADATA_NAME))
    assert meta["ho_so"]["ma_ho_so"] == "000.00.00.H06.2024.KT-HN"
    assert meta["ho_so"]["ma_dinh_danh_da_cau_hinh"] and entry["ma_dinh_danh_van_ban"] == (
        "000.00.00.H06.2024.KT-HN.001"
    )
    jsonschema.validate(meta, json.loads(SCHEMA.read_text()))


def test_the_signed_decision_of_a_dossier_decided_alone_goes_in_unchanged(
    users, district_a, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        d = _filed(users["district_a"], district_a, ["Hoàng Văn An"], number="40/TTr-UBND")
        # decided alone: its own decision, typed on the dossier
        approve(d, users)
        record_decision(
            d, users["reviewer"], {n.pk: (True, "") for n in d.nominees.all()},
            "99/QĐ-UBND", DAY,
        )  # fmt: skip
    settings.DEMO_MODE = True
    d.refresh_from_db()
    assert d.decision_id is None
    signed = bytes(issued.signed_decision(dossier=d, by=users["reviewer"]).pdf)
    _name, zf = _package(users["reviewer"])
    entry = json.loads(zf.read(archive.METADATA_NAME))["van_ban"][0]
    assert entry["so_va_ky_hieu"] == "99/QĐ-UBND"
    assert entry["nguon"] == "ky-so" and zf.read(entry["tep"]["duong_dan"]) == signed


def test_an_undecided_round_has_no_package(users, decided_round):
    with pytest.raises(archive.PackageError):
        archive.archive_package(user=users["reviewer"], round_code="annual", year=2023)
    assert archive.round_is_decided(users["admin"], "annual", 2024)
    assert not archive.round_is_decided(users["admin"], "annual", 2023)
    # district staff see their own dossiers only: never the round's package
    assert archive.round_is_decided(users["district_a"], "annual", 2024)  # selector only
    assert not users["district_a"].has_perm("documents.archive_round")


class _Laid:
    """What WeasyPrint's layout gives the package (pages and bytes), without laying out:
    the query count is the subject here, and the templates are still rendered."""

    pages = [None]

    def write_pdf(self, **kwargs) -> bytes:
        return b"%PDF-1.7\n%%EOF\n"


def test_queries_do_not_grow_with_the_dossiers(
    users, district_a, district_b, django_capture_on_commit_callbacks,
    django_assert_max_num_queries, monkeypatch,
):  # fmt: skip
    from dossiers.documents import pdf

    monkeypatch.setattr(pdf, "html_to_document", lambda html, **kw: _Laid())
    with django_capture_on_commit_callbacks(execute=True):
        one = _filed(users["district_a"], district_a, ["Hoàng Văn An"], number="40/TTr-UBND")
        _decide(users, [one])
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
        _decide(users, more[:3])
        # decided before decisions were recorded: its own decision, typed on the dossier
        approve(more[3], users)
        record_decision(
            more[3], users["reviewer"], {n.pk: (True, "") for n in more[3].nominees.all()},
            "99/QĐ-UBND", DAY,
        )  # fmt: skip
    # another province's decided dossier of the same round, in the same database
    foreign = DossierFactory(
        district=DistrictFactory(code="Z91", province=ProvinceFactory(code="Z9", name="Tỉnh Z"),
                                 name="Huyện Cách Biệt"),
        status=Status.DECIDED, first_submitted_at=timezone.now(),
        decision_number="7/QĐ-UBND", decision_date=DAY,
    )  # fmt: skip
    NomineeFactory(dossier=foreign, name="Người Cách Biệt", awarded=True)
    for who in ("reviewer", "admin"):
        with django_assert_max_num_queries(len(few.captured_queries)):
            _name, zf = _package(users[who])
        meta = json.loads(zf.read(archive.METADATA_NAME))
        assert len(meta["ho_so"]["ho_so_de_nghi"]) == 5
        numbers = [e["so_va_ky_hieu"] for e in meta["van_ban"][:3]]
        assert numbers == ["01/QĐ-UBND", "02/QĐ-UBND", "99/QĐ-UBND"]
        assert "Cách Biệt" not in json.dumps(meta, ensure_ascii=False)
        assert foreign.reference not in json.dumps(meta)


@pytest.mark.parametrize("role", ["district_a", "district_b", "agency", "appraiser"])
def test_other_roles_are_refused(login, users, role):
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
    assert (
        client.post(
            reverse("documents:round_archive"), {"dot": "annual", "nam": "2024"}
        ).status_code
        == 302
    )

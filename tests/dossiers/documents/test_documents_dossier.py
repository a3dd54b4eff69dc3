"""A dossier's documents from its records: PDFs, printable views, Excel, certificates
in the background, the public list; and who may open each."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dossiers import services
from dossiers.documents import builders, jobs, pdf
from dossiers.documents.models import DocumentJob, JobKind, JobStatus, PublicAward
from dossiers.models import Status
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_commune,
    add_person,
    approve,
    attach_all,
    dbkk_commune,
    new_dossier,
    plain_commune,
    recognize,
    village_of,
)
from tests.dossiers.support import decide as record_decision
from tests.factories import NomineeFactory, PublicAwardFactory, bulk
from tests.pdfcheck import page_texts, pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]


def run_worker() -> int:
    """Run every queued task as the db_worker does, in this process (no fake results)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    for result in DBTaskResult.objects.ready().filter(backend_name="default"):
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


@pytest.fixture
def dossier(users, district_a, django_capture_on_commit_callbacks):
    """An annual 2024 dossier of Bạch Thông: a recognised commune and two people."""
    district = users["district_a"]
    recognised = plain_commune(district_a)
    recognize(recognised, "ntm", dt.date(2024, 10, 1))
    remote = dbkk_commune(district_a)
    d = new_dossier(district)
    add_commune(d, district, recognised)
    add_person(
        d, district, "Hoàng Văn Páo", remote, 45_000_000, village=village_of(remote, "Khuổi Dạn")
    )
    add_person(d, district, "Lường Thị Ước", remote, 47_500_000)
    attach_all(d, district)
    return d


def decide(d, users, django_capture_on_commit_callbacks, *, refuse: str = ""):
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=d, by=users["district_a"])
        approve(d, users)
        outcomes = {
            n.pk: (False, "Chưa đủ minh chứng.") if n.name == refuse else (True, "")
            for n in d.nominees.all()
        }
        record_decision(d, users["reviewer"], outcomes, "1234/QĐ-UBND", dt.date(2024, 12, 20))
    d.refresh_from_db()
    assert d.status == Status.DECIDED
    return d


@pytest.fixture
def decided(dossier, users, django_capture_on_commit_callbacks):
    return decide(dossier, users, django_capture_on_commit_callbacks, refuse="Lường Thị Ước")


def render(document) -> bytes:
    return pdf.render_pdf(document.template, document.context)


def test_proposal_letter_from_the_dossier(dossier):
    text = pdf_text(render(builders.proposal_letter(dossier)))
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN BẠCH THÔNG",
        "Số: 05/TTr-UBND",
        "Bạch Thông, ngày 05 tháng 11 năm 2024",
        "TỜ TRÌNH",
        "Căn cứ Nghị định số 98/2023/NĐ-CP",
        "01 tập thể và 02 cá nhân",
        "Hoàng Văn Páo",
        "thôn Khuổi Dạn",
        "Lường Thị Ước",
        "45.000.000 đồng",
        "47.500.000 đồng",
        "Kèm theo Tờ trình số 05/TTr-UBND ngày 05/11/2024",
    ]:
        assert expected in text, expected
    for n in dossier.nominees.all():
        assert n.name in text


def test_achievement_reports_follow_the_decree_of_the_dossier(dossier, users):
    person = dossier.nominees.get(name="Hoàng Văn Páo")
    annual = pdf_text(render(builders.achievement_report(dossier, person)))
    assert "TÓM TẮT THÀNH TÍCH" in annual and "Hoàng Văn Páo" in annual
    assert "45.000.000 đồng" in annual
    assert "hiến đất làm đường liên thôn" in annual
    assert "XÁC NHẬN CỦA CẤP TRÌNH" in annual
    # A mid-term dossier dated 2023 is governed by Nghị định 91/2017: form 07.
    mid = new_dossier(users["district_a"], round="midterm", year=None, date=dt.date(2023, 11, 1))
    assert mid.legal_basis == "nd91_2017"
    commune = person.commune
    nominee = add_person(mid, users["district_a"], "Nông Văn Cường", commune, 60_000_000)
    form07 = pdf_text(render(builders.achievement_report(mid, nominee)))
    assert "Mẫu số 07 - Nghị định số 91/2017/NĐ-CP" in form07
    assert "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ KHEN THƯỞNG THEO ĐỢT THI ĐUA HOẶC THEO CHUYÊN ĐỀ" in form07
    assert "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN" in form07
    assert "60.000.000 đồng" in form07
    # What the record does not hold is left for a person to write.
    assert "Ngày, tháng, năm sinh:" in form07
    # A commune's report carries its standing from the records.
    commune = dossier.nominees.get(kind="commune")
    text = pdf_text(render(builders.achievement_report(dossier, commune)))
    assert "Công nhận: đạt chuẩn nông thôn mới năm 2024" in text


def test_minutes_list_every_nominee_with_vote_columns(dossier):
    text = pdf_text(render(builders.council_minutes(dossier)))
    assert "BIÊN BẢN" in text and "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Số phiếu đồng ý" in text and "CHỦ TỊCH HỘI ĐỒNG" in text
    for n in dossier.nominees.all():
        assert n.name in text


def test_decision_lists_only_the_awarded(decided):
    text = pdf_text(render(builders.decision(decided)))
    assert "QUYẾT ĐỊNH" in text and "Số: 1234/QĐ-UBND" in text
    assert "Bắc Kạn, ngày 20 tháng 12 năm 2024" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" in text
    assert "01 tập thể và 01 cá nhân" in text
    assert "Hoàng Văn Páo" in text and "45.000.000 đồng" in text
    assert "Lường Thị Ước" not in text
    assert "Kèm theo Quyết định số 1234/QĐ-UBND ngày 20/12/2024" in text


def _urls(d, nominee_id):
    return [
        reverse("documents:dossier_doc", args=[d.pk, "to-trinh"]),
        reverse("documents:dossier_pdf", args=[d.pk, "to-trinh"]),
        reverse("documents:dossier_doc", args=[d.pk, "bien-ban"]),
        reverse("documents:dossier_pdf", args=[d.pk, "bien-ban"]),
        reverse("documents:report", args=[d.pk, nominee_id]),
        reverse("documents:report_pdf", args=[d.pk, nominee_id]),
        reverse("documents:nominees_xlsx", args=[d.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_a_drafts_documents(login, users, dossier, role):
    # A draft is the district's own: other districts, agencies, reviewers get 404.
    client = login(users[role])
    allowed = role in {"district_a", "admin"}
    for url in _urls(dossier, dossier.nominees.first().pk):
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), (role, url)
        if not allowed:
            assert "Hoàng Văn Páo" not in response.content.decode(errors="ignore")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_a_decided_dossiers_documents(login, users, decided, role):
    client = login(users[role])
    allowed = role in {"district_a", "reviewer", "appraiser", "admin"}
    urls = _urls(decided, decided.nominees.first().pk) + [
        reverse("documents:dossier_doc", args=[decided.pk, "quyet-dinh"]),
        reverse("documents:dossier_pdf", args=[decided.pk, "quyet-dinh"]),
    ]
    for url in urls:
        assert client.get(url).status_code == (200 if allowed else 404), (role, url)
    # Certificates: the province prints them.
    response = client.get(reverse("documents:certificates", args=[decided.pk]))
    expected = {"district_a": 403, "district_b": 404, "agency": 404}.get(role, 200)
    assert response.status_code == expected


def test_decision_of_an_undecided_dossier_is_404(login, users, dossier):
    client = login(users["district_a"])
    assert (
        client.get(reverse("documents:dossier_pdf", args=[dossier.pk, "quyet-dinh"])).status_code
        == 404
    )
    assert (
        client.get(reverse("documents:dossier_pdf", args=[dossier.pk, "khong-co"])).status_code
        == 404
    )


def test_anonymous_is_sent_to_login(client, dossier):
    for url in _urls(dossier, dossier.nominees.first().pk):
        response = client.get(url)
        assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_pdf_and_printable_view_show_the_same_document(login, users, dossier):
    client = login(users["district_a"])
    html = client.get(reverse("documents:dossier_doc", args=[dossier.pk, "to-trinh"]))
    data = client.get(reverse("documents:dossier_pdf", args=[dossier.pk, "to-trinh"]))
    assert data["Content-Type"] == "application/pdf"
    text, body = pdf_text(data.content), html.content.decode()
    for n in dossier.nominees.all():
        assert n.name in text and n.name in body
    assert "Số: 05/TTr-UBND" in text and "Số: 05/TTr-UBND" in body
    assert reverse("documents:dossier_pdf", args=[dossier.pk, "to-trinh"]) in body


def test_dossier_page_links_its_documents(login, users, decided):
    body = (
        login(users["reviewer"]).get(reverse("dossiers:detail", args=[decided.pk])).content.decode()
    )
    assert reverse("documents:dossier_pdf", args=[decided.pk, "to-trinh"]) in body
    assert reverse("documents:dossier_pdf", args=[decided.pk, "quyet-dinh"]) in body
    assert reverse("documents:certificates", args=[decided.pk]) in body
    body = (
        login(users["district_a"])
        .get(reverse("dossiers:detail", args=[decided.pk]))
        .content.decode()
    )
    assert reverse("documents:certificates", args=[decided.pk]) not in body


def test_nominee_list_in_excel(login, users, dossier):
    response = login(users["district_a"]).get(reverse("documents:nominees_xlsx", args=[dossier.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[3]]
    assert header[:4] == ["STT", "Tên tập thể, cá nhân", "Loại đối tượng", "Tiêu chuẩn đề nghị"]
    rows = {row[1]: row for row in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["Hoàng Văn Páo"][5] == 45_000_000
    cell = next(c for c in ws[4 + list(rows).index("Hoàng Văn Páo")] if c.value == 45_000_000)
    assert cell.number_format == "#,##0"


def test_queue_export_keeps_the_filters(login, users, decided, dossier_b=None):
    client = login(users["reviewer"])
    response = client.get(reverse("documents:queue_xlsx") + "?status=decided")
    ws = load_workbook(io.BytesIO(response.content)).active
    refs = [row[0] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert refs == [decided.reference, "Tổng cộng"]  # the list, its total row
    response = client.get(reverse("documents:queue_xlsx") + "?status=draft")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert list(ws.iter_rows(min_row=4, values_only=True)) == []
    # Another district sees none of Bạch Thông's dossiers in its export.
    response = login(users["district_b"]).get(reverse("documents:queue_xlsx"))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert list(ws.iter_rows(min_row=4, values_only=True)) == []


def test_round_awards_in_excel(login, users, decided):
    response = login(users["reviewer"]).get(
        reverse("documents:round_awards_xlsx") + "?dot=annual&nam=2024"
    )
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    names = [r[6] for r in rows]
    assert "Hoàng Văn Páo" in names and "Lường Thị Ước" not in names
    row = rows[names.index("Hoàng Văn Páo")]
    assert row[1] == "1234/QĐ-UBND" and row[9] == 45_000_000
    assert (
        login(users["reviewer"]).get(reverse("documents:round_awards_xlsx") + "?dot=x").status_code
        == 404
    )


def test_certificates_are_made_in_the_background(login, users, decided):
    client = login(users["reviewer"])
    response = client.post(reverse("documents:certificates", args=[decided.pk]))
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents:job", args=[job.pk]
    )
    assert job.status == JobStatus.QUEUED and job.kind == JobKind.CERTIFICATES
    page = client.get(reverse("documents:job_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "Đang chờ" in page
    assert run_worker() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.total == 2 and job.percent == 100
    page = client.get(reverse("documents:job_progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in page  # polling stops
    download = client.get(reverse("documents:job_download", args=[job.pk]))
    data = b"".join(download.streaming_content)
    pages = page_texts(data)
    assert len(pages) == 2
    assert any("Hoàng Văn Páo" in p for p in pages)
    assert all("1234/QĐ-UBND" in p for p in pages)
    assert not any("Lường Thị Ước" in p for p in pages)
    # Someone else's job is not theirs to see.
    other = login(users["appraiser"])
    assert other.get(reverse("documents:job", args=[job.pk])).status_code == 404
    assert other.get(reverse("documents:job_download", args=[job.pk])).status_code == 404


def test_a_failed_job_is_reported(login, users, decided):
    job = jobs.job_start(
        kind=JobKind.CERTIFICATES,
        params={"dossier_id": decided.pk},
        label="Bằng khen",
        by=users["reviewer"],
    )
    # The decision's awards are withdrawn before the worker runs it.
    decided.nominees.update(awarded=False)
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "không có tập thể, cá nhân nào được khen thưởng" in job.message
    page = login(users["reviewer"]).get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "Không tạo được." in page and job.message in page
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get().status == "FAILED"


def test_reports_of_a_round_as_one_zip(login, users, decided):
    client = login(users["reviewer"])
    response = client.post(reverse("documents:round_reports"), {"dot": "annual", "nam": "2024"})
    job = DocumentJob.objects.get(kind=JobKind.ROUND_REPORTS)
    assert response.status_code == 302
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    data = b"".join(client.get(reverse("documents:job_download", args=[job.pk])).streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    # The set of section IV: the letter with its list, three reports, the minutes.
    assert len(names) == 1 + 3 + 1
    assert job.result_name == "ho-so-khen-thuong-hang-nam-2024.zip"
    texts = [pdf_text(archive.read(n)) for n in names]
    assert any("Hoàng Văn Páo" in t and "TÓM TẮT THÀNH TÍCH" in t for t in texts)
    assert any(n.rsplit("/", 1)[-1].startswith("to-trinh-") for n in names)
    assert any("BIÊN BẢN" in t and "Hoàng Văn Páo" in t for t in texts)
    assert (
        login(users["district_a"])
        .post(reverse("documents:round_reports"), {"dot": "annual", "nam": "2024"})
        .status_code
        == 403
    )


def test_public_list_without_login(client, decided):
    assert PublicAward.objects.count() == 2
    response = client.get(reverse("public_awards"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hoàng Văn Páo" in body and "1234/QĐ-UBND" in body and "20/12/2024" in body
    assert "Lường Thị Ước" not in body  # not awarded
    assert "45.000.000" not in body  # nothing but decision, round, title, name, unit
    # Diacritics-insensitive search.
    body = client.get(reverse("public_awards") + "?q=hoang+van+pao").content.decode()
    assert "Hoàng Văn Páo" in body
    body = client.get(reverse("public_awards") + "?q=Hoàng Văn Páo").content.decode()
    assert "Hoàng Văn Páo" in body
    body = client.get(reverse("public_awards") + "?q=nguyen+khong+co").content.decode()
    assert "Hoàng Văn Páo" not in body and "Không có khen thưởng nào khớp" in body


def test_undecided_dossier_is_not_public(client, dossier):
    assert PublicAward.objects.count() == 0
    assert "Hoàng Văn Páo" not in client.get(reverse("public_awards")).content.decode()


def test_public_list_queries_do_not_grow(client, decided, django_assert_num_queries):
    from dossiers.models import Nominee

    # The page of awards, their count, the province (its name names the movement), the
    # plan (its period).
    with django_assert_num_queries(4) as few:
        client.get(reverse("public_awards"))
    person = decided.nominees.get(name="Hoàng Văn Páo")
    bulk(
        NomineeFactory,
        (
            dict(
                kind=person.kind,
                title=person.title,
                name=f"Người {i}",
                identity=f"individual:nguoi {i}@",
                awarded=True,
                position=10 + i,
            )
            for i in range(120)
        ),
        dossier=decided,
    )
    bulk(
        PublicAwardFactory,
        (
            dict(
                nominee=n,
                decision_number="1234/QĐ-UBND",
                round="annual",
                year=2024,
                title=n.title,
                name=n.name,
                search=n.name.lower(),
            )
            for n in Nominee.objects.filter(name__startswith="Người ")
        ),
        dossier=decided,
    )
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(reverse("public_awards") + "?page=2").content.decode()
    assert "Trang 2/3" in body


@pytest.mark.parametrize("role", ROLES)
def test_jobs_are_their_owners(login, users, decided, role):
    job = jobs.job_start(
        kind=JobKind.CERTIFICATES,
        params={"dossier_id": decided.pk},
        label="Bằng khen",
        by=users["reviewer"],
    )
    client = login(users[role])
    listing = client.get(reverse("documents:jobs")).content.decode()
    mine = role in {"reviewer", "admin"}
    assert ("Bằng khen" in listing) == mine
    assert client.get(reverse("documents:job", args=[job.pk])).status_code == (200 if mine else 404)


@pytest.mark.parametrize("role", ROLES)
def test_district_report_pdf_for_who_may_see_it(login, users, role, district_a):
    client = login(users[role])
    url = reverse("district_report_pdf") + "?huyen=063&nam=2024&ky=6t"
    response = client.get(url)
    if role == "agency":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    text = pdf_text(response.content)
    # District staff always get their own district, whatever the URL asks for.
    own = "BA BỂ" if role == "district_b" else "BẠCH THÔNG"
    assert f"HUYỆN {own}" in text
    assert "Số: /BC-UBND" in text.replace("\u00a0", "")
    assert "BÁO CÁO" in text and "6 tháng đầu năm 2024" in text
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in text and "Xã đạt chuẩn NTM" in text
    printable = client.get(reverse("district_report") + "?huyen=063&nam=2024")
    assert printable.status_code == 200 and "Xã đạt chuẩn NTM" in printable.content.decode()


def test_list_and_report_pages_offer_the_exports(login, users, decided):
    body = login(users["reviewer"]).get(reverse("dossiers:list")).content.decode()
    assert reverse("documents:queue_xlsx") in body
    body = login(users["district_a"]).get(reverse("progress:report")).content.decode()
    assert reverse("district_report_pdf") in body


def test_rounds_page(login, users):
    body = login(users["reviewer"]).get(reverse("documents:rounds")).content.decode()
    assert reverse("documents:round_reports") in body
    body = login(users["district_a"]).get(reverse("documents:rounds")).content.decode()
    assert reverse("documents:round_awards_xlsx") in body
    assert reverse("documents:round_reports") not in body


@pytest.mark.parametrize("role", ROLES)
def test_round_lists_by_role_show_only_what_the_user_may_see(login, users, decided, role):
    client = login(users[role])
    response = client.get(reverse("documents:round_awards_xlsx") + "?dot=annual&nam=2024")
    assert response.status_code == 200
    names = [
        r[6]
        for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(
            min_row=4, values_only=True
        )
    ]
    sees = role in {"district_a", "reviewer", "appraiser", "admin"}
    assert ("Hoàng Văn Páo" in names) == sees
    response = client.get(reverse("documents:queue_xlsx"))
    refs = [
        r[0]
        for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(
            min_row=4, values_only=True
        )
    ]
    assert (decided.reference in refs) == sees
    assert client.get(reverse("documents:rounds")).status_code == 200
    response = client.post(reverse("documents:round_reports"), {"dot": "annual", "nam": "2024"})
    assert response.status_code == (302 if role in {"reviewer", "appraiser", "admin"} else 403)


def test_lists_and_batches_need_a_login(client):
    for url in [
        reverse("documents:queue_xlsx"),
        reverse("documents:rounds"),
        reverse("documents:round_awards_xlsx") + "?dot=annual&nam=2024",
        reverse("documents:jobs"),
        reverse("district_report_pdf"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "dang-nhap" in response["Location"], url

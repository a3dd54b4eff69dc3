"""The dossier screens: every view for every role, bounded queries, forms, uploads."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers import services
from dossiers.models import Attachment, AttachmentKind, Dossier, Notification, Status
from tests.dossiers.support import (
    EXE_BYTES,
    PDF_BYTES,
    _media,  # noqa: F401 - autouse fixture
    add_commune,
    add_person,
    approve,
    attach_all,
    dbkk_commune,
    filed,
    new_dossier,
    plain_commune,
    recognize,
    upload,
    zip_bytes,
)
from tests.factories import DistrictRecognitionFactory, DossierFactory, NomineeFactory, bulk

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = ["anonymous", "district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]


@pytest.fixture
def draft(users, district_a):
    return filed(users["district_a"], plain_commune(district_a), "Nguyễn Văn An", 60_000_000)


@pytest.fixture
def submitted(users, district_a):
    commune = plain_commune(district_a)
    user = users["district_a"]
    return filed(user, commune, "Đinh Thị Bình", 75_000_000, number="09/TTr-UBND", submit=True)


def client_for(client, users, role):
    if role != "anonymous":
        client.force_login(users[role])
    return client


# How each view is reached: its URL name, its arguments (d: the dossier, n: its first
# nominee, a: its first attachment; any other word as it stands) and the method tried.
VIEWS = {
    "list": ("dossiers:list", "", "get"),
    "create": ("dossiers:create", "", "get"),
    "detail": ("dossiers:detail", "d", "get"),
    "edit": ("dossiers:edit", "d", "get"),
    "submit": ("dossiers:transition", "d submit", "get"),
    "receive": ("dossiers:transition", "d receive", "get"),
    "nominee_add": ("dossiers:nominee_add", "d", "get"),
    "nominee_edit": ("dossiers:nominee_edit", "d n", "get"),
    "nominee_check": ("dossiers:nominee_check", "d", "post"),
    "village_options": ("dossiers:village_options", "d", "get"),
    "nominee_attest": ("dossiers:nominee_attest", "d n", "post"),
    "download": ("dossiers:attachment_download", "d a", "get"),
    "upload": ("dossiers:attachment_upload", "d", "post"),
    "attachment_remove": ("dossiers:attachment_remove", "d a", "post"),
    "nominee_remove": ("dossiers:nominee_remove", "d n", "post"),
    "bulk": ("dossiers:bulk", "", "post"),
    "notifications": ("dossiers:notifications", "", "get"),
    "notifications_read": ("dossiers:notifications_read", "", "post"),
    "appraise": ("dossiers:transition", "d appraise", "get"),
    "withdraw": ("dossiers:transition", "d withdraw", "get"),
}

# expected status per role (in the order of ROLES) on a draft of district A
DRAFT_MATRIX = {
    "list": [302, 200, 200, 200, 200, 200, 200],
    "create": [302, 200, 200, 200, 403, 403, 403],
    "detail": [302, 200, 404, 404, 404, 404, 200],
    "edit": [302, 200, 404, 404, 404, 404, 403],
    "submit": [302, 200, 404, 404, 404, 404, 403],
    "receive": [302, 403, 404, 404, 404, 404, 403],
    "nominee_add": [302, 200, 404, 404, 404, 404, 403],
    "nominee_edit": [302, 200, 404, 404, 404, 404, 403],
    "nominee_check": [302, 200, 404, 404, 404, 404, 403],
    "village_options": [302, 200, 404, 404, 404, 404, 403],
    "nominee_attest": [302, 403, 404, 404, 404, 404, 403],
    "download": [302, 200, 404, 404, 404, 404, 200],
    "upload": [302, 400, 404, 404, 404, 404, 403],  # no file: "Chọn tệp" beside the field
    "attachment_remove": [302, 302, 404, 404, 404, 404, 403],
    "nominee_remove": [302, 302, 404, 404, 404, 404, 403],
    "bulk": [302, 403, 403, 403, 200, 403, 403],
    "notifications": [302, 200, 200, 200, 200, 200, 200],
    "notifications_read": [302, 302, 302, 302, 302, 302, 302],
}

# the same for a dossier district A has submitted
SUBMITTED_MATRIX = {
    "detail": [302, 200, 404, 404, 200, 200, 200],
    "edit": [302, 302, 404, 404, 403, 403, 403],
    "receive": [302, 403, 404, 404, 200, 403, 403],
    "appraise": [302, 403, 404, 404, 403, 302, 403],
    "withdraw": [302, 302, 404, 404, 403, 403, 403],
    "download": [302, 200, 404, 404, 200, 200, 200],
    "nominee_edit": [302, 302, 404, 404, 403, 403, 403],
    "nominee_attest": [302, 403, 404, 404, 302, 403, 403],
    "bulk": [302, 403, 403, 403, 200, 403, 403],
}


def _run_matrix(client, users, dossier, matrix, role):
    nominee = dossier.nominees.first()
    attachment = dossier.attachments.first()
    results = {}
    ids = {"d": dossier.pk, "n": nominee.pk, "a": attachment.pk}
    for name, expected in matrix.items():
        url_name, args, method = VIEWS[name]
        client.logout()
        c = client_for(client, users, role)
        target = reverse(url_name, args=[ids.get(arg, arg) for arg in args.split()])
        if method == "get":
            response = c.get(target)
        elif name == "bulk":
            response = c.post(target, {"bulk_action": "receive", "ids": [dossier.pk]})
        elif name == "nominee_attest":
            response = c.post(target, {"attested": "1", "note": "Đạt."})
        elif name == "nominee_check":
            response = c.post(target, {"loai": "individual", "title": "person_contribution"})
        else:
            response = c.post(target, {})
        results[name] = (response.status_code, expected[ROLES.index(role)])
    return results


@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role_on_a_draft(client, users, draft, role):
    results = _run_matrix(client, users, draft, DRAFT_MATRIX, role)
    assert {k: got for k, (got, _) in results.items()} == {
        k: want for k, (_, want) in results.items()
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_view_for_every_role_on_a_submitted_dossier(client, users, submitted, role):
    results = _run_matrix(client, users, submitted, SUBMITTED_MATRIX, role)
    assert {k: got for k, (got, _) in results.items()} == {
        k: want for k, (_, want) in results.items()
    }


def test_another_districts_dossier_by_url_shows_nothing(login, users, submitted):
    client = login(users["district_b"])
    for url in [
        reverse("dossiers:detail", args=[submitted.pk]),
        reverse(
            "dossiers:attachment_download", args=[submitted.pk, submitted.attachments.first().pk]
        ),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Đinh Thị Bình" not in response.content.decode()
    listing = client.get(reverse("dossiers:list")).content.decode()
    assert submitted.reference not in listing


# --- lists: the same number of queries for 5 and for 200 dossiers ----------------------


def _make_dossiers(n: int, user, district) -> None:
    now = dt.date(2024, 11, 1)
    dossiers = bulk(
        DossierFactory,
        (
            dict(
                round="annual",
                year=2024,
                district=district,
                province_id=district.province_id,  # bulk_create skips save()
                document_number=f"{i}/TTr-UBND",
                document_date=now,
                legal_basis="nd98_2023",
                status=[Status.SUBMITTED, Status.RECEIVED, Status.APPRAISED][i % 3],
                created_by=user,
                first_submitted_at=dt.datetime(2024, 11, 2, tzinfo=dt.UTC),
            )
            for i in range(n)
        ),
    )
    bulk(
        NomineeFactory,
        (
            dict(
                dossier=d,
                kind="individual",
                title="person_contribution",
                name=f"Người {d.pk}-{k}",
                identity=f"individual:nguoi {d.pk}-{k}@",
                verdict_eligible=k == 0,
            )
            for d in dossiers
            for k in range(2)
        ),
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["district_a", "reviewer", "appraiser", "admin"])
def test_list_queries_do_not_grow_with_rows(login, users, district_a, role):
    client = login(users[role])
    urls = [
        reverse("dossiers:list"),
        reverse("dossiers:list") + "?status=submitted&round=annual&year=2024",
        reverse("dossiers:list") + "?title=person_contribution",
        reverse("home"),
        reverse("dossiers:notifications"),
    ]
    _make_dossiers(5, users["district_a"], district_a)
    cache.clear()  # the dashboard figures on the home page: measured uncached both times
    few = [_queries(client, url) for url in urls]
    _make_dossiers(195, users["district_a"], district_a)
    cache.clear()
    many = [_queries(client, url) for url in urls]
    assert few == many
    # the home page gathers panels from criteria, rules and dossiers (each a fixed
    # number of queries); the list pages stay far lower
    assert max(many) <= 20


def test_dossier_page_queries_do_not_grow_with_nominees(login, users, district_a):
    district = users["district_a"]
    dossier = new_dossier(district)
    commune = plain_commune(district_a)
    for i in range(3):
        add_person(dossier, district, f"Người thứ {i}", commune, 60_000_000)
    attach_all(dossier, district)
    client = login(district)
    url = reverse("dossiers:detail", args=[dossier.pk])
    few = _queries(client, url)
    for i in range(3, 30):
        add_person(dossier, district, f"Người thứ {i}", commune, 60_000_000)
    attach_all(dossier, district)
    assert _queries(client, url) == few


def test_list_filters_and_counts(login, users, submitted, draft):
    client = login(users["reviewer"])
    body = client.get(reverse("dossiers:list")).content.decode()
    assert submitted.reference in body and draft.reference not in body  # drafts stay home
    body = client.get(reverse("dossiers:list") + "?status=received").content.decode()
    assert submitted.reference not in body
    body = client.get(reverse("dossiers:list") + "?title=commune_recognized").content.decode()
    assert submitted.reference not in body
    body = client.get(reverse("dossiers:list") + "?title=person_contribution").content.decode()
    assert submitted.reference in body
    mine = login(users["district_a"]).get(reverse("dossiers:list")).content.decode()
    assert submitted.reference in mine and draft.reference in mine
    assert "Đang soạn" in mine


# --- forms ---------------------------------------------------------------------------------


def test_create_dossier_through_the_form(login, users):
    client = login(users["district_a"])
    response = client.post(
        reverse("dossiers:create"),
        {
            "round": "annual",
            "year": "2024",
            "document_number": "12/TTr-UBND",
            "document_date": "05/01/2025",
        },
    )
    dossier = Dossier.objects.get(document_number="12/TTr-UBND")
    assert response.status_code == 302 and dossier.document_date == dt.date(2025, 1, 5)
    assert dossier.district == users["district_a"].district and dossier.legal_basis == "nd98_2023"
    agency = login(users["agency"])
    response = agency.post(reverse("dossiers:create"), {"round": "annual", "year": "2024"})
    assert response.status_code == 200  # annual is not offered to an agency
    assert not Dossier.objects.filter(agency__isnull=False).exists()


@pytest.mark.parametrize(
    "typed,stored",
    [("200.000.000", 200_000_000), ("200000000", 200_000_000), ("200 triệu", 200_000_000)],
)
def test_money_as_people_type_it(login, users, district_a, typed, stored):
    dossier = new_dossier(users["district_a"])
    client = login(users["district_a"])
    response = client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]),
        {
            "loai": "enterprise",
            "title": "organization_infrastructure",
            "name": "Công ty CP Đầu tư Bắc Kạn",
            "infrastructure_value": typed,
        },
    )
    assert response.status_code == 302
    nominee = dossier.nominees.get()
    assert nominee.infrastructure_value == stored and nominee.verdict_eligible is True


@pytest.mark.parametrize(
    "typed,message",
    [
        ("-5.000.000", "không được âm"),
        ("năm mươi triệu", "không hợp lệ"),
        ("99999999999999999", "quá lớn"),
        ("12,34,5", "không hợp lệ"),
    ],
)
def test_bad_money_gets_a_message_beside_the_field(login, users, district_a, typed, message):
    dossier = new_dossier(users["district_a"])
    client = login(users["district_a"])
    response = client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]),
        {
            "loai": "individual",
            "title": "person_contribution",
            "name": "Bàn Văn Lợi",
            "commune": plain_commune(district_a).code,
            "contribution_value": typed,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert f'value="{typed}"' in body  # what was typed is kept
    assert "Bàn Văn Lợi" in body
    assert not dossier.nominees.exists()


def test_live_verdict_while_typing(login, users, district_a):
    dossier = new_dossier(users["district_a"])
    client = login(users["district_a"])
    url = reverse("dossiers:nominee_check", args=[dossier.pk])
    base = {"loai": "individual", "title": "person_contribution", "contribution_value": "45 triệu"}
    remote = client.post(url, base | {"commune": dbkk_commune(district_a).code})
    body = remote.content.decode()
    assert "Đạt tiêu chuẩn" in body and "40.000.000 đ" in body and "III.2.2.a" in body
    plain = client.post(url, base | {"commune": plain_commune(district_a).code})
    body = plain.content.decode()
    assert "Chưa đạt tiêu chuẩn" in body and "45.000.000 đ" in body and "50.000.000 đ" in body
    bad = client.post(
        url, base | {"commune": plain_commune(district_a).code, "contribution_value": "-1"}
    )
    assert "không được âm" in bad.content.decode()
    assert not dossier.nominees.exists()


def test_live_verdict_for_a_commune_shows_the_records(login, users, district_a):
    commune = plain_commune(district_a)
    recognize(commune, "ntm", dt.date(2024, 6, 1))
    dossier = new_dossier(users["district_a"])
    client = login(users["district_a"])
    body = client.post(
        reverse("dossiers:nominee_check", args=[dossier.pk]),
        {"loai": "commune", "title": "commune_recognized", "commune": commune.code},
    ).content.decode()
    assert "Đạt tiêu chuẩn" in body and "Số liệu lấy từ hồ sơ tiêu chí NTM" in body
    assert "nông thôn mới năm 2024" in body


def test_commune_of_another_district_cannot_be_picked(login, users, district_a, commune_b):
    dossier = new_dossier(users["district_a"])
    client = login(users["district_a"])
    response = client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]) + "?loai=commune",
        {"loai": "commune", "title": "commune_recognized", "commune": commune_b.code},
    )
    assert response.status_code == 200 and not dossier.nominees.exists()


def test_stale_form_is_refused_and_keeps_what_was_typed(login, users, district_a):
    district = users["district_a"]
    dossier = new_dossier(district)
    first, second = login(district), login(district)
    url = reverse("dossiers:edit", args=[dossier.pk])
    assert 'name="version" value="1"' in first.get(url).content.decode()
    form = {"year": "2024", "document_date": "06/11/2024", "version": "1"}
    assert first.post(url, form | {"document_number": "06/TTr-UBND"}).status_code == 302
    response = second.post(url, form | {"document_number": "07/TTr-UBND", "summary": "Của tôi"})
    body = response.content.decode()
    assert response.status_code == 409
    assert "Người khác đã lưu thay đổi" in body
    assert 'value="07/TTr-UBND"' in body and "Của tôi" in body
    assert "06/TTr-UBND" in body  # the latest saved version is shown beside it
    dossier.refresh_from_db()
    assert dossier.document_number == "06/TTr-UBND"

    nominee = add_person(dossier, district, "Lục Văn Sinh", plain_commune(district_a), 55_000_000)
    url = reverse("dossiers:nominee_edit", args=[dossier.pk, nominee.pk])
    data = {
        "loai": "individual",
        "title": "person_contribution",
        "name": "Lục Văn Sinh",
        "commune": nominee.commune_id,
        "version": "1",
    }
    assert first.post(url, data | {"contribution_value": "70 triệu"}).status_code == 302
    response = second.post(url, data | {"contribution_value": "80 triệu"})
    assert response.status_code == 409 and 'value="80 triệu"' in response.content.decode()
    nominee.refresh_from_db()
    assert nominee.contribution_value == 70_000_000


# --- uploads -------------------------------------------------------------------------------


def test_upload_is_checked_by_content_and_served_only_to_who_may_see(
    login, users, district_a, settings
):
    district = users["district_a"]
    dossier = new_dossier(district)
    client = login(district)
    url = reverse("dossiers:attachment_upload", args=[dossier.pk])
    # an executable named .pdf
    response = client.post(
        url, {"kind": "proposal", "file": upload("to-trinh.pdf", EXE_BYTES)}, follow=True
    )
    assert "không phải PDF, JPEG, PNG hoặc DOCX" in response.content.decode()
    # a zip that is not a Word document
    client.post(url, {"kind": "proposal", "file": upload("to-trinh.docx", zip_bytes())})
    # too big
    settings.UPLOAD_MAX_BYTES = 100
    response = client.post(
        url, {"kind": "minutes", "file": upload("bb.pdf", PDF_BYTES * 5)}, follow=True
    )
    assert "vượt quá dung lượng" in response.content.decode()
    # empty
    response = client.post(url, {"kind": "minutes", "file": upload("bb.pdf", b"")}, follow=True)
    assert not Attachment.objects.exists()
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    # a real PDF named .png is stored as what it is
    response = client.post(url, {"kind": "proposal", "file": upload("Tờ trình.png", PDF_BYTES)})
    assert response.status_code == 302
    stored = Attachment.objects.get()
    assert stored.content_type == "application/pdf" and stored.file.name.endswith(".pdf")
    assert stored.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert stored.original_name == "Tờ trình.png"
    path = Path(stored.file.path)
    assert path.is_file() and Path(settings.MEDIA_ROOT) in path.parents
    assert not str(path).startswith(str(Path(settings.STATIC_ROOT)))
    download = reverse("dossiers:attachment_download", args=[dossier.pk, stored.pk])
    response = client.get(download)
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert (
        response["Content-Type"] == "application/pdf"
        and "attachment" in response["Content-Disposition"]
    )
    for role in ("district_b", "agency", "reviewer", "appraiser"):
        assert login(users[role]).get(download).status_code == 404
    # an achievement file needs its nominee
    response = login(district).post(
        url, {"kind": AttachmentKind.ACHIEVEMENT, "file": upload()}, follow=True
    )
    assert "Chọn đối tượng" in response.content.decode()


def test_removing_a_nominee_removes_its_files_when_the_dossier_is_submitted(
    users, district_a, django_capture_on_commit_callbacks
):
    district = users["district_a"]
    dossier = filed(district, plain_commune(district_a), "Vi Văn Thắng", 60_000_000)
    add_person(dossier, district, "Lò Văn Tư", plain_commune(district_a), 60_000_000)
    attach_all(dossier, district)
    nominee = dossier.nominees.get(name="Vi Văn Thắng")
    path = Path(nominee.attachments.get().file.path)
    before = dossier.attachments.count()
    with django_capture_on_commit_callbacks(execute=True):
        services.nominee_remove(nominee=nominee, by=district)
    # gone from the dossier, kept (file too) to be restored until it is submitted
    assert dossier.attachments.count() == before - 1 and path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=dossier, by=district)
    assert not path.exists() and not dossier.removed_items.exists()


# --- queue, bulk, notifications, warnings ------------------------------------------------------


def test_bulk_preview_lists_exactly_what_it_touches(login, users, district_a, submitted, draft):
    commune, district = plain_commune(district_a), users["district_a"]
    other = filed(district, commune, "Sầm Văn Tư", 60_000_000, number="10/TTr-UBND", submit=True)
    services.dossier_receive(dossier=other, by=users["reviewer"])
    client = login(users["reviewer"])
    ids = [submitted.pk, other.pk, draft.pk]
    preview = client.post(reverse("dossiers:bulk"), {"bulk_action": "receive", "ids": ids})
    body = preview.content.decode()
    assert preview.status_code == 200
    assert f'name="ids" value="{submitted.pk}"' in body
    assert f'name="ids" value="{other.pk}"' not in body  # already received: listed as skipped
    assert other.reference in body and "Bỏ qua" in body
    assert draft.reference not in body  # never submitted: the reviewer cannot see it
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED  # the preview changed nothing
    response = client.post(
        reverse("dossiers:bulk"),
        {"bulk_action": "receive", "ids": [submitted.pk], "confirm": "1", "note": "Đủ hồ sơ"},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.RECEIVED
    assert submitted.events.get(action="receive").note == "Đủ hồ sơ"


def test_notifications_and_home_panels(login, users, submitted):
    reviewer = login(users["reviewer"])
    home = reviewer.get(reverse("home")).content.decode()
    assert "Hồ sơ chờ tiếp nhận" in home and "Thông báo chưa đọc" in home
    page = reviewer.get(reverse("dossiers:notifications")).content.decode()
    assert submitted.reference in page and "Mới" in page
    reviewer.get(reverse("dossiers:detail", args=[submitted.pk]))
    assert not Notification.objects.filter(
        recipient=users["reviewer"], read_at__isnull=True
    ).exists()
    services.dossier_receive(dossier=submitted, by=users["reviewer"])
    appraiser_home = login(users["appraiser"]).get(reverse("home")).content.decode()
    assert "Hồ sơ chờ thẩm định NTM" in appraiser_home
    district_home = login(users["district_a"]).get(reverse("home")).content.decode()
    assert "Hồ sơ bị trả lại cần bổ sung" in district_home


def test_same_nominee_in_two_dossiers_is_warned(login, users, district_a):
    district = users["district_a"]
    commune = plain_commune(district_a)
    recognize(commune)
    first, second = new_dossier(district), new_dossier(district, number="11/TTr-UBND")
    add_commune(first, district, commune)
    add_commune(second, district, commune)
    body = login(district).get(reverse("dossiers:detail", args=[second.pk])).content.decode()
    assert "cũng đang được đề nghị ở đợt này năm 2024" in body and first.reference in body


def test_returned_and_resubmitted_dossier_shows_what_changed(login, users, submitted):
    reviewer, district = users["reviewer"], users["district_a"]
    services.dossier_receive(dossier=submitted, by=reviewer)
    nominee = submitted.nominees.get()
    response = login(reviewer).post(
        reverse("dossiers:transition", args=[submitted.pk, "return"]),
        {"note": "Bổ sung", f"n{nominee.pk}": "Ghi rõ giá trị đất hiến."},
    )
    assert response.status_code == 302
    client = login(district)
    page = client.get(reverse("dossiers:detail", args=[submitted.pk])).content.decode()
    assert "Ghi rõ giá trị đất hiến." in page and "Chưa có thay đổi nào." in page
    client.post(
        reverse("dossiers:nominee_edit", args=[submitted.pk, nominee.pk]),
        {
            "loai": "individual",
            "title": "person_contribution",
            "name": nominee.name,
            "commune": nominee.commune_id,
            "contribution_value": "80.000.000",
            "version": str(nominee.version),
        },
    )
    response = client.post(
        reverse("dossiers:transition", args=[submitted.pk, "resubmit"]), {"note": ""}
    )
    assert response.status_code == 302
    page = login(reviewer).get(reverse("dossiers:detail", args=[submitted.pk])).content.decode()
    assert "75.000.000 đ → 80.000.000 đ" in page
    assert "Trả lại để bổ sung" in page  # in the history


def test_submit_screen_shows_reasons(login, users, district_a):
    district = users["district_a"]
    dossier = new_dossier(district)
    add_person(dossier, district, "Hứa Văn Cường", plain_commune(district_a), 30_000_000)
    client = login(district)
    response = client.post(
        reverse("dossiers:transition", args=[dossier.pk, "submit"]), {"note": ""}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Hứa Văn Cường chưa đạt tiêu chuẩn" in body and "30.000.000 đ" in body
    assert "Thiếu tài liệu" in body
    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT


def test_decide_screen(login, users, submitted):
    reviewer = users["reviewer"]
    approve(submitted, users)
    nominee = submitted.nominees.get()
    client = login(reviewer)
    url = reverse("dossiers:transition", args=[submitted.pk, "decide"])
    page = client.get(url).content.decode()
    # the number is the register's, given when the decision is recorded: not typed
    assert 'name="decision_number"' not in page and 'id="number-from-register"' in page
    response = client.post(url, {"decision_date": "", f"awarded_{nominee.pk}": "0"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Trường này là bắt buộc" in body  # the date is required, in Vietnamese
    response = client.post(
        url,
        {
            "decision_number": "88/QĐ-UBND",  # a typed number is not taken
            "decision_date": "20/12/2024",
            f"awarded_{nominee.pk}": "1",
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.DECIDED and submitted.decision_date == dt.date(2024, 12, 20)
    assert submitted.decision_number == "01/QĐ-UBND" == submitted.decision.number
    assert submitted.decision.register_entry.full_number == "01/QĐ-UBND"
    page = client.get(reverse("dossiers:detail", args=[submitted.pk])).content.decode()
    assert "01/QĐ-UBND" in page and "88/QĐ-UBND" not in page and "Được khen thưởng" in page


def test_live_verdict_warns_of_the_same_nominee(login, users, district_a):
    district = users["district_a"]
    commune = plain_commune(district_a)
    recognize(commune)
    other = new_dossier(district, number="13/TTr-UBND")
    add_commune(other, district, commune)
    dossier = new_dossier(district)
    nominee = add_commune(dossier, district, commune)
    client = login(district)
    url = reverse("dossiers:nominee_check", args=[dossier.pk])
    data = {"loai": "commune", "title": "commune_recognized", "commune": commune.code}
    body = client.post(url, data).content.decode()
    assert other.reference in body and "đã có trong hồ sơ này" in body
    body = client.post(url, data | {"nid": str(nominee.pk)}).content.decode()
    assert other.reference in body and "đã có trong hồ sơ này" not in body


def test_documents_app_fills_the_van_ban_section(login, users, submitted):
    letter = reverse("documents:dossier_pdf", args=[submitted.pk, "to-trinh"])
    page = login(users["reviewer"]).get(reverse("dossiers:detail", args=[submitted.pk]))
    assert letter in page.content.decode()
    # a user who may not see the dossier gets neither the page nor its document links
    other = login(users["district_b"]).get(reverse("dossiers:detail", args=[submitted.pk]))
    assert other.status_code == 404
    assert letter not in other.content.decode()


def test_reviewer_sees_nominees_waiting_for_judgement(login, users):
    from config.home import panels_for

    district, reviewer = users["district_a"], users["reviewer"]
    dossier = new_dossier(district, round="midterm", year=None, date=dt.date(2023, 9, 1))
    collective = services.nominee_save(
        dossier=dossier,
        by=district,
        data={name: None for name in services.NOMINEE_INPUT_FIELDS}
        | {name: "" for name in services.TEXT_FIELDS}
        | {"kind": "collective", "title": "collective_outstanding", "name": "Đoàn Thanh niên xã"},
    )
    attach_all(dossier, district)
    services.dossier_submit(dossier=dossier, by=district)

    def waiting() -> int:
        [panel] = [p for p in panels_for(reviewer) if "định tính" in p.title]
        return panel.count

    assert waiting() == 0  # not yet received
    services.dossier_receive(dossier=dossier, by=reviewer)
    assert waiting() == 1
    page = login(reviewer).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert reverse("dossiers:nominee_attest", args=[dossier.pk, collective.pk]) in page
    services.nominee_attest(nominee=collective, by=reviewer, attested=False, note="Chưa tiêu biểu.")
    assert waiting() == 0


def test_upload_stops_reading_past_the_limit_and_keeps_csrf(users, district_a, settings):
    from django.test import Client

    district = users["district_a"]
    dossier = new_dossier(district)
    url = reverse("dossiers:attachment_upload", args=[dossier.pk])
    settings.UPLOAD_MAX_BYTES = 1024
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(district)
    big = upload("to-trinh.pdf", PDF_BYTES + b"0" * 200_000)
    assert strict.post(url, {"kind": "proposal", "file": big}).status_code == 403  # no token
    token = strict.get(reverse("dossiers:detail", args=[dossier.pk])).cookies["csrftoken"].value
    big.seek(0)
    response = strict.post(url, {"csrfmiddlewaretoken": token, "kind": "proposal", "file": big})
    assert response.status_code == 400
    assert "vượt quá dung lượng cho phép 1 KB" in response.content.decode()
    assert not Attachment.objects.exists()
    small = upload("to-trinh.pdf", PDF_BYTES)
    response = strict.post(url, {"csrfmiddlewaretoken": token, "kind": "proposal", "file": small})
    assert response.status_code == 302 and Attachment.objects.count() == 1


def test_district_and_agency_nominees_through_the_forms(login, users, district_a):
    DistrictRecognitionFactory(
        district=district_a, decision_number="1/QĐ-TTg", decision_date=dt.date(2024, 8, 1)
    )
    district = users["district_a"]
    dossier = new_dossier(district)
    client = login(district)
    add_url = reverse("dossiers:nominee_add", args=[dossier.pk])
    page = client.get(add_url).content.decode()
    assert "?loai=district" in page and "?loai=agency" not in page
    response = client.post(
        add_url, {"loai": "district", "title": "district_completed", "achievements": "Về đích."}
    )
    assert response.status_code == 302
    nominee = dossier.nominees.get()
    assert nominee.district == district_a and nominee.name == str(district_a)
    assert nominee.verdict_eligible is True and nominee.verdict_case["completed_year"] == 2024

    agency_user = users["agency"]
    final = new_dossier(agency_user, round="final", year=None, date=dt.date(2025, 9, 1))
    client = login(agency_user)
    add_url = reverse("dossiers:nominee_add", args=[final.pk])
    page = client.get(add_url).content.decode()
    assert "?loai=agency" in page and "?loai=commune" not in page
    agency = agency_user.agency
    response = client.post(
        add_url, {"loai": "agency", "title": "agency_outstanding", "agency": agency.pk}
    )
    assert response.status_code == 302
    assert final.nominees.get().verdict_eligible is None  # three judged standards wait
    # the agency cannot slip a commune in by posting the kind
    response = client.post(
        add_url,
        {
            "loai": "commune",
            "title": "commune_recognized",
            "commune": plain_commune(district_a).code,
        },
    )
    assert response.status_code == 200 and final.nominees.count() == 1


def test_bulk_approve_skips_dossiers_waiting_for_a_judgement(login, users, submitted):
    district, reviewer = users["district_a"], users["reviewer"]
    judged = new_dossier(district, round="midterm", year=None, date=dt.date(2023, 9, 1))
    services.nominee_save(
        dossier=judged,
        by=district,
        data={name: None for name in services.NOMINEE_INPUT_FIELDS}
        | {name: "" for name in services.TEXT_FIELDS}
        | {"kind": "collective", "title": "collective_outstanding", "name": "Hội Phụ nữ xã"},
    )
    attach_all(judged, district)
    services.dossier_submit(dossier=judged, by=district)
    for d in (submitted, judged):
        services.dossier_receive(dossier=d, by=reviewer)
        services.dossier_appraise(dossier=d, by=users["appraiser"])
    client = login(reviewer)
    body = client.post(
        reverse("dossiers:bulk"), {"bulk_action": "approve", "ids": [submitted.pk, judged.pk]}
    ).content.decode()
    assert f'name="ids" value="{submitted.pk}"' in body
    assert f'name="ids" value="{judged.pk}"' not in body and "chưa được đánh giá" in body

"""Criteria screens: every view for every role, scoping, the matrix, Excel in and out."""

from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from criteria.models import Assessment, CapitalDebt, Recognition
from criteria.services import assessment_record, criteria_met_on
from tests.factories import RecognitionFactory, VillageFactory
from tests.synthetic import synthetic_district

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date
ROLES = ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]
PROVINCIAL = {"reviewer": 200, "appraiser": 200, "admin": 200}


@pytest.fixture
def row_a(users, commune_a):
    row = assessment_record(
        commune=commune_a,
        criterion_number=2,
        assessed_on=D(2022, 3, 1),
        met=True,
        by=users["district_a"],
    )
    row.evidence = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 thu")
    row.save()
    return row


def _cases(commune_a, row_a):
    own = {
        "district_a": 200,
        "district_b": 404,
        "agency": 403,
        "reviewer": 403,
        "appraiser": 403,
        "admin": 403,
    }
    reads = {"district_a": 200, "district_b": 200, "agency": 403, **PROVINCIAL}
    district_only = {
        "district_a": 200,
        "district_b": 200,
        "agency": 403,
        "reviewer": 403,
        "appraiser": 403,
        "admin": 403,
    }
    scoped = {"district_a": 200, "district_b": 404, "agency": 404, **PROVINCIAL}
    c = commune_a.code
    return [
        (reverse("criteria:matrix"), reads),
        (reverse("criteria:matrix_export"), reads),
        (reverse("criteria:debt"), reads),
        (reverse("criteria:assessment_add", args=[c]), own),
        (reverse("criteria:recognition_add", args=[c]), own),
        (reverse("criteria:village_add", args=[c]), own),
        (reverse("criteria:assessment_correct", args=[row_a.pk]), own),
        (reverse("criteria:evidence", args=[row_a.pk]), scoped),
        (reverse("criteria:district_recognition_add"), district_only),
        (reverse("criteria:import"), district_only),
        (reverse("criteria:import_template"), district_only),
        (reverse("communes:detail", args=[c]), scoped),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_criteria_view_for_every_role(login, users, commune_a, row_a, role):
    client = login(users[role])
    for url, expected in _cases(commune_a, row_a):
        response = client.get(url)
        assert response.status_code == expected[role], (url, role)
    anonymous = client.__class__()
    for url, _ in _cases(commune_a, row_a):
        assert anonymous.get(url).status_code == 302


@pytest.mark.parametrize("role", ["district_b", "reviewer", "appraiser", "admin", "agency"])
def test_nobody_else_records_for_a_communes(login, users, commune_a, role):
    client = login(users[role])
    data = {"criterion": "3", "assessed_on": "01/02/2023", "met": "1", "note": "x"}
    response = client.post(reverse("criteria:assessment_add", args=[commune_a.code]), data)
    assert response.status_code in {403, 404}
    response = client.post(
        reverse("criteria:recognition_add", args=[commune_a.code]),
        {
            "level": "ntm",
            "decision_number": "1/QĐ",
            "decision_date": "01/02/2023",
            "issuing_body": "UBND tỉnh",
        },
    )
    assert response.status_code in {403, 404}
    response = client.post(reverse("criteria:debt") + "?nam=2024", {"huyen": "on"})
    # district B's staff write only their own district's debt
    assert response.status_code == (302 if role == "district_b" else 403)
    assert not Assessment.objects.filter(commune=commune_a).exists()
    assert not Recognition.objects.exists()
    assert not CapitalDebt.objects.filter(district=commune_a.district).exists()


def test_district_staff_record_and_correct_on_the_commune_page(login, users, commune_a):
    client = login(users["district_a"])
    url = reverse("criteria:assessment_add", args=[commune_a.code])
    response = client.post(url, {"criterion": "10", "assessed_on": "31/02/2023", "met": "1"})
    assert response.status_code == 200  # error beside the field, what was typed kept
    body = response.content.decode()
    assert 'value="31/02/2023"' in body and "invalid-feedback" in body
    response = client.post(
        url, {"criterion": "10", "assessed_on": "15/03/2023", "met": "1", "note": "Biên bản 5"}
    )
    assert response.status_code == 302
    row = Assessment.objects.get(commune=commune_a, criterion_id=10)
    response = client.post(
        reverse("criteria:assessment_correct", args=[row.pk]),
        {"assessed_on": "15/03/2023", "met": "0", "note": "Thẩm định lại: chưa đạt"},
    )
    assert response.status_code == 302
    page = client.get(reverse("communes:detail", args=[commune_a.code]) + "?ngay=01/04/2023")
    body = page.content.decode()
    assert "đã đính chính" in body and "Thẩm định lại: chưa đạt" in body and "Biên bản 5" in body
    assert page.context["criteria_count"] == 0
    assert (
        10 not in criteria_met_on(commune_codes=[commune_a.code], on=D(2023, 4, 1))[commune_a.code]
    )


def test_commune_page_shows_state_at_chosen_date(login, users, commune_a):
    by = users["district_a"]
    assessment_record(
        commune=commune_a, criterion_number=4, assessed_on=D(2020, 5, 1), met=True, by=by
    )
    assessment_record(
        commune=commune_a, criterion_number=7, assessed_on=D(2022, 5, 1), met=True, by=by
    )
    client = login(users["reviewer"])
    url = reverse("communes:detail", args=[commune_a.code])
    early = client.get(url + "?ngay=01/01/2022").context
    late = client.get(url + "?ngay=01/01/2024").context
    assert early["criteria_count"] == 1 and late["criteria_count"] == 2
    assert late["criteria_newly"] == [7]
    assert not late["may_edit_criteria"]
    bad = client.get(url + "?ngay=hôm-qua")
    assert bad.status_code == 200 and "không hợp lệ" in bad.content.decode()


def test_matrix_marks_newly_met_and_searches_without_diacritics(login, users, district_b):
    ba_be = district_b.communes.order_by("code")
    first = ba_be.filter(kind="xa").first()
    assessment_record(
        commune=first,
        criterion_number=3,
        assessed_on=D(2020, 1, 1),
        met=True,
        by=users["district_b"],
    )
    assessment_record(
        commune=first,
        criterion_number=10,
        assessed_on=D(2022, 1, 1),
        met=True,
        by=users["district_b"],
    )
    client = login(users["admin"])
    response = client.get(
        reverse("criteria:matrix"), {"huyen": district_b.code, "ngay": "31/12/2023"}
    )
    row = next(r for r in response.context["rows"] if r.commune.code == first.code)
    assert row.cells[2] == "met" and row.cells[9] == "new" and row.count == 2 and row.newly == 1
    # "cho ra" finds Thị trấn Chợ Rã once phường and thị trấn are included
    found = client.get(reverse("criteria:matrix"), {"q": "cho ra", "loai": "tat-ca"})
    assert [r.commune.name for r in found.context["rows"]] == ["Chợ Rã"]
    # a district user never sees another district, whatever the filter says
    own = login(users["district_a"]).get(reverse("criteria:matrix"), {"huyen": district_b.code})
    assert own.context["rows"] == []


def test_matrix_filters(login, users, district_a):
    commune = district_a.communes.filter(kind="xa").order_by("code").first()
    RecognitionFactory(
        commune=commune, level="ntm", decision_number="1/QĐ", decision_date=D(2022, 6, 1)
    )
    client = login(users["district_a"])
    url = reverse("criteria:matrix")
    ntm = client.get(url, {"muc": "ntm"}).context["rows"]
    assert [r.commune.code for r in ntm] == [commune.code]
    assert ntm[0].level == "Nông thôn mới"
    before = client.get(url, {"muc": "ntm", "ngay": "01/01/2022"}).context["rows"]
    assert before == []
    none = client.get(url, {"muc": "none"}).context["rows"]
    assert commune.code not in [r.commune.code for r in none]
    xa = district_a.communes.filter(kind="xa")
    dbkk = client.get(url, {"dbkk": "1"}).context["page_obj"].paginator.count
    assert dbkk == xa.filter(extremely_difficult=True).count()
    road = client.get(url, {"lotrinh": "0"}).context["page_obj"].paginator.count
    assert road == xa.filter(on_roadmap=False).count()


def test_search_ba_be_finds_ba_be(login, users, district_b):
    client = login(users["reviewer"])
    url = reverse("criteria:matrix")
    rows = client.get(url, {"q": "ba be", "loai": "tat-ca"}).context["page_obj"].paginator
    assert rows.count == district_b.communes.count() == 15
    assert {c.district_id for c in rows.object_list} == {district_b.code}
    rows = client.get(url, {"q": "BANG THANH"}).context["rows"]
    assert [r.commune.name for r in rows] == ["Bằng Thành"]


@pytest.mark.parametrize("n", [10, 500])
def test_matrix_query_count_does_not_grow(login, users, n, django_assert_max_num_queries):
    district = synthetic_district(n)
    client = login(users["admin"])
    url = reverse("criteria:matrix")
    with django_assert_max_num_queries(14):
        response = client.get(url, {"huyen": district.code, "ngay": "31/12/2023"})
    assert len(response.context["rows"]) == min(n, 50)
    if n == 500:
        assert response.context["page_obj"].paginator.num_pages == 10
        page = client.get(url, {"huyen": district.code, "page": "10"})
        assert len(page.context["rows"]) == 50


def test_matrix_query_count_equal_at_two_sizes(login, users, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    # one request first: what a process reads once and keeps (the province's lineage,
    # read by the plan of the date) is not a query per row
    login(users["admin"]).get(reverse("criteria:matrix"))
    for n, code in ((10, "097"), (500, "098")):
        district = synthetic_district(n, code=code)
        client = login(users["admin"])
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("criteria:matrix"), {"huyen": district.code})
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_matrix_export(login, users, district_a):
    client = login(users["district_a"])
    response = client.get(reverse("criteria:matrix_export"), {"ngay": "31/12/2024"})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=3, column=7).value == "TC1"
    assert ws.max_row == 3 + district_a.communes.filter(kind="xa").count()


# --- Excel import -----------------------------------------------------------------


def _xlsx(rows) -> bytes:
    from criteria.excel import COLUMNS

    wb = Workbook()
    ws = wb.active
    ws.append([label for _, label in COLUMNS])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload(client, data: bytes):
    return client.post(
        reverse("criteria:import"),
        {"file": SimpleUploadedFile("tinh-trang.xlsx", data)},
    )


def test_import_with_one_bad_row_writes_nothing_then_corrected_file_commits(
    login, users, district_a, commune_a, commune_b
):
    client = login(users["district_a"])
    second = district_a.communes.filter(kind="xa").order_by("code")[1]
    good = [
        [commune_a.code, "", 10, "", "15/03/2023", "đạt", "Biên bản thẩm định"],
        [commune_a.code, "", 11, "", D(2023, 3, 15), "không đạt", ""],
        [int(second.code), "", 2, "", "2023-06-01", "Đạt", ""],
    ]
    bad = [commune_b.code, "", 20, "", "31/02/2023", "có lẽ", ""]
    response = _upload(client, _xlsx([good[0], bad, good[1], good[2]]))
    assert response.status_code == 200
    errors = response.context["parsed"].errors
    assert {(e.row, e.column) for e in errors} == {
        (3, "Mã xã"),
        (3, "Tiêu chí (số)"),
        (3, "Ngày đánh giá (dd/mm/yyyy)"),
        (3, "Kết quả (đạt/không đạt)"),
    }
    assert "không thuộc huyện của bạn" in response.content.decode()
    assert not Assessment.objects.exists()
    # a forged confirm of the bad file writes nothing either
    forged = client.post(
        reverse("criteria:import"),
        {"confirm": "1", "payload": base64.b64encode(_xlsx([good[0], bad])).decode()},
    )
    assert forged.status_code == 200 and not Assessment.objects.exists()

    corrected = _xlsx(good)
    preview = _upload(client, corrected)
    parsed = preview.context["parsed"]
    assert parsed.ok and len(parsed.changes) == 2 and parsed.unchanged == 1  # 11 "không": no-op
    assert not Assessment.objects.exists()
    done = client.post(
        reverse("criteria:import"), {"confirm": "1", "payload": preview.context["payload"]}
    )
    assert done.status_code == 302
    state = criteria_met_on(commune_codes=[commune_a.code, second.code], on=D(2023, 12, 31))
    assert state[commune_a.code] == {10} and state[second.code] == {2}
    row = Assessment.objects.get(commune=commune_a, criterion_id=10)
    assert row.recorded_by == users["district_a"] and row.note == "Biên bản thẩm định"
    # importing the same file again changes nothing
    again = _upload(client, corrected).context["parsed"]
    assert again.ok and again.changes == []


def test_import_each_error_kind_and_corrections(users, commune_a):
    from criteria.excel import assessments_parse

    data = _xlsx(
        [
            ["99999", "", 1, "", "01/01/2023", "đạt", ""],
            [commune_a.code, "", 0, "", "01/01/2023", "đạt", ""],
            [commune_a.code, "", "mười", "", "01/01/2023", "đạt", ""],
            [commune_a.code, "", 1, "", "1/13/2023", "đạt", ""],
            [
                commune_a.code,
                "",
                1,
                "",
                (dt.date.today() + dt.timedelta(days=3)).isoformat(),
                "đạt",
                "",
            ],
            [commune_a.code, "", 1, "", "01/01/2023", "", ""],
            [commune_a.code, "", 1, "", "01/01/2023", "đạt", ""],
            [commune_a.code, "", 1, "", "01/01/2023", "không đạt", ""],
        ]
    )
    parsed = assessments_parse(data=data, district_code=commune_a.district_id)
    rows = {e.row: e.message for e in parsed.errors}
    assert set(rows) == {2, 3, 4, 5, 6, 7, 9}
    assert "Không có xã mã" in rows[2] and "1 đến 19" in rows[3] and "1 đến 19" in rows[4]
    assert "không hợp lệ" in rows[5] and "sau hôm nay" in rows[6] and "Trùng với dòng 8" in rows[9]
    # a same-day row with another result is a correction
    old = assessment_record(
        commune=commune_a,
        criterion_number=1,
        assessed_on=D(2023, 1, 1),
        met=True,
        by=users["district_a"],
    )
    parsed = assessments_parse(
        data=_xlsx([[commune_a.code, "", 1, "", "01/01/2023", "không đạt", "sai"]]),
        district_code=commune_a.district_id,
    )
    assert parsed.rows[0].action == "correct" and parsed.rows[0].replaces == old.pk
    header = assessments_parse(data=b"not a workbook", district_code=commune_a.district_id)
    assert header.errors and "Không đọc được" in header.errors[0].message


def test_import_template_round_trip(login, users, district_a):
    commune_a = district_a.communes.filter(kind="xa").order_by("code").first()
    assessment_record(
        commune=commune_a,
        criterion_number=8,
        assessed_on=D(2021, 1, 1),
        met=True,
        by=users["district_a"],
    )
    client = login(users["district_a"])
    response = client.get(reverse("criteria:import_template"), {"ngay": "31/12/2023"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    mine = [r for r in rows if r[0] == commune_a.code]
    assert len(mine) == 19 and mine[7][5] == "đạt" and mine[0][5] == "không đạt"
    preview = _upload(client, response.content).context["parsed"]
    assert preview.ok and preview.changes == []


def test_debt_per_year(login, users, district_a, commune_a):
    client = login(users["district_a"])
    url = reverse("criteria:debt") + "?nam=2025"
    response = client.post(url, {f"xa-{commune_a.code}": "on"})
    assert response.status_code == 302
    assert CapitalDebt.objects.get(commune=commune_a, year=2025).has_debt
    assert not CapitalDebt.objects.get(district=district_a, year=2025).has_debt
    client.post(url, {"huyen": "on"})
    assert not CapitalDebt.objects.get(commune=commune_a, year=2025).has_debt
    assert CapitalDebt.objects.get(district=district_a, year=2025).has_debt
    page = login(users["reviewer"]).get(url.replace("?", f"?huyen={district_a.code}&"))
    assert page.status_code == 200 and "disabled" in page.content.decode()


def test_recognitions_entered_by_district_staff(login, users, district_a, commune_a):
    from criteria.models import DistrictRecognition, VillageRecognition

    client = login(users["district_a"])
    url = reverse("criteria:recognition_add", args=[commune_a.code])
    decision = {"decision_number": "15/QĐ-UBND", "issuing_body": "UBND tỉnh Bắc Kạn"}
    response = client.post(url, {**decision, "level": "advanced", "decision_date": "10/12/2023"})
    assert response.status_code == 200
    assert "mức thấp hơn" in response.content.decode() and 'value="15/QĐ-UBND"' in (
        response.content.decode()
    )
    response = client.post(url, {**decision, "level": "ntm", "decision_date": "10/12/2022"})
    assert response.status_code == 302
    assert Recognition.objects.get(commune=commune_a).decision_date == D(2022, 12, 10)
    village = VillageFactory(commune=commune_a, name="Nà Pài")
    response = client.post(
        reverse("criteria:village_add", args=[commune_a.code]),
        {**decision, "village": village.pk, "decision_date": "05/05/2024"},
    )
    assert response.status_code == 302 and VillageRecognition.objects.get(village=village)
    response = client.post(
        reverse("criteria:district_recognition_add"),
        {
            "decision_number": "9/QĐ-TTg",
            "decision_date": "20/12/2025",
            "issuing_body": "Thủ tướng Chính phủ",
        },
    )
    assert response.status_code == 302
    assert DistrictRecognition.objects.get(district=district_a).decision_date == D(2025, 12, 20)
    page = client.get(reverse("communes:detail", args=[commune_a.code])).content.decode()
    assert "15/QĐ-UBND" in page and "Nà Pài" in page

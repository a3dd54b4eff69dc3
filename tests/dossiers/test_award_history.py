"""Tra cứu khen thưởng (issue 17 part 8): the province's decided awards and the awards lower
levels make under their own authority (plan III.2.2.d), searched together without
accents, scoped per role; lower awards typed in or imported from a bounded workbook,
duplicates refused on folded names; counted by the selector the reports read."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dossiers.awards import commune_identity
from dossiers.documents.public import public_awards_sync
from dossiers.history import demo
from dossiers.history.models import LowerLevelAward
from dossiers.history.selectors import award_counts, award_history, rows
from dossiers.history.services import (
    IMPORT_COLUMNS,
    LowerAwardError,
    lower_award_record,
    lower_awards_import,
)
from dossiers.models import Dossier, Nominee, Status
from emulation.models import AuditEntry, Role
from progress.report import district_report
from progress.workbook import district_report_xlsx
from tests.config.test_bounded_imports import MB, declared_huge, peak_extra
from tests.conftest import make_user
from tests.dossiers.support import add_commune, add_person, new_dossier

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SEARCH = "/tra-cuu-khen-thuong/"
CREATE = "/tra-cuu-khen-thuong/ghi-khen/"
IMPORT = "/tra-cuu-khen-thuong/nhap-excel/"
TEMPLATE = "/tra-cuu-khen-thuong/nhap-excel/mau.xlsx"


def decided_award(district, commune, by, *, year=2024, number="123/QĐ-UBND") -> Nominee:
    """A decided dossier of ``district`` awarding ``commune``, its public row written."""
    dossier = Dossier.objects.create(
        round="annual",
        year=year,
        district=district,
        legal_basis="nd98_2023",
        status=Status.DECIDED,
        decision_number=number,
        decision_date=dt.date(year, 12, 1),
        created_by=by,
    )
    nominee = Nominee.objects.create(
        dossier=dossier,
        kind="commune",
        title="commune_recognized",
        name=str(commune),
        commune=commune,
        identity=commune_identity(commune.pk),
        awarded=True,
    )
    public_awards_sync(dossier_id=dossier.pk)
    return nominee


def giay_khen(by, name="Nguyễn Văn Bình", **extra) -> LowerLevelAward:
    data = {
        "name": name,
        "recipient_kind": "individual",
        "unit": "Thôn Nà Pài",
        "award_form": "giay_khen",
        "decision_number": "15/QĐ-UBND",
        "decision_date": dt.date(2024, 6, 1),
        "achievement": "Hiến đất làm đường",
    } | extra
    return lower_award_record(by=by, data=data)


@pytest.fixture
def don_phong(district_a):
    return district_a.communes.get(name="Đôn Phong")


def xlsx(rows_: list[list]) -> bytes:
    book = Workbook()
    ws = book.worksheets[0]
    ws.append([label for _n, label in IMPORT_COLUMNS])
    for row in rows_:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- search ------------------------------------------------------------------------


def test_search_finds_a_province_award_by_its_unaccented_name(login, users, district_a, don_phong):
    decided_award(district_a, don_phong, users["reviewer"])
    response = login(users["reviewer"]).get(SEARCH, {"q": "don phong"})
    found = [(r.name, r.source) for r, _t in response.context["items"]]
    assert found == [("Xã Đôn Phong", "province")]
    html = response.content.decode()
    assert "Xã Đôn Phong" in html and "Bằng khen" in html and "01/12/2024" in html
    assert login(users["reviewer"]).get(SEARCH, {"q": "khong co"}).context["items"] == []


def test_search_reads_both_sources_and_filters(login, users, district_a, don_phong):
    decided_award(district_a, don_phong, users["reviewer"])
    giay_khen(users["district_a"], name="Hoàng Thị Đôn")
    client = login(users["reviewer"])
    names = lambda **q: sorted(r.name for r, _t in client.get(SEARCH, q).context["items"])  # noqa: E731
    assert names(q="DON") == ["Hoàng Thị Đôn", "Xã Đôn Phong"]
    assert names(q="don", cap="district") == ["Hoàng Thị Đôn"]
    assert names(q="don", hinh_thuc="bang_khen") == ["Xã Đôn Phong"]
    assert names(don_vi="na pai") == ["Hoàng Thị Đôn"]
    assert names(nam="2023") == []
    assert names(nam="2024") == ["Hoàng Thị Đôn", "Xã Đôn Phong"]


def test_bad_filters_never_fail(login, users):
    response = login(users["reviewer"]).get(
        SEARCH, {"nam": "abc", "cap": "moon", "hinh_thuc": "x", "page": "zz", "q": "a" * 500}
    )
    assert response.status_code == 200


def test_scope_per_role(users, district_a, district_b, don_phong, commune_b):
    decided_award(district_a, don_phong, users["reviewer"])
    decided_award(district_b, commune_b, users["reviewer"], number="124/QĐ-UBND")
    giay_khen(users["district_a"], name="Người A")
    giay_khen(users["district_b"], name="Người B")
    giay_khen(users["agency"], name="Người Sở")

    def seen(role):
        return sorted(r.name for r in rows(award_history(users[role])))

    everything = sorted(["Xã Đôn Phong", str(commune_b), "Người A", "Người B", "Người Sở"])
    assert seen("reviewer") == everything
    assert seen("appraiser") == everything
    assert seen("admin") == everything
    assert seen("district_a") == ["Người A", "Xã Đôn Phong"]
    assert seen("district_b") == sorted(["Người B", str(commune_b)])
    assert seen("agency") == ["Người Sở"]


def test_a_district_sees_its_communes_own_awards(users, district_a, don_phong):
    staff = make_user("xa_don_phong", Role.COMMUNE, commune=don_phong)
    giay_khen(staff, name="Người của xã")
    assert [r.name for r in rows(award_history(users["district_a"]))] == ["Người của xã"]
    assert [r.name for r in rows(award_history(staff))] == ["Người của xã"]
    assert rows(award_history(users["district_b"])) == []


def test_search_paginates_with_bounded_queries(login, users, django_assert_max_num_queries):
    for i in range(45):
        giay_khen(users["district_a"], name=f"Người số {i}")
    client = login(users["reviewer"])
    with django_assert_max_num_queries(12):
        first = client.get(SEARCH)
    assert first.context["page_obj"].paginator.count == 45
    assert len(first.context["items"]) == 30
    with django_assert_max_num_queries(12):
        second = client.get(SEARCH, {"page": 2, "q": "nguoi so"})
    assert len(second.context["items"]) == 15


# --- recording one -------------------------------------------------------------------


def test_a_district_records_a_giay_khen_by_the_form(login, users):
    client = login(users["district_a"])
    assert client.get(CREATE).status_code == 200
    response = client.post(
        CREATE,
        {
            "recipient_kind": "household",
            "name": "Hộ ông Lý Văn Tài",
            "unit": "Thôn Bản Cáu",
            "award_form": "giay_khen",
            "decision_number": "20/QĐ-UBND",
            "decision_date": "02/03/2025",
            "achievement": "",
        },
    )
    assert response.status_code == 302
    award = LowerLevelAward.objects.get()
    assert award.issuer_district_id == users["district_a"].district_id
    assert award.issuer_name == "UBND huyện Bạch Thông" and award.year == 2025
    assert award.province_id == "06"
    assert AuditEntry.objects.filter(action="lower_award.created").count() == 1


def test_bad_input_is_shown_beside_the_field_and_kept(login, users):
    client = login(users["district_a"])
    response = client.post(
        CREATE,
        {
            "recipient_kind": "individual",
            "name": "Trần Thị Mai",
            "award_form": "giay_khen",
            "decision_number": "",
            "decision_date": "31/02/2025",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"decision_number", "decision_date"}
    assert 'value="Trần Thị Mai"' in response.content.decode()
    assert LowerLevelAward.objects.count() == 0


def test_a_future_date_is_refused(users):
    with pytest.raises(LowerAwardError) as refused:
        giay_khen(users["district_a"], decision_date=dt.date(2999, 1, 1))
    assert "decision_date" in refused.value.errors


def test_the_same_name_folded_is_a_duplicate(users):
    giay_khen(users["district_a"], name="Nguyễn Văn Bình")
    for typed in ("nguyen van binh", "Nguyễn\u200b Văn  Bình", "NGUYEN VAN BINH"):
        with pytest.raises(LowerAwardError) as refused:
            giay_khen(users["district_a"], name=typed)
        assert "đã được ghi khen" in refused.value.errors["name"]
    # another issuer, another year or another form is not a duplicate
    giay_khen(users["district_b"], name="Nguyễn Văn Bình")
    giay_khen(users["district_a"], name="Nguyễn Văn Bình", decision_date=dt.date(2023, 5, 1))
    giay_khen(users["district_a"], name="Nguyễn Văn Bình", award_form="other")
    assert LowerLevelAward.objects.count() == 4


def test_a_zero_width_character_does_not_hide_a_name_from_search(users):
    giay_khen(users["district_a"], name="Ng\u200buyễn Văn Bình")
    assert [r.name for r in rows(award_history(users["reviewer"], q="nguyen van"))] == [
        "Nguyễn Văn Bình"
    ]


@pytest.mark.parametrize("role", ["reviewer", "appraiser", "admin"])
def test_provincial_roles_do_not_record(login, users, role):
    client = login(users[role])
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"name": "X"}).status_code == 403
    assert client.get(IMPORT).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    assert client.get(SEARCH).status_code == 200
    assert LowerLevelAward.objects.count() == 0


def test_anonymous_goes_to_login(client):
    for url in (SEARCH, CREATE, IMPORT, TEMPLATE):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# --- importing -----------------------------------------------------------------------


def test_an_import_records_every_row(login, users):
    client = login(users["agency"])
    data = xlsx(
        [
            ["Phòng Kế hoạch", "Tập thể", "Sở NN", "Giấy khen", "7/QĐ-SNN", "10/01/2025", ""],
            ["Lê Văn Hùng", "cá nhân", "Sở NN", "", "7/QĐ-SNN", dt.datetime(2025, 1, 10), "x"],
        ]
    )
    response = client.post(IMPORT, {"file": SimpleUploadedFile("gk.xlsx", data)})
    assert response.status_code == 302
    awards = LowerLevelAward.objects.order_by("name")
    assert [(a.name, a.recipient_kind, a.issuer_level, a.source) for a in awards] == [
        ("Lê Văn Hùng", "individual", "agency", "import"),
        ("Phòng Kế hoạch", "collective", "agency", "import"),
    ]
    assert AuditEntry.objects.filter(action="lower_award.imported").count() == 1


def test_an_import_with_a_bad_row_records_nothing_and_says_which(users):
    giay_khen(users["district_a"], name="Đã Có")
    result = lower_awards_import(
        by=users["district_a"],
        data=xlsx(
            [
                ["Người Một", "cá nhân", "", "Giấy khen", "1/QĐ", "01/02/2025", ""],
                ["Người Một", "cá nhân", "", "Giấy khen", "2/QĐ", "01/03/2025", ""],
                ["Người Hai", "người ngoài hành tinh", "", "Giấy khen", "1/QĐ", "01/02/2025", ""],
                ["da co", "cá nhân", "", "Giấy khen", "1/QĐ", "01/02/2024", ""],
                ["Người Ba", "cá nhân", "", "Giấy khen", "1/QĐ", "hôm qua", ""],
            ]
        ),
    )
    assert result.created == 0
    assert [row for row, _m in result.errors] == [3, 4, 5, 6]
    assert "Trùng với dòng 2" in result.errors[0][1]
    assert "đã được ghi khen" in result.errors[2][1]
    assert LowerLevelAward.objects.count() == 1


def test_an_import_shows_its_errors_beside_the_upload(login, users):
    client = login(users["district_a"])
    data = xlsx([["", "cá nhân", "", "Giấy khen", "1/QĐ", "01/02/2025", ""]])
    response = client.post(IMPORT, {"file": SimpleUploadedFile("gk.xlsx", data)})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert "Dòng 2" in response.content.decode()


def test_a_wrong_header_is_refused(users):
    book = Workbook()
    book.worksheets[0].append(["Tên", "Loại"])
    out = io.BytesIO()
    book.save(out)
    result = lower_awards_import(by=users["district_a"], data=out.getvalue())
    assert result.errors and "Dòng tiêu đề" in result.errors[0][1]


def test_the_import_reads_a_declared_huge_workbook_in_bounded_memory(login, users):
    client = login(users["district_a"])
    header = [label for _n, label in IMPORT_COLUMNS]
    upload = SimpleUploadedFile("gk.xlsx", declared_huge(header, rows=20_001))
    response, extra = peak_extra(lambda: client.post(IMPORT, {"file": upload}))
    assert response.status_code == 200
    assert extra < 100 * MB, f"{extra / MB:.0f} MB"
    assert "Tệp quá 2000 dòng" in response.content.decode()


def test_the_template_downloads_and_imports_back(login, users):
    client = login(users["district_a"])
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    result = lower_awards_import(by=users["district_a"], data=response.content)
    assert result.errors == [] and result.created == 1


def test_an_imported_giay_khen_appears_in_the_search(login, users):
    lower_awards_import(
        by=users["district_b"],
        data=xlsx(
            [["Hà Thị Lụa", "cá nhân", "Thôn Pác Ngòi", "Giấy khen", "3/QĐ-UBND", "05/05/2025", ""]]
        ),
    )
    response = login(users["district_b"]).get(SEARCH, {"q": "ha thi lua"})
    assert [r.name for r, _t in response.context["items"]] == ["Hà Thị Lụa"]
    assert "UBND huyện Ba Bể" in response.content.decode()


# --- counted for the reports ---------------------------------------------------------


def test_award_counts_by_level_and_form(users, district_a, don_phong):
    decided_award(district_a, don_phong, users["reviewer"])
    giay_khen(users["district_a"], name="A")
    giay_khen(users["district_a"], name="B")
    giay_khen(users["agency"], name="C")
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    counts = award_counts(users["reviewer"], start=year[0], end=year[1])
    assert counts == {
        ("province", "bang_khen"): 1,
        ("district", "giay_khen"): 2,
        ("agency", "giay_khen"): 1,
    }
    only_a = award_counts(users["reviewer"], start=year[0], end=year[1], district=district_a.code)
    assert only_a == {("province", "bang_khen"): 1, ("district", "giay_khen"): 2}
    assert (
        award_counts(users["reviewer"], start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)) == {}
    )


def test_the_district_report_counts_the_awards_of_its_period(login, users, district_a, don_phong):
    decided_award(district_a, don_phong, users["reviewer"])  # 01/12/2024
    giay_khen(users["district_a"], name="A")  # 01/06/2024
    giay_khen(users["district_b"], name="B")  # another district's: not counted
    today = dt.date(2025, 1, 15)
    year = district_report(district_a, 2024, today=today)
    assert [(a.level, a.form, a.count) for a in year.awards] == [
        ("province", "bang_khen", 1),
        ("district", "giay_khen", 1),
    ]
    assert year.awards[1].label == "Giấy khen (UBND cấp huyện)"
    half = district_report(district_a, 2024, 1, today=today)
    assert [(a.level, a.count) for a in half.awards] == [("district", 1)]
    book = load_workbook(io.BytesIO(district_report_xlsx(year)))
    cells = [c for row in book.worksheets[1].iter_rows(values_only=True) for c in row]
    assert "Giấy khen (UBND cấp huyện)" in cells
    page = login(users["district_a"]).get(reverse("progress:report"), {"nam": "2024"})
    assert "Bằng khen (Chủ tịch UBND tỉnh)" in page.content.decode()


def test_the_pages_speak_english_when_chosen(login, users):
    client = login(users["district_a"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(SEARCH).content.decode()
    assert "Award history" in body and "Record an award of your unit" in body
    qualify = client.get(reverse("rules:who_qualifies"), {"vong": "midterm"}).content.decode()
    assert "Download the list (Excel)" in qualify


def test_a_nominee_shows_its_earlier_awards_beside_it(login, users, district_a, don_phong):

    decided_award(district_a, don_phong, users["reviewer"], year=2023, number="77/QĐ-UBND")
    giay_khen(users["district_a"], name="Nguyễn Văn Bình")
    giay_khen(users["district_b"], name="Trần Văn Cường")  # another district's: not shown
    dossier = new_dossier(users["district_a"])
    add_commune(dossier, users["district_a"], don_phong)
    add_person(dossier, users["district_a"], "nguyen van binh", don_phong, 60_000_000)
    add_person(dossier, users["district_a"], "Trần Văn Cường", don_phong, 60_000_000)
    response = login(users["district_a"]).get(reverse("dossiers:detail", args=[dossier.pk]))
    earlier = response.context["earlier_awards"]
    by_name = {n.name: earlier.get(n.pk, []) for n in dossier.nominees.all()}
    assert [(a.source, a.decision_number) for a in by_name[str(don_phong)]] == [
        ("province", "77/QĐ-UBND")
    ]
    assert [(a.source, a.name) for a in by_name["nguyen van binh"]] == [
        ("lower", "Nguyễn Văn Bình")
    ]
    assert by_name["Trần Văn Cường"] == []
    html = response.content.decode()
    assert "77/QĐ-UBND" in html and "cùng tên; kiểm tra có phải cùng đối tượng" in html


def test_an_award_before_the_movement_is_refused(users):
    with pytest.raises(LowerAwardError) as refused:
        giay_khen(users["district_a"], decision_date=dt.date(2019, 5, 1))
    assert "từ năm 2021" in refused.value.errors["decision_date"]


def test_the_demo_records_lower_awards_once(users, district_a, district_b):

    make_user("bachthong", Role.DISTRICT, district=district_a)
    make_user("babe", Role.DISTRICT, district=district_b)
    assert demo.seed() == 4
    assert demo.seed() == 0
    found = rows(award_history(users["reviewer"], q="don phong"))
    assert {r.name for r in found} == {"Xã Đôn Phong", "Hộ ông Hoàng Văn Đôn"}

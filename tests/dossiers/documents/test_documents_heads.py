"""The head of every document the app produces: the superior body (tên cơ quan chủ quản,
capitals, not bold) above the issuing body (capitals, bold), named from the unit records
(Nghị định 30/2020/NĐ-CP, Phụ lục I; ../shared/domain/documents.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import District, DistrictKind, Province
from dossiers.documents import bodies, builders, pdf
from dossiers.documents.official import head_lines
from dossiers.models import Nominee, NomineeKind
from emulation.models import Agency
from tests.dossiers.documents.test_documents_dossier import decided, dossier  # noqa: F401 - fixtures
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add,
    add_commune,
    new_dossier,
    plain_commune,
)
from tests.factories import CommuneFactory, DistrictFactory, DistrictStaffFactory, ProvinceFactory
from tests.pdfcheck import head_left, pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PROVINCE_LINE = ("UBND TỈNH BẮC KẠN", False)  # (text, bold)
BACH_THONG = [("ỦY BAN NHÂN DÂN", True), ("HUYỆN BẠCH THÔNG", True)]


def head(data: bytes) -> list[tuple[str, bool]]:
    """The top-left block of page 1, top down, as (text, bold)."""
    return [(r.text, r.bold) for r in head_left(data)]


def render(document) -> bytes:
    return pdf.render_pdf(document.template, document.context)


def test_a_districts_documents_have_the_province_above(dossier):  # noqa: F811
    # Tờ trình: the province's UBND (not bold) above the district's UBND (bold).
    assert head(render(builders.proposal_letter(dossier))) == [PROVINCE_LINE, *BACH_THONG]
    # Biên bản: the district's council, under the district's UBND.
    assert head(render(builders.council_minutes(dossier))) == [
        ("UBND HUYỆN BẠCH THÔNG", False),
        ("HỘI ĐỒNG THI ĐUA -", True),
        ("KHEN THƯỞNG", True),
    ]


def test_the_district_report_has_the_province_above(login, users):
    client = login(users["district_a"])
    data = client.get(reverse("district_report_pdf") + "?huyen=063&nam=2024").content
    assert head(data) == [PROVINCE_LINE, *BACH_THONG]


def test_achievement_reports_are_headed_by_who_writes_them(dossier):  # noqa: F811
    commune = dossier.nominees.get(kind=NomineeKind.COMMUNE)
    label = commune.commune.label_on(dossier.document_date).upper()
    # A commune writes its own report: its UBND, under the district's UBND.
    assert head(render(builders.achievement_report(dossier, commune))) == [
        ("UBND HUYỆN BẠCH THÔNG", False),
        ("ỦY BAN NHÂN DÂN", True),
        (label, True),
    ]
    # A person's report carries the Quốc hiệu only.
    person = dossier.nominees.get(name="Hoàng Văn Páo")
    assert head(render(builders.achievement_report(dossier, person))) == []


def test_the_provincial_ubnd_has_no_superior_line(decided):  # noqa: F811
    data = render(builders.decision(decided))
    assert head(data) == [("ỦY BAN NHÂN DÂN", True), ("TỈNH BẮC KẠN", True)]
    text = pdf_text(data)
    assert "Bắc Kạn, ngày 20 tháng 12 năm 2024" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" in text
    assert (
        "Kèm theo Quyết định số 1234/QĐ-UBND ngày 20/12/2024 của Chủ tịch Ủy ban nhân dân" in text
    )


def test_a_provincial_agency_is_under_the_ubnd_unless_the_front_or_a_union(users):
    agency_user = users["agency"]
    d = new_dossier(agency_user, round="final", year=None, date=dt.date(2025, 9, 1))
    own = Agency.objects.get(code="so-nn-ptnt")
    add(d, agency_user, {"kind": NomineeKind.AGENCY, "title": "agency_outstanding", "agency": own})
    sở = [("SỞ NÔNG NGHIỆP VÀ", True), ("PHÁT TRIỂN NÔNG THÔN", True)]
    assert head(render(builders.proposal_letter(d))) == [PROVINCE_LINE, *sở]
    # The agency's own report, as a nominee: the same head.
    nominee = d.nominees.get()
    assert head(render(builders.achievement_report(d, nominee))) == [PROVINCE_LINE, *sở]
    assert head(render(builders.council_minutes(d))) == [
        ("SỞ NÔNG NGHIỆP VÀ", False),
        ("PHÁT TRIỂN NÔNG THÔN", False),
        ("HỘI ĐỒNG THI ĐUA -", True),
        ("KHEN THƯỞNG", True),
    ]
    # The Front and the unions are not under the provincial UBND: no superior line.
    Agency.objects.filter(pk=own.pk).update(under_province_committee=False)
    d.refresh_from_db()
    d.agency.refresh_from_db()
    assert head(render(builders.proposal_letter(d))) == sở


def test_a_long_city_name_stays_on_one_line(users):
    city = District.objects.get(code="058")  # Thành phố Bắc Kạn
    user = DistrictStaffFactory(username="tpbackan", district=city)
    d = new_dossier(user)
    assert head(render(builders.proposal_letter(d))) == [
        PROVINCE_LINE,
        ("ỦY BAN NHÂN DÂN", True),
        ("THÀNH PHỐ BẮC KẠN", True),
    ]
    assert head(render(builders.council_minutes(d)))[0] == ("UBND THÀNH PHỐ BẮC KẠN", False)


def test_a_province_may_write_no_superior_above_a_ubnd(dossier, settings):  # noqa: F811
    settings.DOCUMENT_COMMITTEE_SUPERIOR = False
    assert head(render(builders.proposal_letter(dossier))) == BACH_THONG
    # The council is not a UBND: it keeps the body it advises above it.
    assert head(render(builders.council_minutes(dossier)))[0] == ("UBND HUYỆN BẠCH THÔNG", False)


def test_printable_view_has_the_same_head(login, users, dossier):  # noqa: F811
    client = login(users["district_a"])
    body = client.get(reverse("documents:dossier_doc", args=[dossier.pk, "to-trinh"])).content
    html = body.decode()
    superior = html.index('<div class="superior">UBND TỈNH BẮC KẠN</div>')
    issuer = html.index('<div class="issuer">ỦY BAN NHÂN DÂN</div>')
    assert superior < issuer < html.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


@pytest.fixture
def other_province(settings):
    """A second province, invented: its city, a commune, a district user."""
    province = ProvinceFactory(code="97", name="Sơn Thử")
    city = DistrictFactory(
        code="970", province=province, name="Hà Thử", kind=DistrictKind.THANH_PHO
    )
    commune = CommuneFactory(code="97001", district=city, name="Lâm Thử", kind="xa")
    settings.PROVINCE_CODE = "97"
    return city, commune, DistrictStaffFactory(username="hathu", district=city)


def test_another_province_names_itself(other_province):
    city, commune, user = other_province
    d = new_dossier(user)
    add_commune(d, user, commune)
    letter = render(builders.proposal_letter(d))
    assert head(letter) == [
        ("UBND TỈNH SƠN THỬ", False),
        ("ỦY BAN NHÂN DÂN", True),
        ("THÀNH PHỐ HÀ THỬ", True),
    ]
    text = pdf_text(letter)
    assert "Hà Thử, ngày 05 tháng 11 năm 2024" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Sơn Thử" in text
    report = render(builders.achievement_report(d, d.nominees.get()))
    assert head(report) == [
        ("UBND THÀNH PHỐ HÀ THỬ", False),
        ("ỦY BAN NHÂN DÂN", True),
        ("XÃ LÂM THỬ", True),
    ]
    d.decision_number, d.decision_date = "12/QĐ-UBND", dt.date(2024, 12, 20)
    decision = render(builders.decision(d))
    assert head(decision) == [("ỦY BAN NHÂN DÂN", True), ("TỈNH SƠN THỬ", True)]
    text = pdf_text(decision)
    assert "Sơn Thử, ngày 20 tháng 12 năm 2024" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN THỬ" in text


def test_a_centrally_run_city_is_a_thanh_pho():
    hanoi = Province(code="01", name="Thành phố Hà Nội")
    body = bodies.province_committee(hanoi)
    assert (body.heading, body.short, body.place) == (
        "Ủy ban nhân dân\nthành phố Hà Nội",
        "UBND thành phố Hà Nội",
        "Hà Nội",
    )
    assert bodies.province_label(Province(code="06", name="Bắc Kạn")) == "tỉnh Bắc Kạn"


def test_who_writes_a_collectives_report(dossier, district_a):  # noqa: F811
    proposing = bodies.proposer(dossier)
    commune = plain_commune(district_a)
    commune_ubnd = f"UBND {commune.label_on(dossier.document_date)[:1].lower()}"

    def author(kind, name, **units):
        return bodies.nominee_author(dossier, Nominee(kind=kind, name=name, **units), proposing)

    # A village or a commune's collective: under the commune's UBND.
    village = author(NomineeKind.COLLECTIVE, "Thôn Nà Pài", commune=commune)
    assert village.heading == "Thôn Nà Pài" and village.superior.startswith(commune_ubnd)
    assert village.superior.endswith(commune.name) and village.place == commune.name
    # An enterprise or a cooperative is nobody's subordinate body.
    firm = author(NomineeKind.ENTERPRISE, "Công ty TNHH Hòa Bình", commune=commune)
    assert firm.superior == ""
    # A collective of the district: under the proposing UBND.
    team = author(NomineeKind.COLLECTIVE, "Đội thanh niên tình nguyện")
    assert team.superior == "UBND huyện Bạch Thông" and team.place == "Bạch Thông"
    assert author(NomineeKind.INDIVIDUAL, "Hà Văn Đức", commune=commune) is None
    assert author(NomineeKind.OFFICIAL, "Đặng Văn Hùng") is None


@pytest.mark.parametrize(
    ("text", "bold", "expected"),
    [
        ("UBND tỉnh Bắc Kạn", False, [("UBND TỈNH BẮC KẠN", False)]),
        ("UBND thành phố Bắc Kạn", False, [("UBND THÀNH PHỐ BẮC KẠN", False)]),
        # Too wide at 13 pt, not at 12 pt: one line, at 12 pt.
        ("UBND tỉnh Bà Rịa - Vũng Tàu", False, [("UBND TỈNH BÀ RỊA - VŨNG TÀU", True)]),
        (
            "Sở Nông nghiệp và Phát triển nông thôn",
            True,
            [("SỞ NÔNG NGHIỆP VÀ", False), ("PHÁT TRIỂN NÔNG THÔN", False)],
        ),
        (
            "Ủy ban nhân dân\nhuyện Bạch Thông",
            True,
            [("ỦY BAN NHÂN DÂN", False), ("HUYỆN BẠCH THÔNG", False)],
        ),
    ],
)
def test_head_lines_fit_the_left_column(text, bold, expected):
    assert [(line.text, line.small) for line in head_lines(text, bold=bold)] == expected


def test_a_committee_name_too_long_for_one_line_breaks_before_the_name():
    assert bodies.committee_line("thành phố", "Bắc Kạn") == "UBND thành phố Bắc Kạn"
    assert bodies.committee_line("thành phố", "Buôn Ma Thuột") == "UBND thành phố\nBuôn Ma Thuột"
    lines = head_lines(bodies.committee_line("thành phố", "Buôn Ma Thuột"), bold=False)
    assert [line.text for line in lines] == ["UBND THÀNH PHỐ", "BUÔN MA THUỘT"]

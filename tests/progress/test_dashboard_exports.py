"""Issue 17, part 14: the dashboard prints (page, PDF) and exports (workbook), for every
role, in Vietnamese whatever the interface; its year choices are the years of the plan
of the year chosen, never a year outside that plan's period."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from emulation.demo import seed_plan_2026
from emulation.models import Plan
from progress.periods import assign_years
from tests.factories import RecognitionFactory
from tests.pdfcheck import english_in, pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]


def _plan(pk: int, code: str, province: str, first: int, last: int) -> Plan:
    return Plan(pk=pk, code=code, province_id=province, first_year=first, last_year=last)


def test_each_year_goes_to_the_plan_that_reads_it():
    """Pure: the province's own plan first, then the latest begun; nothing after the
    user's last year, no year of no plan."""
    own = _plan(1, "a-2021-2025", "06", 2021, 2025)
    merged = _plan(2, "b-2026-2030", "19", 2026, 2030)
    overlap = _plan(3, "c-2024-2027", "19", 2024, 2027)
    periods = assign_years([merged, own, overlap], "06", 2027)
    assert [(p.plan.code, p.years) for p in periods] == [
        ("a-2021-2025", (2021, 2022, 2023, 2024, 2025)),
        ("b-2026-2030", (2026, 2027)),  # begun after the overlapping plan: it reads them
    ]  # the overlapping plan reads no year: it is offered nowhere
    assert [(p.plan.code, p.years) for p in assign_years([own], "06", 2023)] == [
        ("a-2021-2025", (2021, 2022, 2023))
    ]
    assert assign_years([], "06", 2026) == []


def test_year_choices_are_the_chosen_plans_years(login, users, reorganised):
    call_command("load_plan_targets")
    seed_plan_2026()  # the merged Thái Nguyên's 2026–2030, of Bắc Kạn's lineage
    client = login(users["reviewer"])
    url = reverse("progress:dashboard")
    this_year = dt.date.today().year
    page = client.get(url, {"nam": "2023"})
    assert page.context["years"] == [2021, 2022, 2023, 2024, 2025]
    assert page.context["overview"].years == (2021, 2022, 2023, 2024, 2025)
    body = page.content.decode()
    assert 'value="2026"' not in body and "Kế hoạch 2026–2030" in body
    later = client.get(url, {"nam": "2026"})
    assert later.context["years"] == list(range(2026, min(this_year, 2030) + 1))
    assert all(y in later.context["overview"].years for y in later.context["years"])
    assert 'value="2025"' not in later.content.decode()
    assert "Kế hoạch 2021–2025" in later.content.decode()
    # a year of no plan, or not a year: the latest year offered, of its own plan
    for asked in ("2019", "abc", "2031"):
        response = client.get(url, {"nam": asked})
        assert response.status_code == 200
        assert response.context["year"] == response.context["years"][-1]
        assert response.context["year"] in response.context["overview"].years


@pytest.fixture
def recognised(users):
    call_command("load_plan_targets")
    for key, day in (("01975", dt.date(2022, 5, 10)), ("01978", dt.date(2023, 6, 1))):
        RecognitionFactory(
            commune_id=key, level="ntm", decision_number="1/QĐ-UBND", decision_date=day
        )


def _workbook(response):
    return load_workbook(io.BytesIO(response.content))


def _disposition_name(response) -> str:
    header = response["Content-Disposition"]
    return unquote(header.split("filename*=UTF-8''", 1)[1])


@pytest.mark.parametrize("role", ROLES)
def test_every_role_prints_and_exports_what_the_dashboard_shows_it(
    login, users, recognised, role, django_assert_max_num_queries
):
    client = login(users[role])
    query = {"nam": "2023"}
    with django_assert_max_num_queries(40):
        page = client.get(reverse("progress:dashboard_print"), query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH" in html and "Số liệu tính đến ngày" in html
    with django_assert_max_num_queries(40):
        xlsx = client.get(reverse("progress:dashboard_xlsx"), query)
    assert xlsx.status_code == 200
    book = _workbook(xlsx)
    first = book["Từng năm"]
    years = [first.cell(row=r, column=1).value for r in range(8, 13)]
    assert years == [2021, 2022, 2023, 2024, 2025]  # numbers, not text
    assert isinstance(first["B4"].value, dt.datetime) and first["B4"].number_format == "dd/mm/yyyy"
    name = _disposition_name(xlsx)
    assert name.startswith("Tiến độ NTM ") and name.endswith(" 2023.xlsx")
    assert 'filename="tien-do-ntm-' in xlsx["Content-Disposition"]
    if role.startswith("district"):
        district = users[role].district
        assert first["A2"].value.endswith(str(district))
        assert "Các huyện" not in book.sheetnames  # a district sees its own figures only
        assert str(district) in name
        other = "063" if district.code != "063" else "061"
        own = client.get(reverse("progress:dashboard_xlsx"), {"huyen": other, "nam": "2023"})
        assert _workbook(own)["Từng năm"]["A2"].value.endswith(str(district))
    else:
        assert first["A2"].value.endswith("Toàn tỉnh")
        assert "Các huyện" in book.sheetnames


def test_the_workbook_holds_the_figures_as_typed_numbers(login, users, recognised):
    client = login(users["reviewer"])
    book = _workbook(client.get(reverse("progress:dashboard_xlsx"), {"nam": "2023"}))
    ws = book["Từng năm"]
    header = [c.value for c in ws[7]]
    assert header[0] == "Năm" and header[1] == "Xã đạt chuẩn NTM: KH"
    assert header[2] == "Xã đạt chuẩn NTM: TH"
    row_2022 = [c.value for c in ws[9]]
    row_2023 = [c.value for c in ws[10]]
    assert row_2022[0] == 2022 and row_2022[1] == 9 and row_2022[2] == 1
    assert row_2023[2] == 1
    mean_col = header.index("Bình quân tiêu chí / xã: KH")
    assert row_2022[mean_col] == 13.5 and ws.cell(row=9, column=mean_col + 1).number_format == "0.0"
    cum = book["Lũy kế"]
    assert [c.value for c in cum[7]][1:3] == [
        "Xã đạt chuẩn NTM: KH lũy kế",
        "Xã đạt chuẩn NTM: TH lũy kế",
    ]
    districts = book["Các huyện"]
    names = [districts.cell(row=r, column=1).value for r in range(8, districts.max_row + 1)]
    assert "Huyện Bạch Thông" in names and "Thành phố Bắc Kạn" in names


def test_the_pdf_is_official_and_vietnamese_with_the_interface_in_english(login, users, recognised):
    client = login(users["reviewer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    dashboard = client.get(reverse("progress:dashboard"), {"nam": "2023"}).content.decode()
    assert english_in(dashboard)  # the screen is English…
    response = client.get(reverse("progress:dashboard_pdf"), {"nam": "2023", "huyen": "063"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    # …the document is not
    assert "ỦY BAN NHÂN DÂN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH" in text and "Huyện Bạch Thông" in text
    assert "Chỉ tiêu và kết quả từng năm" in text
    assert not english_in(text), english_in(text)
    name = _disposition_name(response)
    assert name == "Tiến độ NTM Huyện Bạch Thông 2023.pdf"
    workbook = client.get(reverse("progress:dashboard_xlsx"), {"nam": "2023"})
    assert _workbook(workbook)["Từng năm"]["A2"].value.endswith("Toàn tỉnh")


def test_a_district_not_of_the_plan_is_not_found(login, users, recognised):
    response = login(users["reviewer"]).get(reverse("progress:dashboard_xlsx"), {"huyen": "999"})
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client):
    for name in ("progress:dashboard_print", "progress:dashboard_pdf", "progress:dashboard_xlsx"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]

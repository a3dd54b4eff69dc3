"""The movement and the plan documents name and cite: the dossier's own plan row (Bắc
Kạn's: Kế hoạch số 305/KH-UBND ngày 13/5/2022), another province's plan row; a province
no plan row serves is named from its unit record and the fallback settings
(MOVEMENT_NAME, PLAN_NUMBER, PLAN_DATE)."""

from __future__ import annotations

import datetime as dt
import io
import json
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from communes.models import Province
from dossiers.documents import builders, certificates, pdf
from dossiers.documents.legal import current_plan, dossier_plan, plan_of, round_phrase
from dossiers.models import Nominee
from emulation.models import Plan
from emulation.plans import plan_export, plan_file, plan_get, plan_load
from tests.dossiers.documents.test_documents_dossier import decided, dossier  # noqa: F401 - fixtures
from tests.dossiers.documents.test_documents_heads import other_province  # noqa: F401 - fixture
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_commune,
    add_person,
    new_dossier,
    thai_nguyen_from_2025,
)
from tests.factories import ProvinceFactory
from tests.pdfcheck import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
SETTINGS = Path(__file__).resolve().parents[3] / "config" / "settings.py"

BAC_KAN_MOVEMENT = "Phong trào thi đua “Bắc Kạn chung sức xây dựng nông thôn mới”"
BAC_KAN_BASIS = (
    "Căn cứ Kế hoạch số 305/KH-UBND ngày 13/5/2022 của Ủy ban nhân dân tỉnh Bắc Kạn về tổ "
    "chức thực hiện "
    f"{BAC_KAN_MOVEMENT} giai đoạn 2021 - 2025 trên địa bàn tỉnh Bắc Kạn;"
)
OTHER_MOVEMENT = "Phong trào thi đua “Sơn Thử đồng lòng xây dựng nông thôn mới”"
OTHER_BASIS = (
    "Căn cứ Kế hoạch số 45/KH-UBND ngày 15/6/2022 của Ủy ban nhân dân tỉnh Sơn Thử về tổ "
    f"chức thực hiện {OTHER_MOVEMENT} giai đoạn 2021 - 2025 trên địa bàn tỉnh Sơn Thử;"
)


def render(document) -> str:
    return pdf_text(pdf.render_pdf(document.template, document.context))


def no_bac_kan(text: str) -> bool:
    return "bắc kạn" not in text.lower()


# ---- Bắc Kạn, by default ---------------------------------------------------------


def test_bac_kan_documents_cite_its_plan_record(decided):  # noqa: F811
    plan = current_plan()
    assert (plan.movement, plan.issuer, plan.area, plan.number, plan.date) == (
        BAC_KAN_MOVEMENT,
        "Ủy ban nhân dân tỉnh Bắc Kạn",
        "tỉnh Bắc Kạn",
        "305/KH-UBND",
        dt.date(2022, 5, 13),
    )
    assert plan.cited
    assert decided.plan.code == "bac-kan-2021-2025"
    letter = render(builders.proposal_letter(decided))
    assert BAC_KAN_BASIS in letter
    assert f"có thành tích trong {BAC_KAN_MOVEMENT} năm 2024 Kính gửi" in letter
    decision = render(builders.decision(decided))
    assert BAC_KAN_BASIS in decision
    assert f"thành tích xuất sắc trong {BAC_KAN_MOVEMENT} năm 2024." in decision
    minutes = render(builders.council_minutes(decided))
    assert f"Họp xét đề nghị khen thưởng trong {BAC_KAN_MOVEMENT} năm 2024" in minutes
    assert f"cá nhân có thành tích trong {BAC_KAN_MOVEMENT} năm 2024; đối chiếu" in minutes
    entry = builders.certificate_entries(decided)[0]
    assert entry.place == "Bắc Kạn" and entry.unit.endswith(", tỉnh Bắc Kạn")
    assert entry.achievement == f"Đã có thành tích xuất sắc trong {BAC_KAN_MOVEMENT} năm 2024"


def test_the_rounds_are_named_by_the_programmes_years():
    assert round_phrase("annual", 2024) == "năm 2024"
    assert round_phrase("midterm", 2023) == "sơ kết giai đoạn 2021 - 2023"
    assert round_phrase("final", 2025) == "tổng kết giai đoạn 2021 - 2025"


def test_bac_kan_district_report_and_public_list(login, users, client):
    url = reverse("district_report_pdf") + "?huyen=063&nam=2024"
    text = pdf_text(login(users["district_a"]).get(url).content)
    assert f"BÁO CÁO Kết quả thực hiện {BAC_KAN_MOVEMENT} năm 2024" in text
    assert (
        f"Thực hiện mục V.2 của Kế hoạch tổ chức thực hiện {BAC_KAN_MOVEMENT} giai đoạn "
        "2021 - 2025, Ủy ban nhân dân huyện Bạch Thông báo cáo" in text
    )
    client.logout()
    body = client.get(reverse("public_awards")).content.decode()
    assert f"{BAC_KAN_MOVEMENT} giai đoạn 2021 - 2025: các khen thưởng đã có quyết định." in body


# ---- Another province ------------------------------------------------------------


@pytest.fixture
def other_plan(other_province):  # noqa: F811
    """Sơn Thử's own plan row: Bắc Kạn's rounds under its movement, number and date."""
    data = plan_export(plan_get("bac-kan-2021-2025"))
    data |= {
        "code": "son-thu-2021-2025",
        "name": "Kế hoạch Sơn Thử",
        "movement": "Sơn Thử đồng lòng xây dựng nông thôn mới",
        "issuer": "UBND tỉnh Sơn Thử",
        "number": "45/KH-UBND",
        "issued_on": "2022-06-15",
        "province": "97",
    }
    plan_load(data)
    return other_province


def test_a_dossier_cites_its_own_plan_whoever_issues_the_document(decided, settings):  # noqa: F811
    """The cited plan is the dossier's row, not the settings nor today's plan."""
    settings.PLAN_NUMBER, settings.PLAN_DATE = "99/KH-UBND", dt.date(2020, 1, 1)
    settings.MOVEMENT_NAME = "Không dùng"
    plan = dossier_plan(decided)
    assert (plan.number, plan.date, plan.period) == (
        "305/KH-UBND",
        dt.date(2022, 5, 13),
        "2021 - 2025",
    )
    assert plan.movement_name == "Bắc Kạn chung sức xây dựng nông thôn mới"
    Plan.objects.filter(code="bac-kan-2021-2025").update(number="306/KH-UBND")
    decided.refresh_from_db()
    assert BAC_KAN_BASIS.replace("305/", "306/") in render(builders.proposal_letter(decided))


def test_a_plan_row_without_number_falls_back_to_the_settings(decided, settings):  # noqa: F811
    Plan.objects.filter(code="bac-kan-2021-2025").update(number="", issued_on=None)
    decided.refresh_from_db()
    assert not dossier_plan(decided).cited
    settings.PLAN_NUMBER, settings.PLAN_DATE = "45/KH-UBND", dt.date(2022, 6, 15)
    plan = dossier_plan(decided)
    assert (plan.number, plan.date_text) == ("45/KH-UBND", "15/6/2022")


def test_another_province_names_its_movement_and_cites_its_plan(other_plan, users):
    city, commune, user = other_plan
    d = new_dossier(user)
    add_commune(d, user, commune)
    add_person(d, user, "Lò Văn Thử", commune, 60_000_000)
    texts = {"proposal": render(builders.proposal_letter(d))}
    assert OTHER_BASIS in texts["proposal"]
    assert f"có thành tích trong {OTHER_MOVEMENT} năm 2024" in texts["proposal"]
    for i, report in enumerate(builders.achievement_reports(d)):
        texts[f"report {i}"] = text = render(report)
        assert f"(Thành tích trong {OTHER_MOVEMENT} năm 2024)" in text
    texts["minutes"] = render(builders.council_minutes(d))
    assert f"Họp xét đề nghị khen thưởng trong {OTHER_MOVEMENT} năm 2024" in texts["minutes"]
    assert f"cá nhân có thành tích trong {OTHER_MOVEMENT} năm 2024; đối chiếu" in texts["minutes"]
    # Decided: the decision, its certificates.
    d.decision_number, d.decision_date = "12/QĐ-UBND", dt.date(2024, 12, 20)
    d.save(update_fields=["decision_number", "decision_date"])
    Nominee.objects.filter(dossier=d).update(awarded=True)
    texts["decision"] = render(builders.decision(d))
    assert OTHER_BASIS in texts["decision"]
    assert f"thành tích xuất sắc trong {OTHER_MOVEMENT} năm 2024." in texts["decision"]
    entries = builders.certificate_entries(d)
    assert [e.place for e in entries] == ["Sơn Thử", "Sơn Thử"]
    layout = certificates.active_layout()
    texts["certificates"] = pdf_text(certificates.certificates_pdf(layout, entries))
    assert f"Đã có thành tích xuất sắc trong {OTHER_MOVEMENT} năm 2024" in texts["certificates"]
    assert "Sơn Thử, ngày 20 tháng 12 năm 2024" in texts["certificates"]
    texts["test print"] = pdf_text(certificates.test_print_pdf(layout))
    assert "huyện Bạch Thông, tỉnh Sơn Thử" in texts["test print"]
    assert OTHER_MOVEMENT in texts["test print"]
    for name, text in texts.items():
        assert no_bac_kan(text), name


def test_another_provinces_report_and_public_list(other_plan, login, client):
    city, commune, user = other_plan
    logged = login(user)
    query = f"?huyen={city.code}&nam=2024"
    data = logged.get(reverse("district_report_pdf") + query).content
    text = pdf_text(data)
    assert f"BÁO CÁO Kết quả thực hiện {OTHER_MOVEMENT} năm 2024" in text
    assert (
        f"Thực hiện mục V.2 của Kế hoạch tổ chức thực hiện {OTHER_MOVEMENT} giai đoạn "
        "2021 - 2025, Ủy ban nhân dân thành phố Hà Thử báo cáo" in text
    )
    assert no_bac_kan(text)
    page = logged.get(reverse("progress:report") + query).content.decode()
    assert f"Báo cáo kết quả thực hiện {OTHER_MOVEMENT} năm 2024" in page
    xlsx = logged.get(reverse("progress:report_xlsx") + query).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet["A2"].value == f"Báo cáo kết quả thực hiện {OTHER_MOVEMENT} năm 2024"
    client.logout()
    body = client.get(reverse("public_awards")).content.decode()
    assert f"{OTHER_MOVEMENT} giai đoạn 2021 - 2025: các khen thưởng đã có quyết định." in body
    assert no_bac_kan(body)


def test_the_movement_is_named_after_the_province_unless_set(settings):
    ProvinceFactory(code="97", name="Sơn Thử")
    settings.PROVINCE_CODE = "97"
    assert current_plan().movement_name == "Sơn Thử chung sức xây dựng nông thôn mới"
    city = plan_of(Province(code="01", name="Thành phố Hà Nội"))
    assert (city.movement_name, city.issuer, city.area) == (
        "Hà Nội chung sức xây dựng nông thôn mới",
        "Ủy ban nhân dân thành phố Hà Nội",
        "thành phố Hà Nội",
    )
    settings.MOVEMENT_NAME = "Sơn Thử đồng lòng xây dựng nông thôn mới"
    assert current_plan().movement_name == "Sơn Thử đồng lòng xây dựng nông thôn mới"


def test_the_shipped_plan_file_carries_number_and_date():
    data = json.loads(plan_file("bac-kan-2021-2025").read_text(encoding="utf-8"))
    assert (data["number"], data["issued_on"]) == ("305/KH-UBND", "2022-05-13")
    assert data["issuer"] == "UBND tỉnh Bắc Kạn"


def test_the_plan_is_cited_in_vietnamese_with_the_interface_in_english(other_plan):
    """Issue 15: the document is Vietnamese whatever the interface language."""
    city, commune, user = other_plan
    d = new_dossier(user)
    add_commune(d, user, commune)
    with translation.override("en"):
        text = render(builders.proposal_letter(d))
    assert (
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 15/6/2022 của Ủy ban nhân dân tỉnh Sơn Thử về "
        f"tổ chức thực hiện {OTHER_MOVEMENT} giai đoạn 2021 - 2025 trên địa bàn tỉnh Sơn Thử;"
        in text
    )
    assert "Pursuant" not in text


# ---- Settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PLAN_NUMBER": "45/KH-UBND"}, "PLAN_NUMBER and PLAN_DATE are set together"),
        ({"PLAN_DATE": "2022-06-15"}, "PLAN_NUMBER and PLAN_DATE are set together"),
        ({"PLAN_NUMBER": "45/KH-UBND", "PLAN_DATE": "15/06/2022"}, "PLAN_DATE must be a date"),
    ],
)
def test_a_half_or_wrong_plan_reference_is_refused_at_start(monkeypatch, env, message):
    for name in ("PLAN_NUMBER", "PLAN_DATE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        runpy.run_path(str(SETTINGS))


def test_a_plan_reference_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PLAN_NUMBER", " 45/KH-UBND ")
    monkeypatch.setenv("PLAN_DATE", "2022-06-15")
    monkeypatch.setenv("MOVEMENT_NAME", "  Sơn Thử   đồng lòng xây dựng nông thôn mới ")
    values = runpy.run_path(str(SETTINGS))
    assert (values["PLAN_NUMBER"], values["PLAN_DATE"]) == ("45/KH-UBND", dt.date(2022, 6, 15))
    assert values["MOVEMENT_NAME"] == "Sơn Thử đồng lòng xây dựng nông thôn mới"


def test_a_decision_after_the_merger_cites_the_dossiers_plan_under_todays_body(decided):  # noqa: F811
    """Decided on 1/8/2025: issued by UBND tỉnh Thái Nguyên (the body of that day), citing
    the dossier's plan, Bắc Kạn's 305/KH-UBND."""
    thai_nguyen_from_2025()
    decided.decision_date = dt.date(2025, 8, 1)
    decided.save(update_fields=["decision_date"])
    text = render(builders.decision(decided))
    assert "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN" in text.upper()
    assert BAC_KAN_BASIS in text

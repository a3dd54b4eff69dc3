"""An administrator configures a made-up plan from nothing in the app — a criteria set
with its criteria, the plan's head (period, province, that set, its baseline date), its
rounds with the titles each offers and the nominee kinds each admits, its thresholds (a
rule-set version of the plan) — and a district's proposer gets verdicts under it, a
positive one among them. No code, no file."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from criteria.models import CriteriaSet, Criterion
from emulation.models import Plan, RuleSet
from tests.e2e.browser import log_in
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.e2e

CODE = "thu-nghiem-2026-2030"
SET = "tn-2026-2030"
RECOGNIZED = "Xã đạt chuẩn nông thôn mới, nâng cao, kiểu mẫu"
EXEMPLARY = "Xã tiêu biểu trong nỗ lực xây dựng nông thôn mới"
EFFORT = "Xã đặc biệt khó khăn có nhiều nỗ lực vươn lên"


def label(text: str) -> re.Pattern[str]:
    """A field's label, with or without the required mark (crispy forms add "*")."""
    return re.compile(rf"^\s*{text}\s*\*?\s*$")  # texts without regex characters


def fill(page: Page, **fields: str) -> None:
    for text, value in fields.items():
        page.get_by_label(label(text)).fill(value)


def criteria_set_from_nothing(admin: Page) -> None:
    # A made-up national set replaces the 2026–2030 one from 1/7/2026 (sets' periods
    # never overlap), so the plan judges records already made.
    admin.goto("/tieu-chi/bo-tieu-chi/")
    admin.get_by_role("link", name="giai đoạn 2026–2030").click()
    admin.get_by_role("link", name="Sửa bộ tiêu chí").click()
    fill(admin, **{"Áp dụng đến ngày": "30/06/2026"})
    admin.get_by_role("button", name="Ghi").click()
    expect(admin.get_by_role("alert").first).to_contain_text("Đã lưu bộ tiêu chí.")

    admin.goto("/tieu-chi/bo-tieu-chi/")
    admin.get_by_role("link", name="Thêm bộ tiêu chí").click()
    fill(
        admin,
        **{
            "Mã bộ tiêu chí": SET,
            "Tên bộ tiêu chí": "Bộ tiêu chí thử nghiệm giai đoạn 2026–2030",
            "Căn cứ pháp lý": "Quyết định số 1/2026/QĐ-TTg (thử nghiệm)",
            "Ngày ban hành": "15/06/2026",
            "Áp dụng từ ngày": "01/07/2026",
        },
    )
    admin.get_by_label("Dữ liệu minh hoạ").check()
    admin.get_by_role("button", name="Ghi").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Bộ tiêu chí thử nghiệm")
    for number, name, short in [
        ("1", "Quy hoạch", "Quy hoạch"),
        ("2", "Giao thông", "Giao thông"),
        ("3", "Môi trường", "Môi trường"),
    ]:
        admin.get_by_role("link", name="Thêm tiêu chí").click()
        fill(admin, **{"Số": number, "Tên tiêu chí": name, "Tên ngắn": short})
        admin.get_by_role("button", name="Ghi").click()
        expect(admin.locator(f"#tc-{number}")).to_contain_text(name)


def plan_from_nothing(admin: Page) -> None:
    admin.goto("/")
    admin.locator("nav").get_by_role("button", name="Quản trị", exact=True).click()
    admin.locator("nav").get_by_role("link", name="Tiêu chuẩn khen", exact=True).click()
    admin.get_by_role("link", name="Kế hoạch thi đua").click()
    admin.get_by_role("link", name="Tạo kế hoạch mới").click()
    fill(
        admin,
        **{
            "Mã kế hoạch": CODE,
            "Tên kế hoạch": "Kế hoạch thử nghiệm phong trào thi đua giai đoạn 2026 - 2030",
            "Tên phong trào thi đua": "Bắc Kạn thử nghiệm xây dựng nông thôn mới",
            "Cơ quan ban hành": "UBND tỉnh Bắc Kạn",
            "Số kế hoạch": "7/KH-UBND",
            "Ngày ban hành": "02/07/2026",
            "Năm đầu giai đoạn": "2026",
            "Năm cuối giai đoạn": "2030",
            # "newly met" counts from the first day of the made-up set
            "Mốc so sánh tiêu chí “đạt mới”": "01/07/2026",
        },
    )
    admin.get_by_label(label("Tỉnh")).select_option(label="Bắc Kạn")
    admin.get_by_label(label("Bộ tiêu chí")).select_option(SET)
    admin.get_by_role("button", name="Lưu").click()
    expect(admin.get_by_role("alert").first).to_contain_text(f"Đã tạo kế hoạch {CODE}.")

    # The annual round of 2026 offers one commune title; the sơ kết is held in 2028.
    admin.get_by_role("link", name="Hàng năm 2026").click()
    admin.locator("fieldset", has_text=RECOGNIZED).get_by_label("Xã, phường, thị trấn").check()
    admin.get_by_role("button", name="Lưu đợt").click()
    expect(admin.get_by_role("alert").first).to_contain_text("Đã lưu đợt khen thưởng.")
    admin.get_by_label("Thêm hoặc sửa đợt").select_option("midterm")
    admin.locator("#add-round").get_by_label("Năm").select_option("2028")
    admin.get_by_role("button", name="Mở").click()
    admin.locator("fieldset", has_text=EXEMPLARY).get_by_label("Xã, phường, thị trấn").check()
    admin.get_by_role("button", name="Lưu đợt").click()
    expect(admin.locator("main")).to_contain_text("Sơ kết (2028)")
    expect(admin.locator("main")).to_contain_text("01/07/2026")  # the baseline

    # Its thresholds: a rule-set version of this plan.
    admin.get_by_role("link", name="Bộ tiêu chuẩn của kế hoạch").click()
    admin.get_by_role("link", name="Sửa (tạo phiên bản mới)").click()
    expect(admin.locator("main")).to_contain_text("Kế hoạch thử nghiệm")
    admin.get_by_label("Sơ kết — xã tiêu biểu: số tiêu chí đạt mới tối thiểu").fill("1")
    admin.get_by_label("Áp dụng từ ngày").fill("01/01/2026")
    admin.get_by_label("Lý do thay đổi").fill("Kế hoạch số 7/KH-UBND ngày 02/07/2026 (thử nghiệm).")
    admin.get_by_role("button", name="Xem trước").click()
    admin.get_by_role("button", name="Lưu phiên bản mới").click()
    expect(admin.get_by_role("alert").first).to_contain_text("phiên bản 2")


def record(commune, number: int, day: dt.date) -> None:
    """A criterion of the made-up set met on ``day`` (the commune's records, kept by the
    criteria screens; written here directly)."""
    criterion = Criterion.objects.get(criteria_set__code=SET, number=number)
    AssessmentFactory(commune=commune, criterion_id=criterion.pk, assessed_on=day, met=True)


def test_an_admin_configures_a_plan_from_nothing_and_a_district_gets_verdicts_under_it(
    new_page, users
):
    admin = new_page()
    log_in(admin, users["admin"].username)
    criteria_set_from_nothing(admin)
    plan_from_nothing(admin)

    plan = Plan.objects.get(code=CODE)
    assert (plan.first_year, plan.last_year, plan.province_id, plan.criteria_set) == (
        2026,
        2030,
        "06",
        SET,
    )
    assert plan.baseline_date == dt.date(2026, 7, 1)
    assert CriteriaSet.objects.get(code=SET).criteria.count() == 3
    assert RuleSet.objects.filter(plan=plan).count() == 2

    commune = users["district_a"].district.communes.order_by("code").first()
    # its records under the made-up set: 1 met at the baseline, 2 and 3 newly met since
    record(commune, 1, dt.date(2026, 7, 1))
    record(commune, 2, dt.date(2026, 9, 1))
    record(commune, 3, dt.date(2026, 9, 1))
    district = new_page()
    log_in(district, users["district_a"].username)
    district.goto("/")
    district.locator("nav").get_by_role("link", name="Xét khen", exact=True).click()
    district.get_by_label("Kế hoạch", exact=True).select_option(CODE)
    district.get_by_role("button", name="Xem").click()
    district.get_by_label("Năm (chỉ cho khen hàng năm)").select_option("2026")
    district.get_by_role("button", name="Xem").click()
    main = district.locator("main")
    expect(main).to_contain_text("Đợt: Hàng năm, năm 2026")
    expect(main).to_contain_text("phiên bản 2")
    expect(main).to_contain_text(RECOGNIZED)  # the one title the round offers
    expect(main).not_to_contain_text(EFFORT)  # not offered by this plan's round
    expect(main.locator("tbody tr").first).to_contain_text("Bạch Thông")
    recognized = main.locator("tr", has_text=commune.name).first
    expect(recognized).to_contain_text(RECOGNIZED)  # its verdict, with the reason
    expect(recognized).to_contain_text("Xã chưa được công nhận đạt chuẩn năm 2026.")

    # the sơ kết: 2 criteria newly met since the plan's baseline, 1 needed: eligible
    district.get_by_label("Đợt khen thưởng").select_option(label="Sơ kết (2028)")
    district.get_by_role("button", name="Xem").click()
    expect(main).to_contain_text("Đợt: Sơ kết (2028), năm 2028")
    expect(main).not_to_contain_text(RECOGNIZED)
    exemplary = main.locator("tr", has_text=commune.name).first
    expect(exemplary).to_contain_text(EXEMPLARY)
    expect(exemplary).to_contain_text("Đủ điều kiện")
    expect(exemplary).to_contain_text("Từ ngày 01/07/2026 đạt mới 2 tiêu chí (tiêu chí 2, 3)")

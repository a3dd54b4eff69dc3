"""An administrator changes a threshold; a district user sees the new verdict."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from emulation.models import RuleSet
from tests.e2e.browser import log_in
from tests.e2e.test_midterm_journey import exemplary  # noqa: F401 - the same records

pytestmark = pytest.mark.e2e

EXEMPLARY = "Xã tiêu biểu trong nỗ lực xây dựng nông thôn mới"


def midterm_qualifiers(page: Page):
    page.goto("/")
    page.locator("nav").get_by_role("link", name="Xét khen", exact=True).click()
    page.get_by_label("Đợt khen thưởng").select_option(label="Sơ kết (2023)")
    page.get_by_label("Hiển thị").select_option(label="Đủ điều kiện")
    page.get_by_role("button", name="Xem").click()
    return page.locator("main")


def test_admin_lowers_the_exemplary_threshold_and_the_district_sees_it(
    new_page,
    users,
    exemplary,  # noqa: F811
):
    first, near = exemplary
    district = new_page()
    log_in(district, users["district_a"].username)
    expect(midterm_qualifiers(district)).not_to_contain_text(near.name)

    admin = new_page()
    log_in(admin, users["admin"].username)
    admin.locator("nav").get_by_role("button", name="Quản trị", exact=True).click()
    admin.locator("nav").get_by_role("link", name="Tiêu chuẩn khen", exact=True).click()
    admin.get_by_role("link", name="Sửa (tạo phiên bản mới)").click()
    admin.get_by_label("Sơ kết — xã tiêu biểu: số tiêu chí đạt mới tối thiểu").fill("3")
    admin.get_by_label("Áp dụng từ ngày").fill("01/01/2021")
    admin.get_by_label("Lý do thay đổi").fill("Theo Văn bản số 99/UBND-NC ngày 01/03/2023.")
    admin.get_by_role("button", name="Xem trước").click()
    expect(admin.locator("main")).to_contain_text(near.name)  # the preview names who changes
    admin.get_by_role("button", name="Lưu phiên bản mới").click()
    expect(admin.get_by_role("alert").first).to_contain_text("phiên bản 2")
    assert RuleSet.objects.count() == 2

    qualifiers = midterm_qualifiers(district)
    row = qualifiers.locator("tr", has=district.get_by_text(near.name, exact=False)).first
    expect(row).to_contain_text(EXEMPLARY)
    expect(qualifiers).to_contain_text("phiên bản 2")

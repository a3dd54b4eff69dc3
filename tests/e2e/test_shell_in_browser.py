"""The shell in a real browser: logging in, the lockout, users, the village import."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from communes.models import Village
from emulation.models import User
from tests.e2e.browser import log_in, log_out

pytestmark = pytest.mark.e2e


def test_login_home_and_logout(page, users):
    log_in(page, users["district_a"].username)
    expect(page.locator("main").get_by_text("Cán bộ cấp huyện — Huyện Bạch Thông")).to_be_visible()
    expect(page.locator("nav").get_by_role("link", name="Đơn vị", exact=True)).to_be_visible()
    expect(page.locator("nav").get_by_role("link", name="Người dùng", exact=True)).to_have_count(0)
    log_out(page)
    page.goto("/")
    expect(page).to_have_url("/dang-nhap/?next=/")


def test_five_wrong_passwords_lock_the_account(page, users):
    page.goto("/dang-nhap/")
    for _ in range(5):
        page.get_by_label("Tên đăng nhập").fill(users["reviewer"].username)
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tạm khóa đăng nhập")).to_be_visible()


def test_admin_creates_a_district_user_who_sees_only_their_district(new_page, users):
    admin = new_page()
    log_in(admin, users["admin"].username)
    admin.locator("nav").get_by_role("button", name="Quản trị", exact=True).click()
    admin.locator("nav").get_by_role("link", name="Người dùng", exact=True).click()
    admin.get_by_role("link", name="Thêm người dùng").click()
    admin.get_by_label("Tên đăng nhập").fill("canbo_babe")
    admin.get_by_label("Họ và tên").fill("Nông Thị Bể")
    admin.get_by_label("Vai trò").select_option(label="Cán bộ cấp huyện")
    admin.get_by_role("button", name="Lưu").click()
    expect(admin.locator(".invalid-feedback")).to_contain_text(["huyện"])
    expect(admin.get_by_label("Họ và tên")).to_have_value("Nông Thị Bể")  # what was typed is kept
    admin.get_by_label("Huyện / thành phố").select_option(label="Huyện Ba Bể")
    admin.get_by_label("Mật khẩu ban đầu").fill("Mat-khau-ba-be-2025")
    admin.get_by_role("button", name="Lưu").click()
    expect(admin.get_by_role("alert")).to_contain_text("Đã tạo tài khoản canbo_babe")
    assert User.objects.get(username="canbo_babe").district_id == "061"

    staff = new_page()
    log_in(staff, "canbo_babe", "Mat-khau-ba-be-2025")
    staff.locator("nav").get_by_role("link", name="Đơn vị", exact=True).click()
    districts = staff.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert districts and set(districts) == {"Huyện Ba Bể"}


def test_district_imports_villages_from_a_file(page, users, tmp_path):
    log_in(page, users["district_a"].username)
    page.locator("nav").get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("link", name="Nhập danh sách thôn").click()
    bad = tmp_path / "thon.csv"
    bad.write_text("Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n01975,Nà Pài,có\n01888,Bản Lạ,không\n")
    page.get_by_label("Tệp danh sách thôn").set_input_files(bad)
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Tệp có 1 lỗi; chưa ghi dữ liệu nào.")).to_be_visible()
    expect(page.get_by_text("không thuộc phạm vi của bạn")).to_be_visible()
    assert not Village.objects.exists()

    good = tmp_path / "thon-sua.csv"
    good.write_text(
        "Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n01975,Nà Pài,có\n01975,Khuổi Luông,không\n"
    )
    page.get_by_label("Tệp danh sách thôn").set_input_files(good)
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Tệp hợp lệ: 2 thôn.", exact=False)).to_be_visible()
    page.get_by_role("button", name="Ghi vào hệ thống").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã nhập 2 thôn mới")
    page.goto("/don-vi/xa/01975/")
    expect(page.get_by_text("Khuổi Luông")).to_be_visible()
    expect(page.get_by_text("Nà Pài")).to_be_visible()

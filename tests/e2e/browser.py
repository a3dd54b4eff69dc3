"""What a person does in the browser, in the app's own words."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Việc đang chờ bạn")).to_be_visible()


def log_out(page: Page) -> None:
    page.locator("nav .dropdown-toggle").last.click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url("/dang-nhap/")

"""What a person does in the browser, in the app's own words."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


# --- dossiers -----------------------------------------------------------------------------


def add_person(page: Page, name: str, commune: str, amount: str) -> None:
    page.get_by_role("link", name="Thêm đối tượng").click()
    page.get_by_role("link", name="Cá nhân", exact=True).click()
    page.get_by_label("Xã nơi cư trú").select_option(commune)
    page.get_by_label("Họ và tên").fill(name)
    page.get_by_label("Giá trị đóng góp công sức, đất đai, tài sản").fill(amount)
    page.get_by_label("Tóm tắt thành tích").fill(f"{name} hiến đất làm đường liên thôn.")
    page.get_by_role("button", name="Lưu", exact=True).click()


def upload(page: Page, tmp_path, kind: str, filename: str, nominee: str | None = None) -> None:
    path = tmp_path / filename
    path.write_bytes(PDF)
    # the first row of the upload block (the others say ", tệp 2", ...)
    page.get_by_label("Loại tài liệu", exact=True).select_option(label=kind)
    if nominee:
        select = page.get_by_label("Của đối tượng (với tóm tắt / báo cáo thành tích)", exact=True)
        select.select_option(select.locator("option", has_text=nominee).get_attribute("value"))
    page.get_by_label("Tệp (PDF, JPEG, PNG, DOCX)", exact=True).set_input_files(path)
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("link", name=filename)).to_be_visible()


def card(page: Page, name: str):
    """The nominee's card on the dossier page."""
    return page.locator(".card", has=page.get_by_text(name, exact=True))


def move(page: Page, action: str, **fields: str) -> None:
    """Open the action's screen from the dossier page, fill it in, confirm."""
    page.get_by_role("link", name=action).click()
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name=action).click()


def status(page: Page):
    return page.locator("main h1")


def appraise_approve_decide(
    new_page, reviewer: Page, appraiser: str, dossier_url: str, date: str
) -> None:
    """A received dossier through the NTM office's appraisal, approval and the decision
    (dated ``date``; its number is the register's)."""
    office = new_page()
    log_in(office, appraiser)
    office.goto(dossier_url)
    move(office, "Xác nhận kết quả thẩm định NTM")
    expect(status(office)).to_contain_text("Đã thẩm định NTM, chờ Ban TĐKT duyệt")
    reviewer.goto(dossier_url)
    move(reviewer, "Duyệt, trình Chủ tịch UBND tỉnh")
    expect(status(reviewer)).to_contain_text("Ban TĐKT đã duyệt, chờ quyết định")
    move(reviewer, "Ghi quyết định khen thưởng", **{"Ngày quyết định": date})
    expect(status(reviewer)).to_contain_text("Đã có quyết định khen thưởng")

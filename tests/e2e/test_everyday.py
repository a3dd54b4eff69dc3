"""The everyday work in the browser (issue 17): nothing lost, every outcome said."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dossiers.models import AttachmentKind
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_person,
    new_dossier,
    plain_commune,
)
from tests.e2e.browser import PDF, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def draft(users, district_a):
    dossier = new_dossier(users["district_a"])
    add_person(dossier, users["district_a"], "Nguyễn Văn An", plain_commune(district_a), 60_000_000)
    return dossier


def test_upload_error_beside_the_control_and_several_files_at_once(
    new_page, users, draft, tmp_path
):
    """Part 1: a refused upload says why beside the file, keeps the chosen type, puts the
    cursor there; several files go up at once, each with its type."""
    good, bad = tmp_path / "thanh-tich.pdf", tmp_path / "bien-ban.pdf"
    good.write_bytes(PDF)
    bad.write_bytes(b"MZ\x90\x00 not a pdf")
    page = new_page()
    log_in(page, users["district_a"].username)
    page.goto(f"/ho-so/{draft.pk}/")
    kind = page.get_by_label("Loại tài liệu", exact=True)
    kind.select_option(label="Tóm tắt / báo cáo thành tích")
    page.get_by_label("Tệp (PDF, JPEG, PNG, DOCX)", exact=True).set_input_files(good)
    page.get_by_role("button", name="Tải lên").click()
    # no nominee chosen: said beside the nominee, the type kept
    expect(page.locator("#id_nominee_error")).to_contain_text("Chọn đối tượng")
    expect(page.get_by_label("Loại tài liệu", exact=True)).to_have_value(AttachmentKind.ACHIEVEMENT)
    expect(page.get_by_label("Tệp (PDF, JPEG, PNG, DOCX)", exact=True)).to_be_focused()
    expect(page.get_by_role("alert").filter(has_text="chưa tải lên được")).to_be_visible()
    # now two files at once: the report of the nominee, and minutes that are no PDF
    nominee = page.get_by_label("Của đối tượng (với tóm tắt / báo cáo thành tích)", exact=True)
    nominee.select_option(label="Nguyễn Văn An")
    page.get_by_label("Tệp (PDF, JPEG, PNG, DOCX)", exact=True).set_input_files(good)
    page.get_by_text("Tải lên nhiều tệp cùng lúc").click()
    page.get_by_label("Loại tài liệu, tệp 2").select_option(
        label="Biên bản họp xét của Hội đồng Thi đua - Khen thưởng"
    )
    page.get_by_label("Tệp (PDF, JPEG, PNG, DOCX), tệp 2").set_input_files(bad)
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("alert").filter(has_text="Đã tải lên thanh-tich.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="thanh-tich.pdf")).to_be_visible()
    expect(page.locator("#id_2-file_error")).to_contain_text("không phải PDF")
    expect(page.get_by_label("Loại tài liệu, tệp 2")).to_have_value(AttachmentKind.MINUTES)
    expect(page.get_by_label("Tệp (PDF, JPEG, PNG, DOCX), tệp 2")).to_be_focused()
    assert draft.attachments.count() == 1


def test_removing_a_nominee_asks_first_and_is_undone(new_page, users, draft):
    """Part 2: removal asks first (a page, no script needed), and can be undone."""
    page = new_page()
    log_in(page, users["district_a"].username)
    page.goto(f"/ho-so/{draft.pk}/")
    page.get_by_role("link", name="Bỏ khỏi hồ sơ").click()
    expect(page.get_by_text("Bỏ Nguyễn Văn An khỏi hồ sơ?")).to_be_visible()
    page.get_by_role("link", name="Không, quay lại hồ sơ").click()
    expect(page.get_by_role("link", name="Bỏ khỏi hồ sơ")).to_be_visible()  # nothing happened
    page.get_by_role("link", name="Bỏ khỏi hồ sơ").click()
    page.get_by_role("button", name="Bỏ khỏi hồ sơ").click()
    expect(page.get_by_role("alert").filter(has_text="Đã bỏ Nguyễn Văn An")).to_be_visible()
    expect(page.get_by_text("Chưa có đối tượng nào.")).to_be_visible()
    page.get_by_role("button", name="Khôi phục Nguyễn Văn An").click()
    expect(page.get_by_role("link", name="Bỏ khỏi hồ sơ")).to_be_visible()
    expect(page.locator("#lich-su")).to_contain_text("Khôi phục đối tượng đã bỏ")
    assert draft.nominees.count() == 1


def test_generated_documents_say_what_to_do_with_them(new_page, users, draft):
    """Part 3: documents to sign say so with a print link; the annual summary counts."""
    page = new_page()
    log_in(page, users["district_a"].username)
    page.goto(f"/ho-so/{draft.pk}/")
    documents = page.locator("#tai-lieu")
    summary = documents.locator("li", has_text="Tóm tắt thành tích: Nguyễn Văn An")
    expect(summary).to_contain_text("✔")
    expect(summary.get_by_role("link", name="Xem, in: Tóm tắt thành tích")).to_be_visible()
    proposal = documents.locator("li", has_text="Văn bản đề nghị khen thưởng của cấp trình")
    expect(proposal).to_contain_text("cần in, ký, đóng dấu và tải bản quét lên")
    link = proposal.get_by_role("link", name="In bản hệ thống lập")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-")


def test_saving_the_targets_untouched_keeps_the_mean_criteria(new_page, users):
    """Part 4: "15,0" is shown in a field the browser can read and saved back as 15,0."""
    from decimal import Decimal

    from django.core.management import call_command

    from emulation.models import PlanTarget

    call_command("load_plan_targets")
    PlanTarget.objects.filter(year=2024, district__isnull=True).update(
        mean_criteria=Decimal("15.0")
    )
    page = new_page()
    log_in(page, users["admin"].username)
    page.goto("/tien-do/chi-tieu/2024/tinh/")
    mean = page.locator("[name=mean_criteria]")
    expect(mean).to_have_value("15,0")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã lưu chỉ tiêu năm 2024")).to_be_visible()
    row = PlanTarget.objects.get(year=2024, district__isnull=True)
    assert row.mean_criteria == Decimal("15.0")


def test_an_administrator_resets_a_password_and_the_user_signs_in(new_page, users):
    """Part 5: the reset is in the app; its refusals are in Vietnamese."""
    page = new_page()
    log_in(page, users["admin"].username)
    page.goto(f"/quan-tri/nguoi-dung/{users['district_a'].pk}/")
    page.get_by_role("link", name="Đặt lại mật khẩu").click()
    page.locator("#id_new_password1").fill("123")
    page.locator("#id_new_password2").fill("123")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    # beside the field, and in the error summary that takes the focus
    expect(page.locator("#id_new_password2_error")).to_contain_text(
        "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."
    )
    expect(page.locator("#error-summary")).to_be_focused()
    page.locator("#id_new_password1").fill("Mat-khau-moi-2025")
    page.locator("#id_new_password2").fill("Mat-khau-moi-2025")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(page.get_by_role("alert").filter(has_text="Đã đặt lại mật khẩu")).to_be_visible()
    other = new_page()
    log_in(other, users["district_a"].username, "Mat-khau-moi-2025")


def test_the_reviewers_queue_searches_sorts_and_selects_all(new_page, users, district_a):
    """Part 6: search without diacritics, sort by a column, select all on the page."""
    from tests.dossiers.support import filed

    district = users["district_a"]
    binh = filed(district, plain_commune(district_a), "Đinh Thị Bình", 75_000_000, submit=True)
    filed(district, plain_commune(district_a, 1), "Lò Văn Sáu", 60_000_000, submit=True)
    page = new_page()
    log_in(page, users["reviewer"].username)
    page.goto("/ho-so/")
    page.get_by_label("Tìm").fill("dinh thi binh")
    page.get_by_role("button", name="Lọc", exact=True).click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(binh.reference)
    page.get_by_role("link", name="Bỏ lọc").click()
    page.get_by_role("link", name="Số hồ sơ").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Số hồ sơ")
    page.get_by_label("Chọn tất cả hồ sơ trên trang").check()
    boxes = page.locator("input[name=ids]")
    expect(boxes).to_have_count(2)
    for i in range(2):
        expect(boxes.nth(i)).to_be_checked()


def test_the_menu_counts_unread_notices_and_marks_one_item(new_page, users):
    """Part 9: the unread count in the menu; one active menu item."""
    from dossiers.models import Notification

    Notification.objects.create(recipient=users["reviewer"], message="Hồ sơ mới đã nộp.")
    page = new_page()
    log_in(page, users["reviewer"].username)
    menu = page.locator("nav")
    expect(menu.locator("#unread-count")).to_have_text("1 chưa đọc")
    menu.get_by_role("link", name="Thông báo").click()
    expect(menu.locator("[aria-current=page]")).to_have_count(1)
    expect(menu.locator("[aria-current=page]")).to_contain_text("Thông báo")


def test_a_long_unit_list_is_in_vietnamese_order_and_searchable(new_page, users):
    """Part 10: D before Đ; typing without diacritics finds the unit."""
    page = new_page()
    log_in(page, users["admin"].username)
    page.goto("/quan-tri/nguoi-dung/them/")
    select = page.locator("select[name=commune]")
    names = select.locator("option").all_inner_texts()
    assert names.index("Xã Dương Sơn") < names.index("Xã Đôn Phong") < names.index("Xã Vũ Muộn")
    page.get_by_placeholder("Tìm trong danh sách (có dấu hoặc không dấu)").fill("don phong")
    visible = select.locator("option:not([hidden])").all_inner_texts()
    assert [n for n in visible if n.strip() not in ("", "---------")] == ["Xã Đôn Phong"]


CONTRAST = """(el) => {
  function rgb(value) { return value.match(/[\\d.]+/g).slice(0, 4).map(Number); }
  function lum(c) {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  let bg = el, back = null;
  while (bg && !back) {
    const c = rgb(getComputedStyle(bg).backgroundColor);
    if (c.length < 4 || c[3] > 0) back = c;
    bg = bg.parentElement;
  }
  let fore = rgb(getComputedStyle(el).color);
  if (fore.length === 4) {  // blend a translucent text colour onto its background
    fore = fore.slice(0, 3).map((v, i) => v * fore[3] + back[i] * (1 - fore[3]));
  }
  const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_menu_contrast_focus_ring_and_the_error_summary(new_page, users):
    """Part 16 (basics): the menu's links at 4.5:1 or more; a visible focus ring; a
    refused form's error summary takes the focus and links to the fields."""
    page = new_page()
    log_in(page, users["district_a"].username)
    for link in page.locator("nav .nav-link").all():
        assert link.evaluate(CONTRAST) >= 4.5, link.inner_text()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    focused = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert focused == "solid"
    page.goto("/ho-so/tao-moi/")
    page.get_by_label("Ngày văn bản đề nghị").fill("32/13/2024")
    page.get_by_role("button", name="Lưu").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Chưa lưu được")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Ngày văn bản đề nghị")).to_be_focused()

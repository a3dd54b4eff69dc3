"""Issue 17 parts 7 and 8 in the browser: a proposer ticks two qualifying communes on
"who qualifies" and gets a draft holding both; the award history finds an award by its
unaccented name and shows a Giấy khen imported from a workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from dossiers.history.services import IMPORT_COLUMNS
from dossiers.models import Dossier
from tests.e2e.browser import log_in
from tests.rules_data import progress

pytestmark = pytest.mark.e2e


def test_proposer_selects_two_qualifying_communes_and_gets_a_draft(new_page, users, district_a):
    a1, a2 = district_a.communes.order_by("code")[:2]
    progress(a1, [1, 4], [2, 3, 5, 10])
    progress(a2, [1, 4], [2, 3, 5, 11])
    page = new_page()
    log_in(page, users["district_a"].username)
    page.goto("/xet-khen/ai-du-dieu-kien/?vong=midterm&hien=eligible")
    page.get_by_label(f"{a1}: Xã tiêu biểu", exact=False).check()
    page.get_by_label(f"{a2}: Xã tiêu biểu", exact=False).check()
    page.get_by_role("button", name="Lập hồ sơ đề nghị").click()
    expect(page.get_by_role("alert").filter(has_text="Đã lập hồ sơ nháp")).to_be_visible()
    dossier = Dossier.objects.get()
    expect(page).to_have_url(f"/ho-so/{dossier.pk}/")
    assert sorted(dossier.nominees.values_list("commune_id", flat=True)) == sorted([a1.pk, a2.pk])
    expect(page.get_by_text(a1.name).first).to_be_visible()
    expect(page.get_by_text(a2.name).first).to_be_visible()


def test_history_finds_by_unaccented_name_and_shows_an_imported_giay_khen(
    new_page, users, tmp_path
):
    book = Workbook()
    ws = book.worksheets[0]
    ws.append([label for _n, label in IMPORT_COLUMNS])
    ws.append(["Đàm Thị Phượng", "Cá nhân", "Thôn Khuổi Chắp", "Giấy khen", "9/QĐ-UBND",
               "12/03/2025", "Hiến đất làm đường"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    workbook = tmp_path / "giay-khen.xlsx"
    workbook.write_bytes(out.getvalue())
    page = new_page()
    log_in(page, users["district_a"].username)
    page.get_by_role("link", name="Tra cứu khen thưởng").click()
    page.get_by_role("link", name="Nhập từ tệp Excel").click()
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(workbook)
    page.get_by_role("button", name="Nhập").click()
    expect(page.get_by_role("alert").filter(has_text="Đã ghi 1 khen thưởng")).to_be_visible()
    page.get_by_label("Tên tập thể, cá nhân").fill("dam thi phuong")
    page.get_by_role("button", name="Tìm").click()
    row = page.get_by_role("row").filter(has_text="Đàm Thị Phượng")
    expect(row).to_contain_text("Giấy khen")
    expect(row).to_contain_text("UBND huyện Bạch Thông")
    expect(row).to_contain_text("12/03/2025")

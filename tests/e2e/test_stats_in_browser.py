"""Issue 17, parts 14, 15 and 11 in the browser, one journey of the awards board: the
screens switch to English, the dashboard offers only its plan's years and prints and
exports in Vietnamese, and the yearly award statistics come out as workbook and PDF."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.browser import log_in
from tests.pdfcheck import english_in, pdf_text

pytestmark = pytest.mark.e2e


def test_the_board_reads_english_screens_and_gets_vietnamese_documents(new_page, users):
    call_command("load_plan_targets")
    page = new_page()
    log_in(page, users["reviewer"].username)
    page.get_by_role("button", name="EN").click()
    expect(page.get_by_role("heading", name="Tasks awaiting you")).to_be_visible()

    # part 14: the dashboard of 2023 offers the years of its plan only
    page.goto("/tien-do/?nam=2023")
    years = page.locator("select[name=nam] option").all_inner_texts()
    assert years == ["2021", "2022", "2023", "2024", "2025"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Excel").first.click()
    assert download.value.suggested_filename.startswith("Tiến độ NTM")
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert book["Từng năm"]["A7"].value == "Năm"
    page.get_by_role("link", name="Print, download PDF").first.click()
    expect(page.get_by_text("TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH", exact=True)).to_be_visible()
    pdf = page.request.get(page.get_by_role("link", name="Download PDF").get_attribute("href"))
    assert "Chỉ tiêu và kết quả từng năm" in pdf_text(pdf.body())

    # part 15: the yearly statistics of award work, from the dashboard
    page.goto("/tien-do/?nam=2023")
    page.get_by_role("link", name="Emulation and award statistics").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statistical report")
    expect(page.get_by_role("heading", name="0603.N/BNV-TĐKT", exact=False)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Excel").click()
    sheets = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).sheetnames
    assert sheets == ["0601.N", "0602.N", "0603.N", "0604.N", "0605.N"]
    href = page.get_by_role("link", name="Print, download PDF").get_attribute("href")
    text = pdf_text(page.request.get(href).body())
    assert "Biểu số: 0603.N/BNV-TĐKT" in text and not english_in(text)

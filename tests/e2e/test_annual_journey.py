"""The annual round as its users meet it, in a real browser, from filing to the decision."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from dossiers.models import Dossier, DossierEvent, Status
from emulation.text import nfc
from tests.e2e.browser import (
    add_person,
    appraise_approve_decide,
    card,
    log_in,
    move,
    status,
    upload,
)
from tests.factories import RecognitionFactory, VillageFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def records(district_a):
    """A commune recognised NTM in 2024, a ĐBKK commune and a plain one (with a village)."""
    communes = list(district_a.communes.filter(extremely_difficult=False).order_by("code"))
    recognised, plain = communes[0], communes[1]
    RecognitionFactory(
        commune=recognised,
        level="ntm",
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2024, 10, 1),
    )
    remote = district_a.communes.order_by("-code").first()
    remote.extremely_difficult = True
    remote.save()
    VillageFactory(commune=plain, name="Nà Pài")
    return {"recognised": recognised, "remote": remote, "plain": plain}


def test_annual_round_from_filing_to_decision(new_page, users, records, tmp_path):
    district = new_page()
    log_in(district, users["district_a"].username)
    district.locator("nav").get_by_role("link", name="Hồ sơ", exact=True).click()
    district.get_by_role("link", name="Lập hồ sơ mới").click()
    district.get_by_label("Đợt khen thưởng").select_option(label="Hàng năm")
    district.get_by_label("Năm khen thưởng").select_option("2024")
    district.get_by_label("Số văn bản đề nghị").fill("15/TTr-UBND")
    district.get_by_label("Ngày văn bản đề nghị").fill("05/11/2024")
    district.get_by_label("Trích yếu").fill("Đề nghị khen thưởng năm 2024")
    district.get_by_role("button", name="Lưu").click()
    expect(district.get_by_role("alert").first).to_contain_text("Đã tạo hồ sơ")
    dossier_url = district.url

    # a commune and two individuals; one is short of the threshold, and it says so
    district.get_by_role("link", name="Thêm đối tượng").click()
    district.get_by_role("link", name="Xã, phường, thị trấn").click()
    district.get_by_label("Xã được đề nghị").select_option(records["recognised"].code)
    district.get_by_role("button", name="Lưu", exact=True).click()
    add_person(district, "Hoàng Văn Páo", records["remote"].code, "45 triệu")
    add_person(district, "Lý Thị Mai", records["plain"].code, "45.000.000")
    district.goto(dossier_url)
    mai = card(district, "3. Lý Thị Mai")
    expect(mai).to_contain_text("Chưa đạt tiêu chuẩn")
    expect(mai).to_contain_text("45.000.000 đ, dưới mức 50.000.000 đ")
    expect(card(district, "2. Hoàng Văn Páo")).to_contain_text("Đạt tiêu chuẩn")
    expect(district.locator(".alert-danger")).to_contain_text("Lý Thị Mai chưa đạt tiêu chuẩn")

    # the documents of section IV.1
    upload(district, tmp_path, "Văn bản đề nghị khen thưởng của cấp trình", "to-trinh.pdf")
    upload(
        district, tmp_path, "Biên bản họp xét của Hội đồng Thi đua - Khen thưởng", "bien-ban.pdf"
    )
    names = [records["recognised"].name, "Hoàng Văn Páo", "Lý Thị Mai"]
    for i, name in enumerate(names):
        upload(district, tmp_path, "Tóm tắt / báo cáo thành tích", f"thanh-tich-{i}.pdf", name)
    expect(district.locator(".alert-danger li")).to_have_count(1)  # only the short amount left

    # "Nộp hồ sơ" is disabled while a nominee fails, and points to the problem; the
    # district fixes the amount
    submit = district.get_by_role("button", name="Nộp hồ sơ")
    expect(submit).to_be_disabled()
    expect(submit).to_have_attribute("aria-describedby", "problems")
    expect(district.locator("#problems")).to_contain_text("Lý Thị Mai chưa đạt tiêu chuẩn")
    card(district, "3. Lý Thị Mai").get_by_role("link", name="Sửa").click()
    district.get_by_label("Giá trị đóng góp công sức, đất đai, tài sản").fill("52 triệu")
    district.get_by_role("button", name="Lưu", exact=True).click()
    expect(card(district, "3. Lý Thị Mai")).to_contain_text("Đạt tiêu chuẩn")
    move(district, "Nộp hồ sơ")
    expect(status(district)).to_contain_text("Đã nộp, chờ tiếp nhận")
    reference = re.search(r"HS\d{4}-\d{4}", status(district).inner_text()).group(0)

    # the awards board receives it and returns one nominee with a comment
    reviewer = new_page()
    log_in(reviewer, users["reviewer"].username)
    reviewer.locator("nav").get_by_role("link", name="Hồ sơ", exact=True).click()
    reviewer.get_by_role("link", name=reference).click()
    move(reviewer, "Tiếp nhận hồ sơ")
    expect(status(reviewer)).to_contain_text("Đã tiếp nhận, chờ thẩm định NTM")
    reviewer.get_by_role("link", name="Trả lại để bổ sung").click()
    reviewer.get_by_label("Ghi chú, lý do").fill("Bổ sung giấy tờ của ông Páo.")
    reviewer.get_by_label("Hoàng Văn Páo").fill("Thiếu giấy xác nhận hiến đất của UBND xã.")
    reviewer.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(status(reviewer)).to_contain_text("Trả lại để bổ sung")

    # the district sees the comment, fixes and resubmits
    district.goto(dossier_url)
    expect(status(district)).to_contain_text("Trả lại để bổ sung")
    expect(card(district, "2. Hoàng Văn Páo")).to_contain_text("Thiếu giấy xác nhận hiến đất")
    card(district, "2. Hoàng Văn Páo").get_by_role("link", name="Sửa").click()
    district.get_by_label("Tóm tắt thành tích").fill(
        "Hiến 300 m² đất làm đường; có giấy xác nhận của UBND xã số 12/XN-UBND."
    )
    district.get_by_role("button", name="Lưu", exact=True).click()
    move(district, "Nộp lại hồ sơ đã bổ sung")
    expect(status(district)).to_contain_text("Đã nộp, chờ tiếp nhận")

    # received again, appraised by the NTM office, approved, decided
    reviewer.goto(dossier_url)
    move(reviewer, "Tiếp nhận hồ sơ")
    appraise_approve_decide(
        new_page, reviewer, users["appraiser"].username, dossier_url, "20/12/2024"
    )

    # the decision, as a PDF from the dossier page, names every nominee
    district.goto(dossier_url)
    link = district.get_by_role("link", name="Quyết định khen thưởng")
    answer = district.request.get(link.get_attribute("href"))
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    text = " ".join(nfc(p.extract_text()) for p in PdfReader(io.BytesIO(answer.body())).pages)
    text = " ".join(text.split())
    for name in ["Hoàng Văn Páo", "Lý Thị Mai", records["recognised"].name, "01/QĐ-UBND"]:
        assert name in text, name

    dossier = Dossier.objects.get(pk=int(dossier_url.rstrip("/").rsplit("/", 1)[1]))
    assert dossier.reference == reference
    assert dossier.status == Status.DECIDED and dossier.decision_number == "01/QĐ-UBND"
    actions = list(
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    moves = [
        a
        for a in actions
        if a in {"submit", "receive", "return", "resubmit", "appraise", "approve", "decide"}
    ]
    assert moves == [
        "submit",
        "receive",
        "return",
        "resubmit",
        "receive",
        "appraise",
        "approve",
        "decide",
    ]

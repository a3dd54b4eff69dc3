"""The mid-term review (2023) in a real browser: an exemplary commune found in "who qualifies",
proposed, reviewed and decided."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier, Status
from tests.e2e.browser import appraise_approve_decide, card, log_in, move, status, upload
from tests.factories import AssessmentFactory, bulk

pytestmark = pytest.mark.e2e

BEFORE_BASELINE = dt.date(2020, 12, 1)


def progress(commune, baseline: list[int], new: list[int], on=dt.date(2023, 6, 1)) -> None:
    """Criteria met before 2021, and criteria newly met on `on`."""
    bulk(
        AssessmentFactory,
        [dict(criterion_id=n, assessed_on=BEFORE_BASELINE) for n in baseline]
        + [dict(criterion_id=n, assessed_on=on) for n in new],
        commune=commune,
        met=True,
    )


@pytest.fixture
def exemplary(district_a):
    """Bạch Thông: one commune with 4 criteria newly met since 2021 (exemplary), one with 3."""
    first, second = district_a.communes.order_by("code")[:2]
    progress(first, [1, 4], [2, 3, 5, 10])
    progress(second, [1, 4], [2, 3, 10])
    return first, second


def test_midterm_exemplary_commune_from_who_qualifies_to_decision(
    new_page, users, exemplary, tmp_path
):
    commune, near = exemplary
    district = new_page()
    log_in(district, users["district_a"].username)
    district.locator("nav").get_by_role("link", name="Xét khen", exact=True).click()
    district.get_by_label("Đợt khen thưởng").select_option(label="Sơ kết (2023)")
    district.get_by_label("Hiển thị").select_option(label="Đủ điều kiện")
    district.get_by_role("button", name="Xem").click()
    row = district.locator("tr", has=district.get_by_text(commune.name, exact=False)).first
    expect(row).to_contain_text("Xã tiêu biểu trong nỗ lực xây dựng nông thôn mới")
    expect(district.locator("main")).not_to_contain_text(near.name)  # a criterion short
    label = row.locator("td.unit-name").inner_text().strip()

    district.locator("nav").get_by_role("link", name="Hồ sơ", exact=True).click()
    district.get_by_role("link", name="Lập hồ sơ mới").click()
    district.get_by_label("Đợt khen thưởng").select_option(label="Sơ kết (2023)")
    district.get_by_label("Số văn bản đề nghị").fill("33/TTr-UBND")
    district.get_by_label("Ngày văn bản đề nghị").fill("12/09/2023")
    district.get_by_role("button", name="Lưu").click()
    dossier_url = district.url

    district.get_by_role("link", name="Thêm đối tượng").click()
    district.get_by_role("link", name="Xã, phường, thị trấn").click()
    district.get_by_label("Danh hiệu, tiêu chuẩn đề nghị").select_option(
        label="Xã tiêu biểu trong nỗ lực xây dựng nông thôn mới"
    )
    district.get_by_label("Xã được đề nghị").select_option(commune.code)
    district.get_by_role("button", name="Lưu", exact=True).click()
    nominee = card(district, f"1. {label}")
    expect(nominee).to_contain_text("Đạt tiêu chuẩn")

    upload(district, tmp_path, "Văn bản đề nghị khen thưởng của cấp trình", "to-trinh.pdf")
    upload(
        district, tmp_path, "Biên bản họp xét của Hội đồng Thi đua - Khen thưởng", "bien-ban.pdf"
    )
    upload(district, tmp_path, "Tóm tắt / báo cáo thành tích", "bao-cao.pdf", commune.name)
    move(district, "Nộp hồ sơ")
    expect(status(district)).to_contain_text("Đã nộp, chờ tiếp nhận")

    reviewer = new_page()
    log_in(reviewer, users["reviewer"].username)
    reviewer.goto(dossier_url)
    move(reviewer, "Tiếp nhận hồ sơ")
    appraise_approve_decide(
        new_page, reviewer, users["appraiser"].username, dossier_url, "15/11/2023"
    )
    dossier = Dossier.objects.get(pk=int(dossier_url.rstrip("/").rsplit("/", 1)[1]))
    assert dossier.status == Status.DECIDED and dossier.round == "midterm"
    assert dossier.decision_number == "01/QĐ-UBND"  # the register's first of 2023
    assert dossier.nominees.get().commune_id == commune.code

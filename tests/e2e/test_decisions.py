"""Decisions as the province makes them (issue 14, part 5), in the browser: one decision
for two dossiers of a round, recorded after its confirmation, then a correcting
decision; the public list shows the correction. Both are numbered by the register of
outgoing documents (issue 16, part 1): nobody types a number. The signer is chosen when
the decision is issued, and again on its printable view (issue 15, part 2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dossiers.documents.models import Signatory, SigningCapacity
from dossiers.models import Decision, Status
from tests.dossiers.support import approve, filed, plain_commune
from tests.e2e.browser import log_in

pytestmark = pytest.mark.e2e


def test_one_decision_for_two_dossiers_then_a_correction(new_page, users, district_a, district_b):
    a = filed(users["district_a"], plain_commune(district_a), "Hoàng Văn An", 60_000_000,
              submit=True)  # fmt: skip
    b = filed(users["district_b"], plain_commune(district_b), "Lường Thị Bình", 60_000_000,
              submit=True)  # fmt: skip
    approve(a, users)
    approve(b, users)
    common = {"body_key": f"province:{district_a.province.code}", "head_title": "CHỦ TỊCH"}
    Signatory.objects.create(full_name="Triệu Đức Khải", title="CHỦ TỊCH",
                             capacity=SigningCapacity.HEAD, is_default=True, **common)  # fmt: skip
    deputy = Signatory.objects.create(full_name="Đỗ Thị Minh Hoa", title="PHÓ CHỦ TỊCH", **common)

    board = new_page()
    log_in(board, users["reviewer"].username)
    board.goto("/ho-so/")
    board.get_by_role("link", name="Quyết định khen thưởng", exact=True).click()
    board.locator('[data-new-decision="annual-2024"]').click()
    expect(board.locator("#number-from-register")).to_contain_text("cấp khi ghi")
    board.get_by_label("Ngày quyết định").fill("01/12/2024")
    board.get_by_label("Người ký").select_option(str(deputy.pk))
    board.get_by_role("button", name="Xem trước quyết định").click()
    expect(board.locator("#decision-signer")).to_contain_text("Đỗ Thị Minh Hoa")
    # the confirmation shows what will be published; nothing recorded yet
    publish = board.locator("#to-publish")
    expect(publish).to_contain_text("Quyết định số 01/QĐ-UBND ngày 01/12/2024")
    expect(publish.locator("#annex")).to_contain_text("Hoàng Văn An")
    expect(publish.locator("#annex")).to_contain_text("Lường Thị Bình")
    assert not Decision.objects.exists()
    board.get_by_role("button", name="Ghi quyết định").click()
    expect(board.locator("main")).to_contain_text("Đã ghi Quyết định số 01/QĐ-UBND cho 2 hồ sơ")
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == b.status == Status.DECIDED and a.decision_id == b.decision_id
    # its printable view: signed by the one chosen; another of that day may be chosen
    board.goto(f"/van-ban/ho-so/{a.pk}/quyet-dinh/")
    expect(board.locator(".sheet")).to_contain_text("Đỗ Thị Minh Hoa")
    board.get_by_label("Người ký").select_option(label="Triệu Đức Khải: CHỦ TỊCH")
    board.get_by_role("button", name="Đổi người ký").click()
    expect(board.locator(".sheet")).to_contain_text("Triệu Đức Khải")
    assert "nguoi-ky=" in board.url
    board.go_back()
    board.go_back()

    board.get_by_role("link", name="Lập quyết định đính chính, sửa đổi").click()
    board.get_by_label("Ngày quyết định").fill("10/12/2024")
    board.get_by_label("Lý do đính chính, sửa đổi").fill("Sai chính tả tên người được khen.")
    board.get_by_label("Tên của Hoàng Văn An").fill("Hoàng Văn Ân")
    board.get_by_role("button", name="Xem trước").click()
    expect(board.locator("#changes")).to_contain_text("Hoàng Văn An — tên: Hoàng Văn Ân")
    board.get_by_role("button", name="Ghi quyết định đính chính").click()
    expect(board.locator("main")).to_contain_text(
        "Đã ghi Quyết định số 02/QĐ-UBND đính chính Quyết định số 01/QĐ-UBND"
    )
    # the original stays, as published, with its correction named
    board.get_by_role("link", name="Quyết định số 01/QĐ-UBND").click()
    expect(board.locator("#annex")).to_contain_text("Hoàng Văn An")
    expect(board.locator("#corrections")).to_contain_text("02/QĐ-UBND")

    citizen = new_page()
    citizen.goto("/khen-thuong/")
    row = citizen.locator("tr", has_text="Hoàng Văn Ân")
    expect(row).to_contain_text("Đã đính chính theo Quyết định số 02/QĐ-UBND ngày 10/12/2024")
    expect(citizen.locator("tr", has_text="Lường Thị Bình")).not_to_contain_text("đính chính")

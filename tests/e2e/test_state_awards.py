"""Up the ladder (issue 14, part 7; III.2.1), in the browser: a nominee of a decided
round forwarded to the state level (its tờ trình numbered by the register), the central
decision recorded, the nominee's dossier history showing both."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from dossiers import services
from emulation.state_plans import state_plan_587_load
from tests.dossiers.support import approve, filed, plain_commune
from tests.e2e.browser import log_in

pytestmark = pytest.mark.e2e


def test_a_nominee_forwarded_to_the_state_level(new_page, users, district_a):
    a = filed(users["district_a"], plain_commune(district_a), "Hoàng Văn An", 60_000_000,
              submit=True)  # fmt: skip
    approve(a, users)
    services.decision_record(
        by=users["reviewer"], dossiers=[a], date=dt.date(2024, 12, 1),
        outcomes={n.pk: (True, "") for n in a.nominees.all()},
    )  # fmt: skip
    state_plan_587_load()

    board = new_page()
    log_in(board, users["reviewer"].username)
    board.goto("/ho-so/")
    board.get_by_role("link", name="Đề nghị khen thưởng cấp Nhà nước").click()
    board.locator('[data-new-state-proposal="annual-2024"]').click()
    board.get_by_label("Hoàng Văn An").select_option(label="Bằng khen của Thủ tướng Chính phủ")
    board.get_by_label("Thành tích, lý do đề nghị").fill("Hiến 2.000 m² đất làm đường.")
    board.get_by_role("button", name="Lưu danh sách").click()
    expect(board.locator("#entries")).to_contain_text("Bằng khen của Thủ tướng Chính phủ")
    board.get_by_label("Ngày tờ trình").fill("06/01/2025")
    board.get_by_role("button", name="Ghi số và gửi tờ trình").click()
    expect(board.locator("main")).to_contain_text("Đã gửi Tờ trình số 01/TTr-UBND")
    expect(board.locator("#state-status")).to_have_text("Đã gửi Trung ương")

    board.get_by_role("link", name="Ghi kết quả của Trung ương").click()
    board.get_by_label("Số quyết định của Trung ương").fill("1234/QĐ-TTg")
    board.get_by_label("Ngày quyết định").fill("20/06/2025")
    expect(board.get_by_label("Cấp quyết định khen thưởng")).to_have_value("Thủ tướng Chính phủ")
    board.get_by_label("Được khen thưởng", exact=True).check()
    board.get_by_role("button", name="Ghi kết quả").click()
    expect(board.locator("#central-decision")).to_contain_text(
        "Quyết định số 1234/QĐ-TTg ngày 20/06/2025 của Thủ tướng Chính phủ"
    )
    expect(board.locator("#state-history")).to_contain_text("Ghi kết quả của Trung ương")

    board.get_by_role("link", name=a.reference).click()
    main = board.locator("main")
    expect(main).to_contain_text("Gửi đề nghị khen thưởng cấp Nhà nước")
    expect(main).to_contain_text("Tờ trình số 01/TTr-UBND ngày 06/01/2025 của Ủy ban nhân dân tỉnh")
    expect(main).to_contain_text("Kết quả khen thưởng cấp Nhà nước")
    expect(main).to_contain_text("Hoàng Văn An: được tặng Bằng khen của Thủ tướng Chính phủ")

"""Current at every click (issue 14, part 3), in the browser: an administrator raises a
threshold → the open dossier shows the banner and the new verdicts → the appraiser's
screen shows them → a confirmation from a screen loaded before the change is refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dossiers import services
from dossiers.models import Status
from tests.dossiers.support import filed, plain_commune
from tests.e2e.browser import log_in

pytestmark = pytest.mark.e2e


def test_threshold_raised_while_a_dossier_is_open(new_page, users, district_a):
    dossier = filed(users["district_a"], plain_commune(district_a), "Ma Văn Tám", 60_000_000)
    services.dossier_submit(dossier=dossier, by=users["district_a"])
    services.dossier_receive(dossier=dossier, by=users["reviewer"])

    # the appraiser opens the confirmation screen before the change
    early = new_page()
    log_in(early, users["appraiser"].username)
    early.goto(f"/ho-so/{dossier.pk}/chuyen/appraise/")
    expect(early.locator("#verdicts")).to_contain_text("đạt")
    expect(early.locator("#verdicts-version")).to_contain_text("phiên bản 1")

    admin = new_page()
    log_in(admin, users["admin"].username)
    admin.goto("/xet-khen/bo-tieu-chuan/sua/")
    admin.get_by_label("Cá nhân, gia đình: mức đóng góp công sức, đất đai, tài sản").fill(
        "70.000.000"
    )
    admin.get_by_label("Áp dụng từ ngày").fill("01/06/2024")
    admin.get_by_label("Lý do thay đổi").fill("Nâng mức đóng góp cá nhân.")
    admin.get_by_role("button", name="Xem trước").click()
    admin.get_by_role("button", name="Lưu phiên bản mới").click()
    expect(admin.get_by_role("alert").first).to_contain_text("phiên bản 2")

    # the open dossier: a banner naming the change, and the new verdict
    appraiser = new_page()
    log_in(appraiser, users["appraiser"].username)
    appraiser.goto(f"/ho-so/{dossier.pk}/")
    banner = appraiser.locator("#verdicts-recomputed")
    expect(banner).to_contain_text("Bộ tiêu chuẩn đã thay đổi")
    expect(banner).to_contain_text("phiên bản 2 (áp dụng từ 01/06/2024)")
    expect(banner).to_contain_text("Nâng mức đóng góp cá nhân.")
    expect(appraiser.locator("main")).to_contain_text("dưới mức 70.000.000")

    # the appraiser's screen shows the verdicts it will record
    appraiser.goto(f"/ho-so/{dossier.pk}/chuyen/appraise/")
    expect(appraiser.locator("#verdicts [data-verdict]")).to_have_attribute(
        "data-verdict", "ineligible"
    )
    expect(appraiser.locator("#verdicts-version")).to_contain_text("phiên bản 2")

    # the screen loaded before the change: refused, the new verdicts shown
    early.get_by_role("button", name="Xác nhận kết quả thẩm định NTM").click()
    expect(early.locator("#stale-verdicts")).to_be_visible()
    expect(early.locator("main")).to_contain_text("Kết quả xét đã thay đổi từ khi bạn mở trang")
    expect(early.locator("#verdicts [data-verdict]")).to_have_attribute(
        "data-verdict", "ineligible"
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    # confirming again, from the screen that now shows the new verdicts
    early.get_by_role("button", name="Xác nhận kết quả thẩm định NTM").click()
    expect(early.locator("main")).to_contain_text("Đã “Xác nhận kết quả thẩm định NTM”")
    dossier.refresh_from_db()
    assert dossier.status == Status.APPRAISED

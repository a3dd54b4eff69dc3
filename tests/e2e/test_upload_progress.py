"""Progress of a large upload (issue 17, part 1): the dossier's upload block sends its
files by XMLHttpRequest, a progress bar and a spoken status line follow the bytes sent,
and the answer replaces the page's content (without JavaScript the form posts as usual:
tests/dossiers cover that path)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.dossiers.support import _media, new_dossier  # noqa: F401 - autouse fixture
from tests.e2e.browser import PDF, log_in

pytestmark = pytest.mark.e2e

RECORD = """() => {
  window.stayedOnThePage = true;
  window.progressSeen = [];
  const bar = document.querySelector('#upload-form progress');
  new MutationObserver(() => window.progressSeen.push(Number(bar.getAttribute('value'))))
    .observe(bar, {attributes: true, attributeFilter: ['value']});
}"""


def test_a_large_upload_shows_its_progress_up_to_100(page, users, tmp_path):
    dossier = new_dossier(users["district_a"])
    big = tmp_path / "minh-chung-lon.pdf"
    big.write_bytes(PDF + b"%" + b"0" * (6 * 1024 * 1024) + b"\n%%EOF\n")  # 6 MB
    log_in(page, users["district_a"].username)
    page.goto(f"/ho-so/{dossier.pk}/")
    page.evaluate(RECORD)
    # the upload at about 16 Mbit/s, so that it takes a few progress events
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 2e6},
    )
    page.get_by_label("Loại tài liệu", exact=True).select_option(label="Tài liệu minh chứng khác")
    page.get_by_label("Tệp (PDF, JPEG, PNG, DOCX)", exact=True).set_input_files(big)
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("status")).to_contain_text("Đang tải lên")
    done = page.get_by_role("alert").filter(has_text="Đã tải lên minh-chung-lon.pdf")
    # the server then checks and stores 6 MB (its signature check included): slower on a
    # loaded machine than the default 5 s
    expect(done).to_be_visible(timeout=30_000)
    expect(done).to_be_focused()
    expect(page.get_by_role("link", name="minh-chung-lon.pdf")).to_be_visible()
    seen = page.evaluate("window.progressSeen")
    assert seen[-1] == 100 and any(0 < value < 100 for value in seen), seen
    assert page.evaluate("window.stayedOnThePage"), "the form was posted, not sent by XHR"
    assert dossier.attachments.get().size > 6 * 1024 * 1024

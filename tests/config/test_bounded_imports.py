"""Imports read uploaded workbooks within bounds (issue 18, part 2).

A 50 KB workbook declaring ``A1:XFD20000`` once took the server from 340 MB to 2.8 GB:
openpyxl padded each of 20,000 rows to 16,384 columns before the row limit was checked.
Here the same file is posted to both imports and the extra peak memory is measured.
"""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.workbooks import WorkbookRefused, check_archive, workbook_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MB = 1024 * 1024


def declared_huge(header: list[str], rows: int = 20_000) -> bytes:
    """A valid .xlsx declaring A1:XFD<rows>, with a cell in column A and one in XFD on
    every row: a few dozen KB compressed."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    src = io.BytesIO()
    book.save(src)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(src.getvalue())) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, rest = data.split(b"<sheetData>")
                first_row, tail = rest.split(b"</sheetData>")
                head = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD20000"', head)
                body = b"".join(
                    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>01975</t></is></c>'
                    b'<c r="XFD%d"><v>1</v></c></row>' % (i, i, i)
                    for i in range(2, rows + 1)
                )
                data = head + b"<sheetData>" + first_row + body + b"</sheetData>" + tail
            zout.writestr(item, data)
    return out.getvalue()


def peak_extra(post) -> tuple[object, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        response = post()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak - base


CRITERIA_HEADER = [
    "Mã xã",
    "Tên xã",
    "Tiêu chí (số)",
    "Tên tiêu chí",
    "Ngày đánh giá (dd/mm/yyyy)",
    "Kết quả (đạt/không đạt)",
    "Căn cứ, ghi chú",
]


def test_the_declared_huge_workbook_is_small_and_declares_xfd20000():
    data = declared_huge(CRITERIA_HEADER)
    assert len(data) < 200 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b'<dimension ref="A1:XFD20000"' in z.read("xl/worksheets/sheet1.xml")


def test_criteria_import_reads_the_declared_huge_workbook_in_bounded_memory(login, users):
    client = login(users["district_a"])
    upload = SimpleUploadedFile("tt.xlsx", declared_huge(CRITERIA_HEADER, rows=20_001))
    response, extra = peak_extra(lambda: client.post(reverse("criteria:import"), {"file": upload}))
    assert response.status_code == 200
    assert extra < 100 * MB, f"{extra / MB:.0f} MB"
    assert "Tệp quá 20000 dòng; hãy chia nhỏ." in response.content.decode()


def test_village_import_reads_the_declared_huge_workbook_in_bounded_memory(login, users):
    client = login(users["district_a"])
    header = ["Mã xã", "Tên thôn", "Thôn ĐBKK (có/không)"]
    upload = SimpleUploadedFile("thon.xlsx", declared_huge(header))
    response, extra = peak_extra(
        lambda: client.post(reverse("communes:village_import"), {"file": upload})
    )
    assert response.status_code == 200
    assert extra < 100 * MB, f"{extra / MB:.0f} MB"
    assert "hơn 5.000 dòng" in response.content.decode()


def test_rows_are_cut_to_the_columns_asked_for_whatever_the_sheet_declares():
    rows = list(workbook_rows(declared_huge(["a", "b"], rows=50), max_rows=10, max_cols=3))
    assert len(rows) == 10
    assert {len(r) for r in rows} == {3}
    assert rows[1] == ("01975", None, None)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_an_archive_built_to_expand_is_refused_before_parsing():
    bomb = _zip({"xl/worksheets/sheet1.xml": b" " * (20 * MB)})
    with pytest.raises(WorkbookRefused, match="nén bất thường"):
        check_archive(bomb)


def test_an_archive_expanding_past_50_mb_in_total_is_refused():
    # each member compresses modestly (random-ish), but together they exceed the cap
    import random

    rnd = random.Random(18)
    chunk = bytes(rnd.getrandbits(8) for _ in range(64 * 1024)) * 1
    members = {f"xl/m{i}.xml": chunk * 14 for i in range(60)}  # 60 x 0.9 MB
    with pytest.raises(WorkbookRefused, match="quá 50 MB"):
        check_archive(_zip(members))


def test_a_refused_archive_gets_its_message_beside_the_import(login, users):
    client = login(users["district_a"])
    bomb = _zip({"xl/worksheets/sheet1.xml": b"<x/>" * (5 * MB)})
    upload = SimpleUploadedFile("tt.xlsx", bomb)
    response = client.post(reverse("criteria:import"), {"file": upload})
    assert response.status_code == 200
    assert "nén bất thường" in response.content.decode()

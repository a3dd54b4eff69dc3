"""Issue 15, part 6: exported workbooks a văn thư can file and nobody can abuse.

Values beginning with =, +, -, @ or a tab are written as text; control characters are
removed; dates and money are real cells with Vietnamese formats; lists end with a total
row and repeat their header on every printed page; file names are Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dossiers.documents import excel
from dossiers.models import Nominee
from emulation.cells import cell_value, clean_text
from tests.dossiers.documents.test_documents_dossier import (  # noqa: F401 - fixtures
    decided,
    dossier,
)
from tests.dossiers.support import _media  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.integration]

DANGEROUS = ['=HYPERLINK("http://x.invalid","bấm")', "+84 912", "-1+2", "@SUM(A1)", "\tTab"]


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_control_characters_are_removed():
    assert clean_text("Nguyễn\x00 Văn\x07 A\x1b\x7f\x85") == "Nguyễn Văn A"
    assert clean_text("dòng 1\r\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"
    assert cell_value(dt.date(2024, 1, 5)) == dt.date(2024, 1, 5)


def test_values_that_look_like_formulas_stay_text():
    columns = [excel.Column("Tên", 30), excel.Column("Số tiền", 18, "vnd")]
    rows = [(value, 1_000_000) for value in DANGEROUS]
    ws = _sheet(excel.workbook("Danh sách", columns, rows, heading="=cmd|' /C calc'!A0"))
    assert ws["A1"].data_type == "s" and ws["A1"].value.startswith("=cmd")
    for r, value in enumerate(DANGEROUS, start=4):
        cell = ws.cell(row=r, column=1)
        assert cell.data_type == "s", value
        assert cell.value == value
        assert cell.quotePrefix, value


@pytest.mark.django_db
def test_the_nominee_list_is_typed_totalled_and_printable(login, users, dossier):  # noqa: F811
    first = dossier.nominees.order_by("position", "id").first()
    Nominee.objects.filter(pk=first.pk).update(name="=1+1 Nguyễn\x07 Văn")
    response = login(users["district_a"]).get(reverse("documents:nominees_xlsx", args=[dossier.pk]))
    assert response.status_code == 200
    assert 'filename="danh-sach-' in response["Content-Disposition"]
    ws = _sheet(response.content)
    names = [ws.cell(row=r, column=2) for r in range(4, ws.max_row + 1)]
    cell = next(c for c in names if c.value and c.value.startswith("=1+1"))
    assert cell.value == "=1+1 Nguyễn Văn" and cell.data_type == "s"
    # Amounts: numbers in đồng with the thousands format; a total row of formulas.
    amounts = [ws.cell(row=r, column=6) for r in range(4, 4 + dossier.nominees.count())]
    assert {c.value for c in amounts} >= {45_000_000, 47_500_000}
    assert all(c.number_format == "#,##0" for c in amounts if c.value)
    total = ws.max_row
    assert ws.cell(row=total, column=2).value == "Tổng cộng"
    last = 3 + dossier.nominees.count()
    assert ws.cell(row=total, column=6).value == f"=SUM(F4:F{last})"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"


@pytest.mark.django_db
def test_dates_are_dates(login, users, decided):  # noqa: F811
    client = login(users["reviewer"])
    ws = _sheet(client.get(reverse("documents:queue_xlsx")).content)
    header = [c.value for c in ws[3]]
    date_col = header.index("Ngày văn bản") + 1
    cell = ws.cell(row=4, column=date_col)
    assert isinstance(cell.value, dt.datetime) and cell.value.date() == dt.date(2024, 11, 5)
    assert cell.number_format == "dd/mm/yyyy"
    awards = client.get(reverse("documents:round_awards_xlsx"), {"dot": "annual", "nam": "2024"})
    ws = _sheet(awards.content)
    assert isinstance(ws.cell(row=4, column=3).value, dt.datetime)
    assert "Tổng cộng" in [c.value for c in ws[ws.max_row]]
    assert ws[ws.max_row][-1].value == "=SUM(J4:J5)"  # the contributions of two awards

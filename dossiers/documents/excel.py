"""Lists as Excel workbooks (openpyxl): Vietnamese headers, amounts as numbers in đồng.

Amounts are stored as numbers (so they add up in Excel) with the "#,##0" format,
which Excel shows as 45.000.000 under Vietnamese regional settings; dates as dates
("dd/mm/yyyy"). Every value is written through :mod:`emulation.cells` (a name beginning
with "=" stays text, control characters are removed). A list ends with a total row
("Tổng cộng") where it has amounts or counts; its header row repeats on every printed
page, landscape, one page wide.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dossiers.models import Dossier, Nominee, NomineeKind, Status
from dossiers.selectors import nominees_of
from emulation.cells import clean_text, print_setup, set_cell
from emulation.labels import title_label

from .bodies import home_province, province_label
from .builders import nominee_amount, nominee_unit, round_label
from .language import in_official_language

VND_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 18
    kind: str = "text"  # text, vnd (summed), date, int, count (summed)

    @property
    def summed(self) -> bool:
        return self.kind in ("vnd", "count")


TOTAL_LABEL = "Tổng cộng"


def _typed(value, kind: str):
    """Dates as dates (a datetime as its day), everything else as it is."""
    if kind == "date" and isinstance(value, dt.datetime):
        return value.date()
    return value


def workbook(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence], *, heading=""
) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = clean_text(title)[:31]
    first = 1
    if heading:
        set_cell(ws, 1, 1, heading).font = Font(bold=True, size=13)
        first = 3
    for i, col in enumerate(columns, start=1):
        cell = set_cell(ws, first, i, col.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width
    last = first
    for r, row in enumerate(rows, start=first + 1):
        last = r
        for i, (col, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = set_cell(ws, r, i, _typed(value, col.kind))
            if col.kind == "vnd":
                cell.number_format = VND_FORMAT
            elif col.kind == "date":
                cell.number_format = DATE_FORMAT
            elif col.kind == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if last > first and any(col.summed for col in columns):
        _total_row(ws, columns, first=first + 1, last=last)
    top_left = ws.cell(row=first + 1, column=1)
    assert isinstance(top_left, Cell)  # the sheet has no merged cells
    ws.freeze_panes = top_left
    print_setup(ws, header_row=first)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _total_row(ws, columns: Sequence[Column], *, first: int, last: int) -> None:
    """ "Tổng cộng" under the list: the sum of each amount or count column (a formula)."""
    row = last + 1
    label_at = next((i for i, c in enumerate(columns, start=1) if c.kind == "text"), 1)
    set_cell(ws, row, label_at, TOTAL_LABEL).font = Font(bold=True)
    for i, col in enumerate(columns, start=1):
        if col.summed:
            letter = get_column_letter(i)
            cell = ws.cell(row=row, column=i, value=f"=SUM({letter}{first}:{letter}{last})")
            cell.font = Font(bold=True)
            cell.number_format = VND_FORMAT


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _verdict(n: Nominee) -> str:
    return {True: "Đạt", False: "Không đạt", None: "Chờ đánh giá"}[n.verdict_eligible]


def _outcome(n: Nominee) -> str:
    return {True: "Được khen thưởng", False: "Không khen thưởng", None: ""}[n.awarded]


NOMINEE_COLUMNS = [
    Column("STT", 6, "int"),
    Column("Tên tập thể, cá nhân", 32),
    Column("Loại đối tượng", 18),
    Column("Tiêu chuẩn đề nghị", 36),
    Column("Địa chỉ, đơn vị", 40),
    Column("Đóng góp công sức, đất đai, tài sản (đồng)", 18, "vnd"),
    Column("Đóng góp hạ tầng nông thôn (đồng)", 18, "vnd"),
    Column("Công trình trực tiếp vận động (đồng)", 18, "vnd"),
    Column("Đất đai, tài sản tự đóng góp (đồng)", 18, "vnd"),
    Column("Kết quả đối chiếu tiêu chuẩn", 16),
    Column("Kết quả khen thưởng", 18),
]


@in_official_language
def dossier_nominees_xlsx(dossier: Dossier) -> bytes:
    kinds = dict(NomineeKind.choices)
    province = province_label(home_province(dossier.document_date))
    rows = [
        (
            i,
            n.name,
            str(kinds.get(n.kind, n.kind)),
            title_label(n.title),
            nominee_unit(n, province=province),
            n.contribution_value,
            n.infrastructure_value,
            n.mobilized_value,
            n.own_land_asset_value,
            _verdict(n),
            _outcome(n),
        )
        for i, n in enumerate(nominees_of(dossier), start=1)
    ]
    heading = f"Danh sách đề nghị khen thưởng: {dossier.reference}, {dossier.proposer_name}"
    return workbook("Danh sách", NOMINEE_COLUMNS, rows, heading=heading)


QUEUE_COLUMNS = [
    Column("Mã hồ sơ", 14),
    Column("Đơn vị đề nghị", 32),
    Column("Đợt", 16),
    Column("Năm", 8, "int"),
    Column("Số văn bản đề nghị", 18),
    Column("Ngày văn bản", 14, "date"),
    Column("Trạng thái", 30),
    Column("Số đối tượng", 12, "count"),
    Column("Số không đạt tiêu chuẩn", 14, "count"),
    Column("Cập nhật", 14, "date"),
]


@in_official_language
def queue_xlsx(dossiers: Iterable[Dossier]) -> bytes:
    """The reviewer's queue as filtered (``dossiers`` from the list's selector)."""
    rows = [
        (
            d.reference,
            d.proposer_name,
            round_label(d),
            d.year,
            d.document_number,
            d.document_date,
            d.get_status_display(),
            getattr(d, "nominee_count", None),
            getattr(d, "failing_count", None),
            d.updated_at.date() if d.updated_at else None,
        )
        for d in dossiers
    ]
    return workbook("Hồ sơ", QUEUE_COLUMNS, rows, heading="Danh sách hồ sơ đề nghị khen thưởng")


AWARD_COLUMNS = [
    Column("STT", 6, "int"),
    Column("Số quyết định", 16),
    Column("Ngày quyết định", 14, "date"),
    Column("Đợt", 16),
    Column("Năm", 8, "int"),
    Column("Danh hiệu, tiêu chuẩn", 36),
    Column("Tên tập thể, cá nhân", 32),
    Column("Địa chỉ, đơn vị", 40),
    Column("Đơn vị đề nghị", 28),
    Column("Giá trị đóng góp (đồng)", 18, "vnd"),
]


def decided_awards(*, round: str, year: int, visible: Iterable[Dossier] | None = None):
    """Awarded nominees of decided dossiers of a round and year, in decision order."""
    qs = Nominee.objects.filter(
        dossier__status=Status.DECIDED, dossier__round=round, dossier__year=year, awarded=True
    )
    if visible is not None:
        qs = qs.filter(dossier__in=visible)
    return qs.select_related(
        "dossier",
        "dossier__district",
        "dossier__agency",
        "commune",
        "commune__district",
        "village",
        "district",
        "agency",
    ).order_by("dossier__decision_date", "dossier_id", "position", "id")


@in_official_language
def round_awards_xlsx(*, round: str, year: int, visible) -> bytes:
    nominees = decided_awards(round=round, year=year, visible=visible)
    province = province_label(home_province())
    rows = [
        (
            i,
            n.dossier.decision_number,
            n.dossier.decision_date,
            round_label(n.dossier),
            n.dossier.year,
            title_label(n.title),
            n.name,
            nominee_unit(n, province=province),
            n.dossier.proposer_name,
            nominee_amount(n),
        )
        for i, n in enumerate(nominees, start=1)
    ]
    return workbook(
        "Khen thưởng", AWARD_COLUMNS, rows, heading=f"Tập thể, cá nhân được khen thưởng năm {year}"
    )

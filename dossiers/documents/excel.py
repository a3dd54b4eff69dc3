"""Lists as Excel workbooks (openpyxl): Vietnamese headers, amounts as numbers in đồng.

Amounts are stored as numbers (so they add up in Excel) with the "#,##0" format,
which Excel shows as 45.000.000 under Vietnamese regional settings.
"""

from __future__ import annotations

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
from emulation.labels import title_label
from emulation.text import cell_text

from .bodies import home_province, province_label
from .builders import nominee_amount, nominee_unit, round_label

VND_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 18
    kind: str = "text"  # text, vnd, date, int


def workbook(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence], *, heading=""
) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = title[:31]
    first = 1
    if heading:
        ws.cell(row=1, column=1, value=_nfc(heading)).font = Font(bold=True, size=13)
        first = 3
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=first, column=i, value=col.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width
    for r, row in enumerate(rows, start=first + 1):
        for i, (col, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = ws.cell(row=r, column=i, value=_nfc(value) if isinstance(value, str) else value)
            if col.kind == "vnd":
                cell.number_format = VND_FORMAT
            elif col.kind == "date":
                cell.number_format = DATE_FORMAT
            elif col.kind == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    top_left = ws.cell(row=first + 1, column=1)
    assert isinstance(top_left, Cell)  # the sheet has no merged cells
    ws.freeze_panes = top_left
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _nfc(text: str) -> str:
    return cell_text(text)


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
    heading = f"Danh sách đề nghị khen thưởng — {dossier.reference} — {dossier.proposer_name}"
    return workbook("Danh sách", NOMINEE_COLUMNS, rows, heading=heading)


QUEUE_COLUMNS = [
    Column("Mã hồ sơ", 14),
    Column("Đơn vị đề nghị", 32),
    Column("Đợt", 16),
    Column("Năm", 8, "int"),
    Column("Số văn bản đề nghị", 18),
    Column("Ngày văn bản", 14, "date"),
    Column("Trạng thái", 30),
    Column("Số đối tượng", 12, "int"),
    Column("Số không đạt tiêu chuẩn", 14, "int"),
    Column("Cập nhật", 14, "date"),
]


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
        "Khen thưởng", AWARD_COLUMNS, rows, heading=f"Tập thể, cá nhân được khen thưởng — {year}"
    )

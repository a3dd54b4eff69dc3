"""Workbooks of the progress screens: the district report of section V.2 (one sheet per
part) and the dashboard (yearly, cumulative, per district)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dossiers.documents.excel import DATE_FORMAT
from dossiers.documents.language import in_official_language
from emulation.cells import append_row, print_setup

from .award_statistics import LAYOUT_NOTE, PERIOD_NOTE, FormTable
from .figures import METRIC_LABELS, Progress, YearRow
from .report import DistrictReport


@in_official_language
def district_report_xlsx(report: DistrictReport) -> bytes:
    """The district report as an Excel workbook (one sheet per part)."""
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = "Kết quả"
    append_row(ws, [report.district.people_committee.upper()])
    append_row(ws, [report.title])
    append_row(
        ws,
        [
            _("Từ %(a)s đến %(b)s")
            % {"a": f"{report.start:%d/%m/%Y}", "b": f"{report.end:%d/%m/%Y}"}
        ],
    )
    ws["A1"].font = bold
    ws["A2"].font = Font(bold=True, size=13)
    append_row(ws, [])
    header = [
        _("Chỉ tiêu"),
        _("Kế hoạch năm %(y)d") % {"y": report.year},
        _("Kết quả trong kỳ"),
        _("Từ đầu năm"),
        _("Tỷ lệ so kế hoạch năm (%)"),
        _("Lũy kế đến hết kỳ"),
        _("Kế hoạch lũy kế đến hết năm"),
    ]
    append_row(ws, header)
    print_setup(ws, header_row=ws.max_row)
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in report.lines:
        append_row(
            ws,
            [
                line.label,
                float(line.year_target)
                if isinstance(line.year_target, Decimal)
                else line.year_target,
                line.period_actual,
                round(line.year_actual, 1)
                if isinstance(line.year_actual, float)
                else line.year_actual,
                round(line.percent, 1) if line.percent is not None else None,
                line.cum_actual,
                line.cum_target,
            ],
        )
    append_row(ws, [])
    append_row(
        ws,
        [
            _("Hoàn thành NTM cấp huyện"),
            _("kế hoạch năm %(y)d") % {"y": report.completion_planned_year}
            if report.completion_planned_year
            else "",
            report.completed_on or _("chưa"),
        ],
    )
    if report.completed_on:
        ws.cell(row=ws.max_row, column=3).number_format = DATE_FORMAT
    append_row(
        ws,
        [
            _("Nợ đọng XDCB của huyện năm %(y)d") % {"y": report.year},
            _("chưa khai báo")
            if report.district_debt is None
            else (_("có") if report.district_debt else _("không")),
        ],
    )
    ws.column_dimensions["A"].width = 48
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 16

    ws2 = wb.create_sheet("Xã, thôn đạt chuẩn")
    append_row(
        ws2, [_("Xã"), _("Mức đạt chuẩn"), _("Số quyết định"), _("Ngày"), _("Cơ quan ban hành")]
    )
    print_setup(ws2, header_row=1)
    for r in report.recognitions:
        append_row(ws2, [r.commune, r.level, r.decision_number, r.decision_date, r.issuing_body])
        ws2.cell(row=ws2.max_row, column=4).number_format = DATE_FORMAT
    append_row(ws2, [])
    append_row(ws2, [_("Thôn"), _("Xã"), _("Số quyết định"), _("Ngày")])
    for v in report.villages:
        append_row(ws2, [v.village, v.commune, v.decision_number, v.decision_date])
        ws2.cell(row=ws2.max_row, column=4).number_format = DATE_FORMAT
    append_row(ws2, [])
    append_row(ws2, [_("Khen thưởng trong kỳ"), _("Số lượng")])
    for a in report.awards:
        append_row(ws2, [a.label, a.count])
    ws2.column_dimensions["A"].width = 28
    ws2.column_dimensions["B"].width = 28

    ws3 = wb.create_sheet("Tiêu chí trong kỳ")
    print_setup(ws3, header_row=1)
    append_row(
        ws3,
        [
            _("Mã xã"),
            _("Xã"),
            _("Tiêu chí đạt mới"),
            _("Tiêu chí không còn đạt"),
            _("Số tiêu chí cuối kỳ"),
        ],
    )
    for g in report.gains:
        append_row(
            ws3,
            [
                g.code,
                g.commune,
                ", ".join(map(str, g.gained)),
                ", ".join(map(str, g.lost)),
                g.count_end,
            ],
        )
    ws3.column_dimensions["B"].width = 24
    if report.behind:
        ws4 = wb.create_sheet("Chậm tiến độ")
        for message in report.behind:
            append_row(ws4, [message])
        ws4.column_dimensions["A"].width = 90
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- The dashboard ------------------------------------------------------------

MEAN_FORMAT = "0.0"


@dataclass(frozen=True)
class DashboardSheet:
    """What the dashboard's workbook and print show (built by the view from its data)."""

    heading: str  # the body the figures are about: "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN"
    title: str  # "Tiến độ thực hiện Kế hoạch 2021–2025: Toàn tỉnh"
    plan_name: str
    as_of: dt.date
    progress: Progress
    metrics: list[tuple[str, str]]
    summary: list[tuple[Progress, YearRow]]
    summary_year: int


def _n(value):
    """A figure as a number cell (a Decimal as a float), None as an empty cell."""
    return float(value) if isinstance(value, Decimal) else value


def _bold_row(ws) -> None:
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _head(ws, sheet: DashboardSheet, subtitle: str) -> None:
    append_row(ws, [sheet.heading])
    ws["A1"].font = Font(bold=True)
    append_row(ws, [sheet.title])
    ws["A2"].font = Font(bold=True, size=13)
    append_row(ws, [sheet.plan_name])
    append_row(ws, [_("Số liệu tính đến ngày"), sheet.as_of])
    ws["B4"].number_format = DATE_FORMAT
    append_row(ws, [subtitle])
    ws["A5"].font = Font(italic=True)
    append_row(ws, [])


def _set_number_formats(ws, first_row: int, columns: dict[int, str]) -> None:
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            fmt = columns.get(cell.column)
            if fmt and isinstance(cell.value, int | float):
                cell.number_format = fmt


@in_official_language
def dashboard_xlsx(sheet: DashboardSheet) -> bytes:
    """The dashboard as a workbook: the yearly targets and results, the cumulative ones,
    and (for the province) each district's standing; every figure a number cell, every
    date a date cell, every text written safely (:mod:`emulation.cells`)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = "Từng năm"
    _head(
        ws,
        sheet,
        _("Chỉ tiêu và kết quả từng năm (tăng thêm trong năm); KH: kế hoạch, TH: thực hiện."),
    )
    header = [_("Năm")]
    plan, done = _("KH"), _("TH")
    for _key, label in sheet.metrics:
        header += [f"{label}: {plan}", f"{label}: {done}"]
    mean = str(METRIC_LABELS["mean"])
    districts = str(METRIC_LABELS["districts"])
    header += [f"{mean}: {plan}", f"{mean}: {done}"]
    header += [f"{districts}: {plan}", f"{districts}: {done}"]
    append_row(ws, header)
    header_row = ws.max_row
    _bold_row(ws)
    print_setup(ws, header_row=header_row)
    for r in sheet.progress.years:
        row: list = [r.year]
        for key, _label in sheet.metrics:
            row += [r.target.get(key), r.actual.get(key) if r.started else None]
        row += [
            _n(r.mean_target),
            round(r.mean_actual, 1) if r.mean_actual is not None else None,
            ", ".join(r.districts_target),
            ", ".join(r.districts_actual),
        ]
        append_row(ws, row)
    mean_col = 2 + 2 * len(sheet.metrics)
    _set_number_formats(ws, header_row + 1, {mean_col: MEAN_FORMAT, mean_col + 1: MEAN_FORMAT})
    ws.column_dimensions["A"].width = 10
    for col in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14

    ws2 = wb.create_sheet("Lũy kế")
    _head(ws2, sheet, _("Lũy kế đến cuối mỗi năm (thực hiện và chỉ tiêu lũy kế của Kế hoạch)."))
    header = [_("Năm")]
    cum_plan, cum_done = _("KH lũy kế"), _("TH lũy kế")
    for _key, label in sheet.metrics:
        header += [f"{label}: {cum_plan}", f"{label}: {cum_done}"]
    append_row(ws2, header)
    print_setup(ws2, header_row=ws2.max_row)
    _bold_row(ws2)
    for r in sheet.progress.years:
        row = [r.year]
        for key, _label in sheet.metrics:
            row += [r.cum_target.get(key), r.cum_actual.get(key) if r.started else None]
        append_row(ws2, row)
    for col in range(2, len(header) + 1):
        ws2.column_dimensions[get_column_letter(col)].width = 14

    if sheet.summary:
        ws3 = wb.create_sheet("Các huyện")
        _head(
            ws3,
            sheet,
            _("Các huyện, thành phố: lũy kế đến hết năm %(y)d") % {"y": sheet.summary_year},
        )
        header = [_("Huyện / thành phố")]
        for _key, label in sheet.metrics:
            header += [f"{label}: {done}", f"{label}: {plan}"]
        header += [f"{mean}: {done}", f"{mean}: {plan}", _("Hoàn thành NTM")]
        append_row(ws3, header)
        header_row = ws3.max_row
        print_setup(ws3, header_row=header_row)
        _bold_row(ws3)
        for p, r in sheet.summary:
            row = [p.label]
            for key, _label in sheet.metrics:
                row += [r.cum_actual.get(key), r.cum_target.get(key)]
            row += [
                round(r.mean_actual, 1) if r.mean_actual is not None else None,
                _n(r.mean_target),
                _("đã hoàn thành") if r.cum_districts_actual else _("chưa"),
            ]
            append_row(ws3, row)
        mean_col = 2 + 2 * len(sheet.metrics)
        _set_number_formats(ws3, header_row + 1, {mean_col: MEAN_FORMAT, mean_col + 1: MEAN_FORMAT})
        ws3.column_dimensions["A"].width = 28
    if sheet.progress.behind:
        ws4 = wb.create_sheet("Chậm tiến độ")
        for b in sheet.progress.behind:
            append_row(ws4, [b.message])
        ws4.column_dimensions["A"].width = 90
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- The yearly statistics of emulation and award work --------------------------


@in_official_language
def award_statistics_xlsx(
    *,
    tables: list[FormTable],
    year: int,
    period: tuple[dt.date, dt.date],
    reporter: str,
    due: dt.date,
) -> bytes:
    """Forms 0601–0605.N/BNV-TĐKT, one sheet each: the form's head (code, circular, due
    date, reporting and receiving units, period as date cells), its table (counts as
    number cells; empty where the app holds no such records) and its notes."""
    wb = Workbook()
    first = wb.active
    assert first is not None  # a new workbook has one sheet, active
    wb.remove(first)
    for table in tables:
        form = table.form
        ws = wb.create_sheet(form.code.split("/", 1)[0])
        append_row(ws, [_("Biểu số: %(c)s") % {"c": form.code}])
        ws["A1"].font = Font(bold=True)
        append_row(ws, [_("Ban hành kèm theo Thông tư số 02/2023/TT-BNV")])
        append_row(ws, [_("Ngày nhận báo cáo"), due])
        ws["B3"].number_format = DATE_FORMAT
        append_row(ws, [str(form.title).upper()])
        ws["A4"].font = Font(bold=True, size=13)
        append_row(
            ws, [_("Năm %(y)d") % {"y": year}, _("Từ ngày"), period[0], _("đến ngày"), period[1]]
        )
        ws["C5"].number_format = DATE_FORMAT
        ws["E5"].number_format = DATE_FORMAT
        append_row(ws, [_("Đơn vị báo cáo"), reporter])
        append_row(
            ws, [_("Đơn vị nhận báo cáo"), _("Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)")]
        )
        append_row(ws, [str(form.unit)])
        append_row(ws, [])
        append_row(ws, ["", *(str(col.label) for col in form.columns)])
        header_row = ws.max_row
        _bold_row(ws)
        print_setup(ws, header_row=header_row)
        for row, values in table.rows:
            label = ("    " * row.indent) + str(row.label)
            append_row(ws, [label, *values])
            if row.heading:
                ws.cell(row=ws.max_row, column=1).font = Font(italic=True)
        append_row(ws, [])
        if not table.has_source and form.no_source:
            append_row(ws, [str(form.no_source)])
        if form.note:
            append_row(ws, [str(form.note)])
        append_row(ws, [str(LAYOUT_NOTE)])
        append_row(ws, [str(PERIOD_NOTE)])
        ws.column_dimensions["A"].width = 60
        for col in range(2, len(form.columns) + 2):
            ws.column_dimensions[get_column_letter(col)].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

"""The district report of section V.2 as an Excel workbook (one sheet per part)."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from dossiers.documents.excel import DATE_FORMAT
from dossiers.documents.language import in_official_language
from emulation.cells import append_row, print_setup

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

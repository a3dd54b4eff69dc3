"""The district report of section V.2 as an Excel workbook (one sheet per part)."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from emulation.text import cell_text

from .report import DistrictReport


def district_report_xlsx(report: DistrictReport) -> bytes:
    """The district report as an Excel workbook (one sheet per part)."""
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, active
    ws.title = "Kết quả"
    ws.append([report.district.people_committee.upper()])
    ws.append([report.title])
    ws.append(
        [_("Từ %(a)s đến %(b)s") % {"a": f"{report.start:%d/%m/%Y}", "b": f"{report.end:%d/%m/%Y}"}]
    )
    ws["A1"].font = bold
    ws["A2"].font = Font(bold=True, size=13)
    ws.append([])
    header = [
        _("Chỉ tiêu"),
        _("Kế hoạch năm %(y)d") % {"y": report.year},
        _("Kết quả trong kỳ"),
        _("Lũy kế từ đầu năm"),
        _("Tỷ lệ so kế hoạch năm (%)"),
        _("Lũy kế từ 2021"),
        _("Kế hoạch lũy kế đến hết năm"),
    ]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in report.lines:
        ws.append(
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
            ]
        )
    ws.append([])
    ws.append(
        [
            _("Hoàn thành NTM cấp huyện"),
            _("kế hoạch năm %(y)d") % {"y": report.completion_planned_year}
            if report.completion_planned_year
            else "—",
            f"{report.completed_on:%d/%m/%Y}" if report.completed_on else _("chưa"),
        ]
    )
    ws.append(
        [
            _("Nợ đọng XDCB của huyện năm %(y)d") % {"y": report.year},
            "—"
            if report.district_debt is None
            else (_("có") if report.district_debt else _("không")),
        ]
    )
    ws.column_dimensions["A"].width = 48
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 16

    ws2 = wb.create_sheet("Xã, thôn đạt chuẩn")
    ws2.append([_("Xã"), _("Mức đạt chuẩn"), _("Số quyết định"), _("Ngày"), _("Cơ quan ban hành")])
    for r in report.recognitions:
        ws2.append(
            [
                cell_text(v)
                for v in (
                    r.commune,
                    r.level,
                    r.decision_number,
                    f"{r.decision_date:%d/%m/%Y}",
                    r.issuing_body,
                )
            ]
        )
    ws2.append([])
    ws2.append([_("Thôn"), _("Xã"), _("Số quyết định"), _("Ngày")])
    for v in report.villages:
        ws2.append(
            [
                cell_text(x)
                for x in (v.village, v.commune, v.decision_number, f"{v.decision_date:%d/%m/%Y}")
            ]
        )
    ws2.column_dimensions["A"].width = 28
    ws2.column_dimensions["B"].width = 28

    ws3 = wb.create_sheet("Tiêu chí trong kỳ")
    ws3.append(
        [
            _("Mã xã"),
            _("Xã"),
            _("Tiêu chí đạt mới"),
            _("Tiêu chí không còn đạt"),
            _("Số tiêu chí cuối kỳ"),
        ]
    )
    for g in report.gains:
        ws3.append(
            [
                g.code,
                g.commune,
                ", ".join(map(str, g.gained)),
                ", ".join(map(str, g.lost)),
                g.count_end,
            ]
        )
    ws3.column_dimensions["B"].width = 24
    if report.behind:
        ws4 = wb.create_sheet("Chậm tiến độ")
        for message in report.behind:
            ws4.append([message])
        ws4.column_dimensions["A"].width = 90
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

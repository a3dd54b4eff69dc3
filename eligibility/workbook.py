""" "Who qualifies" as a workbook: every unit of the page's filters (not one page), with
each title's status and the checks that failed. Written through :mod:`emulation.cells`
(text that looks like a formula stays text, control characters removed)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from emulation.cells import append_row, print_setup, set_cell
from emulation.labels import title_label

from .qualify import ELIGIBLE, MISSING_DATA, NEAR, PENDING, UnitResult

STATUS_LABELS = {
    ELIGIBLE: "Đủ điều kiện",
    PENDING: "Chờ thẩm định",
    NEAR: "Suýt đạt",
    MISSING_DATA: "Thiếu số liệu",
}


def _results(unit: UnitResult) -> tuple[str, str]:
    titles, reasons = [], []
    for r in unit.results:
        if r.status in STATUS_LABELS:
            titles.append(f"{title_label(r.title.value)}: {_(STATUS_LABELS[r.status])}")
        if r.status in (NEAR, MISSING_DATA):
            why = r.verdict.error or "; ".join(c.message for c in r.failed)
            reasons.append(f"{title_label(r.title.value)}: {why}")
    return "\n".join(titles) or _("Chưa đủ điều kiện danh hiệu nào"), "\n".join(reasons)


def who_qualifies_xlsx(
    *, heading: str, districts: Sequence[UnitResult], communes: Sequence[UnitResult]
) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl takes ~0.3 s to import; loaded only for an export

    book = Workbook()
    ws = book.worksheets[0]
    ws.title = _("Đủ điều kiện khen")
    set_cell(ws, 1, 1, heading)
    header = [
        _("STT"),
        _("Đơn vị"),
        _("Huyện / thành phố"),
        _("ĐBKK"),
        _("Số tiêu chí đạt"),
        _("Danh hiệu và kết quả"),
        _("Lý do chưa đạt, thiếu số liệu"),
    ]
    append_row(ws, [])
    append_row(ws, header)
    number = 0
    for unit in [*districts, *communes]:
        number += 1
        titles, reasons = _results(unit)
        district = getattr(unit.unit, "district", None)
        append_row(
            ws,
            [
                number,
                str(unit.unit),
                str(district) if district is not None else "",
                "x" if getattr(unit.unit, "extremely_difficult", False) else "",
                unit.criteria_now if unit.kind == "commune" else None,
                titles,
                reasons,
            ],
        )
    for column, width in zip("ABCDEFG", (6, 30, 24, 7, 10, 50, 60), strict=True):
        ws.column_dimensions[column].width = width
    print_setup(ws, header_row=3)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

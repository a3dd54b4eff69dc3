"""Values written into exported workbooks (openpyxl), safe and typed.

Names and notes come from users: a name beginning with "=" would become a live formula
in the cell (openpyxl writes such a string as a formula), and one beginning with "+",
"-", "@" or a tab is read as one when the sheet is saved as CSV and opened again (CSV
injection, OWASP). :func:`cell_value` removes control characters (an XML 1.0 file cannot
hold them, openpyxl refuses them) and normalises to NFC; :func:`set_cell` and
:func:`append_row` write such a string as text, with Excel's quote prefix, so that it is
shown as typed and stays text when edited. Dates and numbers stay dates and numbers.

The import side (reading workbooks users upload) is another module's concern.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls except tab and line feed, DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """NFC, without control characters (a tab or a line break is kept inside the text)."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text).replace("\r\n", "\n"))


def cell_value(value: Any) -> Any:
    """A value ready for a cell: text cleaned, anything else as it is."""
    return clean_text(value) if isinstance(value, str) else value


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(cell) -> None:
    """Keep the cell's string a string: never a formula, shown as typed."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def set_cell(ws, row: int, column: int, value: Any):
    """Write ``value`` into a cell safely (see the module); the cell."""
    cell = ws.cell(row=row, column=column, value=cell_value(value))
    as_text(cell)
    return cell


def append_row(ws, values: Iterable[Any]) -> None:
    """``ws.append`` with every value written safely."""
    ws.append([cell_value(v) for v in values])
    for cell in ws[ws.max_row]:
        as_text(cell)


def print_setup(ws, *, header_row: int) -> None:
    """Landscape A4, one page wide, the header row repeated on every page."""
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

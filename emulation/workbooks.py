"""Uploaded workbooks read within bounds.

An .xlsx is a zip of XML. A small file can declare a sheet of ``A1:XFD20000`` (openpyxl
then pads every row to 16,384 columns) or expand a hundredfold when unzipped. Imports
therefore read through :func:`workbook_rows`: the archive's declared sizes are checked
before any XML is parsed, the sheet is read lazily (read-only mode) ignoring its declared
dimensions, at most ``max_cols`` columns of at most ``max_rows`` rows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator

from .text import nfc

# A 2 MB upload (DataFileValidator) of honest spreadsheet XML unzips to about 20 MB.
MAX_EXPANDED_BYTES = 50 * 1024 * 1024
# Spreadsheet XML compresses about 10:1; a member of 100:1 is built to expand.
MAX_RATIO = 100
# Members this small are never a threat, whatever their ratio (a 1 KB styles file).
RATIO_FLOOR_BYTES = 1024 * 1024


class WorkbookRefused(ValueError):
    """The file is not a workbook we read: the message says why, in Vietnamese."""


def check_archive(data: bytes) -> None:
    """Refuse a zip whose members would expand too far, before parsing any of them."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise WorkbookRefused("Không đọc được tệp Excel (.xlsx).") from exc
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise WorkbookRefused("Tệp Excel nén bất thường (giải nén quá lớn); không đọc.")
    if total > MAX_EXPANDED_BYTES:
        raise WorkbookRefused("Tệp Excel giải nén quá 50 MB; hãy chia nhỏ.")


def workbook_rows(data: bytes, *, max_rows: int, max_cols: int) -> Iterator[tuple[object, ...]]:
    """The first sheet's rows (values), each exactly ``max_cols`` wide, at most
    ``max_rows`` of them; the caller asks one more than it accepts to detect an
    over-long file. Raises :class:`WorkbookRefused` for an archive built to expand."""
    from openpyxl import load_workbook  # noqa: PLC0415 - openpyxl takes ~0.3 s to import; loaded only when a workbook is read

    check_archive(data)
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = wb.worksheets[0]
        # the declared <dimension> is the file's claim, not its content
        sheet.reset_dimensions()
        yield from sheet.iter_rows(min_row=1, max_row=max_rows, max_col=max_cols, values_only=True)
    finally:
        wb.close()


def read_text(value: object) -> str:
    """A cell read as text: empty for an empty cell, ``12`` for a whole number stored as
    ``12.0``, NFC-normalised and stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def read_date(value: object) -> dt.date | None:
    """A cell read as a date: a date cell, or text as dd/mm/yyyy (or with "-" or "."), or
    yyyy-mm-dd; ``None`` when it is none of them."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = read_text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None

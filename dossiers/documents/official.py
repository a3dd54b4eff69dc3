"""The parts of an administrative document that Nghị định 30/2020/NĐ-CP fixes.

Plain data for the templates (``templates/documents/official.html``): who issues
the document, its number and symbol, place and date, type and summary, the
recipients and the signer. Formatting rules of the decree live here:

- "Số: 05/TTr-UBND": numbers under 10 take a leading zero;
- "Bạch Thông, ngày 05 tháng 01 năm 2024": days under 10 and months under 3
  take a leading zero (Phụ lục I, mục 4.b); an unknown date leaves blanks to
  be written by hand, as on a draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .pdf import text_width_mm

BLANK = "\u00a0" * 6  # room for a hand-written figure on a draft

# The body names top left sit in a column of 42% of the 165 mm text width (document.css),
# 69 mm: a name line prints at 13 pt, at 12 pt (the decree's smallest size) if it does
# not fit, and broken after a joining word if it still does not ("SỞ NÔNG NGHIỆP VÀ /
# PHÁT TRIỂN NÔNG THÔN"); a name with no such place is left whole for the renderer.
HEAD_COLUMN_MM = 68.0  # the column less a margin
FULL_SIZE_PT, SMALL_SIZE_PT = 13, 12
BREAK_AFTER = frozenset({"VÀ"})


def head_width_mm(text: str, *, size_pt: float, bold: bool) -> float:
    """Width of a line of the head in the document font (or an estimate without one)."""
    width = text_width_mm(text, size_pt=size_pt, bold=bold)
    if width is None:  # capitals of Times New Roman: about 0.8 em each
        width = len(text) * size_pt * 0.8 * 25.4 / 72
    return width


def fits_head(text: str, *, bold: bool, size_pt: float = SMALL_SIZE_PT) -> bool:
    return head_width_mm(text.upper(), size_pt=size_pt, bold=bold) <= HEAD_COLUMN_MM


@dataclass(frozen=True)
class HeadLine:
    text: str
    small: bool = False  # printed at 12 pt rather than 13 pt to stay on one line


def head_lines(text: str, *, bold: bool) -> list[HeadLine]:
    """The lines of a body's name in capitals, each on one line where it can be."""
    lines: list[str] = []
    for line in text.upper().splitlines():
        words = line.split()
        while not fits_head(" ".join(words), bold=bold):
            breaks = [
                i
                for i in range(1, len(words))
                if words[i - 1] in BREAK_AFTER and fits_head(" ".join(words[:i]), bold=bold)
            ]
            if not breaks:
                break
            rest = len(" ".join(words))  # cut at the most even of the places
            cut = min(breaks, key=lambda i: abs(len(" ".join(words[:i])) * 2 - rest))
            lines.append(" ".join(words[:cut]))
            words = words[cut:]
        if words:
            lines.append(" ".join(words))
    return [
        HeadLine(line, small=not fits_head(line, bold=bold, size_pt=FULL_SIZE_PT)) for line in lines
    ]


def number_symbol(number: int | str | None, symbol: str) -> str:
    """ "05/TTr-UBND"; a document not yet numbered leaves room for the number."""
    if number is None or number == "":
        return f"{BLANK}/{symbol}"
    if isinstance(number, str) and number.isdigit():
        number = int(number)
    if isinstance(number, int):
        return f"{number:02d}/{symbol}"
    return f"{number}/{symbol}"


def split_number(text: str, default_symbol: str) -> tuple[int | str | None, str]:
    """ "5/TTr-UBND" -> (5, "TTr-UBND"); "12" -> (12, default); "" -> (None, default)."""
    text = (text or "").strip()
    if not text:
        return None, default_symbol
    number, _sep, symbol = text.partition("/")
    number = number.strip()
    value: int | str = int(number) if number.isdigit() else number
    return value, (symbol.strip() or default_symbol)


def day_month(date: dt.date) -> tuple[str, str]:
    day = f"{date.day:02d}" if date.day < 10 else str(date.day)
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return day, month


def long_date(date: dt.date | None, *, year: int | None = None) -> str:
    """ "ngày 05 tháng 01 năm 2024"; blanks for a date a person will write."""
    if date is None:
        y = str(year) if year else BLANK
        return _("ngày %(d)s tháng %(m)s năm %(y)s") % {"d": BLANK, "m": BLANK, "y": y}
    day, month = day_month(date)
    return _("ngày %(d)s tháng %(m)s năm %(y)s") % {"d": day, "m": month, "y": date.year}


def short_date(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


def place_date(place: str, date: dt.date | None, *, year: int | None = None) -> str:
    return f"{place}, {long_date(date, year=year)}"


@dataclass
class Signer:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"."""

    authority: str = ""  # TM. ... (on behalf of a collective body), may be empty
    deputy: str = ""  # KT. CHỦ TỊCH when a deputy signs, may be empty
    title: str = ""  # CHỦ TỊCH / PHÓ CHỦ TỊCH / GIÁM ĐỐC
    name: str = ""  # empty: left for the signer to write

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.authority, self.deputy, self.title) if line]


@dataclass
class DocumentHead:
    """Everything around the body of an official document."""

    issuing_body: str  # "Ủy ban nhân dân\nhuyện Bạch Thông" (bold, may be two lines)
    symbol: str  # "TTr-UBND"
    place: str  # "Bạch Thông"
    doc_type: str  # "TỜ TRÌNH"; empty for a công văn (then summary goes under the number)
    summary: str
    superior_body: str = ""  # "UBND tỉnh Bắc Kạn" (not bold), empty when none (bodies.py)
    number: int | str | None = None
    date: dt.date | None = None
    year: int | None = None  # printed in a blank date: "ngày … tháng … năm 2024"
    addressees: list[str] = field(default_factory=list)  # Kính gửi: …
    recipients: list[str] = field(default_factory=list)  # Nơi nhận (last: "Lưu: VT, …")
    signer: Signer = field(default_factory=Signer)

    @property
    def number_line(self) -> str:
        return _("Số: %(n)s") % {"n": number_symbol(self.number, self.symbol)}

    @property
    def place_date(self) -> str:
        return place_date(self.place, self.date, year=self.year)

    @property
    def issuing_lines(self) -> list[HeadLine]:
        """The issuing body: capitals, bold, a short rule under it."""
        return head_lines(self.issuing_body, bold=True)

    @property
    def superior_lines(self) -> list[HeadLine]:
        """The superior body (tên cơ quan chủ quản), above the issuing body: capitals, not bold."""
        return head_lines(self.superior_body, bold=False)

    @property
    def reference(self) -> str:
        """ "Tờ trình số 05/TTr-UBND ngày 05/01/2024" for annex headings."""
        kind = self.doc_type.capitalize() if self.doc_type else _("Văn bản")
        text = _("%(kind)s số %(n)s") % {"kind": kind, "n": number_symbol(self.number, self.symbol)}
        if self.date:
            text += " " + _("ngày %(d)s") % {"d": short_date(self.date)}
        return text

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

BLANK = "\u00a0" * 6  # room for a hand-written figure on a draft


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

    issuing_body: str  # "ỦY BAN NHÂN DÂN\nHUYỆN BẠCH THÔNG" (bold, may be two lines)
    symbol: str  # "TTr-UBND"
    place: str  # "Bạch Thông"
    doc_type: str  # "TỜ TRÌNH"; empty for a công văn (then summary goes under the number)
    summary: str
    superior_body: str = ""  # "UBND TỈNH BẮC KẠN" (not bold), empty when none
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
    def issuing_lines(self) -> list[str]:
        return [line for line in self.issuing_body.upper().splitlines() if line.strip()]

    @property
    def superior_lines(self) -> list[str]:
        return [line for line in self.superior_body.upper().splitlines() if line.strip()]

    @property
    def reference(self) -> str:
        """ "Tờ trình số 05/TTr-UBND ngày 05/01/2024" for annex headings."""
        kind = self.doc_type.capitalize() if self.doc_type else _("Văn bản")
        text = _("%(kind)s số %(n)s") % {"kind": kind, "n": number_symbol(self.number, self.symbol)}
        if self.date:
            text += " " + _("ngày %(d)s") % {"d": short_date(self.date)}
        return text

"""Money in Vietnamese đồng as people type and read it.

Accepted: "200.000.000", "200000000", "200 000 000", "200,000,000",
"200 triệu", "1,5 tỷ", "45 nghìn" / "45 ngàn", optionally followed by "đ",
"đồng" or "VND". Amounts are whole đồng (int).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# A single contribution above this is certainly a typing mistake for the
# movement (10.000 tỷ đồng); the form says so instead of storing it.
MAX_VND = 10_000_000_000_000
# digits an amount may be typed with (10 nghìn tỷ has 14; decimals with a unit add 2)
MAX_DIGITS = 20

_UNITS = {
    "tỷ": 1_000_000_000,
    "ty": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "triệu": 1_000_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "nghìn": 1_000,
    "nghin": 1_000,
    "ngàn": 1_000,
    "ngan": 1_000,
}
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd|dong)\s*$", re.IGNORECASE)
_NUMBER_WITH_UNIT = re.compile(r"^(?P<num>[0-9][0-9.,\s]*)\s*(?P<unit>[^\d\s.,]+)?$")


class MoneyError(ValueError):
    """The text is not an amount of money; the message is Vietnamese for the form."""


def parse_vnd(text: str | int | None) -> int | None:
    """Parse a user's amount into whole đồng; None for empty input.

    Raises MoneyError with a Vietnamese message for anything else.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise MoneyError("Số tiền không hợp lệ.")
    if isinstance(text, int):
        value = text
    else:
        s = unicodedata.normalize("NFC", str(text)).strip().lower()
        if not s:
            return None
        if s.startswith("-") or s.startswith("−"):
            raise MoneyError("Số tiền không được âm.")
        s = _CURRENCY.sub("", s).strip()
        if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
            # before any int(): Python refuses over 4,300 digits, and no amount has 20
            raise MoneyError(
                f"Số tiền có quá {MAX_DIGITS} chữ số (tối đa {format_vnd(MAX_VND)}); kiểm tra lại."
            )
        m = _NUMBER_WITH_UNIT.match(s)
        if not m:
            raise MoneyError(
                "Số tiền không hợp lệ. Nhập ví dụ: 200.000.000 hoặc 200000000 hoặc 200 triệu."
            )
        num, unit = m.group("num").strip(), m.group("unit")
        if unit is not None:
            if unit not in _UNITS:
                raise MoneyError(f"Không hiểu đơn vị “{unit}”. Dùng: nghìn, triệu, tỷ.")
            # With a unit, "," or "." before 1-2 trailing digits is a decimal mark: 1,5 tỷ.
            normalized = num.replace(" ", "")
            if re.fullmatch(r"\d+([.,]\d{1,2})?", normalized):
                normalized = normalized.replace(",", ".")
            elif re.fullmatch(r"\d{1,3}([.,]\d{3})+", normalized):
                normalized = re.sub(r"[.,]", "", normalized)
            else:
                raise MoneyError("Số tiền không hợp lệ.")
            try:
                amount = Decimal(normalized) * _UNITS[unit]
            except InvalidOperation as exc:
                raise MoneyError("Số tiền không hợp lệ.") from exc
            if amount != amount.to_integral_value():
                raise MoneyError("Số tiền phải là số đồng nguyên.")
            value = int(amount)
        else:
            compact = num.replace(" ", "")
            if re.fullmatch(r"\d+", compact):
                value = int(compact)
            elif re.fullmatch(r"\d{1,3}(\.\d{3})+", compact) or re.fullmatch(
                r"\d{1,3}(,\d{3})+", compact
            ):
                value = int(re.sub(r"[.,]", "", compact))
            else:
                raise MoneyError(
                    "Số tiền không hợp lệ. Nhập ví dụ: 200.000.000 hoặc 200000000 hoặc 200 triệu."
                )
    if value < 0:
        raise MoneyError("Số tiền không được âm.")
    if value > MAX_VND:
        raise MoneyError(f"Số tiền quá lớn (trên {format_vnd(MAX_VND)}); kiểm tra lại.")
    return value


def format_vnd(value: int | Decimal | None, suffix: str = " đ") -> str:
    """200000000 -> "200.000.000 đ"."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(int(value)):,}".replace(",", ".") + suffix


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """Vietnamese number: 1.234,5."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")

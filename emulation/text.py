"""Vietnamese text helpers: NFC normalisation and diacritics-insensitive search keys."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

# Invisible characters removed from typed text: they make two equal names compare
# different ("Ng\u200buyễn") or reorder what is shown (RLO): zero-width space, non-joiner,
# joiner, word joiner, BOM, soft hyphen, Mongolian vowel separator, the bidirectional
# marks, embeddings, overrides and isolates.
INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
# Line breaks and tabs are typed (a note has lines); any other control character is not.
_TYPED_CONTROLS = frozenset("\t\n\r")
CONTROL_MESSAGE = "Có ký tự điều khiển không hợp lệ (mã {code}); hãy gõ lại phần này."


class ControlCharacter(ValueError):
    """Text holding a control character nobody types; ``code`` says which ("U+0007")."""

    def __init__(self, code: str) -> None:
        super().__init__(CONTROL_MESSAGE.format(code=code))
        self.code = code


def clean_text(text: str | None) -> str:
    """Text as typed, made comparable: NFC, the invisible characters removed. Raises
    :class:`ControlCharacter` (a Vietnamese message) for other control characters."""
    text = nfc(text)
    for ch in text:
        if ch not in _TYPED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs"):
            raise ControlCharacter(f"U+{ord(ch):04X}")
    return text


def control_character(text: str | None) -> str:
    """The message for a control character in ``text`` (an import's cell), or ""."""
    try:
        clean_text(text)
    except ControlCharacter as exc:
        return str(exc)
    return ""


def nfc(text: str | None) -> str:
    """User text is stored in NFC so that "Bể" typed on any keyboard compares equal, and
    without invisible characters (zero-width, bidirectional controls, soft hyphen)."""
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text or ""))


# What a workbook cell cannot hold (openpyxl refuses it): C0 controls but tab and line breaks.
# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_NOT_IN_A_CELL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def cell_text(value: Any) -> Any:
    """A value for a workbook cell: text in NFC with the control characters a cell cannot
    hold dropped (text stored before input was checked must not break an export); other
    values unchanged."""
    if isinstance(value, str):
        return _NOT_IN_A_CELL.sub("", unicodedata.normalize("NFC", value))
    return value


def fold(text: str | None) -> str:
    """A search key without diacritics or invisible characters: "Ba Bể" -> "ba be",
    "Đồn" -> "don", "Ng\u200buyễn" -> "nguyen"."""
    decomposed = unicodedata.normalize("NFD", _INVISIBLE_RE.sub("", text or ""))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


def parse_day(text: str | None) -> dt.date | None:
    """A date typed as 31/12/2023 (or 2023-12-31); None when it is not one."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def has_nul(pairs: Any) -> bool:
    """True when a key or value of a QueryDict (every value of a key) or a dict holds NUL."""
    if hasattr(pairs, "lists"):
        items = ((key, value) for key, values in pairs.lists() for value in values)
    else:
        items = pairs.items()
    return any("\x00" in key or "\x00" in str(value) for key, value in items)


def reject_nul(request: Any) -> None:
    """A form body (fields and uploaded file names) holding NUL: SuspiciousOperation (400)."""
    from django.core.exceptions import SuspiciousOperation  # noqa: PLC0415 - this module is otherwise free of Django

    if has_nul(request.POST) or any(
        "\x00" in (upload.name or "") for upload in request.FILES.values()
    ):
        raise SuspiciousOperation("NUL character in the form")

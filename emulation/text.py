"""Vietnamese text helpers: NFC normalisation and diacritics-insensitive search keys."""

from __future__ import annotations

import datetime as dt
import unicodedata


def nfc(text: str | None) -> str:
    """User text is stored in NFC so that "Bể" typed on any keyboard compares equal."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str | None) -> str:
    """A search key without diacritics: "Ba Bể" -> "ba be", "Đồn" -> "don"."""
    decomposed = unicodedata.normalize("NFD", text or "")
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

"""Vietnamese text helpers: NFC normalisation and diacritics-insensitive search keys."""

from __future__ import annotations

import unicodedata


def nfc(text: str | None) -> str:
    """User text is stored in NFC so that "Bể" typed on any keyboard compares equal."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str | None) -> str:
    """A search key without diacritics: "Ba Bể" -> "ba be", "Đồn" -> "don"."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())

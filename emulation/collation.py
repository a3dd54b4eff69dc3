"""Vietnamese alphabetical order, as in a Vietnamese dictionary.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y: "Đ" is a
letter of its own after "D" (a database's collation puts it after "Z"). Names compare
word by word; within a word the letters count first, then the tone (ngang, huyền, hỏi,
ngã, sắc, nặng: "Ba" < "Bà" < "Bá" < "Bác"), then case.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.utils.translation import gettext as _

T = TypeVar("T")

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: i for i, letter in enumerate(ALPHABET)}
# combining marks that make a letter of its own (ă, â, ê, ô, ơ, ư)
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# the tones in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def collation_key(text: str | None) -> tuple[tuple[Any, ...], ...]:
    """A sort key giving Vietnamese dictionary order: word by word (syllables), each by
    its letters, then its tone, then case."""
    return tuple(_syllable_key(word) for word in unicodedata.normalize("NFC", text or "").split())


def _syllable_key(word: str) -> tuple[Any, ...]:
    if word.isdecimal():
        return ((0, int(word)),), (), ()  # "Phường 2" before "Phường 10"
    letters: list[tuple[int, Any]] = []
    tones: list[int] = []
    case: list[bool] = []
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
        letter = unicodedata.normalize(
            "NFC", base + "".join(m for m in marks if m in _LETTER_MARKS)
        )
        lower = letter.lower()
        case.append(letter != lower)
        if lower in _RANK:
            letters.append((1, _RANK[lower]))
        elif lower.isdigit():
            letters.append((0, int(lower)))  # digits before letters
        else:
            letters.append((2, lower))
    return tuple(letters), tuple(tones), tuple(case)


def vietnamese_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    return sorted(items, key=lambda item: collation_key(key(item)))


def order_choices(
    field: Any,
    *,
    label: Callable[[Any], str] | None = None,
    group: Callable[[Any], str | None] | None = None,
) -> None:
    """Give a ModelChoiceField its options in Vietnamese order (one query, now), grouped
    under ``group(obj)`` (e.g. the commune's district; groups in Vietnamese order too)
    when given; validation still goes through the field's queryset."""
    label = label or field.label_from_instance
    rows = vietnamese_sorted(field.queryset, key=label)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    if group is None:
        field.choices = [*empty, *((row.pk, label(row)) for row in rows)]
        return
    groups: dict[str, list[tuple[Any, str]]] = {}
    for row in rows:
        groups.setdefault(group(row) or "", []).append((row.pk, label(row)))
    ordered = vietnamese_sorted(groups.items(), key=lambda kv: kv[0])
    field.choices = [*empty, *((name, options) for name, options in ordered)]


def make_searchable(field: Any) -> None:
    """A search box above the field's drop-down (static/js/select-filter.js)."""
    field.widget.attrs["data-searchable"] = "1"
    field.widget.attrs["data-search-label"] = _("Tìm trong danh sách (có dấu hoặc không dấu)")

"""Filters for official documents: {{ 5|nn }} -> "05", {{ 4|roman }} -> "IV"."""

from django import template

register = template.Library()

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


@register.filter
def nn(value):
    """Counts under 10 take a leading zero in documents: "05 tập thể"."""
    try:
        return f"{int(value):02d}"
    except (TypeError, ValueError):
        return ""


@register.filter
def roman(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    out = []
    for size, letters in _ROMAN:
        while number >= size:
            out.append(letters)
            number -= size
    return "".join(out)

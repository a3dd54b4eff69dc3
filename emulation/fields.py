"""Form fields shared by every app."""

from __future__ import annotations

from django import forms

from .money import MoneyError, format_vnd, parse_vnd


class VNDInput(forms.TextInput):
    """Shows an amount as "200.000.000" and lets the user type it any usual way."""

    input_type = "text"

    def __init__(self, attrs=None):
        base = {"inputmode": "numeric", "placeholder": "vd. 200.000.000", "autocomplete": "off"}
        base.update(attrs or {})
        super().__init__(base)

    def format_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_vnd(value, suffix="")
        return super().format_value(value)


class VNDField(forms.Field):
    """An amount in đồng: accepts "200.000.000", "200000000", "200 triệu"."""

    widget = VNDInput

    def to_python(self, value):
        try:
            return parse_vnd(value)
        except MoneyError as exc:
            raise forms.ValidationError(str(exc), code="invalid_money") from exc

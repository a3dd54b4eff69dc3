"""Form fields shared by every app."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .money import MoneyError, format_vnd, parse_vnd
from .text import ControlCharacter, clean_text

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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


DATA_FILE_MAX_BYTES = 2 * 1024 * 1024


class DataFileValidator:
    """A data file to import (villages, criteria): not over 2 MB, not empty, and named
    with one of ``extensions``; ``wrong_type`` says which files are taken. The file's
    content is read, and refused if unreadable, by the import itself."""

    def __init__(self, extensions: tuple[str, ...], wrong_type: StrOrPromise) -> None:
        self.extensions = tuple(e.lower() for e in extensions)
        self.wrong_type = wrong_type

    def __call__(self, upload) -> None:
        if upload.size > DATA_FILE_MAX_BYTES:
            raise ValidationError(_("Tệp lớn quá 2 MB."), code="too_large")
        if upload.size == 0:
            raise ValidationError(_("Tệp rỗng."), code="empty")
        if not upload.name.lower().endswith(self.extensions):
            raise ValidationError(self.wrong_type, code="file_type")


class DataFileField(forms.FileField):
    """The upload field of an import form: a data file checked by :class:`DataFileValidator`."""

    def __init__(
        self, *, label, extensions: tuple[str, ...], wrong_type: StrOrPromise, **kwargs
    ) -> None:
        kwargs.setdefault("help_text", _("Tải mẫu ở trên; tối đa 2 MB."))
        super().__init__(
            label=label, validators=[DataFileValidator(extensions, wrong_type)], **kwargs
        )


def _clean_typed_text(field: forms.CharField, value: str) -> str | None:
    """What every text field of every form does to what was typed (issue 18): NFC, the
    invisible characters removed, other control characters refused beside the field.
    Passwords are left exactly as typed."""
    if not value or isinstance(field.widget, forms.PasswordInput):
        return value
    try:
        value = clean_text(value)
    except ControlCharacter as exc:
        raise ValidationError(
            _("Có ký tự điều khiển không hợp lệ (mã %(code)s); hãy gõ lại phần này."),
            code="control_character",
            params={"code": exc.code},
        ) from exc
    if field.strip:
        value = value.strip()
    return value if value else field.empty_value


def install_text_cleaning() -> None:
    """Make every ``forms.CharField`` (and its subclasses: e-mail, slug, model forms'
    generated fields, Django's own forms) clean typed text with :func:`_clean_typed_text`,
    and every ``forms.DateField`` refuse a year outside EARLIEST_YEAR..today+YEARS_AHEAD.
    Installed once at start-up (EmulationConfig.ready); one place rather than a mixin on
    each of the project's forms, so that no field is forgotten."""
    if getattr(forms.CharField.to_python, "cleans_typed_text", False):
        return
    original = forms.CharField.to_python

    def to_python(self, value):
        value = original(self, value)
        return _clean_typed_text(self, value) if isinstance(value, str) else value

    to_python.cleans_typed_text = True  # type: ignore[attr-defined]
    forms.CharField.to_python = to_python  # type: ignore[method-assign]
    _install_date_bounds()


# No date the app records (a decision, an assessment, a law, a unit's validity) is before
# this year, nor more than this many years ahead: 01/01/0001 or 31/12/9999 is a typing
# slip or an attack. Forms narrow further (not after today; within the plan's period).
EARLIEST_YEAR = 1900
YEARS_AHEAD = 10


def _install_date_bounds() -> None:
    original = forms.DateField.to_python

    def to_python(self, value):
        day = original(self, value)
        if day is not None:
            last = dt.date.today().year + YEARS_AHEAD
            if not EARLIEST_YEAR <= day.year <= last:
                raise ValidationError(
                    _("Ngày phải trong khoảng năm %(a)s đến năm %(b)s."),
                    code="date_out_of_range",
                    params={"a": EARLIEST_YEAR, "b": last},
                )
        return day

    forms.DateField.to_python = to_python  # type: ignore[method-assign]


def rebind_version(form: forms.BaseForm, field: str, version: int) -> None:
    """After a stale save is refused, the bound form stands on the ``version`` now saved
    (its hidden ``field``), what was typed kept: saving again is a deliberate choice."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data[field] = str(version)
    form.data = data

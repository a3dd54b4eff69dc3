"""Form fields shared by every app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .money import MoneyError, format_vnd, parse_vnd

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

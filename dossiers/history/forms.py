"""The award history's search form, the form of one lower-level award, the import's upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.fields import DataFileField

from ..forms import DateInput
from .models import AwardForm, RecipientKind
from .selectors import FORMS, LEVELS


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tên tập thể, cá nhân"), required=False, max_length=100)
    don_vi = forms.CharField(label=_("Đơn vị, địa chỉ"), required=False, max_length=100)
    nam = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    cap = forms.ChoiceField(label=_("Cấp khen"), required=False)
    hinh_thuc = forms.ChoiceField(label=_("Hình thức"), required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["nam"].choices = everything + [(str(y), str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["cap"].choices = everything + list(LEVELS.items())  # type: ignore[attr-defined]
        self.fields["hinh_thuc"].choices = everything + list(FORMS.items())  # type: ignore[attr-defined]


class LowerAwardForm(forms.Form):
    recipient_kind = forms.ChoiceField(
        label=_("Loại đối tượng"), choices=[("", "—"), *RecipientKind.choices]
    )
    name = forms.CharField(label=_("Tên tập thể, cá nhân"), max_length=255)
    unit = forms.CharField(label=_("Đơn vị công tác, địa chỉ"), max_length=255, required=False)
    award_form = forms.ChoiceField(
        label=_("Hình thức khen"), choices=AwardForm.choices, initial=AwardForm.GIAY_KHEN
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=DateInput(), input_formats=["%d/%m/%Y"]
    )
    achievement = forms.CharField(
        label=_("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)


class ImportForm(forms.Form):
    file = DataFileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        extensions=(".xlsx",),
        wrong_type=_("Chỉ nhận tệp Excel .xlsx."),
    )

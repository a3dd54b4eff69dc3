"""Entry forms of district staff: assessments, corrections, recognitions, XDCB debt, imports."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from communes.models import Village
from emulation.fields import DataFileField
from emulation.uploads import UploadError, check_upload

from .models import CommuneGroupChoice, CriteriaSet, Criterion, Indicator, Level

MET_CHOICES = [("1", _("Đạt")), ("0", _("Không đạt"))]
DATE_HELP = _("Ngày/tháng/năm, ví dụ 15/06/2023.")


class DateInput(forms.DateInput):
    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off", **(attrs or {})},
            format="%d/%m/%Y",
        )


def _not_future(value: dt.date) -> dt.date:
    """Not after today, and (as the import requires) not before 2000."""
    if value and value > dt.date.today():
        raise forms.ValidationError(_("Ngày không được sau hôm nay."))
    if value and value.year < 2000:
        raise forms.ValidationError(_("Ngày không được trước năm 2000."))
    return value


def _evidence_ok(upload):
    """Evidence is checked by content as dossier attachments are: PDF, JPEG, PNG or DOCX
    whatever its name says, not empty, within the size limit."""
    if not upload:
        return upload
    try:
        check_upload(upload)
    except UploadError as exc:
        raise forms.ValidationError(str(exc), code="file_type") from exc
    return upload


def criterion_choices(
    first_set_id: int | None = None,
) -> tuple[list[tuple[str, list[tuple[int, str]]]], dict[int, Criterion]]:
    """Every criterion grouped by set, the set ``first_set_id`` first, then the newest
    sets; and the criteria by id. One query."""
    criteria = list(Criterion.objects.select_related("criteria_set").order_by("number"))
    sets = {c.criteria_set_id: c.criteria_set for c in criteria}
    order = sorted(
        sets.values(),
        key=lambda s: (s.pk != first_set_id, -(s.valid_from.toordinal() if s.valid_from else 0)),
    )
    choices = [
        (
            f"{s.name} — {s.legal_basis} ({s.period_label})",
            [(c.pk, str(c)) for c in criteria if c.criteria_set_id == s.pk],
        )
        for s in order
    ]
    return choices, {c.pk: c for c in criteria}


class AssessmentForm(forms.Form):
    """The criterion is chosen among every set's; the service refuses one whose set is
    not in force on the date, beside this field."""

    criterion = forms.TypedChoiceField(label=_("Tiêu chí"), coerce=int)
    assessed_on = forms.DateField(label=_("Ngày đánh giá"), widget=DateInput, help_text=DATE_HELP)
    met = forms.TypedChoiceField(
        label=_("Kết quả"), choices=MET_CHOICES, coerce=lambda v: v == "1", widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Căn cứ, ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: số, ngày văn bản thẩm định."),
    )
    evidence = forms.FileField(label=_("Tệp minh chứng (không bắt buộc)"), required=False)

    def __init__(self, *args, first_set_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices, self.criteria = criterion_choices(first_set_id)
        field = self.fields["criterion"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices

    def clean_criterion(self) -> Criterion:
        return self.criteria[self.cleaned_data["criterion"]]

    def clean_assessed_on(self):
        return _not_future(self.cleaned_data["assessed_on"])

    def clean_evidence(self):
        return _evidence_ok(self.cleaned_data.get("evidence"))


class CorrectionForm(forms.Form):
    assessed_on = forms.DateField(label=_("Ngày đánh giá"), widget=DateInput, help_text=DATE_HELP)
    met = forms.TypedChoiceField(
        label=_("Kết quả"), choices=MET_CHOICES, coerce=lambda v: v == "1", widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Lý do đính chính"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc: dòng cũ vẫn được giữ trong lịch sử."),
    )
    evidence = forms.FileField(label=_("Tệp minh chứng mới (không bắt buộc)"), required=False)

    def clean_assessed_on(self):
        return _not_future(self.cleaned_data["assessed_on"])

    def clean_evidence(self):
        return _evidence_ok(self.cleaned_data.get("evidence"))


class RecognitionForm(forms.Form):
    level = forms.ChoiceField(label=_("Mức đạt chuẩn"), choices=Level.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=DateInput, help_text=DATE_HELP
    )
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=150, initial="UBND tỉnh")

    def clean_decision_date(self):
        return _not_future(self.cleaned_data["decision_date"])


class VillageRecognitionForm(forms.Form):
    village: forms.ModelChoiceField[Village] = forms.ModelChoiceField(
        label=_("Thôn"), queryset=None
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=DateInput, help_text=DATE_HELP
    )
    issuing_body = forms.CharField(
        label=_("Cơ quan ban hành"), max_length=150, initial="UBND huyện"
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        village = self.fields["village"]
        assert isinstance(village, forms.ModelChoiceField)
        village.queryset = villages

    def clean_decision_date(self):
        return _not_future(self.cleaned_data["decision_date"])


class DistrictRecognitionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=DateInput, help_text=DATE_HELP
    )
    issuing_body = forms.CharField(
        label=_("Cơ quan ban hành"), max_length=150, initial="Thủ tướng Chính phủ"
    )

    def clean_decision_date(self):
        return _not_future(self.cleaned_data["decision_date"])


class ImportUploadForm(forms.Form):
    file = DataFileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        extensions=(".xlsx",),
        wrong_type=_("Chỉ nhận tệp Excel .xlsx."),
    )


class IndicatorForm(forms.ModelForm):
    """An indicator of one criterion; its code starts with the criterion's number."""

    class Meta:
        model = Indicator
        fields = ["code", "name", "level_group1", "level_group2", "level_group3", "is_demo"]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "level_group1": forms.Textarea(attrs={"rows": 2}),
            "level_group2": forms.Textarea(attrs={"rows": 2}),
            "level_group3": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "level_group1": _("Mức đạt áp dụng cho xã nhóm 1."),
            "level_group2": _("Mức đạt áp dụng cho xã nhóm 2."),
            "level_group3": _("Mức đạt áp dụng cho xã nhóm 3."),
            "is_demo": _("Đánh dấu khi nội dung là minh hoạ, không phải văn bản thật."),
        }


class CommuneGroupForm(forms.Form):
    group = forms.TypedChoiceField(
        label=_("Nhóm xã"), choices=CommuneGroupChoice.choices, coerce=int
    )
    valid_from = forms.DateField(label=_("Từ ngày"), widget=DateInput, help_text=DATE_HELP)
    legal_basis = forms.CharField(
        label=_("Căn cứ"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: số, ngày quyết định phân nhóm xã của UBND tỉnh."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CriteriaSetForm(forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = [
            "code",
            "name",
            "legal_basis",
            "issued_on",
            "valid_from",
            "valid_to",
            "income_criterion",
            "poverty_criterion",
            "is_demo",
            "notes",
        ]
        widgets = {
            "issued_on": DateInput,
            "valid_from": DateInput,
            "valid_to": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "code": _("Chữ thường, số và gạch nối, ví dụ qd-51-2025."),
            "legal_basis": _("Ví dụ: Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025."),
            "valid_to": _("Để trống khi chưa có bộ tiêu chí thay thế."),
            "is_demo": _("Đánh dấu khi nội dung là minh hoạ, không phải văn bản thật."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("issued_on", "valid_from", "valid_to"):
            field = self.fields[name]
            assert isinstance(field, forms.DateField)
            field.input_formats = ["%d/%m/%Y", "%Y-%m-%d"]

    def validate_unique(self) -> None:
        """The service checks the code and reports it beside the field."""


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["number", "name", "short_name"]

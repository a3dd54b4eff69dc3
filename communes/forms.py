from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.fields import DataFileField

from .models import Commune


class CommuneFlagsForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Lý do thay đổi"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: căn cứ quyết định số …, ngày … (ghi vào nhật ký thay đổi)."),
    )

    class Meta:
        model = Commune
        fields = ["extremely_difficult", "on_roadmap"]


class VillageUploadForm(forms.Form):
    file = DataFileField(
        label=_("Tệp danh sách thôn (CSV hoặc Excel .xlsx)"),
        extensions=(".csv", ".xlsx"),
        wrong_type=_("Chỉ nhận tệp .csv hoặc .xlsx."),
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Commune


class CommuneFlagsForm(forms.ModelForm):
    class Meta:
        model = Commune
        fields = ["extremely_difficult", "on_roadmap"]


class VillageUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách thôn (CSV hoặc Excel .xlsx)"),
        help_text=_("Tải mẫu ở trên; tối đa 2 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn quá 2 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("Tệp rỗng."))
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
        return upload

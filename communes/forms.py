from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.fields import DataFileField

from .models import Commune


class CommuneFlagsForm(forms.ModelForm):
    class Meta:
        model = Commune
        fields = ["extremely_difficult", "on_roadmap"]


class VillageUploadForm(forms.Form):
    file = DataFileField(
        label=_("Tệp danh sách thôn (CSV hoặc Excel .xlsx)"),
        extensions=(".csv", ".xlsx"),
        wrong_type=_("Chỉ nhận tệp .csv hoặc .xlsx."),
    )

"""The form with which admins edit one year's plan target."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from communes.models import District
from criteria.sets import criteria_on
from emulation.models import PlanTarget


class PlanTargetForm(forms.ModelForm):
    class Meta:
        model = PlanTarget
        fields = [
            "ntm_communes_added",
            "advanced_communes_added",
            "model_communes_added",
            "villages_added",
            "mean_criteria",
            "districts_completed",
        ]
        widgets = {"districts_completed": forms.CheckboxSelectMultiple}

    # the version the page was opened on (0: no row yet); see plan_target_save
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, province_row: bool, districts=None, **kwargs):
        """``districts``: the district-level units of the plan's province (default the
        installation's); a plan without any (the two-level government from 1/7/2025)
        has no "districts completed" to tick."""
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0
        # "14,5" as Vietnamese write it (and "14.5"), shown as "14,5": a text field, since
        # a number field cannot hold "14,5" and the browser would send it back empty
        self.fields["mean_criteria"].localize = True
        self.fields["mean_criteria"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["mean_criteria"].widget.is_localized = True
        if districts is None:
            districts = District.objects.filter(province_id=settings.PROVINCE_CODE)
        if province_row and districts.exists():
            completed = self.fields["districts_completed"]
            assert isinstance(completed, forms.ModelMultipleChoiceField)
            completed.queryset = districts.order_by("code")
            self.fields["districts_completed"].help_text = _(
                "Đơn vị cấp huyện phấn đấu hoàn thành NTM trong năm này."
            )
        else:
            del self.fields["districts_completed"]

    def clean_mean_criteria(self):
        value = self.cleaned_data.get("mean_criteria")
        if value is None:
            return value
        # the criteria of the set in force at the end of the target's year
        top = len(criteria_on(dt.date(self.instance.year, 12, 31))[1])
        if value < 0 or (top and value > top):
            raise forms.ValidationError(_("Bình quân tiêu chí phải từ 0 đến %(n)d.") % {"n": top})
        return value

"""Forms of the documents screens: the certificate layout editor."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import CertificateField, CertificateLayout


class LayoutForm(forms.ModelForm):
    class Meta:
        model = CertificateLayout
        fields = ["name", "page_width_mm", "page_height_mm", "signer_title", "signer_name"]
        localized_fields = ["page_width_mm", "page_height_mm"]
        help_texts = {
            "signer_name": _("Để trống nếu người ký tự viết tên."),
        }


class FieldForm(forms.ModelForm):
    class Meta:
        model = CertificateField
        fields = [
            "x_mm",
            "y_mm",
            "width_mm",
            "font_size_pt",
            "bold",
            "italic",
            "uppercase",
            "align",
            "visible",
        ]
        localized_fields = ["x_mm", "y_mm", "width_mm", "font_size_pt"]
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "decimal", "size": 5})
            for name in ("x_mm", "y_mm", "width_mm", "font_size_pt")
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # a row of a table without a <label> per cell: each control is named by its row
        # (the certificate's field) and its column, for screen readers (WCAG 1.3.1, 4.1.2)
        row = self.instance.get_key_display() if self.instance.key else ""
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = f"{row} — {capfirst(field.label)}"

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # a ModelForm's clean returns its cleaned_data
        layout = self.instance.layout if self.instance.layout_id else None
        x, width = cleaned.get("x_mm"), cleaned.get("width_mm")
        if layout is not None and x is not None and width is not None:
            if x + width > layout.page_width_mm:
                self.add_error(
                    "width_mm",
                    _("Trường vượt quá mép phải của phôi (%(w)s mm).")
                    % {"w": layout.page_width_mm},
                )
        y = cleaned.get("y_mm")
        if layout is not None and y is not None and y > layout.page_height_mm:
            self.add_error(
                "y_mm", _("Vượt quá mép dưới của phôi (%(h)s mm).") % {"h": layout.page_height_mm}
            )
        return cleaned


FieldFormSet = inlineformset_factory(
    CertificateLayout,
    CertificateField,
    form=FieldForm,
    extra=0,
    can_delete=False,
)


class NewLayoutForm(forms.Form):
    name = forms.CharField(label=_("Tên mẫu phôi"), max_length=120)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if CertificateLayout.objects.filter(name=name).exists():
            raise forms.ValidationError(_("Đã có mẫu phôi tên này."))
        return name

"""Forms of the documents screens: the certificate layout editor, the signatories."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dossiers.forms import DateInput

from .models import CertificateField, CertificateLayout, Signatory
from .signatories import FIELDS as SIGNATORY_FIELDS


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


class SignatoryForm(forms.ModelForm):
    """A signatory of one of the installation's bodies (the choices: ``groups``, as
    :func:`dossiers.documents.signatories.signatory_bodies` gives them)."""

    body_key = forms.ChoiceField(label=_("Cơ quan ban hành"))
    # the version the page was opened on (0: a new one); see signatories.signatory_save
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Signatory
        fields = list(SIGNATORY_FIELDS)
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}
        help_texts = {"valid_to": _("Để trống nếu đang ký.")}

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["body_key"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *((str(g), items) for g, items in (groups or {}).items())]
        self.initial.setdefault("version", self.instance.version if self.instance.pk else 0)

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            # beside the field (the model's constraint would say it in general words)
            self.add_error("valid_to", _("Ngày kết thúc không được trước ngày bắt đầu ký."))
        return data


class SignatoryEndForm(forms.Form):
    last_day = forms.DateField(label=_("Ngày cuối cùng được ký"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

"""Signers of each body's documents and their signing certificates, kept by the
administrator (Django admin)."""

from __future__ import annotations

from cryptography.hazmat.primitives.serialization import pkcs12
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Signatory, SigningCredential
from .signing import signing_credential_store


@admin.register(Signatory)
class SignatoryAdmin(admin.ModelAdmin):
    list_display = [
        "body_key",
        "full_name",
        "title",
        "capacity",
        "head_title",
        "valid_from",
        "valid_to",
        "is_default",
    ]
    list_filter = ["capacity", "is_default"]
    search_fields = ["body_key", "full_name"]


class SigningCredentialForm(forms.ModelForm):
    """Upload a body's PKCS#12 file with its passphrase; both are stored encrypted."""

    pkcs12_file = forms.FileField(label=_("Tệp chứng thư số (.p12, .pfx)"))
    passphrase = forms.CharField(label=_("Mật khẩu của tệp"), widget=forms.PasswordInput)

    class Meta:
        model = SigningCredential
        fields = ["body_key"]

    def clean(self):
        cleaned = super().clean() or {}
        upload = cleaned.get("pkcs12_file")
        if upload is not None and cleaned.get("passphrase"):
            data = upload.read()
            try:
                pkcs12.load_key_and_certificates(data, cleaned["passphrase"].encode())
            except ValueError:
                self.add_error("passphrase", _("Tệp không mở được với mật khẩu này."))
            cleaned["pkcs12_data"] = data
        return cleaned


@admin.register(SigningCredential)
class SigningCredentialAdmin(admin.ModelAdmin):
    form = SigningCredentialForm
    list_display = ["body_key", "subject", "not_after", "is_demo", "uploaded_at", "uploaded_by"]
    list_filter = ["is_demo"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        stored = signing_credential_store(
            body_key=form.cleaned_data["body_key"],
            pkcs12_data=form.cleaned_data["pkcs12_data"],
            passphrase=form.cleaned_data["passphrase"],
            by=request.user,
        )
        obj.pk = stored.pk

    def save_related(self, request, form, formsets, change) -> None:
        return None

"""Forms of the signature screens: trusted root certificates, seal images."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_CERTIFICATE_BYTES = 64 * 1024


class TrustedRootForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp chứng thư gốc (.cer, .crt, .pem, .der)"),
        help_text=_(
            "Chứng thư gốc của tổ chức cung cấp dịch vụ chứng thực chữ ký số, ví dụ chứng thư "
            "gốc của Trung tâm Chứng thực điện tử quốc gia (Root CA), định dạng PEM hoặc DER."
        ),
    )
    name = forms.CharField(
        label=_("Tên gọi"),
        max_length=200,
        required=False,
        help_text=_("Để trống: lấy tên trong chứng thư."),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CERTIFICATE_BYTES:
            raise forms.ValidationError(_("Tệp chứng thư quá 64 KB: không phải một chứng thư."))
        return upload.read()


class SealForm(forms.Form):
    body_key = forms.ChoiceField(label=_("Cơ quan ban hành"))
    file = forms.FileField(
        label=_("Hình con dấu (PNG nền trong suốt)"),
        help_text=_(
            "Màu đỏ, đúng kích thước thật của dấu; in trùm lên khoảng 1/3 chữ ký số về phía bên "
            "trái (Nghị định 30/2020/NĐ-CP, Phụ lục I)."
        ),
    )

    def __init__(self, *args, bodies: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body_key"].choices = bodies  # type: ignore[attr-defined]

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Hình con dấu quá 2 MB."))
        return upload.read()


class CredentialForm(forms.Form):
    """A body's signing certificate: its PKCS#12 file and the file's passphrase (both
    stored encrypted)."""

    body_key = forms.ChoiceField(label=_("Cơ quan ban hành"))
    file = forms.FileField(label=_("Tệp chứng thư số (.p12, .pfx)"))
    passphrase = forms.CharField(
        label=_("Mật khẩu của tệp"), strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, bodies: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body_key"].choices = bodies  # type: ignore[attr-defined]

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > 256 * 1024:
            raise forms.ValidationError(_("Tệp quá 256 KB: không phải một tệp chứng thư số."))
        return upload.read()

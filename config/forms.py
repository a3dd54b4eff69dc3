"""Forms of the shell: login, users and their scope, the audit log's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.password_validation import validate_password
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, valid_on_q
from emulation.collation import make_searchable, order_choices
from emulation.models import Agency, Role, User
from emulation.provinces import in_provinces, installation_provinces
from emulation.text import fold, nfc

from .passwords import MaximumLengthValidator

# dd/mm/yyyy as every date of the app (and the ISO form a browser may send)
DATE_INPUTS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class UserScopeMixin(forms.BaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district = self.fields.get("district")
        if isinstance(district, forms.ModelChoiceField):
            # the installation's districts: another province's sharing the database are
            # that installation's to staff
            assert district.queryset is not None
            district.queryset = district.queryset.filter(
                in_provinces("province_id", installation_provinces())
            )
        agency = self.fields.get("agency")
        if isinstance(agency, forms.ModelChoiceField):
            agency.queryset = Agency.objects.of_installation()
        commune = self.fields.get("commune")
        if isinstance(commune, forms.ModelChoiceField):
            # the communes that exist today in the installation's province (a merged
            # commune has no new staff); an account's own commune stays choosable
            today = timezone.localdate()
            current = getattr(getattr(self, "instance", None), "commune_id", None)
            commune.queryset = (
                Commune.objects.filter(
                    (valid_on_q(today) & in_provinces("province_id", installation_provinces()))
                    | Q(pk=current)
                )
                .select_related("province")
                .order_by("name")
            )
            order_choices(commune)  # Vietnamese order: "Xã Đôn Phong" after "Xã Dương Sơn"
            make_searchable(commune)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's model forms return their cleaned_data
        role = cleaned.get("role")
        # the one scope of the role; the others are cleared
        keep = {Role.DISTRICT: "district", Role.COMMUNE: "commune", Role.AGENCY: "agency"}
        scope = keep.get(role) if role else None
        if scope and not cleaned.get(scope):
            self.add_error(scope, self.SCOPE_REQUIRED[scope])
        for name in ("district", "commune", "agency"):
            if name != scope:
                cleaned[name] = None
        return cleaned

    SCOPE_REQUIRED = {
        "district": _("Cán bộ cấp huyện phải gắn với một huyện / thành phố."),
        "commune": _("Cán bộ cấp xã phải gắn với một xã / phường."),
        "agency": _("Cán bộ cơ quan phải gắn với một cơ quan, đơn vị."),
    }

    def clean_full_name(self):
        return nfc(self.cleaned_data.get("full_name", "")).strip()


class LoginForm(AuthenticationForm):
    """Django's login form, with the username's length enforced.

    Django only sets the field's max_length for the widget, so a 100,000-character
    username reached the login throttle (django-axes), whose 255-character column
    turned it into a server error.
    """

    def clean_username(self):
        username = self.cleaned_data.get("username", "")
        field = User._meta.get_field(User.USERNAME_FIELD)
        assert isinstance(field, models.CharField) and field.max_length is not None
        limit = field.max_length
        if len(username) > limit:
            raise forms.ValidationError(
                _("Tên đăng nhập dài quá %(n)d ký tự."), params={"n": limit}, code="max_length"
            )
        return username

    def clean_password(self):
        # never hash a megabyte: the same limit as when a password is set
        password = self.cleaned_data.get("password", "")
        MaximumLengthValidator().validate(password)
        return password


class UserCreateForm(UserScopeMixin, forms.ModelForm):
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput(render_value=True), strip=False
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "role", "district", "commune", "agency"]
        # NFKC like Django's own user forms: "hằng" typed decomposed (NFD) is the same name.
        field_classes = {"username": UsernameField}

    def clean_username(self):
        username = self.cleaned_data.get("username", "")
        taken = username_taken(username)
        if taken and taken != username:  # the same name exactly: the model's own message
            raise forms.ValidationError(
                _("Đã có tài khoản %(u)s: tên đăng nhập không phân biệt hoa thường và dấu."),
                params={"u": taken},
                code="unique",
            )
        return username

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user


def username_taken(username: str, *, exclude_pk: int | None = None) -> str:
    """The existing username that reads the same as ``username`` once case and accents
    are set aside ("Admin", "ádmin" and "admin" are one account), or ""."""
    key = fold(username).replace(" ", "")
    if not key:
        return ""
    others = User.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    names = others.values_list("username", flat=True)
    return next((u for u in names.iterator() if fold(u).replace(" ", "") == key), "")


class UserUpdateForm(UserScopeMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "role", "district", "commune", "agency", "is_active"]


class AuditFilterForm(forms.Form):
    """The filters of the log page (GET): kind and object, user, dates written dd/mm/yyyy.

    A bad value gets a message beside its field and that filter is left out.
    """

    loai = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    doi_tuong = forms.CharField(
        label=_("Đối tượng"),
        required=False,
        max_length=100,
        help_text=_("Mã (đúng) hoặc một phần tên, ví dụ 02005, Quân Hà, HS2024-0012."),
    )
    nguoi = forms.CharField(
        label=_("Người thực hiện"),
        required=False,
        max_length=150,
        help_text=_("Tên đăng nhập."),
    )
    tu = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày không hợp lệ; ghi dạng 31/12/2024.")},
    )
    den = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày không hợp lệ; ghi dạng 31/12/2024.")},
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        kind_field = self.fields["loai"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [("", _("Tất cả")), *kinds]
        self.fields["loai"].error_messages["invalid_choice"] = _("Chọn một loại trong danh sách.")
        for name, field in self.fields.items():
            css = "form-select" if name == "loai" else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_doi_tuong(self):
        return nfc(self.cleaned_data.get("doi_tuong", "")).strip()

    def clean_nguoi(self):
        username = self.cleaned_data.get("nguoi", "").strip()
        if not username:
            return None
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(
                _("Không có người dùng “%(u)s”."), params={"u": username}, code="unknown"
            )
        return user

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("tu"), cleaned.get("den")
        if start and end and start > end:
            self.add_error("den", _("“Đến ngày” phải sau “Từ ngày”."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # type: ignore[misc]  # BaseForm has it; django-stubs omit it
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"

    def filters(self) -> dict:
        """The filters that are valid (call after is_valid)."""
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("loai") or "",
            "object_text": data.get("doi_tuong") or "",
            "actor": data.get("nguoi"),
            "date_from": data.get("tu"),
            "date_to": data.get("den"),
        }

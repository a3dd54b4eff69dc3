"""Forms of the emulation app: users and their scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.password_validation import validate_password
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.models import Role, User
from emulation.text import nfc


class UserScopeMixin(forms.BaseForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's model forms return their cleaned_data
        role = cleaned.get("role")
        if role == Role.DISTRICT:
            if not cleaned.get("district"):
                self.add_error(
                    "district", _("Cán bộ cấp huyện phải gắn với một huyện / thành phố.")
                )
            cleaned["agency"] = None
        elif role == Role.AGENCY:
            if not cleaned.get("agency"):
                self.add_error("agency", _("Cán bộ cơ quan phải gắn với một cơ quan, đơn vị."))
            cleaned["district"] = None
        else:
            cleaned["district"] = None
            cleaned["agency"] = None
        return cleaned

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


class UserCreateForm(UserScopeMixin, forms.ModelForm):
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput(render_value=True), strip=False
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "role", "district", "agency"]
        # NFKC like Django's own user forms: "hằng" typed decomposed (NFD) is the same name.
        field_classes = {"username": UsernameField}

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


class UserUpdateForm(UserScopeMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "role", "district", "agency", "is_active"]

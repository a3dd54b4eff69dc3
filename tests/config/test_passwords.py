"""Passwords and accounts in the app (issue 17, part 5): administrators reset a password
and unlock a locked account; users change their own; the messages are Vietnamese; a
password has a maximum length; usernames are unique whatever their case and accents."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from emulation.models import AuditEntry, Role, User
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
NEW = "Mat-khau-moi-2025"


def _login(username: str, password: str):
    client = Client()
    return client, client.post(reverse("login"), {"username": username, "password": password})


def test_an_administrator_unlocks_a_locked_account(login, users):
    user = users["district_a"]
    for _ in range(5):
        _login(user.username, "sai-mat-khau")
    assert _login(user.username, PASSWORD)[1].status_code == 429
    admin = login(users["admin"])
    page = admin.get(reverse("users:user_update", args=[user.pk])).content.decode()
    assert "Đang bị khoá do đăng nhập sai nhiều lần" in page
    response = admin.post(reverse("users:user_unlock", args=[user.pk]), follow=True)
    assert "Đã mở khoá tài khoản" in response.content.decode()
    assert "Đang bị khoá" not in response.content.decode()
    assert _login(user.username, PASSWORD)[1].status_code == 302
    assert AuditEntry.objects.filter(action="user.unlocked", object_id=str(user.pk)).exists()


def test_an_administrator_resets_a_password_in_vietnamese(login, users):
    user = users["district_a"]
    for _ in range(5):
        _login(user.username, "sai-mat-khau")
    admin = login(users["admin"])
    url = reverse("users:user_password_reset", args=[user.pk])
    refused = admin.post(url, {"new_password1": "123", "new_password2": "123"})
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in body
    assert "Mật khẩu này hoàn toàn là số." in body
    assert "too short" not in body and "entirely numeric" not in body
    too_long = "Ab1-" * 40
    body = admin.post(url, {"new_password1": too_long, "new_password2": too_long}).content
    assert "Mật khẩu dài quá 128 ký tự." in body.decode()
    response = admin.post(url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert _login(user.username, NEW)[1].status_code == 302  # and no longer locked
    entry = AuditEntry.objects.get(action="user.password_reset", object_id=str(user.pk))
    assert NEW not in str(entry.before) + str(entry.after)


def test_users_change_their_own_password(login, users):
    user = users["reviewer"]
    client = login(user)
    url = reverse("password_change")
    wrong = client.post(
        url, {"old_password": "sai", "new_password1": NEW, "new_password2": NEW}
    ).content.decode()
    assert "Mật khẩu cũ không chính xác" in wrong
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_a_login_with_an_enormous_password_is_refused_before_hashing(users):
    _, response = _login(users["reviewer"].username, "x" * 1_000_000)
    assert response.status_code == 200
    assert "Mật khẩu dài quá 128 ký tự." in response.content.decode()


@pytest.mark.parametrize("typed", ["QUANTRI", "Quảntrị", "quàntri"])
def test_usernames_are_unique_whatever_their_case_and_accents(login, users, typed):
    admin = login(users["admin"])
    before = User.objects.count()
    response = admin.post(
        reverse("users:user_create"),
        {"username": typed, "full_name": "Trùng tên", "role": Role.REVIEWER, "password": NEW},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Đã có tài khoản {users['admin'].username}" in body
    assert User.objects.count() == before

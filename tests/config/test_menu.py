"""The menu (issue 17, part 9): the unread notifications counted beside "Thông báo";
one active item at a time."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from dossiers.models import Notification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def current_items(page: str) -> list[str]:
    return re.findall(
        r'<a class="(?:nav-link|dropdown-item) active" aria-current="page"[^>]*>([^<]*)', page
    )


def test_unread_notifications_are_counted_in_the_menu(login, users):
    reviewer = users["reviewer"]
    for text in ("Hồ sơ HS2024-0001 đã nộp.", "Hồ sơ HS2024-0002 đã nộp."):
        Notification.objects.create(recipient=reviewer, message=text)
    Notification.objects.create(recipient=users["appraiser"], message="Không phải của bạn.")
    client = login(reviewer)
    page = client.get(reverse("home")).content.decode()
    badge = re.search(r'Thông báo <span class="badge[^"]*" id="unread-count">(\d+)', page)
    assert badge and badge.group(1) == "2"
    client.post(reverse("dossiers:notifications_read"))
    page = client.get(reverse("home")).content.decode()
    assert 'id="unread-count"' not in page


@pytest.mark.parametrize(
    "url,item",
    [
        ("/", "Trang chủ"),
        ("/ho-so/", "Hồ sơ"),
        ("/ho-so/thong-bao/", "Thông báo"),
        ("/quan-tri/nguoi-dung/", "Người dùng"),
    ],
)
def test_one_menu_item_is_active(login, users, url, item):
    page = login(users["admin"]).get(url).content.decode()
    assert [i.strip() for i in current_items(page)] == [item]

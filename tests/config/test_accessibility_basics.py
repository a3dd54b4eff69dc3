"""Accessibility basics (issue 17, part 16): every aria-describedby of a refused form
points to an element that exists, so that screen readers read why a field is wrong."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def dangling_references(page: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    wanted = {
        ref for refs in re.findall(r'aria-describedby="([^"]+)"', page) for ref in refs.split()
    }
    return sorted(wanted - ids)


@pytest.mark.parametrize(
    "role,url_name,data",
    [
        ("admin", "users:user_create", {"username": "", "role": "district"}),
        ("reviewer", "password_change", {"old_password": "x", "new_password1": "1"}),
        ("district_a", "dossiers:create", {"round": "annual", "document_date": "32/13/2024"}),
        ("admin", "criteria:set_create", {"code": "", "valid_from": "abc"}),
    ],
)
def test_a_refused_forms_errors_are_where_its_fields_point(login, users, role, url_name, data):
    response = login(users[role]).post(reverse(url_name), data)
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert 'aria-invalid="true"' in page
    assert re.search(r'aria-describedby="[^"]*_error', page), "no field points to its error"
    assert dangling_references(page) == []

"""Accessibility basics (issue 17, part 16): every aria-describedby of a refused form
points to an element that exists, so that screen readers read why a field is wrong."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.config.test_permissions_matrix import objects, users  # noqa: F401, F811 - fixtures

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
def test_a_refused_forms_errors_are_where_its_fields_point(login, users, role, url_name, data):  # noqa: F811
    response = login(users[role]).post(reverse(url_name), data)
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert 'aria-invalid="true"' in page
    assert re.search(r'aria-describedby="[^"]*_error', page), "no field points to its error"
    assert dangling_references(page) == []


def invalid_fields_without_their_error(page: str) -> list[str]:
    """Fields marked invalid that name no error element on the page, themselves or through
    the group (fieldset) of radios they belong to."""
    ids = set(re.findall(r'\sid="([^"]+)"', page))

    def names_an_error(tag: str) -> bool:
        refs = re.search(r'aria-describedby="([^"]+)"', tag)
        return bool(refs) and any(r.endswith("_error") and r in ids for r in refs[1].split())

    missing = []
    for match in re.finditer(r"<(?:input|select|textarea)\b[^>]*>", page):
        tag = match[0]
        if 'aria-invalid="true"' not in tag or names_an_error(tag):
            continue
        before = page[: match.start()]
        group = before.rfind("<fieldset")
        if group > before.rfind("</fieldset>") and names_an_error(
            page[group : page.index(">", group) + 1]
        ):
            continue
        missing.append(tag[:120])
    return missing


def test_every_form_of_the_url_conf_points_to_ids_that_exist(users, objects):  # noqa: F811
    """Every page and every refused form of the permissions matrix (as the first role it
    answers): each aria-describedby names elements of the page (help texts, errors), and
    each field marked invalid names its error."""
    from django.test import Client

    from tests.config.test_permissions_matrix import RULES, concrete_url, url_patterns

    routes = {name: route for name, route, _ in url_patterns()}
    problems, checked = [], 0
    for rule in RULES:
        if rule.writers not in (None, "") and rule.method == "post":
            continue  # a POST that changes data: nothing to read back
        url = concrete_url(
            routes[rule.name], {k: objects.get(v, v) for k, v in rule.kwargs.items()}
        )
        role = next((r for r, out in rule.outcome.items() if out in (200, 400)), None)
        if role is None:
            continue
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        data = {k: [objects.get(x, x) for x in v] if isinstance(v, list) else v
                for k, v in rule.data.items()}  # fmt: skip
        response = getattr(client, rule.method)(url, data)
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            continue
        page = response.content.decode()
        checked += 1
        if dangling := dangling_references(page):
            problems.append(f"{rule.id} as {role}: aria-describedby to no element {dangling}")
        if invalid := invalid_fields_without_their_error(page):
            problems.append(f"{rule.id} as {role}: invalid without its error {invalid}")
    assert checked > 80
    assert problems == [], "\n".join(problems)

"""Which methods each view takes, and that anonymous users meet the login page first.

The views are read from the URL conf (as in test_permissions_matrix), so a new view is
checked without being listed: it either takes a POST (a form or an action, named in
ACCEPTS_POST) or it only reads, and then a POST gets 405 — never 200, a redirect or 500.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from tests.config.test_permissions_matrix import (
    LOGIN,
    RULES,
    client_as,
    concrete_url,
    matrix_rows,  # noqa: F401 - fixture
    outcome_of,
    url_patterns,
)

pytestmark = pytest.mark.integration

# Views that take a POST: forms (GET shows, POST saves) and actions (POST only).
ACCEPTS_POST = {
    "login",
    "logout",
    "password_change",
    "set_language",
    "users:user_create",
    "users:user_update",
    "users:user_password_reset",
    "users:user_unlock",
    "communes:flags",
    "communes:village_import",
    "criteria:assessment_add",
    "criteria:recognition_add",
    "criteria:village_add",
    "criteria:assessment_correct",
    "criteria:district_recognition_add",
    "criteria:debt",
    "criteria:import",
    "criteria:indicator_add",
    "criteria:set_create",
    "criteria:set_edit",
    "criteria:criterion_add",
    "criteria:criterion_edit",
    "criteria:indicator_edit",
    "criteria:commune_group_set",
    "dossiers:create",
    "dossiers:bulk",
    "dossiers:propose_qualifying",
    "history:lower_create",
    "history:lower_import",
    "dossiers:notifications_read",
    "dossiers:edit",
    "dossiers:transition",
    "dossiers:nominee_add",
    "dossiers:nominee_check",
    "dossiers:nominee_edit",
    "dossiers:nominee_remove",
    "dossiers:nominee_attest",
    "dossiers:nominee_restrict",
    "dossiers:attachment_upload",
    "dossiers:attachment_remove",
    "dossiers:removed_restore",
    "dossiers:decision_create",
    "dossiers:decision_correct",
    "dossiers:state_proposal_create",
    "dossiers:state_proposal_nominees",
    "dossiers:state_proposal_send",
    "dossiers:state_proposal_decide",
    "documents:layouts",  # the list of layouts holds the form that creates one
    "documents:layout_edit",
    "documents:layout_activate",
    "documents:signatory_create",
    "documents:signatory_edit",
    "documents:signatory_end",
    "documents:certificates",
    "documents:round_reports",
    "documents:round_archive",
    # digital signatures (issue 16): the lists hold the forms that add a root, a seal, a
    # certificate; a root is deactivated by POST
    "documents:trusted_roots",
    "documents:trusted_root_deactivate",
    "documents:seals",
    "documents:credentials",
    "progress:target_edit",
    "rules:ruleset_edit",
    "rules:plan_create",
    "rules:plan_edit",
    "rules:plan_round_edit",
    "rules:plan_round_remove",
    "rules:state_plans",  # the list holds the form that adds a national plan
    "rules:state_plan_detail",  # the plan's page holds the form that edits its head
    "rules:state_standard_create",
    "rules:state_standard_edit",
    "rules:state_standard_remove",
}
# Views anyone may open without logging in.
PUBLIC = {"login", "logout", "healthz", "set_language", "public_awards", "verify_certificate"}

APP_PATTERNS = [
    (name, route) for name, route, _ in url_patterns() if not route.startswith("django-admin/")
]
READ_ONLY = sorted({name for name, _ in APP_PATTERNS} - ACCEPTS_POST)


def test_the_lists_name_views_that_exist():
    names = {name for name, _ in APP_PATTERNS}
    assert ACCEPTS_POST <= names and PUBLIC <= names


def _reader(name: str):
    """The GET rule of the view and a role whose GET it answers (200 if any role gets it,
    else a logged-in role that is not refused: the object is missing, not forbidden)."""
    gets = [r for r in RULES if r.name == name and r.method == "get"]
    assert gets, f"{name}: no GET rule in test_permissions_matrix"
    for rule in gets:
        for role, outcome in rule.outcome.items():
            if outcome == 200:
                return rule, role
    rule = gets[0]
    role = next(r for r, o in rule.outcome.items() if r != "anonymous" and o not in (403, LOGIN))
    return rule, role


@pytest.mark.parametrize("name", READ_ONLY)
def test_a_read_only_view_refuses_post_with_405(name, matrix_rows, db):  # noqa: F811
    sessions, objects = matrix_rows
    rule, role = _reader(name)
    route = next(route for n, route in APP_PATTERNS if n == name)
    url = concrete_url(route, {k: objects.get(v, v) for k, v in rule.kwargs.items()})
    client = client_as(role, sessions)
    got = client.get(url, rule.data).status_code
    assert got == rule.outcome[role], f"GET {url} as {role}: {got}"
    for method in ("post", "put", "delete"):
        response = getattr(client, method)(url)
        assert response.status_code == 405, f"{method.upper()} {url} as {role}"


def _unknown(route: str) -> dict[str, str]:
    """Every URL argument naming an object that does not exist."""
    values = {}
    for converter, kwarg in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        if converter == "uuid":
            values[kwarg] = str(uuid.uuid4())
        elif converter == "int":
            values[kwarg] = "987654321"
        else:
            values[kwarg] = "khong-co"
    return values


PRIVATE = [(name, route) for name, route in APP_PATTERNS if name not in PUBLIC]


@pytest.mark.parametrize("name,route", PRIVATE, ids=[name for name, _ in PRIVATE])
@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login_before_anything_is_looked_up(name, route):
    """An unknown object is no 404 for someone not logged in: whatever the method, the
    login page comes first, so nothing says whether the object exists."""
    url = concrete_url(route, _unknown(route))
    for method in ("get", "post"):
        response = getattr(Client(), method)(url)
        assert outcome_of(response) == LOGIN, f"{method.upper()} {url}: {response.status_code}"

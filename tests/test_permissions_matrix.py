"""Every URL the app serves × every role, with the outcome declared in one table.

The URL patterns are read from the URL conf (django.urls.get_resolver), so a new
view without a row in RULES fails `test_every_url_pattern_has_a_rule`. Each row
says which kwargs to put in the URL (objects made by fixtures: district A's
commune, district B's commune…), the method, and the expected outcome per role:

    200 / 302 / 403 / 404 / 405         that status (302: a redirect elsewhere)
    frozenset({...})                    any of these
    LOGIN                               302 to the login page
    ADMIN_LOGIN                         302 to the Django admin's login page

For a POST that a role may not make, the test also checks that nothing in the
database changed.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from emulation.models import User
from tests.servers import table_fingerprints

ROLES = ["anonymous", "district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
DENIED = {LOGIN, ADMIN_LOGIN, 403, 404, 405}


def expect(default, **by_role) -> dict[str, object]:
    """Outcome per role: `default` for the logged-in roles, LOGIN for anonymous unless given."""
    outcome = {role: default for role in ROLES}
    outcome["anonymous"] = LOGIN
    outcome.update(by_role)
    return outcome


def only(roles: str, ok=200, others=403) -> dict[str, object]:
    """`ok` for the listed roles (space-separated), `others` for the rest, LOGIN for anonymous."""
    allowed = roles.split()
    return expect(others, **{role: ok for role in allowed})


@dataclass
class Rule:
    name: str  # "namespace:url_name", or the route for an unnamed pattern
    outcome: dict[str, object]
    kwargs: dict[str, str] = field(default_factory=dict)  # kwarg -> key in the objects fixture
    method: str = "get"
    data: dict = field(default_factory=dict)
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name} {self.label}".strip()


SEE_A = expect(200, district_b=404, agency=404)
SEE_B = expect(200, district_a=404, agency=404)

RULES: list[Rule] = [
    # The shell
    Rule("home", expect(200)),
    Rule("healthz", expect(200, anonymous=200)),
    Rule("healthz", expect(405, anonymous=405), method="post"),
    Rule("login", expect(200, anonymous=200)),
    Rule("logout", expect(LOGIN), method="post"),
    Rule("logout", expect(405, anonymous=405)),
    Rule("password_change", expect(200)),
    Rule("password_change", expect(200), method="post", label="empty form"),
    Rule("password_change_done", expect(200)),
    Rule("set_language", expect(302, anonymous=302)),
    Rule("set_language", expect(302, anonymous=302), method="post",
         data={"language": "vi", "next": "/"}),
    # Users (application administrators only)
    Rule("emulation:users", only("admin")),
    Rule("emulation:user_create", only("admin")),
    Rule("emulation:user_create", only("admin"), method="post", label="empty form"),
    Rule("emulation:user_update", only("admin"), kwargs={"pk": "user_a"}, label="A"),
    Rule("emulation:user_update", only("admin", ok=302), kwargs={"pk": "user_a"}, method="post",
         label="A",
         data={"full_name": "Đổi tên", "role": "district", "district": "061", "is_active": "on"}),
    Rule("emulation:user_update", only("admin", ok=404), kwargs={"pk": "no_user"}, label="unknown"),
    # Administrative units
    Rule("communes:list", expect(200)),
    Rule("communes:detail", SEE_A, kwargs={"code": "commune_a"}, label="A"),
    Rule("communes:detail", SEE_B, kwargs={"code": "commune_b"}, label="B"),
    Rule("communes:detail", expect(404), kwargs={"code": "no_commune"}, label="unknown"),
    Rule("communes:flags", only("admin"), kwargs={"code": "commune_a"}, label="A"),
    Rule("communes:flags", only("admin", ok=302), kwargs={"code": "commune_a"}, method="post",
         label="A",
         data={"extremely_difficult": "on", "on_roadmap": "on"}),
    Rule("communes:flags", only("admin", ok=404), kwargs={"code": "no_commune"}, label="unknown"),
    Rule("communes:village_import", only("district_a district_b admin")),
    Rule("communes:village_import", only("district_a district_b admin"), method="post",
         label="empty form"),
    Rule("communes:village_template", only("district_a district_b admin"),
         kwargs={"fmt": "csv"}, label="csv"),
    Rule("communes:village_template", only("district_a district_b admin"),
         kwargs={"fmt": "xlsx"}, label="xlsx"),
]  # fmt: skip

# The Django admin is for staff: everyone else is sent to its login page and
# never sees a page. The app's administrators are staff; what they may do in it
# depends on model permissions a superuser grants, so any answer but the login
# page and a server error is accepted for them (STAFF), except on the index.
STAFF = frozenset({200, 302, 403, 404})
KWARG_VALUES = {
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "app_label": "communes",
    "url": "khong-co-trang-nay/",
}


def admin_rule(name: str) -> dict[str, object]:
    not_staff = {role: ADMIN_LOGIN for role in ROLES if role != "admin"}
    if name == "admin:login":
        return {**{role: 200 for role in ROLES}, "admin": 302}
    if name == "admin:logout":  # POST only; others are sent to the index, not logged out
        return {**{role: 302 for role in ROLES}, "admin": 405}
    if name in {"admin:index", "admin:password_change", "admin:jsi18n"}:
        return {**not_staff, "admin": 200}
    return {**not_staff, "admin": STAFF}


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route, pattern) of every URL pattern, namespaces joined with ':'."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace]))
            yield from url_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            name = ":".join(filter(None, [namespace, p.name])) if p.name else route
            yield name, route, p


def concrete_url(route: str, kwargs: dict[str, str]) -> str:
    """The route with its <converter:kwarg> or (?P<kwarg>…) parts filled in."""
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1)], url)
    return "/" + url.replace("^", "").replace("$", "")


def test_every_url_pattern_has_a_rule():
    declared = {rule.name for rule in RULES}
    missing = [
        f"{name} ({route})"
        for name, route, _ in url_patterns()
        if name not in declared and not route.startswith("django-admin/")
    ]
    assert missing == [], "New view without a rule in RULES: " + ", ".join(missing)
    undeclared = declared - {name for name, _, _ in url_patterns()}
    assert undeclared == set(), f"RULES names URLs that do not exist: {undeclared}"


@pytest.fixture
def objects(users, commune_a, commune_b):
    """What the URL kwargs point at."""
    return {
        "commune_a": commune_a.code,
        "commune_b": commune_b.code,
        "no_commune": "99999",
        "user_a": str(users["district_a"].pk),
        "no_user": "987654",
        "csv": "csv",
        "xlsx": "xlsx",
    }


def database_fingerprint() -> dict[str, tuple[int, str]]:
    """Every table but the session and login-attempt logs, which a refused request may touch."""
    with connection.cursor() as cur:
        return table_fingerprints(cur, skip=("django_session", "axes_"))


def outcome_of(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/django-admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/dang-nhap/"):
            return LOGIN
    return response.status_code


def check(rule: Rule, url: str, users: dict[str, User]) -> list[str]:
    problems = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        expected = rule.outcome[role]
        watch = rule.method == "post" and expected in DENIED
        before = database_fingerprint() if watch else None
        response = getattr(client, rule.method)(url, rule.data)
        got = outcome_of(response)
        if got != expected and not (isinstance(expected, frozenset) and got in expected):
            problems.append(f"{role}: expected {expected}, got {got}")
        if watch:
            with contextlib.suppress(AssertionError):
                after = database_fingerprint()
                changed = [t for t in after if after[t] != before.get(t)]
                if changed:
                    problems.append(f"{role}: a refused POST changed {changed}")
    return problems


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_app_url(rule, users, objects):
    route = next(route for name, route, _ in url_patterns() if name == rule.name)
    url = concrete_url(route, {k: objects[v] for k, v in rule.kwargs.items()})
    assert check(rule, url, users) == [], url


ADMIN_PATTERNS = sorted(
    {(name, route) for name, route, _ in url_patterns() if route.startswith("django-admin/")}
)


@pytest.mark.parametrize("name,route", ADMIN_PATTERNS, ids=[r for _, r in ADMIN_PATTERNS])
def test_django_admin_url(name, route, users):
    if name == route and route.endswith("(?P<url>.*)$"):
        name = "admin:catch_all"
    elif name == route:
        name = "admin:object_redirect"  # <object_id>/ redirects to <object_id>/change/
    rule = Rule(name, admin_rule(name))
    assert check(rule, concrete_url(route, KWARG_VALUES), users) == []

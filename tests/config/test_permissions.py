"""The permission module: predicates registered with ``rules`` by each app's permissions.py.

- every object permission agrees with its selector, for every kind of user and a sample of
  objects (``x in xxx_visible_to(user)`` iff ``user.has_perm("app.read_x", x)``);
- the app's permission names never repeat Django's model permissions, and a superuser is an
  administrator in the app, not every role at once;
- every name the code asks for is registered, every workflow move has one, and every
  predicate answers True or False (``rules`` reads None as "no opinion" inside & and |).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rules.permissions import permissions as registered

from communes.models import Commune, District, Province
from communes.selectors import communes_editable_by, communes_visible_to, districts_visible_to
from config.context_processors import MENU
from dossiers import permissions as dossier_permissions
from dossiers.documents.jobs import jobs_visible_to
from dossiers.documents.models import DocumentJob, JobKind
from dossiers.models import Dossier, Status
from dossiers.selectors import dossiers_visible_to
from dossiers.workflow import TRANSITIONS
from emulation.models import Role
from tests.conftest import make_user
from tests.dossiers.support import new_dossier

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]  # the repository
APP_DIRS = [
    "communes",
    "config",
    "criteria",
    "devtools",
    "dossiers",
    "eligibility",
    "emulation",
    "progress",
    "templates",
]
PERMISSION_MODULES = [
    "emulation.permissions",
    "communes.permissions",
    "criteria.permissions",
    "eligibility.permissions",
    "dossiers.permissions",
    "dossiers.documents.permissions",
    "progress.permissions",
]


@pytest.fixture
def everyone(users, district_a) -> dict[str, object]:
    """The seven roles of the matrix, superusers with and without a role, an account
    without a role and district staff of another province."""
    other = District.objects.get(code="Z99")
    superuser = make_user("sieu", "")
    superuser.is_superuser = True
    superuser.save()
    demo_admin = make_user("sieu_quantri", Role.ADMIN)  # as seed_demo makes "admin"
    demo_admin.is_superuser = True
    demo_admin.save()
    return {
        "anonymous": AnonymousUser(),
        **users,
        "superuser": superuser,
        "superuser_admin": demo_admin,
        "no_role": make_user("khong_vai_tro", ""),
        "other_province": make_user("huyen_khac", Role.DISTRICT, district=other),
    }


@pytest.fixture(autouse=True)
def other_province(db):
    """A province sharing the database with the installation's (``PROVINCE_CODE`` 06)."""
    province = Province.objects.create(code="Z9", name="Tỉnh khác")
    district = District.objects.create(code="Z99", province=province, name="Huyện khác")
    Commune.objects.create(code="Z9901", district=district, name="Xã khác", kind="xa")


def _submitted(dossier: Dossier, status: str = Status.SUBMITTED) -> Dossier:
    now = timezone.now()
    Dossier.objects.filter(pk=dossier.pk).update(
        status=status, first_submitted_at=now, submitted_at=now
    )
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def dossiers(everyone) -> list[Dossier]:
    """Drafts and submitted dossiers of two districts, an agency and another province."""
    a, b, agency = everyone["district_a"], everyone["district_b"], everyone["agency"]
    other = everyone["other_province"]
    return [
        new_dossier(a),
        _submitted(new_dossier(a, number="2/TTr")),
        _submitted(new_dossier(a, number="3/TTr"), Status.DECIDED),
        new_dossier(b),
        _submitted(new_dossier(b, number="4/TTr"), Status.RETURNED),
        new_dossier(agency, round="midterm"),
        _submitted(new_dossier(agency, round="final", number="5/TTr"), Status.RECEIVED),
        _submitted(new_dossier(other, number="6/TTr")),
        new_dossier(other, number="7/TTr"),
    ]


def _agree(users: dict, objects: list, selector, permission: str) -> list[str]:
    """Where the selector and the permission disagree: '<user> <object>: row/perm'."""
    problems = []
    for name, user in users.items():
        rows = set(selector(user).values_list("pk", flat=True))
        for obj in objects:
            in_rows, allowed = obj.pk in rows, user.has_perm(permission, obj)
            if in_rows != allowed:
                problems.append(f"{name} {obj.pk}: selector {in_rows}, {permission} {allowed}")
    return problems


def test_read_dossier_agrees_with_dossiers_visible_to(everyone, dossiers):
    fetched = list(Dossier.objects.filter(pk__in=[d.pk for d in dossiers]))
    assert _agree(everyone, fetched, dossiers_visible_to, "dossiers.read_dossier") == []
    # and the sample tells the roles apart: nobody sees everything, the admin sees most
    seen = {
        n: sum(u.has_perm("dossiers.read_dossier", d) for d in fetched) for n, u in everyone.items()
    }
    assert seen["admin"] == 7 and seen["reviewer"] == 4 and seen["district_a"] == 3
    assert seen["anonymous"] == seen["no_role"] == 0 and seen["other_province"] == 2


def test_read_commune_and_district_agree_with_the_selectors(everyone, commune_a, commune_b):
    communes = list(
        Commune.objects.select_related("district").filter(
            key__in=[commune_a.pk, commune_b.pk, "Z9901"]
        )
    )
    districts = list(District.objects.filter(code__in=["063", "061", "Z99"]))
    assert _agree(everyone, communes, communes_visible_to, "communes.read_commune") == []
    assert _agree(everyone, districts, districts_visible_to, "communes.read_district") == []
    assert everyone["reviewer"].has_perm("communes.read_commune", communes[0])


def test_record_criteria_agrees_with_communes_editable_by(everyone, commune_a, commune_b):
    communes = list(
        Commune.objects.select_related("district").filter(
            key__in=[commune_a.pk, commune_b.pk, "Z9901"]
        )
    )
    assert _agree(everyone, communes, communes_editable_by, "criteria.record_criteria") == []
    assert everyone["district_a"].has_perm("criteria.record_criteria", commune_a)


def test_read_job_agrees_with_jobs_visible_to(everyone):
    jobs = [
        DocumentJob.objects.create(kind=JobKind.ROUND_REPORTS, label="x", created_by=user)
        for user in (everyone["reviewer"], everyone["district_a"], everyone["admin"])
    ]
    assert _agree(everyone, jobs, jobs_visible_to, "documents.read_job") == []


def test_app_permissions_are_not_djangos_model_permissions():
    """Django's (the Django admin's, granted in the database, all a superuser's) and ours
    (predicates, the same for everyone) never share a name."""
    django = set()
    for model in apps.get_models():
        meta = model._meta
        django |= {f"{meta.app_label}.{a}_{meta.model_name}" for a in meta.default_permissions}
        django |= {f"{meta.app_label}.{codename}" for codename, _ in meta.permissions}
    assert set(registered) & django == set()


def test_a_superuser_is_an_administrator_not_every_role(everyone, dossiers):
    superuser = everyone["superuser"]
    draft, submitted = dossiers[0], dossiers[1]
    assert superuser.has_perm("emulation.manage_users")
    assert superuser.has_perm("emulation.manage_rulesets")
    assert superuser.has_perm("dossiers.read_dossier", draft)
    assert not superuser.has_perm("dossiers.edit_dossier", draft)
    assert not superuser.has_perm("dossiers.submit_dossier", draft)
    assert not superuser.has_perm("dossiers.receive_dossier", submitted)
    assert not superuser.has_perm("dossiers.create_dossier")
    assert not superuser.has_perm("criteria.record_criteria")
    # Django's own permissions (the Django admin) stay a superuser's
    assert superuser.has_perm("communes.change_commune")
    assert not everyone["admin"].has_perm("communes.change_commune")


def test_every_workflow_move_has_a_permission(users, dossiers):
    assert set(dossier_permissions.MOVES) == set(TRANSITIONS)
    for transition in TRANSITIONS.values():
        assert rules.perm_exists(transition.permission), transition.action
    draft, submitted = dossiers[0], dossiers[1]
    assert users["district_a"].has_perm("dossiers.submit_dossier", draft)
    assert not users["district_b"].has_perm("dossiers.submit_dossier", draft)
    assert users["reviewer"].has_perm("dossiers.receive_dossier", submitted)
    assert not users["appraiser"].has_perm("dossiers.receive_dossier", submitted)


NAME = r"""["']([a-z_]+\.[a-z_]+)["']"""
ASKED = [
    re.compile(r"has_perm\(\s*" + NAME),  # user.has_perm("app.name", obj)
    re.compile(r"{%\s*has_perm\s+" + NAME),  # {% has_perm "app.name" user obj as x %}
    re.compile(r"permission_required\s*=\s*" + NAME),  # class-based views
]


def test_every_permission_the_code_asks_for_is_registered():
    asked = {perm for _, _, perm, _ in MENU if perm}
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8")
                asked |= {m for pattern in ASKED for m in pattern.findall(text)}
    assert len(asked) > 15
    assert sorted(p for p in asked if not rules.perm_exists(p)) == []


def test_every_permission_is_asked_somewhere():
    """A registered name nobody asks for is dead: remove it, or check it where it applies.
    (The workflow's moves are asked through ``Transition.permission``.)"""
    asked = {perm for _, _, perm, _ in MENU if perm}
    asked |= {t.permission for t in TRANSITIONS.values()}
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8")
                asked |= {m for pattern in ASKED for m in pattern.findall(text)}
    # The views reach rows through the selectors; these state what the selectors return
    # (the agreement tests above) for a check on one object where one is needed.
    asked |= {
        "communes.read_district",
        "communes.read_commune",
        "dossiers.read_dossier",
        "documents.read_job",
    }
    assert sorted(set(registered) - asked) == []


@pytest.mark.parametrize("module", PERMISSION_MODULES)
def test_every_predicate_answers_true_or_false(module, everyone):
    predicates = [
        value
        for value in vars(importlib.import_module(module)).values()
        if isinstance(value, rules.Predicate)
    ]
    assert predicates
    for predicate in predicates:
        for name, user in everyone.items():
            answer = predicate(user) if predicate.num_args == 1 else predicate(user, None)
            assert isinstance(answer, bool), f"{predicate.name}({name}) = {answer!r}"


def test_roles_in_code_are_the_enum():
    """A role compared or filtered as a bare string ("district") is a Role member."""
    bare = re.compile(r"""role\s*(==|!=|=)\s*["'](district|agency|reviewer|appraiser|admin)["']""")
    found = []
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if bare.search(line):
                        found.append(f"{path.relative_to(ROOT)}:{n}")
    assert found == []


def test_a_draft_is_not_the_provinces_until_submitted(everyone, dossiers):
    """The scope behind both: reviewers see a dossier from its first submission on."""
    draft = dossiers[0]
    reviewer = everyone["reviewer"]
    assert not reviewer.has_perm("dossiers.read_dossier", draft)
    _submitted(draft)
    assert reviewer.has_perm("dossiers.read_dossier", draft)
    Dossier.objects.filter(pk=draft.pk).update(status=Status.RETURNED)
    draft.refresh_from_db()
    assert reviewer.has_perm("dossiers.read_dossier", draft)
    assert draft in dossiers_visible_to(reviewer)

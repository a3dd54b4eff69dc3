"""Shared fixtures: Bắc Kạn's units loaded once per test session, one user per role;
and the test layers: every test is exactly one of unit, integration, e2e, system."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connection

from communes.models import Commune, District
from config.dbwall import province_list
from emulation.models import User
from tests.factories import PASSWORD, AgencyFactory, UserFactory, role_users

__all__ = ["PASSWORD", "make_user"]  # imported by test files

# Two districts used across tests: A = Bạch Thông, B = Ba Bể.
DISTRICT_A = "063"
DISTRICT_B = "061"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The official unit list is reference data: load it once for the whole session."""
    from communes.services import admin_units_load
    from emulation.plans import plan_spec_current

    with django_db_blocker.unblock():
        # Bắc Kạn as it stood until 30/6/2025: most tests file dossiers of 2021–2025 as the
        # staff of its districts, which stop filing once the reorganisation of 1/7/2025 is
        # loaded; the tests of the reorganisation load it (fixture ``reorganised``).
        admin_units_load(reorganisation_csv=None, new_units_csv=None)
        AgencyFactory()
        # the plan's spec is built once per process (then read from memory): build it
        # here so that no test's query count depends on being the first to read it
        plan_spec_current()


@pytest.fixture
def reorganised(db) -> None:
    """The reorganisation of 1/7/2025 loaded (Thái Nguyên's 92 units, lineage), inside
    the test's transaction, as ``manage.py load_admin_units`` loads it (a maintenance
    session behind the province wall) followed by a restart (``app.province`` set again)."""
    from communes.services import admin_units_load
    from config import dbwall
    from emulation.rowsecurity import maintenance

    with maintenance():
        admin_units_load()
    dbwall.refresh()


def make_user(username: str, role: str, **scope) -> User:
    """A user of ``role`` with PASSWORD (tests.factories.UserFactory)."""
    return UserFactory(username=username, role=role, **scope)


@pytest.fixture
def district_a(db) -> District:
    return District.objects.get(code=DISTRICT_A)


@pytest.fixture
def district_b(db) -> District:
    return District.objects.get(code=DISTRICT_B)


@pytest.fixture
def commune_a(district_a) -> Commune:
    return district_a.communes.order_by("code").first()


@pytest.fixture
def commune_b(district_b) -> Commune:
    return district_b.communes.order_by("code").first()


@pytest.fixture
def users(db, district_a, district_b) -> dict[str, User]:
    return role_users(district_a, district_b)


@pytest.fixture
def demo_mode(settings):
    """DEMO_MODE on: seed_demo refuses to run without it (it creates published accounts)."""
    settings.DEMO_MODE = True


@pytest.fixture
def login(client):
    """login(user) -> the test client logged in as that user."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the rows it cached were rolled back."""
    from django.core.cache import cache

    from emulation.plans import forget_sets_version

    cache.clear()
    forget_sets_version()
    yield
    cache.clear()
    forget_sets_version()


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """Each test starts in Vietnamese: a request with the English cookie activates English
    for the thread (LanguageMiddleware), which would otherwise leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# --- the second wall (issue 18): playing the app's database role --------------------


@pytest.fixture
def as_the_app():
    """Run as a role that is not a superuser (as the app's role must be), with
    ``app.province`` set as config.dbwall sets it; ``as_the_app(keys)`` changes the keys."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ntm_wall_probe')"
            " THEN CREATE ROLE ntm_wall_probe NOLOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$"
        )
        cursor.execute("GRANT USAGE ON SCHEMA public TO ntm_wall_probe")
        cursor.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ntm_wall_probe"
        )
        cursor.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ntm_wall_probe")
        cursor.execute("SET LOCAL ROLE ntm_wall_probe")

    def keys(value: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.province', %s, true)", [value])

    keys(province_list())
    yield keys
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.fixture(autouse=True)
def _behind_the_wall(request):
    """``PROVINCE_WALL_PROBE=1``: every database test runs as the app's role behind the
    province wall (``as_the_app``), its fixtures' rows written through the wall's WITH
    CHECK: a flow that reads or writes outside the installation's province fails there.
    (Tests that load another province, e.g. the reorganisation, are not for this mode.)"""
    if os.environ.get("PROVINCE_WALL_PROBE") != "1" or not (
        DATABASE_FIXTURES & set(request.fixturenames)
        or request.node.get_closest_marker("django_db")
    ):
        yield
        return
    request.getfixturevalue("db")
    yield request.getfixturevalue("as_the_app")


# --- layers --------------------------------------------------------------------------

TESTS = Path(__file__).resolve().parent
LAYERS = ("unit", "integration", "e2e", "system")
# The directories whose every test is of one layer, without saying so; under pytest-xdist
# each is also one unit of work (pytest_xdist_make_scheduler below).
DIRECTORY_LAYERS = {"e2e": "e2e", "system": "system"}
# Fixtures that reach the database: a unit test has none of them.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def layer_problem(item: pytest.Item) -> str | None:
    """Why ``item`` is not of exactly one fitting layer, or None."""
    try:
        folder = item.path.resolve().relative_to(TESTS).parts[0]
    except ValueError:  # not under tests/: not ours to judge
        return None
    layers = sorted({m.name for m in item.iter_markers() if m.name in LAYERS})
    if folder in DIRECTORY_LAYERS:
        wanted = DIRECTORY_LAYERS[folder]
        if layers != [wanted]:
            return f"marked {', '.join(layers)} in tests/{folder}/, where every test is {wanted}"
        return None
    if len(layers) != 1 or layers[0] not in ("unit", "integration"):
        marked = f"marked {', '.join(layers)}" if layers else "has no layer marker"
        return f"{marked}: declare `pytestmark = pytest.mark.unit` or `.integration` in its file"
    if layers == ["unit"]:
        if item.get_closest_marker("django_db"):
            return "is marked unit and django_db: a unit test has no database"
        if used := DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            return f"is marked unit but uses {', '.join(sorted(used))}: that is integration"
    return None


@pytest.hookimpl(tryfirst=True)  # before -m selects by these markers
def pytest_collection_modifyitems(config, items):
    """tests/e2e/ and tests/system/ mark their tests; every test must then have one layer.

    A file with a test that has not is reported as a collection error: the run stops
    before any test, with or without pytest-xdist, and says which file and why.
    """
    problems: dict[tuple[str, str], list[str]] = {}
    for item in items:
        try:
            folder = item.path.resolve().relative_to(TESTS).parts[0]
        except ValueError:
            folder = ""
        if folder in DIRECTORY_LAYERS:
            item.add_marker(DIRECTORY_LAYERS[folder])
        if problem := layer_problem(item):
            problems.setdefault((item.nodeid.split("::")[0], problem), []).append(item.nodeid)
    for (path, problem), ids in problems.items():
        example = ids[0].split("::", 1)[1]
        message = (
            f"{len(ids)} test(s) of {path} (e.g. {example}) {problem}.\n"
            f"Every test is exactly one of {', '.join(LAYERS)} (pyproject.toml's markers)."
        )
        config.hook.pytest_collectreport(
            report=pytest.CollectReport(path, "failed", message, result=[])
        )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist (scripts/test.sh: -n auto), tests/e2e/ and tests/system/ are each
    one unit of work: one worker runs it, one test at a time, while the other workers take
    the other tests one by one. The system tests start servers and PostgreSQL clusters that
    want the machine's cores and time their own outages; the browser tests share one
    Chromium, and their live server's flushes and the reference data put back after them
    stay in one worker. Biggest units first (xdist's --loadscope-reorder): they start at once.

    (``xdist_group`` with ``--dist loadgroup`` would say the same, but it groups by rewriting
    node ids, which pytest 9.2 no longer reads: pytest-xdist issue #1386.) Another --dist
    asked for on the command line is left alone.
    """
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LayerScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            parts = nodeid.split("/", 2)
            if len(parts) == 3 and parts[0] == TESTS.name and parts[1] in DIRECTORY_LAYERS:
                return parts[1]
            return nodeid

    return LayerScheduling(config, log)

"""Shared fixtures: Bắc Kạn's units loaded once per test session, one user per role."""

from __future__ import annotations

import pytest

from communes.models import Commune, District
from emulation.models import Agency, Role, User

PASSWORD = "Mat-khau-thu-2025"

# Two districts used across tests: A = Bạch Thông, B = Ba Bể.
DISTRICT_A = "063"
DISTRICT_B = "061"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The official unit list is reference data: load it once for the whole session."""
    from communes.services import admin_units_load

    with django_db_blocker.unblock():
        admin_units_load()
        Agency.objects.get_or_create(
            code="so-nn-ptnt", defaults={"name": "Sở Nông nghiệp và Phát triển nông thôn"}
        )


def make_user(username: str, role: str, **scope) -> User:
    user = User(username=username, role=role, full_name=f"Người dùng {username}", **scope)
    user.set_password(PASSWORD)
    if role == Role.ADMIN:
        user.is_staff = True
    user.save()
    return user


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
    agency = Agency.objects.get(code="so-nn-ptnt")
    return {
        "district_a": make_user("huyen_a", Role.DISTRICT, district=district_a),
        "district_b": make_user("huyen_b", Role.DISTRICT, district=district_b),
        "agency": make_user("coquan", Role.AGENCY, agency=agency),
        "reviewer": make_user("bantdkt", Role.REVIEWER),
        "appraiser": make_user("vpdp", Role.APPRAISER),
        "admin": make_user("quantri", Role.ADMIN),
    }


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

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """Each test starts in Vietnamese: a request with the English cookie activates English
    for the thread (LanguageMiddleware), which would otherwise leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)

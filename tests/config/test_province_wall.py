"""The second wall (issue 18, part 1): PostgreSQL row-level security on the tables that
carry a province, keyed on the connection's ``app.province``.

The tests' database role is a superuser, whom row-level security never applies to; each
test therefore plays the app's role as PostgreSQL sees it — a role that is not a
superuser — with ``SET LOCAL ROLE`` inside the test's transaction (rolled back after).
"""

from __future__ import annotations

import pytest
from django.db import connection

from config.dbwall import province_list
from dossiers import selectors
from dossiers.models import Dossier
from emulation.models import User
from tests.dossiers.support import filed, plain_commune
from tests.factories import (
    DistrictFactory,
    DistrictStaffFactory,
    ProvinceFactory,
    ReviewerFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def two_provinces(users, district_a):
    ours = filed(users["district_a"], plain_commune(district_a), "Nông Văn A", 60_000_000)
    other = ProvinceFactory(code="Z9", name="Tỉnh Khác")
    district = DistrictFactory(code="Z91", province=other, name="Huyện Khác")
    staff = DistrictStaffFactory(username="huyen_z9", district=district)
    theirs = Dossier.objects.create(round="annual", year=2024, district=district, created_by=staff)
    ReviewerFactory(username="ban_z9", province=other)
    assert theirs.province_id == "Z9" and ours.province_id == "06"
    return ours, theirs


def test_the_installation_is_its_province_and_lineage(reorganised):
    assert province_list() == "06,19"


def test_a_selector_without_its_province_filter_returns_nothing_of_another_province(
    two_provinces, as_the_app, users
):
    ours, theirs = two_provinces
    # no filter at all: what a forgotten .filter(province...) would read
    assert set(Dossier.objects.values_list("province_id", flat=True)) == {"06"}
    assert not Dossier.objects.filter(pk=theirs.pk).exists()
    assert not User.objects.filter(username__in=["huyen_z9", "ban_z9"]).exists()
    # the provincial selector, its province filter removed, still sees only ours
    unfiltered = selectors.dossiers_visible_to(users["reviewer"]).model.objects.all()
    assert list(unfiltered.values_list("pk", flat=True)) == [ours.pk]
    # and a write to their row changes nothing
    assert Dossier.objects.filter(pk=theirs.pk).update(summary="Bị sửa") == 0


def test_the_other_installation_sees_only_its_own(two_provinces, as_the_app):
    ours, theirs = two_provinces
    as_the_app("Z9")
    assert list(Dossier.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert set(User.objects.values_list("username", flat=True)) == {"huyen_z9", "ban_z9"}


def test_a_maintenance_session_without_app_province_sees_every_province(two_provinces, as_the_app):
    as_the_app("")
    assert set(Dossier.objects.values_list("province_id", flat=True)) == {"06", "Z9"}


def test_the_app_role_cannot_move_a_row_into_another_province(two_provinces, as_the_app):
    from django.db import DatabaseError, transaction

    ours, theirs = two_provinces
    with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
        Dossier.objects.filter(pk=ours.pk).update(province_id="Z9")


def test_each_connection_of_the_app_sets_app_province():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('app.province', true)")
        (value,) = cursor.fetchone()
    assert value == province_list()

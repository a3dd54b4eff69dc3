"""Recording criteria under two-level local government (issue 13, part 2): commune staff
record their own commune's criteria; nobody records the criteria of a unit that has
ended (its history stays as it was; its successor records from 1/7/2025)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from communes.models import Commune
from communes.selectors import commune_by_code, communes_editable_by, lineage_of
from criteria.models import Assessment
from criteria.services import CriteriaError, assessment_record
from emulation.models import Role
from tests.conftest import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MERGER = dt.date(2025, 7, 1)
DAY = dt.date(2026, 3, 2)  # Quyết định 51/2025/QĐ-TTg in force


@pytest.fixture
def bang_thanh(reorganised) -> Commune:
    unit = commune_by_code("01864", on=MERGER)
    assert unit is not None
    return unit


@pytest.fixture
def staff(bang_thanh):
    return make_user("xa_bang_thanh_tc", Role.COMMUNE, commune=bang_thanh)


def test_commune_staff_record_their_own_communes_criteria(staff, bang_thanh, client):
    assert staff.has_perm("criteria.record_criteria")
    assert staff.has_perm("criteria.record_criteria", bang_thanh)
    assert list(communes_editable_by(staff)) == [bang_thanh]
    row = assessment_record(
        commune=bang_thanh, criterion_number=2, assessed_on=DAY, met=True, by=staff
    )
    assert row.criterion.criteria_set.code == "qd-51-2025" and row.recorded_by == staff
    client.force_login(staff)
    form = reverse("criteria:assessment_add", args=[bang_thanh.key])
    assert client.get(form).status_code == 200
    # not before the unit existed
    with pytest.raises(CriteriaError) as refused:
        assessment_record(
            commune=bang_thanh,
            criterion_number=1,
            assessed_on=dt.date(2025, 6, 1),
            met=True,
            by=staff,
        )
    assert "thành lập từ ngày 01/07/2025" in str(refused.value)


def test_commune_staff_record_no_other_commune(staff, bang_thanh, client):
    other = (
        Commune.objects.filter(valid_from=MERGER).exclude(pk=bang_thanh.pk).order_by("key").first()
    )
    assert not staff.has_perm("criteria.record_criteria", other)
    with pytest.raises(PermissionDenied):
        assessment_record(commune=other, criterion_number=2, assessed_on=DAY, met=True, by=staff)
    client.force_login(staff)
    assert client.get(reverse("criteria:assessment_add", args=[other.key])).status_code == 404


def test_nobody_records_the_criteria_of_a_unit_that_has_ended(bang_thanh, users, client):
    old = lineage_of(bang_thanh).predecessors[0].predecessor_commune
    assert old.valid_to == dt.date(2025, 6, 30)
    district_staff = (
        users["district_a"] if old.district_id == users["district_a"].district_id else None
    )
    if district_staff is None:
        district_staff = make_user("huyen_cu", Role.DISTRICT, district=old.district)
    assert not district_staff.has_perm("criteria.record_criteria", old)
    assert old.pk not in set(communes_editable_by(district_staff).values_list("pk", flat=True))
    with pytest.raises(PermissionDenied):
        assessment_record(
            commune=old,
            criterion_number=2,
            assessed_on=dt.date(2025, 6, 1),
            met=True,
            by=district_staff,
        )
    assert not Assessment.objects.filter(commune=old).exists()
    client.force_login(district_staff)
    assert client.get(reverse("criteria:assessment_add", args=[old.key])).status_code in (403, 404)

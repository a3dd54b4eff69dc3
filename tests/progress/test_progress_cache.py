"""The dashboard's figures are cached, and any write to what they count refreshes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communes.models import Commune
from communes.services import admin_units_load
from criteria.services import recognition_record
from emulation.models import PlanTarget
from progress.figures import compute_overview, progress_overview
from tests.factories import AssessmentFactory, RecognitionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2024, 12, 31)


def _ntm_2024(overview) -> int:
    return overview.province.row(2024).actual["ntm"]


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.fixture
def commune(district_a) -> Commune:
    """A xã of Bạch Thông (not its thị trấn)."""
    return district_a.communes.filter(kind="xa").order_by("code").first()


def test_second_read_comes_from_the_cache(commune):
    assert _queries(lambda: progress_overview(today=TODAY)) > 5
    assert _queries(lambda: progress_overview(today=TODAY)) == 0
    # another day is another entry
    assert _queries(lambda: progress_overview(today=TODAY - dt.timedelta(days=1))) > 5


def test_a_recognition_through_the_service_shows_at_once(commune, users):
    before = _ntm_2024(progress_overview(today=TODAY))
    recognition_record(
        commune=commune,
        level="ntm",
        decision_number="123/QĐ-UBND",
        decision_date=dt.date(2024, 6, 1),
        issuing_body="UBND tỉnh Bắc Kạn",
        by=users["district_a"],
    )
    assert _ntm_2024(progress_overview(today=TODAY)) == before + 1
    assert _ntm_2024(progress_overview(today=TODAY)) == _ntm_2024(compute_overview(today=TODAY))


def _renamed_then_loaded(commune: Commune) -> None:
    """A unit renamed behind the app's back (no model signal), then the official list loaded
    again: only that unit is written, in bulk (``communes.signals.units_changed``)."""
    Commune.objects.filter(pk=commune.pk).update(name="Tên Sai")
    result = admin_units_load(reorganisation_csv=None, new_units_csv=None)
    assert result.updated == 1


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda c: RecognitionFactory(
                commune=c, level="ntm", decision_number="1/QĐ", decision_date=dt.date(2024, 5, 1)
            ),
            id="recognition saved",
        ),
        pytest.param(
            lambda c: AssessmentFactory(
                commune=c, criterion_id=1, assessed_on=dt.date(2024, 3, 1), met=False
            ),
            id="assessment saved",
        ),
        pytest.param(
            lambda c: PlanTarget.objects.update_or_create(
                year=2024, district=None, defaults={"ntm_communes_added": 7}
            ),
            id="target edited",
        ),
        pytest.param(
            lambda c: Commune.objects.filter(pk=c.pk).first().save(),
            id="commune saved",
        ),
        pytest.param(
            _renamed_then_loaded,
            id="unit list loaded",
        ),
    ],
)
def test_every_kind_of_write_refreshes_the_figures(commune, write):
    progress_overview(today=TODAY)
    assert _queries(lambda: progress_overview(today=TODAY)) == 0
    write(commune)
    assert _queries(lambda: progress_overview(today=TODAY)) > 5  # recomputed
    fresh = compute_overview(today=TODAY)
    cached = progress_overview(today=TODAY)
    assert cached.province.years == fresh.province.years
    assert [b.message for b in cached.behind] == [b.message for b in fresh.behind]


def test_the_dashboard_page_shows_a_new_recognition(login, users, commune):
    client = login(users["reviewer"])
    before = client.get("/tien-do/").context["overview"].province.row(2025).actual["ntm"]
    RecognitionFactory(
        commune=commune, level="ntm", decision_number="9/QĐ", decision_date=dt.date(2025, 6, 1)
    )
    page = client.get("/tien-do/")
    assert page.context["overview"].province.row(2025).actual["ntm"] == before + 1

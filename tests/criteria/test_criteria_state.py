"""The criteria state spans that PostgreSQL's triggers keep agree with a scan of the
assessments themselves, through inserts, corrections (updates), same-day rows, deletes,
COPY-sized bulk inserts and a renumbered criterion."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from criteria.models import Assessment, CriteriaStateSpan, Criterion
from criteria.services import criteria_met_on, criteria_met_on_dates, criteria_met_on_scan
from tests.factories import AssessmentFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAYS = [
    dt.date(2018, 12, 31),
    dt.date(2021, 1, 1),
    dt.date(2022, 5, 17),
    dt.date(2023, 6, 30),
    dt.date(2025, 6, 30),
    dt.date(2026, 1, 1),
    dt.date(2026, 3, 1),
]


def _agree(codes: list[str]) -> None:
    together = criteria_met_on_dates(commune_codes=codes, dates=DAYS)
    for on in DAYS:
        scanned = criteria_met_on_scan(commune_codes=codes, on=on)
        assert criteria_met_on(commune_codes=codes, on=on) == scanned, on
        assert together[on] == scanned, on
        everyone = criteria_met_on(commune_codes=None, on=on)
        assert {c: everyone.get(c, frozenset()) for c in codes} == scanned, on


def test_spans_and_scan_agree_on_random_histories(district_a, district_b):
    rng = random.Random(7)  # noqa: S311 - test data
    communes = list(district_a.communes.order_by("code")[:4]) + list(
        district_b.communes.order_by("code")[:3]
    )
    rows = []
    for commune in communes:
        for criterion in range(1, 20):
            for _ in range(rng.randint(0, 4)):
                day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2500))
                rows.append(
                    AssessmentFactory.build(
                        commune=commune, criterion_id=criterion, assessed_on=day, met=True
                    )
                )
                # a second row of the same day: the later one (higher id) counts
                rows.append(
                    AssessmentFactory.build(
                        commune=commune,
                        criterion_id=criterion,
                        assessed_on=day,
                        met=rng.random() < 0.6,
                    )
                )
    Assessment.objects.bulk_create(rows)
    codes = [c.code for c in communes]
    _agree(codes)
    # corrections: a replaced row no longer counts, its replacement does
    for old in rng.sample(rows, 15):
        new = AssessmentFactory(
            commune=old.commune,
            criterion_id=old.criterion_id,
            assessed_on=old.assessed_on,
            met=not old.met,
        )
        Assessment.objects.filter(pk=old.pk).update(replaced_by=new)
    _agree(codes)
    assert any(criteria_met_on(commune_codes=codes, on=dt.date(2025, 6, 30)).values())
    # a deleted history leaves no span
    Assessment.objects.filter(commune_id=codes[0], replaced_by__isnull=True).exclude(
        replaces__isnull=False
    ).delete()
    _agree(codes)
    # renumbering a criterion moves its bit
    criterion = Criterion.objects.get(pk=3)
    criterion.number = 30
    criterion.save(update_fields=["number"])
    _agree(codes)
    assert CriteriaStateSpan.objects.filter(commune_id__in=codes).exists()

"""The two PostgreSQL paths of criteria_met_on agree: the per-pair index probe used for
given communes and the DISTINCT ON scan used for every commune."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from criteria.models import Assessment
from criteria.services import criteria_met_on
from tests.factories import AssessmentFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_probe_and_scan_agree_on_random_histories(district_a, district_b):
    rng = random.Random(7)  # noqa: S311 - test data
    communes = list(district_a.communes.order_by("code")[:4]) + list(
        district_b.communes.order_by("code")[:3]
    )
    rows = []
    for commune in communes:
        for criterion in range(1, 20):
            for _ in range(rng.randint(0, 4)):
                rows.append(
                    AssessmentFactory.build(
                        commune=commune,
                        criterion_id=criterion,
                        assessed_on=dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2500)),
                        met=rng.random() < 0.6,
                    )
                )
    Assessment.objects.bulk_create(rows)
    # corrections: a replaced row no longer counts, its replacement does
    for old in rng.sample(rows, 15):
        new = AssessmentFactory(
            commune=old.commune,
            criterion_id=old.criterion_id,
            assessed_on=old.assessed_on,
            met=not old.met,
        )
        Assessment.objects.filter(pk=old.pk).update(replaced_by=new)
    codes = [c.code for c in communes]
    for on in [
        dt.date(2018, 12, 31),
        dt.date(2021, 1, 1),
        dt.date(2023, 6, 30),
        dt.date(2026, 1, 1),
    ]:
        probed = criteria_met_on(commune_codes=codes, on=on)
        scanned = criteria_met_on(commune_codes=None, on=on)
        assert probed == {code: scanned.get(code, frozenset()) for code in codes}, on
    assert any(criteria_met_on(commune_codes=codes, on=dt.date(2026, 1, 1)).values())

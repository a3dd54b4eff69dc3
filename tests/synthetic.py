"""Synthetic units for query-count tests: a district of ``n`` xã with assessments."""

from __future__ import annotations

import datetime as dt

from communes.models import District
from tests.factories import (
    AssessmentFactory,
    CommuneFactory,
    CommuneKindPeriodFactory,
    DistrictFactory,
    RecognitionFactory,
    bulk,
)


def synthetic_district(n: int, code: str = "099") -> District:
    district = DistrictFactory(code=code, name="Thử Nghiệm")
    communes = bulk(
        CommuneFactory,
        (
            dict(
                code=f"9{code[-1]}{i:03d}",
                name=f"Thử {i}",
                extremely_difficult=i % 3 == 0,
                on_roadmap=i % 2 == 0,
            )
            for i in range(n)
        ),
        district=district,
    )
    bulk(CommuneKindPeriodFactory, (dict(commune=c) for c in communes))
    rows = []
    for i, c in enumerate(communes):
        for number in range(1, 1 + i % 19):
            rows.append(dict(commune=c, criterion_id=number, assessed_on=dt.date(2020, 12, 1)))
        rows.append(
            dict(commune=c, criterion_id=19, assessed_on=dt.date(2022, 5, 1), met=i % 2 == 0)
        )
    bulk(AssessmentFactory, rows)
    bulk(
        RecognitionFactory,
        (
            dict(commune=c, decision_number=f"{i}/QĐ", decision_date=dt.date(2022, 12, 1))
            for i, c in enumerate(communes)
            if i % 4 == 0
        ),
    )
    return district

"""Synthetic units for query-count tests: a district of ``n`` xã with assessments."""

from __future__ import annotations

import datetime as dt

from communes.models import Commune, CommuneKind, CommuneKindPeriod, District
from criteria.models import Assessment, Recognition
from emulation.text import fold


def synthetic_district(n: int, code: str = "099") -> District:
    district = District.objects.create(code=code, province_id="06", name="Thử Nghiệm", kind="huyen")
    communes = [
        Commune(
            code=f"9{code[-1]}{i:03d}",
            district=district,
            name=f"Thử {i}",
            kind=CommuneKind.XA,
            extremely_difficult=i % 3 == 0,
            on_roadmap=i % 2 == 0,
            search_name=fold(f"Thử {i} Xã"),
        )
        for i in range(n)
    ]
    Commune.objects.bulk_create(communes)
    CommuneKindPeriod.objects.bulk_create(
        [
            CommuneKindPeriod(commune=c, kind=CommuneKind.XA, valid_from=dt.date(2021, 1, 1))
            for c in communes
        ]
    )
    rows = []
    for i, c in enumerate(communes):
        for number in range(1, 1 + i % 19):
            rows.append(
                Assessment(
                    commune=c, criterion_id=number, assessed_on=dt.date(2020, 12, 1), met=True
                )
            )
        rows.append(
            Assessment(commune=c, criterion_id=19, assessed_on=dt.date(2022, 5, 1), met=i % 2 == 0)
        )
    Assessment.objects.bulk_create(rows)
    Recognition.objects.bulk_create(
        [
            Recognition(
                commune=c,
                level="ntm",
                decision_number=f"{i}/QĐ",
                decision_date=dt.date(2022, 12, 1),
            )
            for i, c in enumerate(communes)
            if i % 4 == 0
        ]
    )
    return district

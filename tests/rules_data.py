"""Records for the rules tests: criteria met at dates, recognitions, debts, plan targets."""

from __future__ import annotations

import datetime as dt

from criteria.models import Assessment, CapitalDebt, DistrictRecognition, Recognition
from emulation.models import PlanTarget

BEFORE_BASELINE = dt.date(2020, 12, 1)


def met(commune, numbers, on, *, met=True):
    """Record that from ``on`` the commune met (or not) each criterion in ``numbers``."""
    Assessment.objects.bulk_create(
        Assessment(commune=commune, criterion_id=n, assessed_on=on, met=met) for n in numbers
    )


def progress(commune, baseline, new, on=dt.date(2023, 6, 1)):
    met(commune, baseline, BEFORE_BASELINE)
    met(commune, new, on)


def recognize(commune, level="ntm", on=dt.date(2023, 5, 10)):
    return Recognition.objects.create(
        commune=commune, level=level, decision_number=f"{commune.code}/QĐ-UBND", decision_date=on
    )


def debt(unit, year, has_debt=True):
    field = "commune" if unit.__class__.__name__ == "Commune" else "district"
    return CapitalDebt.objects.create(**{field: unit}, year=year, has_debt=has_debt)


def district_completed(district, on):
    return DistrictRecognition.objects.create(
        district=district, decision_number="1/QĐ-TTg", decision_date=on
    )


def plan(district, year, ntm_added):
    return PlanTarget.objects.create(district=district, year=year, ntm_communes_added=ntm_added)

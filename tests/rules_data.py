"""Records for the rules tests: criteria met at dates, recognitions, debts, plan targets."""

from __future__ import annotations

import datetime as dt

from tests.factories import (
    BEFORE_BASELINE,
    AssessmentFactory,
    CapitalDebtFactory,
    DistrictRecognitionFactory,
    PlanTargetFactory,
    RecognitionFactory,
    bulk,
)


def met(commune, numbers, on, *, met=True):
    """Record that from ``on`` the commune met (or not) each criterion in ``numbers``."""
    bulk(
        AssessmentFactory,
        (dict(criterion_id=n) for n in numbers),
        commune=commune,
        assessed_on=on,
        met=met,
    )


def progress(commune, baseline, new, on=dt.date(2023, 6, 1)):
    met(commune, baseline, BEFORE_BASELINE)
    met(commune, new, on)


def recognize(commune, level="ntm", on=dt.date(2023, 5, 10)):
    return RecognitionFactory(commune=commune, level=level, decision_date=on)


def debt(unit, year, has_debt=True):
    field = "commune" if unit.__class__.__name__ == "Commune" else "district"
    return CapitalDebtFactory(**{field: unit}, year=year, has_debt=has_debt)


def district_completed(district, on):
    return DistrictRecognitionFactory(
        district=district, decision_number="1/QĐ-TTg", decision_date=on
    )


def plan(district, year, ntm_added):
    return PlanTargetFactory(district=district, year=year, ntm_communes_added=ntm_added)

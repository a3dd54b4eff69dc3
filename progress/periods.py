"""Which years a progress page offers, by plan: the plan's period is data (``Plan``'s
first and last year, :mod:`emulation.plans`), and a page about a year shows the years of
the plan that year reads, never a year outside it.

A year belongs to the plan :func:`emulation.plans.plan_for` picks for it (the plan of the
province or of its lineage whose period holds the year, the province's own first, then
the latest begun): the same choice :func:`progress.figures.plan_of_year` makes, computed
here for every year at once from one query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from communes.selectors import default_day, province_family
from emulation.models import Plan


@dataclass(frozen=True)
class PlanYears:
    """A plan and the years of its period a user may open (up to the user's last year)."""

    plan: Plan | None
    years: tuple[int, ...]

    @property
    def first(self) -> int:
        return self.plan.first_year if self.plan else self.years[0]

    @property
    def last(self) -> int:
        return self.plan.last_year if self.plan else self.years[-1]


def assign_years(plans: list[Plan], province: str, last_year: int) -> list[PlanYears]:
    """Each year up to ``last_year`` that a plan of ``plans`` covers, under the plan that
    reads it (pure; ``plans`` are the province's and its lineage's), in period order."""
    by_plan: dict[int, list[int]] = {}
    years = sorted({y for p in plans for y in range(p.first_year, p.last_year + 1)})
    for year in years:
        if year > last_year:
            continue
        holding = [p for p in plans if p.first_year <= year <= p.last_year]
        holding.sort(key=lambda p: (p.province_id != province, -p.first_year, p.code))
        by_plan.setdefault(holding[0].pk, []).append(year)
    ordered = sorted(
        (p for p in plans if p.pk in by_plan), key=lambda p: (p.first_year, p.last_year, p.code)
    )
    return [PlanYears(p, tuple(by_plan[p.pk])) for p in ordered]


def plan_periods(user, today: dt.date) -> list[PlanYears]:
    """The plans whose years ``user`` may open on ``today``, each with those years (one
    query): up to this year, or to the last year of an abolished district's staff. With
    no plan stored, this year alone."""
    last = default_day(user, today).year
    province = settings.PROVINCE_CODE
    plans = list(Plan.objects.filter(province_id__in=province_family(province)))
    periods = assign_years(plans, province, last)
    return periods or [PlanYears(None, (min(today.year, last),))]


def period_of(periods: list[PlanYears], year: int) -> PlanYears:
    """The period holding ``year`` (else the latest)."""
    return next((p for p in periods if year in p.years), periods[-1])


def year_asked(request, periods: list[PlanYears]) -> int:
    """The year of ``?nam=`` when some plan offers it, else the latest offered."""
    offered = [y for p in periods for y in p.years]
    try:
        year = int(request.GET.get("nam", "") or offered[-1])
    except ValueError:
        year = offered[-1]
    return year if year in offered else offered[-1]

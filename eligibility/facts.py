"""Facts about commune and district nominees, gathered from the records (not retyped).

    commune_facts(communes, *, round, year=None, ...) -> {commune key: case fields}
    district_facts(districts, *, round, year=None, ...) -> {district code: case fields}
    case_for(facts, title) -> the contract's case for one title

The case fields are those of the eligibility contract (round, year,
extremely_difficult, recognition, criteria_baseline, criteria_now, criteria_midterm,
midterm_awarded, capital_debt; for districts completed_year, communes_recognized,
communes_planned, capital_debt). Each function issues a fixed number of queries
whatever the number of units (one per kind of fact), so pages stay fast.

Dates
-----
- baseline: the plan's baseline date (its data: 01/01/2021 for Bắc Kạn's plan); a plan
  without one counts from 1 January of its first year;
- review date ``on``: by default 31/12 of the award year, or today if that is earlier
  (the plan says "the date of the directive organising the review", which the records
  do not hold; pass ``on`` when it is known);
- mid-term state (final round only): ``midterm_on``, by default 31/12 of the rule set's
  mid-term year (capped at today likewise).

Records and their defaults
--------------------------
- recognition: the commune's latest recognition decided on or before ``on``;
- capital_debt: the CapitalDebt row of the award year; no row = unknown (None): a pending
  check the appraiser settles (the contract's null; III.2.2.c "phải là xã không nợ đọng
  xây dựng cơ bản" is a fact to establish, not to presume);
- ĐBKK: the commune's current ``extremely_difficult`` flag;
- district completed_year: year of its DistrictRecognition if decided on or before ``on``;
- communes_recognized: communes of the district recognised NTM between the baseline and
  ``on``; communes_planned: the district's plan targets (PlanTarget.ntm_communes_added)
  for the years up to the award year. With no targets recorded the field is left out,
  so the verdict says which figure is missing instead of passing on a zero.

Earlier awards (the hook for dossiers)
--------------------------------------
Whether a commune "was awarded at the mid-term" ("xã đã được khen thưởng khi tổ chức sơ
kết", III.2.2.c) comes from award decisions, which the dossiers app records: every award
of the commune at the plan's sơ kết counts, whatever its title. A provider is any callable

    provider(*, commune_codes: list[str], district_codes: list[str]) -> Iterable[EarlierAward]

returning the awards already decided for those units (one bounded query, please). Pass it
as ``earlier_awards=``; by default the one the dossiers registered in
:mod:`eligibility.extensions` is used.
With no provider, no earlier award is known: ``midterm_awarded`` is False.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from communes.models import Commune, District
from criteria.models import DistrictRecognition, Level, Recognition
from criteria.services import criteria_met_on_dates, debt_in, latest_recognitions
from emulation.anyof import AnyOf
from emulation.models import PlanTarget
from emulation.rules import DEFAULT_VALUES, PlanSpec, Round, Title, default_plan

from . import extensions


@dataclass(frozen=True)
class EarlierAward:
    """An award already decided for a commune or district."""

    kind: str  # "commune" | "district"
    code: str
    round: Round
    year: int
    title: Title


def _round_year(rnd: Round, year: int | None, plan: PlanSpec) -> int:
    """The annual round's year; the plan's year for the sơ kết and tổng kết (a different
    year is refused, as the contract says)."""
    planned = plan.year_of(rnd)
    if rnd is Round.ANNUAL or planned is None:
        if year is None:
            raise ValueError("An annual round needs its year.")
        return year
    if year is not None and year != planned:
        raise ValueError(f"The {rnd.value} round of plan {plan.code} is {planned}, not {year}.")
    return planned


def baseline_date(plan: PlanSpec) -> dt.date:
    """The state "đạt mới từ …" counts from: the plan's baseline date."""
    return plan.baseline_on


def round_review_date(plan: PlanSpec, rnd: Round, year: int) -> dt.date:
    """The review date of a sơ kết / tổng kết round the plan has set (the date of the
    document directing it), else 31/12 of the year or today."""
    if year == plan.year_of(rnd) and (fixed := plan.review_date_of(rnd)) is not None:
        return fixed
    return review_date(year)


def review_date(year: int, today: dt.date | None = None) -> dt.date:
    """31/12 of the year, or today if that comes first."""
    return min(dt.date(year, 12, 31), today or timezone.localdate())


def _frame(
    units: Sequence[Commune] | Sequence[District],
    rnd: Round | str,
    year: int | None,
    on: dt.date | None,
    values: Mapping[str, Any] | None,
    plan: PlanSpec,
) -> tuple[Mapping[str, Any], Round, int, dt.date, list[str]]:
    """The common frame of a facts query: values, round, year, review date, unit codes."""
    values = values or DEFAULT_VALUES
    rnd = Round(rnd)
    year = _round_year(rnd, year, plan)
    return values, rnd, year, on or round_review_date(plan, rnd, year), _keys(units)


def _keys(units: Sequence[Commune] | Sequence[District]) -> list[str]:
    """The units' primary keys (read as the plain attribute: ``.pk`` is a property call,
    10.000 of them are measurable)."""
    if not units:
        return []
    return list(map(attrgetter(units[0]._meta.pk.attname), units))


def _earlier(
    provider: extensions.EarlierAwardsProvider | None,
    commune_codes: list[str],
    district_codes: list[str],
) -> Sequence[EarlierAward]:
    provider = provider or extensions.earlier_awards_provider()
    if provider is None:
        return ()
    return list(provider(commune_codes=commune_codes, district_codes=district_codes))


def commune_facts(
    communes: Sequence[Commune],
    *,
    round: Round | str,
    year: int | None = None,
    on: dt.date | None = None,
    midterm_on: dt.date | None = None,
    values: Mapping[str, Any] | None = None,
    earlier_awards: extensions.EarlierAwardsProvider | None = None,
    plan: PlanSpec | None = None,
) -> dict[str, dict[str, Any]]:
    """Case fields (without title) for each commune (Commune objects), by code."""
    plan = plan or default_plan()
    values, rnd, year, on, codes = _frame(communes, round, year, on, values, plan)
    if not codes:
        return {}
    base_on = baseline_date(plan)
    midterm_day: dt.date | None = None
    if rnd is Round.FINAL:
        midterm_year = plan.year_of(Round.MIDTERM)
        midterm_day = midterm_on or (
            round_review_date(plan, Round.MIDTERM, midterm_year) if midterm_year else on
        )
    # every date's state in one query (the state spans), whatever the number of communes
    states = criteria_met_on_dates(
        commune_codes=codes, dates=[d for d in (base_on, on, midterm_day) if d is not None]
    )
    baseline, now = states[base_on], states[on]
    midterm = states[midterm_day] if midterm_day is not None else None
    latest = latest_recognitions(codes, on=on)
    debts = debt_in(year=year, commune_codes=codes)
    awarded_midterm = {
        a.code
        for a in _earlier(earlier_awards, codes, [])
        if a.kind == "commune" and a.round == Round.MIDTERM
    }
    listed: dict[frozenset[int], list[int]] = {}

    def as_list(numbers: frozenset[int]) -> list[int]:
        found = listed.get(numbers)
        if found is None:
            found = listed[numbers] = sorted(numbers)
        return list(found)

    out: dict[str, dict[str, Any]] = {}
    round_value = rnd.value
    empty: frozenset[int] = frozenset()
    for c, key in zip(communes, codes, strict=True):
        rec = latest.get(key)
        facts: dict[str, Any] = {
            "round": round_value,
            "year": year,
            "extremely_difficult": bool(c.extremely_difficult),
            "recognition": {"level": rec[0], "year": rec[1].year} if rec else None,
            "criteria_baseline": as_list(baseline.get(key, empty)),
            "criteria_now": as_list(now.get(key, empty)),
            "capital_debt": debts.get(("commune", key)),
            "midterm_awarded": key in awarded_midterm,
        }
        if midterm is not None:
            facts["criteria_midterm"] = as_list(midterm.get(key, empty))
        out[key] = facts
    return out


def district_facts(
    districts: Sequence[District],
    *,
    round: Round | str,
    year: int | None = None,
    on: dt.date | None = None,
    values: Mapping[str, Any] | None = None,
    plan: PlanSpec | None = None,
) -> dict[str, dict[str, Any]]:
    """Case fields (without title) for each district (District objects), by code."""
    plan = plan or default_plan()
    values, rnd, year, on, codes = _frame(districts, round, year, on, values, plan)
    if not codes:
        return {}
    completed = dict(
        DistrictRecognition.objects.filter(
            AnyOf("district_id", codes), decision_date__lte=on
        ).values_list("district_id", "decision_date")
    )
    recognized = dict(
        Recognition.objects.filter(
            AnyOf("commune__district_id", codes),
            level=Level.NTM,
            decision_date__gte=baseline_date(plan),
            decision_date__lte=on,
        )
        .values("commune__district_id")
        .annotate(n=Count("commune_id", distinct=True))
        .values_list("commune__district_id", "n")
    )
    planned = dict(
        PlanTarget.objects.filter(AnyOf("district_id", codes), year__lte=year, plan__code=plan.code)
        .values("district_id")
        .annotate(n=Sum("ntm_communes_added"))
        .values_list("district_id", "n")
    )
    debts = debt_in(year=year, district_codes=codes)
    out: dict[str, dict[str, Any]] = {}
    for code in codes:
        day = completed.get(code)
        facts: dict[str, Any] = {
            "round": rnd.value,
            "year": year,
            "completed_year": day.year if day else None,
            "communes_recognized": recognized.get(code, 0),
            "capital_debt": debts.get(("district", code)),
            "attested": None,
        }
        if code in planned:
            facts["communes_planned"] = planned[code]
        out[code] = facts
    return out


def case_for(facts: Mapping[str, Any], title: Title | str) -> dict[str, Any]:
    """The contract's case for one title from a unit's facts."""
    return {**facts, "title": Title(title).value}

"""Who qualifies: every commune and district in a user's scope, judged for a round.

Facts come from the records (eligibility.facts), verdicts from the pure core. A fixed
number of queries whatever the number of units: the units in scope, one query per
kind of fact, and the rule set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser

from communes.models import Commune, District
from communes.selectors import communes_visible_to, districts_visible_to
from eligibility import successors
from eligibility.extensions import EarlierAwardsProvider
from eligibility.facts import (
    _round_year,
    case_for,
    commune_facts,
    district_facts,
    round_review_date,
)
from emulation.models import User
from emulation.rules import (
    COMMUNE_TITLES,
    DISTRICT_TITLES,
    TITLE_LABELS,
    Check,
    PlanSpec,
    Round,
    Title,
    Verdict,
    default_plan,
    titles_for_round,
)
from emulation.rulesets import RuleSetInForce

ELIGIBLE, PENDING, NEAR, MISSING_DATA, NO = "eligible", "pending", "near", "missing", "no"
STATUS_ORDER = {ELIGIBLE: 0, PENDING: 1, NEAR: 2, MISSING_DATA: 3, NO: 4}


def is_near_miss(verdict: Verdict, limit: int) -> bool:
    """Ineligible only by measurable checks that each miss by at most ``limit``
    (criteria, or communes for a district's plan): e.g. one criterion short."""
    if verdict.eligible is not False:
        return False
    failed = [c for c in verdict.checks if c.passed is False]
    return bool(failed) and all(
        not c.judged and c.shortfall is not None and 0 < c.shortfall <= limit for c in failed
    )


@dataclass(frozen=True)
class TitleResult:
    title: Title
    verdict: Verdict
    status: str

    @property
    def label(self) -> str:
        return TITLE_LABELS[self.title]

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.verdict.checks if c.passed is False]


@dataclass
class UnitResult:
    kind: str  # "commune" | "district"
    unit: Commune | District
    facts: Mapping[str, Any]
    results: list[TitleResult] = field(default_factory=list)

    @property
    def status(self) -> str:
        return min((r.status for r in self.results), key=STATUS_ORDER.__getitem__, default=NO)

    def with_status(self, *statuses: str) -> list[TitleResult]:
        return [r for r in self.results if r.status in statuses]

    @property
    def qualified(self) -> list[TitleResult]:
        return self.with_status(ELIGIBLE, PENDING)

    @property
    def near(self) -> list[TitleResult]:
        return self.with_status(NEAR)

    @property
    def missing(self) -> list[TitleResult]:
        return self.with_status(MISSING_DATA)

    @property
    def criteria_now(self) -> int:
        return len(self.facts.get("criteria_now", ()))


def _judge(
    units: Sequence[Commune] | Sequence[District],
    kind: str,
    facts: Mapping[str, Mapping[str, Any]],
    titles: Iterable[Title],
    values: Mapping[str, Any],
    version: int,
    limit: int,
    plan: PlanSpec,
) -> list[UnitResult]:
    out = []
    for unit in units:
        f = facts[unit.pk]
        res = UnitResult(kind, unit, f)
        for title in titles:
            v = successors.judge(case_for(f, title), values, version=version, plan=plan)
            if v.error:
                status = MISSING_DATA
            elif v.eligible:
                status = ELIGIBLE
            elif v.eligible is None:
                status = PENDING
            elif is_near_miss(v, limit):
                status = NEAR
            else:
                status = NO
            res.results.append(TitleResult(title, v, status))
        out.append(res)
    return out


def gather_facts(
    districts: Sequence[District],
    communes: Sequence[Commune],
    *,
    round: Round | str,  # noqa: A002 - the contract's word
    year: int | None,
    values: Mapping[str, Any],
    earlier_awards: EarlierAwardsProvider | None = None,
    plan: PlanSpec | None = None,
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(district facts, commune facts) of every unit given, set-based: a fixed number of
    queries whatever the number of units (one per kind of fact: criteria at every date
    the round needs, recognitions, debts, earlier awards; the districts' completion,
    recognised communes and plan targets; the new units' predecessors and theirs), so
    the whole country costs a few aggregate queries, not a query per unit."""
    plan = plan or default_plan()
    d_facts = district_facts(districts, round=round, year=year, values=values, plan=plan)
    c_facts = commune_facts(
        communes, round=round, year=year, values=values, earlier_awards=earlier_awards, plan=plan
    )
    # the units formed during the plan (1/7/2025): their predecessors and the reading
    successors.add_predecessors(communes, c_facts, round=round, year=year, values=values, plan=plan)
    return d_facts, c_facts


def who_qualifies(
    *,
    user: User | AnonymousUser,
    round: Round | str,
    year: int | None,
    ruleset: RuleSetInForce,
    district_code: str | None = None,
    earlier_awards: EarlierAwardsProvider | None = None,
    plan: PlanSpec | None = None,
) -> tuple[list[UnitResult], list[UnitResult]]:
    """(districts, communes) in the user's scope with every title of the round judged.

    Sorted: qualifying first, then pending attestation, near misses, missing data, the rest.
    """
    rnd = Round(round)
    plan = plan or default_plan()
    values = ruleset.values
    limit = values["near_miss_criteria"]
    # the units that existed during the round's year, up to its review date (2021–2024:
    # Bắc Kạn's 108; 2025: those and the 37 units formed from them on 1/7/2025)
    round_year = _round_year(rnd, year, plan)
    during = (dt.date(round_year, 1, 1), round_review_date(plan, rnd, round_year))
    districts_qs = districts_visible_to(user, during=during).order_by("code")
    communes_qs = communes_visible_to(user, during=during).order_by("district_id", "name")
    if district_code:
        districts_qs = districts_qs.filter(code=district_code)
        communes_qs = communes_qs.filter(district_id=district_code)
    districts = list(districts_qs)
    communes = list(communes_qs)
    round_titles = set(titles_for_round(rnd, plan))
    d_titles = [t for t in DISTRICT_TITLES if t in round_titles]
    c_titles = [t for t in COMMUNE_TITLES if t in round_titles]
    d_facts, c_facts = gather_facts(
        districts,
        communes,
        round=rnd,
        year=year,
        values=values,
        earlier_awards=earlier_awards,
        plan=plan,
    )
    version = ruleset.version
    d_res = _judge(districts, "district", d_facts, d_titles, values, version, limit, plan)
    c_res = _judge(communes, "commune", c_facts, c_titles, values, version, limit, plan)
    return sorted(d_res, key=_status_key), sorted(c_res, key=_status_key)


def _status_key(result: UnitResult) -> int:
    return STATUS_ORDER[result.status]

"""Which criteria set is in force on a date, and its criteria (reads of reference data).

Sets follow each other in time (see :class:`criteria.models.CriteriaSet`): on a date at
most one is in force. Everything that shows or reads criteria "on a date" asks here, so
a page about 2024 shows the 19 criteria of Quyết định 318/QĐ-TTg and a page about
01/3/2026 the 10 of Quyết định 51/2025/QĐ-TTg.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from emulation.plans import SetCriteria

from .models import CriteriaSet, Criterion, in_force_q


def criteria_set_on(on: dt.date) -> CriteriaSet | None:
    """The set in force on ``on`` (one query), or None."""
    return CriteriaSet.objects.filter(in_force_q(on)).first()


def criteria_on(on: dt.date) -> tuple[CriteriaSet | None, list[Criterion]]:
    """The set in force on ``on`` and its criteria by number (one query; two for a set
    without criteria)."""
    criteria = list(
        Criterion.objects.filter(in_force_q(on, "criteria_set__"))
        .select_related("criteria_set")
        .order_by("number")
    )
    if criteria:
        return criteria[0].criteria_set, criteria
    return criteria_set_on(on), []


def sets_criteria() -> dict[str, SetCriteria]:
    """What plans read of the stored criteria sets (registered in emulation.plans by
    CriteriaConfig.ready): by code, each set's criteria numbers, its income and poverty
    criteria. One query."""
    out: dict[str, tuple[int | None, int | None, list[int]]] = {}
    rows = CriteriaSet.objects.values_list(
        "code", "income_criterion", "poverty_criterion", "criteria__number"
    )
    for code, income, poverty, number in rows:
        entry = out.setdefault(code, (income, poverty, []))
        if number is not None:
            entry[2].append(number)
    return {
        code: SetCriteria(numbers=tuple(sorted(numbers)), income=income, poverty=poverty)
        for code, (income, poverty, numbers) in out.items()
    }


def covers_baseline(criteria_set: CriteriaSet | None, baseline: dt.date) -> bool:
    """Whether ``baseline`` falls in the set's period, so "newly met since the baseline"
    compares criteria of one set (the 2026–2030 set has no 2021 baseline)."""
    return criteria_set is not None and criteria_set.in_force_on(baseline)


@dataclass
class SetCatalogue:
    """Every set with its criteria, for code that resolves many dates at once (imports)."""

    sets: list[tuple[CriteriaSet, dict[int, Criterion]]] = field(default_factory=list)

    @classmethod
    def load(cls) -> SetCatalogue:
        """Two queries, whatever the number of sets."""
        by_set: dict[int, dict[int, Criterion]] = {}
        for criterion in Criterion.objects.order_by("criteria_set_id", "number"):
            by_set.setdefault(criterion.criteria_set_id, {})[criterion.number] = criterion
        return cls([(s, by_set.get(s.pk, {})) for s in CriteriaSet.objects.all()])

    def on(self, day: dt.date) -> tuple[CriteriaSet | None, dict[int, Criterion]]:
        for criteria_set, criteria in self.sets:
            if criteria_set.in_force_on(day):
                return criteria_set, criteria
        return None, {}


def no_set_message(day: dt.date) -> str:
    return f"Ngày {day:%d/%m/%Y} không thuộc thời gian áp dụng của bộ tiêu chí nào."


def wrong_number_message(criteria_set: CriteriaSet, count: int, day: dt.date, got: str) -> str:
    return (
        f"Tiêu chí phải là số từ 1 đến {count} của {criteria_set.name} "
        f"({criteria_set.legal_basis}), bộ áp dụng ngày {day:%d/%m/%Y} (gặp “{got}”)."
    )


def out_of_force_message(criterion: Criterion, day: dt.date) -> str | None:
    """None when the criterion's set is in force on ``day``; else why not, naming the set
    that is (one query then)."""
    criteria_set = criterion.criteria_set
    if criteria_set.in_force_on(day):
        return None
    current = criteria_set_on(day)
    message = (
        f"Tiêu chí “{criterion}” thuộc {criteria_set.name} ({criteria_set.legal_basis}), "
        f"áp dụng {criteria_set.period_label}; "
    )
    if current is None:
        return message + f"ngày {day:%d/%m/%Y} không có bộ tiêu chí nào được áp dụng."
    return message + (
        f"ngày {day:%d/%m/%Y} áp dụng {current.name} ({current.legal_basis}). "
        "Hãy chọn tiêu chí của bộ đó."
    )

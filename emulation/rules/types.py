"""The rules core's vocabulary: rounds, titles, a case (facts), a check, a verdict.

Pure Python: no Django import. The contract is ../shared/domain/eligibility-contract.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Round(StrEnum):
    ANNUAL = "annual"  # hàng năm, III.2.2.a
    MIDTERM = "midterm"  # sơ kết 2023, III.2.2.b
    FINAL = "final"  # tổng kết 2025, III.2.2.c


class Title(StrEnum):
    COMMUNE_RECOGNIZED = "commune_recognized"
    COMMUNE_EXEMPLARY = "commune_exemplary"
    COMMUNE_EFFORT = "commune_effort"
    DISTRICT_COMPLETED = "district_completed"
    DISTRICT_OUTSTANDING = "district_outstanding"
    ORGANIZATION_INFRASTRUCTURE = "organization_infrastructure"
    ORGANIZATION_PRODUCTION = "organization_production"
    PERSON_CONTRIBUTION = "person_contribution"
    PERSON_INITIATIVE = "person_initiative"
    COLLECTIVE_OUTSTANDING = "collective_outstanding"
    OFFICIAL_OUTSTANDING = "official_outstanding"
    AGENCY_OUTSTANDING = "agency_outstanding"


@dataclass(frozen=True, slots=True)
class Check:
    rule: str  # stable code, e.g. "person.contribution_value"
    clause: str  # the plan's clause, e.g. "III.2.2.a"
    passed: bool | None  # None: a judged standard not yet attested
    message: str  # Vietnamese, with the figures
    judged: bool = False  # True for standards a reviewer attests
    # How far a failed measurable check is from passing, in its own unit (criteria,
    # communes or đồng); None when passed or not measurable. Used for "near misses".
    shortfall: int | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    eligible: bool | None
    checks: tuple[Check, ...] = field(default_factory=tuple)
    error: str | None = None
    ruleset_version: int | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "eligible": self.eligible,
            "checks": [
                {"rule": c.rule, "clause": c.clause, "passed": c.passed, "message": c.message}
                for c in self.checks
            ],
        }
        if self.error:
            out["error"] = self.error
        return out

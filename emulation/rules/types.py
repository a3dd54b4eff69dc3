"""The rules core's vocabulary: rounds (their names; a plan gives their years), levels,
titles, a case (facts), a check, a verdict.

Pure Python: no Django import. The contract is ../shared/domain/eligibility-contract.md.
Words are marked with :func:`gettext_noop` for makemessages; the Django side translates
them when it shows them (:mod:`emulation.labels`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def gettext_noop(text: str) -> str:
    """Marks a msgid for makemessages; templates translate it when shown."""
    return text


class Round(StrEnum):
    ANNUAL = "annual"  # hàng năm, III.2.2.a
    MIDTERM = "midterm"  # sơ kết, III.2.2.b (its year is the plan's)
    FINAL = "final"  # tổng kết, III.2.2.c (its year is the plan's)


# A round's name; a plan's round as a choice or with its year is formatted from its kind
# and year (emulation.rules.plan): "Sơ kết (2023)", "Sơ kết 2023".
ROUND_NAMES: dict[Round, str] = {
    Round.ANNUAL: gettext_noop("Hàng năm"),
    Round.MIDTERM: gettext_noop("Sơ kết"),
    Round.FINAL: gettext_noop("Tổng kết"),
}

# A commune's level of the standard (mức đạt chuẩn), by its code: in running text
# ("Xã đạt chuẩn nông thôn mới nâng cao năm 2024") and as a label.
LEVELS: dict[str, str] = {
    "ntm": gettext_noop("nông thôn mới"),
    "advanced": gettext_noop("nông thôn mới nâng cao"),
    "model": gettext_noop("nông thôn mới kiểu mẫu"),
}
LEVEL_LABELS: dict[str, str] = {
    "ntm": gettext_noop("Nông thôn mới"),
    "advanced": gettext_noop("Nông thôn mới nâng cao"),
    "model": gettext_noop("Nông thôn mới kiểu mẫu"),
}


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
class Text:
    """A message of the rules core as words and values: ``fmt`` is a Vietnamese format
    (marked with :func:`gettext_noop`, "%(name)s" placeholders), ``values`` its values
    (numbers, plain text kept as is, or other :class:`Text`). ``str()`` is the
    Vietnamese sentence (what :attr:`Check.message` holds); the Django side renders it
    in the interface language (:func:`emulation.labels.check_message`)."""

    fmt: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, fmt: str, **values: Any) -> Text:
        return cls(fmt, tuple(values.items()))

    def render(self, translate: Any = None) -> str:
        """The sentence, each format passed through ``translate`` (default: none)."""
        fmt = translate(self.fmt) if translate and self.fmt else self.fmt
        if not self.values:
            return fmt
        return fmt % {k: v.render(translate) if isinstance(v, Text) else v for k, v in self.values}

    def __str__(self) -> str:
        return self.render()

    def as_dict(self) -> dict[str, Any]:
        return {
            "fmt": self.fmt,
            "values": {k: v.as_dict() if isinstance(v, Text) else v for k, v in self.values},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Text:
        values = data.get("values") or {}
        return cls(
            str(data.get("fmt", "")),
            tuple(
                (str(k), cls.from_dict(v) if isinstance(v, Mapping) and "fmt" in v else v)
                for k, v in values.items()
            ),
        )


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
    # A pending check the appraiser settles by stating a fact the records lack: the case
    # field they state (e.g. "capital_debt"); None for every other check.
    settle: str | None = None
    # the message as words and values, for other languages (None: ``message`` only)
    text: Text | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Verdict:
    eligible: bool | None
    checks: tuple[Check, ...] = field(default_factory=tuple)
    error: str | None = None
    ruleset_version: int | None = None
    plan: str | None = None  # the code of the plan that judged

    def as_dict(self) -> dict[str, Any]:
        checks: list[dict[str, Any]] = []
        for c in self.checks:
            row: dict[str, Any] = {
                "rule": c.rule,
                "clause": c.clause,
                "passed": c.passed,
                "message": c.message,
            }
            if c.settle:
                row["settle"] = c.settle
            checks.append(row)
        out: dict[str, Any] = {
            "eligible": self.eligible,
            "checks": checks,
            "plan": self.plan,
            "ruleset_version": self.ruleset_version,
        }
        if self.error:
            out["error"] = self.error
        return out

"""The rules module's public API (pure Python, no Django).

    from emulation.rules import evaluate, DEFAULT_VALUES, titles_for_round, TITLE_LABELS

evaluate(case, values=None, *, version=None) -> Verdict judges one nominee's case (the
contract's case dict, ../shared/domain/eligibility-contract.md) against a rule set's
values; it never raises on a bad case. In Django land the rule set in force comes from
emulation.rulesets.ruleset_in_force(on).
"""

from .core import (
    COMMUNE_TITLES,
    DISTRICT_TITLES,
    ROUND_TITLES,
    TITLE_LABELS,
    evaluate,
    titles_for_round,
    verdict_of,
)
from .types import (
    FIRST_YEAR,
    LAST_YEAR,
    LEVEL_LABELS,
    LEVELS,
    ROUND_LABELS,
    ROUND_NAMES,
    ROUND_YEAR,
    Check,
    Round,
    Title,
    Verdict,
    round_year,
)
from .values import DEFAULT_VALUES, SPECS_BY_KEY, VALUE_SPECS, ValueSpec, validate_values

__all__ = [
    "COMMUNE_TITLES",
    "DEFAULT_VALUES",
    "DISTRICT_TITLES",
    "FIRST_YEAR",
    "LAST_YEAR",
    "LEVELS",
    "LEVEL_LABELS",
    "ROUND_LABELS",
    "ROUND_NAMES",
    "ROUND_YEAR",
    "ROUND_TITLES",
    "SPECS_BY_KEY",
    "TITLE_LABELS",
    "VALUE_SPECS",
    "Check",
    "Round",
    "Title",
    "ValueSpec",
    "Verdict",
    "evaluate",
    "round_year",
    "titles_for_round",
    "validate_values",
    "verdict_of",
]

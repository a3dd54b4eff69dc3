"""The rules module's public API (pure Python, no Django).

    from emulation.rules import evaluate, DEFAULT_VALUES, titles_for_round, TITLE_LABELS

evaluate(case, values=None, *, version=None, plan=None) -> Verdict judges one nominee's case (the
contract's case dict, ../shared/domain/eligibility-contract.md) against a rule set's
values; it never raises on a bad case. In Django land the rule set in force comes from
emulation.rulesets.ruleset_in_force(on).
"""

from .core import (
    COMMUNE_TITLES,
    DISTRICT_TITLES,
    TITLE_LABELS,
    evaluate,
    titles_for_round,
    verdict_of,
)
from .plan import (
    PlanSpec,
    default_plan,
    round_choice_label,
    round_label,
    spec_from_dict,
)
from .types import (
    LEVEL_LABELS,
    LEVELS,
    ROUND_NAMES,
    Check,
    Round,
    Title,
    Verdict,
)
from .values import DEFAULT_VALUES, SPECS_BY_KEY, VALUE_SPECS, ValueSpec, validate_values

__all__ = [
    "COMMUNE_TITLES",
    "PlanSpec",
    "default_plan",
    "round_choice_label",
    "round_label",
    "spec_from_dict",
    "DEFAULT_VALUES",
    "DISTRICT_TITLES",
    "LEVELS",
    "LEVEL_LABELS",
    "ROUND_NAMES",
    "SPECS_BY_KEY",
    "TITLE_LABELS",
    "VALUE_SPECS",
    "Check",
    "Round",
    "Title",
    "ValueSpec",
    "Verdict",
    "evaluate",
    "titles_for_round",
    "validate_values",
    "verdict_of",
]

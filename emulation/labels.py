"""The rules core's words as people read them, translated for the screen.

The words themselves are defined once, in the pure rules core's vocabulary
(:mod:`emulation.rules.types`: rounds, their years and names, levels; and
:data:`emulation.rules.TITLE_LABELS`); this module only translates them. Documents,
which are always Vietnamese, use the words untranslated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from .rules import LEVELS, ROUND_NAMES, TITLE_LABELS, PlanSpec, Round, Title
from .rules.plan import ROUND_CHOICE_FORMATS
from .rules.types import Check, Text


def title_label(code: str) -> str:
    """ "Cá nhân, gia đình đóng góp công sức, đất đai, tài sản"; an unknown code as is."""
    try:
        return _(TITLE_LABELS[Title(code)])
    except (KeyError, ValueError):
        return code


def round_name(code: str) -> str:
    """ "Sơ kết", as before a year ("Sơ kết 2023"); an unknown code as is."""
    try:
        return _(ROUND_NAMES[Round(code)])
    except (KeyError, ValueError):
        return code


def round_choice(code: str, plan: PlanSpec) -> str:
    """A plan's round as a choice: "Hàng năm", "Sơ kết (2023)"; an unknown code as is."""
    try:
        rnd = Round(code)
    except ValueError:
        return code
    year = plan.year_of(rnd)
    if year is None:  # a plan without this round: its name alone, "Tổng kết"
        return _(ROUND_NAMES[rnd])
    return _(ROUND_CHOICE_FORMATS[rnd]) % {"year": year}


def level_text(code: str) -> str:
    """ "nông thôn mới nâng cao", as in running text; an unknown code as is."""
    return _(LEVELS[code]) if code in LEVELS else code


def check_message(check: Check | Mapping[str, Any]) -> str:
    """A verdict's check in the interface language: its words and values
    (:class:`emulation.rules.types.Text`, kept with stored verdicts) translated; a check
    stored before they were kept shows its Vietnamese message."""
    if isinstance(check, Mapping):
        text = check.get("text")
        if isinstance(text, Mapping):
            return Text.from_dict(text).render(_)
        return str(check.get("message", ""))
    if check.text is not None:
        return check.text.render(_)
    return check.message

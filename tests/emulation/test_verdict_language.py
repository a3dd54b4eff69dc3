"""Issue 17, part 11: a verdict's checks read in the interface language.

The rules core keeps each message as words and values (``Check.text``): its Vietnamese
is exactly ``Check.message`` (what documents print and the contract names), and the
screens render it in English under the English interface. A check stored before the
words were kept shows its Vietnamese message."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from emulation.labels import check_message
from emulation.rules import evaluate
from emulation.rules.types import Text

pytestmark = pytest.mark.unit

M = 1_000_000
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)

CASES = [
    {"round": "annual", "year": 2024, "title": "commune_recognized", "recognition": None},
    {
        "round": "annual",
        "year": 2024,
        "title": "commune_recognized",
        "recognition": {"level": "advanced", "year": 2023},
        "capital_debt": None,
    },
    {
        "round": "midterm",
        "title": "commune_exemplary",
        "criteria_baseline": [1, 2, 3],
        "criteria_now": [1, 2, 3, 4, 5, 10],
        "capital_debt": True,
    },
    {
        "round": "final",
        "title": "commune_effort",
        "extremely_difficult": True,
        "criteria_baseline": [1],
        "criteria_now": [1, 2, 11],
        "midterm_awarded": True,
        "criteria_midterm": [1],
        "capital_debt": False,
    },
    {"round": "annual", "year": 2022, "title": "district_completed", "completed_year": None},
    {
        "round": "final",
        "title": "district_outstanding",
        "communes_recognized": 3,
        "communes_planned": 5,
        "capital_debt": False,
        "attested": None,
    },
    {
        "round": "midterm",
        "title": "organization_infrastructure",
        "infrastructure_value": 10 * M,
        "awarded_this_year": False,
    },
    {
        "round": "annual",
        "year": 2022,
        "title": "person_contribution",
        "extremely_difficult": None,
        "mobilized_value": 200 * M,
        "own_land_asset_value": 30 * M,
    },
    {
        "round": "midterm",
        "title": "person_contribution",
        "extremely_difficult": True,
        "contribution_value": 45 * M,
        "mobilized_value": 1,
        "own_land_asset_value": 1,
        "attested": True,
    },
    {"round": "final", "title": "agency_outstanding", "attested": False},
]


def _english_words(text: str) -> str:
    """The text without amounts in đồng and the kept abbreviation ĐBKK."""
    return re.sub(r"[\d.]+ đ|ĐBKK", "", text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['title']}-{c['round']}")
def test_every_check_reads_in_english_and_is_the_same_vietnamese(case):
    verdict = evaluate(case)
    assert verdict.error is None and verdict.checks
    for check in verdict.checks:
        assert check.text is not None, check.rule
        assert str(check.text) == check.message  # the words are the message
        # stored with the dossier and read back: the same words
        stored = Text.from_dict(check.text.as_dict())
        assert str(stored) == check.message
        with translation.override("vi"):
            assert check_message(check) == check.message
        with translation.override("en"):
            english = check_message(check)
            again = check_message({"message": check.message, "text": check.text.as_dict()})
        assert english == again and english != check.message
        assert not VIETNAMESE.search(_english_words(english)), english


def test_a_check_stored_without_its_words_shows_its_message():
    with translation.override("en"):
        assert check_message({"message": "Xã đạt chuẩn."}) == "Xã đạt chuẩn."


def test_english_examples():
    verdict = evaluate(CASES[0])
    with translation.override("en"):
        assert check_message(verdict.checks[0]) == (
            "The commune was not recognised as meeting the standards in 2024."
        )
    verdict = evaluate(CASES[8])
    contribution = next(c for c in verdict.checks if c.rule == "person.contribution")
    with translation.override("en"):
        assert check_message(contribution).startswith("Contribution")

"""The pure rules core: every standard of III.2.2 at and around its boundary.

No database: these tests import only emulation.rules.
"""

from __future__ import annotations

import pytest

from emulation.rules import (
    DEFAULT_VALUES,
    TITLE_LABELS,
    Round,
    Title,
    evaluate,
    titles_for_round,
    validate_values,
)
from emulation.rules.plan import PLAN_FILES, read_plan_file, spec_from_dict

pytestmark = pytest.mark.unit

M = 1_000_000


def values(**changes):
    return {**DEFAULT_VALUES, **changes}


def rule(verdict, code):
    matches = [c for c in verdict.checks if c.rule == code]
    assert len(matches) == 1, (code, verdict)
    return matches[0]


# --- the contract's example and the API's shape ------------------------------


def test_contract_example_is_eligible():
    v = evaluate(
        {
            "round": "midterm",
            "title": "commune_effort",
            "extremely_difficult": True,
            "criteria_baseline": [1, 4, 8, 19],
            "criteria_now": [1, 4, 8, 19, 2, 10, 15],
        }
    )
    assert v.eligible is True and v.error is None
    assert v.ruleset_version == 1
    assert all(c.clause == "III.2.2.b" for c in v.checks)
    assert "tiêu chí 2, 10, 15" in rule(v, "commune.newly_met").message
    out = v.as_dict()
    # the plan and the rule-set version that judged are named (issue 14, part 1)
    assert set(out) == {"eligible", "checks", "plan", "ruleset_version"}
    assert out["plan"] == "bac-kan-2021-2025" and out["ruleset_version"] == 1
    assert set(out["checks"][0]) == {"rule", "clause", "passed", "message"}


def test_version_is_recorded():
    case = {"round": "annual", "year": 2022, "title": "district_completed", "completed_year": 2022}
    assert evaluate(case, values(), version=7).ruleset_version == 7
    assert evaluate(case, values()).ruleset_version is None
    assert evaluate({"round": "x"}, version=3).ruleset_version == 3


def test_titles_for_each_round_have_labels():
    assert titles_for_round("annual") == [
        Title.COMMUNE_RECOGNIZED,
        Title.DISTRICT_COMPLETED,
        Title.ORGANIZATION_INFRASTRUCTURE,
        Title.PERSON_CONTRIBUTION,
    ]
    assert Title.COMMUNE_EFFORT in titles_for_round(Round.MIDTERM)
    assert Title.AGENCY_OUTSTANDING in titles_for_round("final")
    assert Title.AGENCY_OUTSTANDING not in titles_for_round("midterm")
    assert Title.DISTRICT_OUTSTANDING not in titles_for_round("midterm")
    assert Title.ORGANIZATION_INFRASTRUCTURE not in titles_for_round("final")
    assert titles_for_round("weekly") == []
    assert set(TITLE_LABELS) == set(Title)
    every = {t for r in Round for t in titles_for_round(r)}
    assert every == set(Title)


# --- malformed cases ---------------------------------------------------------


@pytest.mark.parametrize(
    "case, field",
    [
        ([], "case"),
        ({}, "round"),
        ({"round": "weekly", "title": "commune_effort"}, "round"),
        ({"round": 2023, "title": "commune_effort"}, "round"),
        ({"round": "midterm"}, "title"),
        ({"round": "midterm", "title": "hero"}, "title"),
        ({"round": "annual", "year": 2022, "title": "commune_effort"}, "title"),
        ({"round": "final", "title": "organization_infrastructure"}, "title"),
        ({"round": "annual", "title": "district_completed", "completed_year": 2022}, "year"),
        ({"round": "annual", "year": "2022", "title": "district_completed"}, "year"),
        ({"round": "annual", "year": True, "title": "district_completed"}, "year"),
        ({"round": "midterm", "year": 1, "title": "district_completed"}, "year"),
        ({"round": "annual", "year": 2022, "title": "district_completed"}, "completed_year"),
        (
            {"round": "annual", "year": 2022, "title": "district_completed", "completed_year": "x"},
            "completed_year",
        ),
        (
            {"round": "midterm", "title": "commune_exemplary", "criteria_now": [1]},
            "criteria_baseline",
        ),
        (
            {
                "round": "midterm",
                "title": "commune_exemplary",
                "criteria_baseline": [0],
                "criteria_now": [],
            },
            "criteria_baseline",
        ),
        (
            {
                "round": "midterm",
                "title": "commune_exemplary",
                "criteria_baseline": [],
                "criteria_now": [20],
            },
            "criteria_now",
        ),
        (
            {
                "round": "midterm",
                "title": "commune_exemplary",
                "criteria_baseline": [],
                "criteria_now": [True],
            },
            "criteria_now",
        ),
        (
            {
                "round": "midterm",
                "title": "commune_exemplary",
                "criteria_baseline": [],
                "criteria_now": [1.0],
            },
            "criteria_now",
        ),
        (
            {
                "round": "midterm",
                "title": "commune_exemplary",
                "criteria_baseline": [],
                "criteria_now": "1,2",
            },
            "criteria_now",
        ),
        (
            {
                "round": "midterm",
                "title": "commune_effort",
                "criteria_baseline": [],
                "criteria_now": [],
            },
            "extremely_difficult",
        ),
        (
            {
                "round": "midterm",
                "title": "commune_effort",
                "extremely_difficult": "có",
                "criteria_baseline": [],
                "criteria_now": [],
            },
            "extremely_difficult",
        ),
        ({"round": "annual", "year": 2022, "title": "commune_recognized"}, "recognition"),
        (
            {
                "round": "annual",
                "year": 2022,
                "title": "commune_recognized",
                "recognition": {"level": "gold", "year": 2022},
            },
            "recognition.level",
        ),
        (
            {
                "round": "annual",
                "year": 2022,
                "title": "commune_recognized",
                "recognition": {"level": "ntm"},
            },
            "recognition.year",
        ),
        (
            {"round": "annual", "year": 2022, "title": "commune_recognized", "recognition": "ntm"},
            "recognition",
        ),
        (
            {"round": "annual", "year": 2022, "title": "organization_infrastructure"},
            "infrastructure_value",
        ),
        (
            {
                "round": "annual",
                "year": 2022,
                "title": "organization_infrastructure",
                "infrastructure_value": -1,
            },
            "infrastructure_value",
        ),
        (
            {
                "round": "annual",
                "year": 2022,
                "title": "organization_infrastructure",
                "infrastructure_value": 2.5e8,
            },
            "infrastructure_value",
        ),
        (
            {
                "round": "midterm",
                "title": "organization_infrastructure",
                "infrastructure_value": 3 * 10**8,
            },
            "awarded_this_year",
        ),
        (
            {
                "round": "annual",
                "year": 2022,
                "title": "person_contribution",
                "contribution_value": 1,
            },
            "extremely_difficult",
        ),
        (
            {
                "round": "annual",
                "year": 2022,
                "title": "person_contribution",
                "extremely_difficult": False,
            },
            "contribution_value",
        ),
        (
            {
                "round": "annual",
                "year": 2022,
                "title": "person_contribution",
                "extremely_difficult": False,
                "mobilized_value": 10**8,
            },
            "own_land_asset_value",
        ),
        (
            {
                "round": "final",
                "title": "commune_exemplary",
                "criteria_baseline": [],
                "criteria_now": [],
                "capital_debt": False,
            },
            "midterm_awarded",
        ),
        (
            {
                "round": "final",
                "title": "commune_exemplary",
                "criteria_baseline": [],
                "criteria_now": [],
                "midterm_awarded": True,
                "capital_debt": False,
            },
            "criteria_midterm",
        ),
        (
            {
                "round": "final",
                "title": "commune_exemplary",
                "criteria_baseline": [],
                "criteria_now": [],
                "midterm_awarded": False,
            },
            "capital_debt",
        ),
        (
            {
                "round": "final",
                "title": "district_outstanding",
                "communes_planned": 3,
                "capital_debt": False,
            },
            "communes_recognized",
        ),
        (
            {
                "round": "final",
                "title": "district_outstanding",
                "communes_recognized": 3,
                "communes_planned": -1,
                "capital_debt": False,
            },
            "communes_planned",
        ),
        ({"round": "final", "title": "agency_outstanding", "attested": "yes"}, "attested"),
    ],
)
def test_malformed_case_names_the_field(case, field):
    v = evaluate(case)
    assert v.eligible is None
    assert v.checks == ()
    assert v.error.startswith(field + ":"), v.error
    assert v.as_dict()["error"] == v.error


# --- communes: recognized in the year ----------------------------------------


@pytest.mark.parametrize("level", ["ntm", "advanced", "model"])
@pytest.mark.parametrize(
    "rnd, year, rec_year, expected",
    [
        ("annual", 2022, 2022, True),
        ("annual", 2022, 2021, False),
        ("annual", 2022, 2023, False),
        ("midterm", None, 2023, True),
        ("midterm", None, 2022, False),
        ("final", None, 2025, True),
        ("final", None, 2024, False),
    ],
)
def test_commune_recognized_in_the_year(level, rnd, year, rec_year, expected):
    case = {
        "round": rnd,
        "title": "commune_recognized",
        "recognition": {"level": level, "year": rec_year},
        "capital_debt": False,
    }
    if year:
        case["year"] = year
    v = evaluate(case)
    assert v.eligible is expected
    assert rule(v, "commune.recognized_in_year").passed is expected


def test_commune_not_recognized_fails_with_message():
    v = evaluate(
        {"round": "annual", "year": 2024, "title": "commune_recognized", "recognition": None}
    )
    assert v.eligible is False
    assert "chưa được công nhận" in v.checks[0].message


def test_recognition_message_names_level_and_year():
    v = evaluate(
        {
            "round": "annual",
            "year": 2024,
            "title": "commune_recognized",
            "recognition": {"level": "advanced", "year": 2023},
        }
    )
    assert (
        v.checks[0].message == "Xã đạt chuẩn nông thôn mới nâng cao năm 2023, không phải năm 2024."
    )


# --- communes: exemplary and effort, newly met and Income/Poverty -------------

BASE = [1, 4, 8, 19]


def progress_case(rnd, title, new, *, dbkk=True, midterm_awarded=False, since_mid=None, debt=False):
    now = BASE + list(new)
    case = {
        "round": rnd,
        "title": title,
        "extremely_difficult": dbkk,
        "criteria_baseline": BASE,
        "criteria_now": now,
    }
    if rnd == "final":
        case["midterm_awarded"] = midterm_awarded
        case["capital_debt"] = debt
        if midterm_awarded:
            # criteria_midterm = now minus the last `since_mid` criteria
            case["criteria_midterm"] = now[: len(now) - since_mid]
    return case


@pytest.mark.parametrize(
    "rnd, title, minimum",
    [
        ("midterm", "commune_exemplary", 4),
        ("midterm", "commune_effort", 3),
        ("final", "commune_exemplary", 5),
        ("final", "commune_effort", 4),
    ],
)
def test_newly_met_boundary(rnd, title, minimum):
    # Income (10) and Poverty (11) are among the new, the rest fill up the count.
    fillers = [2, 3, 5, 6, 7, 9]
    at = [10, 11] + fillers[: minimum - 2]
    below = at[:-1]
    above = at + [12]
    for new, expected in ((at, True), (below, False), (above, True)):
        v = evaluate(progress_case(rnd, title, new))
        assert v.eligible is expected, (new, v)
        check = rule(v, "commune.newly_met")
        assert check.passed is expected
        assert f"{len(new)} tiêu chí" in check.message and f"{minimum} tiêu chí" in check.message
        if not expected:
            assert check.shortfall == 1


@pytest.mark.parametrize("rnd", ["midterm", "final"])
def test_effort_requires_an_extremely_difficult_commune(rnd):
    new = [2, 3, 5, 10, 11]
    assert evaluate(progress_case(rnd, "commune_effort", new, dbkk=True)).eligible is True
    v = evaluate(progress_case(rnd, "commune_effort", new, dbkk=False))
    assert v.eligible is False
    assert rule(v, "commune.extremely_difficult").passed is False


@pytest.mark.parametrize("dbkk", [True, False])
def test_exemplary_ignores_extremely_difficult(dbkk):
    case = progress_case("midterm", "commune_exemplary", [2, 3, 5, 10], dbkk=dbkk)
    assert evaluate(case).eligible is True


@pytest.mark.parametrize(
    "rnd, new, expected",
    [
        # mid-term: Income OR Poverty
        ("midterm", [2, 3, 5, 10], True),
        ("midterm", [2, 3, 5, 11], True),
        ("midterm", [2, 3, 5, 6], False),
        # final: Income AND Poverty
        ("final", [2, 3, 5, 10, 11], True),
        ("final", [2, 3, 5, 6, 10], False),
        ("final", [2, 3, 5, 6, 11], False),
    ],
)
def test_income_or_and_poverty(rnd, new, expected):
    v = evaluate(progress_case(rnd, "commune_exemplary", new))
    assert rule(v, "commune.income_poverty").passed is expected
    assert v.eligible is expected


def test_income_poverty_connectives_are_settings():
    mid = progress_case("midterm", "commune_exemplary", [2, 3, 5, 10])
    assert evaluate(mid, values(midterm_income_poverty="and")).eligible is False
    fin = progress_case("final", "commune_exemplary", [2, 3, 5, 6, 10])
    assert evaluate(fin, values(final_income_poverty="or")).eligible is True


def test_reading_income_poverty_among_met_now_or_newly_met():
    # Income already met in 2021 (baseline), four other criteria newly met.
    case = {
        "round": "midterm",
        "title": "commune_exemplary",
        "criteria_baseline": [1, 10],
        "criteria_now": [1, 10, 2, 3, 5, 6],
    }
    assert evaluate(case).eligible is True  # default: among every criterion met now
    v = evaluate(case, values(income_poverty_among="newly_met"))
    assert v.eligible is False
    assert "đạt mới" in rule(v, "commune.income_poverty").message


def test_reading_newly_met_not_in_baseline_or_net_increase():
    # Lost criterion 4 since 2021, gained 2, 3, 5, 10: four newly met, net increase three.
    case = {
        "round": "midterm",
        "title": "commune_exemplary",
        "criteria_baseline": [1, 4],
        "criteria_now": [1, 2, 3, 5, 10],
    }
    assert evaluate(case).eligible is True
    v = evaluate(case, values(newly_met_reading="net_increase"))
    assert v.eligible is False
    assert rule(v, "commune.newly_met").shortfall == 1
    # and net increase never goes below zero
    lost = {**case, "criteria_now": [1]}
    assert (
        "0 tiêu chí"
        in rule(
            evaluate(lost, values(newly_met_reading="net_increase")), "commune.newly_met"
        ).message
    )


@pytest.mark.parametrize("title", ["commune_exemplary", "commune_effort"])
@pytest.mark.parametrize("since, expected", [(2, True), (1, False), (3, True), (0, False)])
def test_final_plus_two_since_the_midterm_award(title, since, expected):
    new = [2, 3, 5, 6, 10, 11]
    v = evaluate(progress_case("final", title, new, midterm_awarded=True, since_mid=since))
    assert rule(v, "commune.since_midterm").passed is expected
    assert v.eligible is expected


def test_final_not_awarded_at_midterm_skips_plus_two():
    v = evaluate(progress_case("final", "commune_exemplary", [2, 3, 5, 10, 11]))
    assert rule(v, "commune.since_midterm").passed is True
    assert v.eligible is True


def test_since_midterm_threshold_is_a_setting():
    case = progress_case(
        "final", "commune_exemplary", [2, 3, 5, 6, 10, 11], midterm_awarded=True, since_mid=2
    )
    assert evaluate(case, values(final_since_midterm_min=3)).eligible is False


# --- the XDCB debt note -------------------------------------------------------


@pytest.mark.parametrize("title", ["commune_recognized", "commune_exemplary", "commune_effort"])
def test_final_commune_with_debt_is_not_eligible(title):
    case = progress_case("final", title, [2, 3, 5, 10, 11], debt=True)
    case["recognition"] = {"level": "ntm", "year": 2025}
    v = evaluate(case)
    assert v.eligible is False
    assert rule(v, "commune.no_capital_debt").passed is False
    case["capital_debt"] = False
    assert evaluate(case).eligible is True


def test_reading_debt_applies_at_final_only_or_every_round():
    mid = progress_case("midterm", "commune_exemplary", [2, 3, 5, 10])
    mid["capital_debt"] = True
    v = evaluate(mid)
    assert v.eligible is True
    assert not [c for c in v.checks if c.rule == "commune.no_capital_debt"]
    assert evaluate(mid, values(capital_debt_rounds="all")).eligible is False
    annual = {
        "round": "annual",
        "year": 2022,
        "title": "commune_recognized",
        "recognition": {"level": "ntm", "year": 2022},
        "capital_debt": True,
    }
    assert evaluate(annual).eligible is True
    assert evaluate(annual, values(capital_debt_rounds="all")).eligible is False
    del annual["capital_debt"]
    assert evaluate(annual, values(capital_debt_rounds="all")).error.startswith("capital_debt:")


# --- districts ---------------------------------------------------------------


@pytest.mark.parametrize(
    "rnd, year, completed, expected",
    [
        ("annual", 2022, 2022, True),
        ("annual", 2022, 2021, False),
        ("annual", 2022, None, False),
        ("midterm", None, 2023, True),
        ("midterm", None, 2022, False),
        ("final", None, 2025, True),
        ("final", None, 2024, False),
    ],
)
def test_district_completed_in_the_year(rnd, year, completed, expected):
    case = {"round": rnd, "title": "district_completed", "completed_year": completed}
    if year:
        case["year"] = year
    assert evaluate(case).eligible is expected


@pytest.mark.parametrize(
    "recognized, planned, attested, debt, expected",
    [
        (12, 12, True, False, True),
        (13, 12, True, False, True),
        (11, 12, True, False, False),
        (12, 12, None, False, None),
        (12, 12, False, False, False),
        (12, 12, True, True, False),
        (11, 12, None, False, False),
    ],
)
def test_district_outstanding(recognized, planned, attested, debt, expected):
    case = {
        "round": "final",
        "title": "district_outstanding",
        "communes_recognized": recognized,
        "communes_planned": planned,
        "capital_debt": debt,
        "attested": attested,
    }
    v = evaluate(case)
    assert v.eligible is expected
    assert rule(v, "district.exemplary").judged is True
    assert rule(v, "district.exemplary").passed is attested
    if recognized < planned:
        assert rule(v, "district.communes_planned").shortfall == planned - recognized


# --- organisations -----------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected", [(200 * M, True), (200 * M - 1, False), (200 * M + 1, True), (0, False)]
)
@pytest.mark.parametrize("rnd", ["annual", "midterm"])
def test_organization_infrastructure_boundary(rnd, value, expected):
    case = {
        "round": rnd,
        "year": 2023,
        "title": "organization_infrastructure",
        "infrastructure_value": value,
        "awarded_this_year": False,
    }
    v = evaluate(case)
    assert v.eligible is expected
    msg = rule(v, "organization.infrastructure_value").message
    assert "200.000.000 đ" in msg


def test_organization_message_figures():
    v = evaluate(
        {
            "round": "annual",
            "year": 2022,
            "title": "organization_infrastructure",
            "infrastructure_value": 150 * M,
        }
    )
    assert v.checks[0].message == (
        "Đóng góp xây dựng cơ sở hạ tầng nông thôn 150.000.000 đ, dưới mức 200.000.000 đ."
    )
    assert v.checks[0].shortfall == 50 * M


def test_midterm_organization_not_if_already_awarded_that_year():
    case = {
        "round": "midterm",
        "title": "organization_infrastructure",
        "infrastructure_value": 300 * M,
        "awarded_this_year": True,
    }
    v = evaluate(case)
    assert v.eligible is False
    assert rule(v, "organization.not_awarded_this_year").passed is False
    assert evaluate({**case, "awarded_this_year": False}).eligible is True
    # the annual round does not have this exclusion
    annual = {**case, "round": "annual", "year": 2022}
    assert evaluate(annual).eligible is True


@pytest.mark.parametrize("rnd, n_checks", [("midterm", 1), ("final", 2)])
@pytest.mark.parametrize("attested", [True, False, None])
def test_organization_production_is_judged(rnd, n_checks, attested):
    v = evaluate({"round": rnd, "title": "organization_production", "attested": attested})
    assert len(v.checks) == n_checks
    assert all(c.judged and c.passed is attested for c in v.checks)
    assert v.eligible is attested


# --- individuals and households -----------------------------------------------


def person(rnd="annual", dbkk=False, **money):
    case = {"round": rnd, "title": "person_contribution", "extremely_difficult": dbkk, **money}
    if rnd == "annual":
        case["year"] = 2022
    return case


@pytest.mark.parametrize("rnd", ["annual", "midterm", "final"])
@pytest.mark.parametrize(
    "dbkk, value, expected",
    [
        (False, 50 * M, True),
        (False, 50 * M - 1, False),
        (True, 40 * M, True),
        (True, 40 * M - 1, False),
        (True, 45 * M, True),
        (False, 45 * M, False),
    ],
)
def test_person_contribution_route(rnd, dbkk, value, expected):
    # the sơ kết and tổng kết also judge "tiêu biểu của huyện": attested here
    case = person(rnd, dbkk, contribution_value=value)
    if rnd != "annual":
        case["attested"] = True
    v = evaluate(case)
    assert v.eligible is expected
    assert (
        rule(v, "person.contribution").clause
        == {"annual": "III.2.2.a", "midterm": "III.2.2.b", "final": "III.2.2.c"}[rnd]
    )


def test_person_message_as_the_issue_says():
    v = evaluate(person(contribution_value=45 * M))
    assert v.checks[0].message.startswith("Đóng góp")
    assert "45.000.000 đ, dưới mức 50.000.000 đ" in v.checks[0].message


@pytest.mark.parametrize(
    "dbkk, mobilized, own, expected",
    [
        (False, 100 * M, 20 * M, True),
        (False, 100 * M - 1, 20 * M, False),
        (False, 100 * M, 20 * M - 1, False),
        (True, 100 * M, 15 * M, True),
        (True, 100 * M, 15 * M - 1, False),
        (True, 100 * M - 1, 15 * M, False),
        (False, 100 * M, 15 * M, False),
    ],
)
def test_person_mobilized_route(dbkk, mobilized, own, expected):
    v = evaluate(person(dbkk=dbkk, mobilized_value=mobilized, own_land_asset_value=own))
    assert v.eligible is expected


def test_person_either_route_suffices():
    both_short = person(
        contribution_value=49 * M, mobilized_value=99 * M, own_land_asset_value=30 * M
    )
    assert evaluate(both_short).eligible is False
    assert evaluate({**both_short, "contribution_value": 50 * M}).eligible is True
    assert evaluate({**both_short, "mobilized_value": 100 * M}).eligible is True
    msg = evaluate(both_short).checks[0].message
    assert "hoặc" in msg and "99.000.000 đ" in msg and "49.000.000 đ" in msg


def test_dbkk_values_above_general_are_ignored_and_rejected():
    bad = values(person_contribution_min_dbkk=60 * M)
    assert "person_contribution_min_dbkk" in validate_values(bad)
    assert evaluate(person(dbkk=True, contribution_value=50 * M), bad).eligible is True


@pytest.mark.parametrize("rnd", ["midterm", "final"])
@pytest.mark.parametrize(
    "title, rules",
    [
        ("person_initiative", ["person.initiative"]),
        ("collective_outstanding", ["collective.outstanding"]),
        ("official_outstanding", ["official.outstanding"]),
    ],
)
@pytest.mark.parametrize("attested", [True, False, None])
def test_judged_titles(rnd, title, rules, attested):
    case = {"round": rnd, "title": title}
    if attested is not None:
        case["attested"] = attested
    v = evaluate(case)
    assert [c.rule for c in v.checks] == rules
    assert v.eligible is attested
    assert all(c.judged for c in v.checks)
    word = {True: "đã được thẩm định xác nhận", False: "không xác nhận", None: "chờ thẩm định"}
    assert word[attested] in v.checks[0].message


@pytest.mark.parametrize("attested", [True, False, None])
def test_final_agency_three_judged_standards(attested):
    v = evaluate({"round": "final", "title": "agency_outstanding", "attested": attested})
    assert [c.rule for c in v.checks] == [
        "agency.guidance",
        "agency.advice",
        "agency.assigned_locality",
    ]
    assert v.eligible is attested


def test_judged_pending_is_null_but_measurable_failure_is_false():
    case = {
        "round": "final",
        "title": "district_outstanding",
        "communes_recognized": 1,
        "communes_planned": 5,
        "capital_debt": False,
    }
    assert evaluate(case).eligible is False


# --- thresholds are values ------------------------------------------------------


@pytest.mark.parametrize(
    "key, case, at, below",
    [
        (
            "organization_infrastructure_min",
            {"round": "annual", "year": 2022, "title": "organization_infrastructure"},
            "infrastructure_value",
            None,
        ),
        ("person_contribution_min", person(), "contribution_value", None),
    ],
)
def test_changed_threshold_changes_the_verdict(key, case, at, below):
    changed = values(**{key: 80 * M})
    c = {**case, at: 80 * M}
    assert evaluate(c, changed).eligible is True
    assert evaluate({**c, at: 80 * M - 1}, changed).eligible is False


def test_partial_values_fall_back_to_the_plan():
    case = person(contribution_value=30 * M)
    assert evaluate(case, {"person_contribution_min": 30 * M}).eligible is True


def test_default_values_are_valid_and_validation_catches_errors():
    assert validate_values(DEFAULT_VALUES) == {}
    errors = validate_values(
        values(
            person_contribution_min=-1,
            midterm_exemplary_new_min=20,
            capital_debt_rounds="some",
            near_miss_criteria="1",
        )
    )
    assert set(errors) == {
        "person_contribution_min",
        "midterm_exemplary_new_min",
        "capital_debt_rounds",
        "near_miss_criteria",
    }
    missing = dict(DEFAULT_VALUES)
    del missing["final_since_midterm_min"]
    assert "final_since_midterm_min" in validate_values(missing)


# --- a plan that names the poverty criterion only (Quyết định 51/2025/QĐ-TTg) ---------


def _poverty_only_plan():
    return spec_from_dict(read_plan_file(PLAN_FILES / "thai-nguyen-2026-2030-demo.json"))


@pytest.mark.parametrize("connective", ["or", "and"])
@pytest.mark.parametrize("rnd", ["midterm", "final"])
def test_a_plan_without_income_criterion_requires_poverty_alone(rnd, connective):
    plan = _poverty_only_plan()
    assert plan.income is None and plan.poverty == 6
    setting = f"{rnd}_income_poverty"
    v = values(**{setting: connective}, final_since_midterm_min=1)
    base = [1, 2]
    with_poverty = {
        "round": rnd,
        "title": "commune_exemplary",
        "criteria_baseline": base,
        "criteria_now": [*base, 3, 4, 5, 6, 7],
    }
    without = {**with_poverty, "criteria_now": [*base, 3, 4, 5, 7, 8]}
    if rnd == "final":
        for case in (with_poverty, without):
            case["midterm_awarded"] = False
            case["capital_debt"] = False
    passed = rule(evaluate(with_poverty, v, plan=plan), "commune.income_poverty")
    failed = rule(evaluate(without, v, plan=plan), "commune.income_poverty")
    assert passed.passed is True and failed.passed is False
    # one criterion asked for, whatever the connective: never "Thu nhập (None)"
    assert "Yêu cầu Hộ nghèo (6)" in passed.message and "Thu nhập" not in passed.message
    assert failed.message.endswith("không có tiêu chí này, chưa đạt yêu cầu.")
    assert failed.shortfall == 1
    assert evaluate(with_poverty, v, plan=plan).eligible is True
    assert evaluate(without, v, plan=plan).eligible is False

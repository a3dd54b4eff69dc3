"""Facts for commune and district nominees come from the records."""

from __future__ import annotations

import datetime as dt

import pytest

from communes.models import Commune
from eligibility.extensions import earlier_awards_provider, register_earlier_awards_provider
from eligibility.facts import (
    EarlierAward,
    case_for,
    commune_facts,
    district_facts,
)
from emulation.rules import Round, Title, evaluate
from tests.rules_data import debt, district_completed, met, plan, progress, recognize

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_commune_facts_from_dated_records(commune_a):
    commune_a.extremely_difficult = True
    commune_a.save()
    met(commune_a, [1, 4, 8, 19, 6], dt.date(2020, 12, 1))
    met(commune_a, [2, 10], dt.date(2022, 3, 1))
    met(commune_a, [15], dt.date(2023, 12, 30))
    met(commune_a, [6], dt.date(2023, 2, 1), met=False)  # lost since 2021
    met(commune_a, [11, 12], dt.date(2024, 8, 1))
    recognize(commune_a, "ntm", dt.date(2022, 12, 1))
    recognize(commune_a, "advanced", dt.date(2025, 3, 1))
    debt(commune_a, 2025)

    mid = commune_facts([commune_a], round="midterm")[commune_a.code]
    assert mid["year"] == 2023 and mid["round"] == "midterm"
    assert mid["criteria_baseline"] == [1, 4, 6, 8, 19]
    assert mid["criteria_now"] == [1, 2, 4, 8, 10, 15, 19]
    assert mid["recognition"] == {"level": "ntm", "year": 2022}
    assert mid["extremely_difficult"] is True
    assert mid["capital_debt"] is None  # the debt is recorded for 2025: 2023 is unknown
    assert "criteria_midterm" not in mid
    assert evaluate(case_for(mid, Title.COMMUNE_EFFORT)).eligible is True

    fin = commune_facts([commune_a], round=Round.FINAL)[commune_a.code]
    assert fin["criteria_midterm"] == [1, 2, 4, 8, 10, 15, 19]
    assert fin["criteria_now"] == [1, 2, 4, 8, 10, 11, 12, 15, 19]
    assert fin["recognition"] == {"level": "advanced", "year": 2025}
    assert fin["capital_debt"] is True
    assert fin["midterm_awarded"] is False
    v = evaluate(case_for(fin, Title.COMMUNE_RECOGNIZED))
    assert v.eligible is False  # recognised in 2025 but has XDCB debt

    annual = commune_facts([commune_a], round="annual", year=2022)[commune_a.code]
    assert annual["criteria_now"] == [1, 2, 4, 6, 8, 10, 19]  # 6 was lost in 2023
    assert evaluate(case_for(annual, "commune_recognized")).eligible is True


def test_explicit_review_dates(commune_a):
    progress(commune_a, [1], [2, 3], on=dt.date(2023, 9, 1))
    early = commune_facts([commune_a], round="midterm", on=dt.date(2023, 8, 31))
    assert early[commune_a.code]["criteria_now"] == [1]
    fin = commune_facts([commune_a], round="final", midterm_on=dt.date(2023, 8, 31))
    assert fin[commune_a.code]["criteria_midterm"] == [1]


def test_earlier_awards_argument_and_registered_provider(commune_a, commune_b):
    calls = []

    def provider(*, commune_codes, district_codes):
        calls.append((sorted(commune_codes), district_codes))
        return [
            EarlierAward("commune", commune_a.code, Round.MIDTERM, 2023, Title.COMMUNE_EXEMPLARY),
            # an annual award, or another title, does not count as "awarded at the mid-term"
            EarlierAward("commune", commune_b.code, Round.ANNUAL, 2023, Title.COMMUNE_RECOGNIZED),
        ]

    facts = commune_facts([commune_a, commune_b], round="final", earlier_awards=provider)
    assert facts[commune_a.code]["midterm_awarded"] is True
    assert facts[commune_b.code]["midterm_awarded"] is False
    assert calls == [(sorted([commune_a.code, commune_b.code]), [])]

    registered = earlier_awards_provider()  # the dossiers' own, from DossiersConfig.ready
    register_earlier_awards_provider(provider)
    try:
        assert commune_facts([commune_a], round="final")[commune_a.code]["midterm_awarded"]
    finally:
        register_earlier_awards_provider(registered)
    assert not commune_facts([commune_a], round="final")[commune_a.code]["midterm_awarded"]


def test_district_facts(district_a, district_b):
    communes = list(district_a.communes.order_by("code")[:3])
    for c in communes[:2]:
        recognize(c, "ntm", dt.date(2024, 5, 1))
    recognize(communes[2], "ntm", dt.date(2020, 5, 1))  # before 2021: not counted
    plan(district_a, 2023, 1)
    plan(district_a, 2025, 1)
    plan(district_a, 2026, 5)  # after the award year: not counted
    district_completed(district_a, dt.date(2025, 9, 1))
    debt(district_a, 2025, has_debt=False)
    debt(district_b, 2025)

    facts = district_facts([district_a, district_b], round="final")
    a, b = facts[district_a.code], facts[district_b.code]
    assert a == {
        "round": "final",
        "year": 2025,
        "completed_year": 2025,
        "communes_recognized": 2,
        "communes_planned": 2,
        "capital_debt": False,
        "attested": None,
    }
    assert evaluate(case_for(a, "district_completed")).eligible is True
    assert evaluate(case_for(a, "district_outstanding")).eligible is None  # judged: pending
    assert b["completed_year"] is None and b["capital_debt"] is True
    assert "communes_planned" not in b
    v = evaluate(case_for(b, "district_outstanding"))
    assert v.error.startswith("communes_planned:")
    # the mid-term: completion in 2025 is not yet known on 31/12/2023
    mid = district_facts([district_a], round="midterm")[district_a.code]
    assert mid["completed_year"] is None and mid["communes_recognized"] == 0


@pytest.mark.parametrize("n", [2, 40])
def test_facts_take_a_fixed_number_of_queries(n, django_assert_num_queries, district_a):
    communes = list(Commune.objects.order_by("code")[:n])
    for c in communes:
        progress(c, [1, 2], [3, 4, 10])
        recognize(c)
    # the criteria at baseline, now and mid-term (one query), recognitions, debts, and the
    # earlier awards of the dossiers
    # (eligibility.extensions; before, an earlier test unregistered them for the session)
    with django_assert_num_queries(4):
        facts = commune_facts(communes, round="final")
    assert len(facts) == n
    with django_assert_num_queries(4):
        district_facts([district_a], round="final")


def test_empty_lists():
    assert commune_facts([], round="midterm") == {}
    assert district_facts([], round="midterm") == {}
    with pytest.raises(ValueError):
        commune_facts([], round="annual")

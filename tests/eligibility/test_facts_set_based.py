"""Facts gathering is set-based: every unit at once gives, field by field, the facts each
unit gets alone (read from the assessments themselves, not the state spans), and the
number of queries does not grow with the number of units."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communes.models import Commune, District
from criteria.models import CapitalDebt, Recognition
from criteria.services import criteria_met_on_scan
from eligibility import facts as facts_module
from eligibility.qualify import gather_facts
from emulation.rules import Round
from emulation.rulesets import ruleset_in_force
from tests.rules_data import debt, district_completed, progress, recognize

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROUNDS = [(Round.ANNUAL, 2026), (Round.MIDTERM, None), (Round.FINAL, None)]


def _scanned(*, commune_codes, dates):
    """The criteria at each date read from the assessments (the reference)."""
    codes = list(commune_codes)
    return {day: criteria_met_on_scan(commune_codes=codes, on=day) for day in set(dates)}


def _latest_one_by_one(commune_codes, *, on):
    """Each commune's latest recognition on ``on``, read for that commune alone."""
    out = {}
    for code in commune_codes:
        rec = (
            Recognition.objects.filter(commune_id=code, decision_date__lte=on)
            .order_by("decision_date", "id")
            .last()
        )
        if rec is not None:
            out[code] = (rec.level, rec.decision_date)
    return out


def _debts_one_by_one(*, year, commune_codes=(), district_codes=()):
    """Each unit's debt record of the year, read for that unit alone."""
    out = {}
    for kind, codes in (("commune", commune_codes), ("district", district_codes)):
        for code in codes:
            row = CapitalDebt.objects.filter(**{f"{kind}_id": code}, year=year).first()
            if row is not None:
                out[kind, code] = row.has_debt
    return out


def _differences(alone: dict[str, Any], together: dict[str, Any]) -> list[str]:
    return [
        f"{field}: alone {alone.get(field)!r} != together {together.get(field)!r}"
        for field in sorted(set(alone) | set(together))
        if alone.get(field) != together.get(field)
    ]


def test_every_unit_of_the_demo_gets_the_same_facts_alone_and_together(demo_mode, monkeypatch):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    communes = list(Commune.objects.order_by("key"))
    districts = list(District.objects.order_by("code"))
    assert len(communes) > 150 and len(districts) > 5
    values = ruleset_in_force().values
    checked = 0
    for rnd, year in ROUNDS:
        d_all, c_all = gather_facts(districts, communes, round=rnd, year=year, values=values)
        with monkeypatch.context() as patched:
            # the reference: each unit alone, every record read for it by itself
            patched.setattr(facts_module, "criteria_met_on_dates", _scanned)
            patched.setattr(facts_module, "latest_recognitions", _latest_one_by_one)
            patched.setattr(facts_module, "debt_in", _debts_one_by_one)
            for district in districts:
                alone = gather_facts([district], [], round=rnd, year=year, values=values)[0]
                problems = _differences(alone[district.code], d_all[district.code])
                assert not problems, (rnd, year, district.code, problems)
                checked += 1
            for commune in communes:
                alone = gather_facts([], [commune], round=rnd, year=year, values=values)[1]
                problems = _differences(alone[commune.pk], c_all[commune.pk])
                assert not problems, (rnd, year, commune.pk, problems)
                checked += 1
    assert checked == len(ROUNDS) * (len(communes) + len(districts))
    # the demo's records make the comparison meaningful: criteria, recognitions and the
    # new units' predecessors are there to compare
    _, final = gather_facts(districts, communes, round=Round.FINAL, year=None, values=values)
    assert sum(bool(f["criteria_now"]) for f in final.values()) > 50
    assert any(f["recognition"] for f in final.values())
    assert any(f["capital_debt"] is not None for f in final.values())
    assert any(f.get("predecessors") for f in final.values())


def _count_queries(districts, communes, rnd, year, values) -> int:
    with CaptureQueriesContext(connection) as ctx:
        gather_facts(districts, communes, round=rnd, year=year, values=values)
    return len(ctx.captured_queries)


def test_the_same_number_of_queries_for_10_and_200_units(reorganised):
    communes = list(Commune.objects.order_by("key"))[:200]
    districts = list(District.objects.order_by("code"))
    assert len(communes) == 200
    for i, commune in enumerate(communes):
        progress(commune, [1, 2, i % 19 + 1], [3, 4, 10])
        if i % 3 == 0:
            recognize(commune, on=dt.date(2022 + i % 3, 5, 10))
        if i % 7 == 0:
            debt(commune, 2024)
    district_completed(districts[0], dt.date(2023, 4, 1))
    values = ruleset_in_force().values
    # both sizes hold old units and units formed on 1/7/2025 (with predecessors)
    small = communes[:5] + communes[-5:]
    assert any(c.valid_from and c.valid_from.year == 2025 for c in small)
    for rnd, year in ROUNDS:
        few = _count_queries(districts[:1], small, rnd, year, values)
        many = _count_queries(districts, communes, rnd, year, values)
        assert few == many, (rnd, year, few, many)
        assert many <= 14, (rnd, year, many)

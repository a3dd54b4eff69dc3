"""Issue 13, part 2 and 8: the threshold dry run reads the units of each round and judges a
unit formed during the plan by the rule set's successor reading, as its dossier is."""

from __future__ import annotations

import pytest

from communes.models import Province
from eligibility.dryrun import dry_run, records_source
from emulation.demo import seed_plan_2026
from emulation.plans import plan_spec
from emulation.rules import DEFAULT_VALUES, Round

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_final_round_of_2025_has_the_new_units_with_their_predecessors(reorganised):
    items = list(records_source(values=DEFAULT_VALUES))
    final = [i for i in items if i.round == Round.FINAL and i.kind == "Xã"]
    new = {i.name for i in final if i.case.get("predecessors")}
    old = {i.name for i in final if not i.case.get("predecessors")}
    assert len(old) == 108 and len(new) == 37
    # the sơ kết 2023 knows only Bắc Kạn's units
    assert not any(i.case.get("predecessors") for i in items if i.round == Round.MIDTERM)
    result = dry_run(
        DEFAULT_VALUES,
        {**DEFAULT_VALUES, "successor_reading": "best_predecessor"},
        sources=[records_source],
    )
    changed = {c.item.name for c in result.changes}
    # pending the appraiser's attestation, then judged as the best predecessor (no records:
    # not eligible); the old units and the other rounds keep their verdicts
    assert changed and changed <= new
    assert {c.item.round for c in result.changes} == {Round.FINAL}
    assert all(c.before.eligible is None and c.after.eligible is False for c in result.changes)


def test_the_merged_provinces_plan_reads_its_own_units(reorganised):
    plan = seed_plan_2026()
    items = list(
        records_source(values=DEFAULT_VALUES, plan=plan_spec(plan), province=plan.province_id)
    )
    assert items and {i.kind for i in items} == {"Xã"}  # no district level
    assert len({i.name for i in items}) == 92


def test_another_provinces_plan_is_judged_over_the_installations_units(settings):
    Province.objects.create(key="Z9", code="Z9", name="Thử Nghiệm")
    settings.PROVINCE_CODE = "Z9"
    assert list(records_source(values=DEFAULT_VALUES, province="06")) == []

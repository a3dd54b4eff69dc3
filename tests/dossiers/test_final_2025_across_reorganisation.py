"""The tổng kết 2025 of Bắc Kạn's plan across the reorganisation of 1/7/2025 (issue 13,
part 8): filed before 1/7/2025 by a district, or after it by the merged province's
bodies; a nominee commune may be an old unit (as it stood at the review date) or a new
one, whose predecessors' facts are shown with its verdict, judged by the reading the
administrator set in the rule set (default: the appraiser judges)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import Commune
from communes.selectors import commune_by_code, lineage_of
from dossiers import services, verdicts
from dossiers.models import NomineeKind
from dossiers.services.errors import Invalid
from emulation.models import Role
from emulation.plans import plan_get
from emulation.rules import DEFAULT_VALUES
from emulation.rulesets import ruleset_change
from tests.conftest import make_user
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add,
    assess,
    debt,
    new_dossier,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MERGER = dt.date(2025, 7, 1)
PLAN = "bac-kan-2021-2025"


def exemplary_record(commune: Commune) -> None:
    """Criteria 1-3 at the baseline, 4-6, 10 (income) and 11 (poverty) met since: 5 newly
    met, as the tổng kết's xã tiêu biểu needs; no capital-construction debt recorded for
    2025 (an unknown debt would leave the verdict pending for the appraiser)."""
    assess(commune, [1, 2, 3], dt.date(2020, 12, 1))
    assess(commune, [4, 5, 6, 10, 11], dt.date(2023, 3, 1))
    debt(commune, 2025, has_debt=False)


@pytest.fixture
def bang_thanh(reorganised) -> Commune:
    """Xã Bằng Thành (01864 from 1/7/2025), formed from units of old Bắc Kạn."""
    unit = commune_by_code("01864", on=MERGER)
    assert unit is not None and unit.district_id is None
    return unit


@pytest.fixture
def predecessors(bang_thanh) -> list[Commune]:
    olds = [ch.predecessor_commune for ch in lineage_of(bang_thanh).predecessors]
    assert len(olds) >= 2
    return sorted(olds, key=lambda c: c.code)


@pytest.fixture
def staff(bang_thanh):
    return make_user("xa_bang_thanh_tk", Role.COMMUNE, commune=bang_thanh)


def final_dossier(user, date=dt.date(2025, 9, 15)):
    dossier = new_dossier(user, round="final", year=None, date=date, number="20/TTr-UBND")
    assert dossier.plan.code == PLAN and dossier.year == 2025
    return dossier


def commune_nominee(dossier, user, commune, title="commune_exemplary"):
    return add(dossier, user, {"kind": NomineeKind.COMMUNE, "title": title, "commune": commune})


def test_a_district_files_the_final_round_before_the_reorganisation(users, district_a):
    """Before 1/7/2025 (no reorganisation loaded: the district exists) the district files
    and names its communes as they stand; no predecessors come into it."""
    commune = district_a.communes.order_by("code").first()
    exemplary_record(commune)
    dossier = final_dossier(users["district_a"], date=dt.date(2025, 6, 10))
    assert dossier.district == district_a and dossier.plan.code == PLAN
    nominee = commune_nominee(dossier, users["district_a"], commune)
    assert nominee.verdict_eligible is True
    assert "predecessors" not in nominee.verdict_case


def test_after_it_the_new_commune_proposes_an_old_unit_as_it_stood(staff, bang_thanh, predecessors):
    old = predecessors[0]
    assert old.valid_to == dt.date(2025, 6, 30)
    exemplary_record(old)
    dossier = final_dossier(staff)
    assert dossier.commune == bang_thanh and dossier.district is None
    nominee = commune_nominee(dossier, staff, old)
    # judged on its own records as they stood at the review date: eligible
    assert nominee.commune == old and old.name in nominee.name
    assert nominee.verdict_eligible is True, nominee.verdict_checks
    assert nominee.verdict_case["criteria_now"] == [1, 2, 3, 4, 5, 6, 10, 11]
    assert "predecessors" not in nominee.verdict_case
    # a unit it was not formed from is refused; so is a predecessor in an annual round
    other = (
        Commune.objects.filter(valid_to=dt.date(2025, 6, 30), province_id=old.province_id)
        .exclude(pk__in=[c.pk for c in predecessors])
        .order_by("code")
        .first()
    )
    with pytest.raises(Invalid) as refused:
        commune_nominee(dossier, staff, other)
    assert "chính xã mình" in refused.value.errors["commune"]
    annual = new_dossier(staff, year=2025, date=dt.date(2025, 9, 15), number="21/TTr-UBND")
    with pytest.raises(Invalid):
        commune_nominee(annual, staff, old, title="commune_recognized")
    assert set(services.own_units(annual)) == {bang_thanh.pk}
    assert set(services.own_units(dossier)) == {bang_thanh.pk, *(c.pk for c in predecessors)}


def test_a_new_unit_shows_its_predecessors_and_waits_for_the_appraiser(
    staff, bang_thanh, predecessors, client
):
    exemplary_record(predecessors[0])
    dossier = final_dossier(staff)
    nominee = commune_nominee(dossier, staff, bang_thanh)
    case = nominee.verdict_case
    # the predecessors' facts, each with its own records
    shown = {p["code"]: p for p in case["predecessors"]}
    assert set(shown) == {c.code for c in predecessors}
    assert shown[predecessors[0].code]["criteria_now"] == [1, 2, 3, 4, 5, 6, 10, 11]
    assert shown[predecessors[0].code]["criteria_baseline"] == [1, 2, 3]
    assert case["successor_reading"] == "appraiser" and case["formed_on"] == "2025-07-01"
    # the default reading: one judged check, pending until the appraisal body attests
    assert nominee.verdict_eligible is None
    [check] = nominee.verdict_checks
    assert check["rule"] == "commune.successor" and check["judged"] is True
    assert "chờ thẩm định đánh giá" in check["message"]
    assert predecessors[0].name in check["message"]
    # the dossier page shows the predecessors and the reading applied
    client.force_login(staff)
    page = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "data-predecessors" in body
    assert "Thẩm định viên đánh giá (chờ thẩm định)" in body
    for old in predecessors:
        assert old.name in body
    # the appraisal body's judgement (nominee_attest, once received) settles it
    nominee.attested = True
    nominee.save(update_fields=["attested"])
    [judged] = verdicts.refresh(dossier, [nominee])
    assert judged.verdict_eligible is True
    assert "đã được thẩm định xác nhận" in judged.verdict_checks[0]["message"]


@pytest.mark.parametrize(
    ("reading", "eligible", "first"),
    [
        ("best_predecessor", True, "xét theo"),
        ("own_records", False, "hồ sơ tiêu chí của chính đơn vị mới"),
    ],
)
def test_the_administrators_reading_decides_a_new_units_verdict(
    staff, bang_thanh, predecessors, users, reading, eligible, first
):
    exemplary_record(predecessors[0])
    plan = plan_get(PLAN)
    ruleset_change(
        values={**DEFAULT_VALUES, "successor_reading": reading},
        effective_from=dt.date(2025, 1, 1),
        reason="Cách hiểu cho xã mới thành lập (thử nghiệm)",
        by=users["admin"],
        plan=plan,
    )
    dossier = final_dossier(staff)
    nominee = commune_nominee(dossier, staff, bang_thanh)
    assert nominee.verdict_case["successor_reading"] == reading
    assert nominee.verdict_eligible is eligible, nominee.verdict_checks
    assert first in nominee.verdict_checks[0]["message"]
    if reading == "best_predecessor":
        assert predecessors[0].name in nominee.verdict_checks[0]["message"]


def test_an_agency_of_the_merged_province_files_the_final_round(users, reorganised):
    """After 1/7/2025 the province's departments file too (not communes: their units'
    bodies do)."""
    dossier = new_dossier(users["agency"], round="final", year=None, date=dt.date(2025, 9, 1))
    assert dossier.plan.code == PLAN and dossier.agency_id == users["agency"].agency_id
    assert NomineeKind.COMMUNE not in services.kinds_for(dossier)


def test_who_qualifies_applies_the_same_reading_to_the_new_units(
    bang_thanh, predecessors, login, users
):
    """The tổng kết 2025 page lists the old units and the 37 new ones; a new unit's
    verdict is the reading's (pending for the appraiser), with its predecessors."""
    exemplary_record(predecessors[0])
    page = login(users["reviewer"]).get(reverse("rules:who_qualifies"), {"vong": "final"})
    assert page.status_code == 200
    rows = {r.unit.pk: r for r in page.context["page_obj"].paginator.object_list}
    new = rows[bang_thanh.pk]
    assert {p["code"] for p in new.facts["predecessors"]} == {c.code for c in predecessors}
    exemplary = next(t for t in new.results if t.title == "commune_exemplary")
    assert exemplary.verdict.eligible is None
    assert exemplary.verdict.checks[0].rule == "commune.successor"
    old = next(t for t in rows[predecessors[0].pk].results if t.title == "commune_exemplary")
    assert old.verdict.eligible is True

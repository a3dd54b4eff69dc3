"""Dossier verdicts read the plan exactly (issue 14, part 1), through the services and
the pages. Each test quotes the clause it checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers import services, verdicts
from dossiers.models import DossierEvent, Nominee, NomineeKind
from emulation.models import Plan, PlanRound
from emulation.rules import DEFAULT_VALUES
from emulation.rulesets import ruleset_change
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add,
    add_commune,
    add_person,
    assess,
    attach_all,
    decide,
    new_dossier,
    person_data,
    plain_commune,
    recognize,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _check(nominee, rule):
    (found,) = [c for c in nominee.verdict_checks if c["rule"] == rule]
    return found


# III.2.2.c "Lưu ý: Đối với các xã được đề nghị các cấp khen thưởng phải là xã không nợ
# đọng xây dựng cơ bản trong xây dựng nông thôn mới." No record for the year is unknown,
# not "no debt": the appraiser states it before the appraisal is recorded.
def test_unknown_debt_is_settled_by_the_appraiser(users, district_a):
    district, reviewer, appraiser = users["district_a"], users["reviewer"], users["appraiser"]
    commune = plain_commune(district_a)
    recognize(commune, "advanced", dt.date(2025, 5, 1))
    dossier = new_dossier(district, round="final", year=None, date=dt.date(2025, 6, 1))
    nominee = add_commune(final := dossier, district, commune)
    check = _check(nominee, "commune.no_capital_debt")
    assert nominee.verdict_eligible is None
    assert check["passed"] is None and check["settle"] == "capital_debt"
    assert "Chưa có số liệu nợ đọng xây dựng cơ bản của xã năm 2025" in check["message"]
    attach_all(final, district)
    services.dossier_submit(dossier=final, by=district)  # pending is not a blocker
    services.dossier_receive(dossier=final, by=reviewer)
    with pytest.raises(services.Blocked) as refused:
        services.dossier_appraise(dossier=final, by=appraiser)
    assert [p.nominee_id for p in refused.value.problems] == [nominee.pk]
    assert "nợ đọng xây dựng cơ bản" in refused.value.problems[0].message
    services.dossier_appraise(
        dossier=final, by=appraiser, settled={nominee.pk: {"capital_debt": False}}
    )
    nominee.refresh_from_db()
    assert nominee.verdict_eligible is True
    assert nominee.settled_facts["capital_debt"]["value"] is False
    assert nominee.settled_facts["capital_debt"]["by"] == appraiser.pk
    event = DossierEvent.objects.get(dossier=final, action="appraise")
    assert event.details["settled"] == [
        {"nominee": nominee.pk, "name": nominee.name, "fact": "capital_debt", "value": False}
    ]


def test_appraise_screen_asks_for_the_unknown_fact(users, district_a, login):
    district, reviewer, appraiser = users["district_a"], users["reviewer"], users["appraiser"]
    commune = plain_commune(district_a)
    recognize(commune, "advanced", dt.date(2025, 5, 1))
    dossier = new_dossier(district, round="final", year=None, date=dt.date(2025, 6, 1))
    nominee = add_commune(dossier, district, commune)
    attach_all(dossier, district)
    services.dossier_submit(dossier=dossier, by=district)
    services.dossier_receive(dossier=dossier, by=reviewer)
    client = login(appraiser)
    url = reverse("dossiers:transition", args=[dossier.pk, "appraise"])
    page = client.get(url).content.decode()
    field = f"s{nominee.pk}_capital_debt"
    assert f'name="{field}"' in page and "Không nợ đọng" in page
    response = client.post(url, {"note": ""})  # not answered: error beside the field
    assert response.status_code == 400
    assert "Chọn một trong hai." in response.content.decode()
    response = client.post(url, {"note": "", field: "1"})  # "Còn nợ đọng"
    assert response.status_code == 302
    nominee.refresh_from_db()
    assert nominee.verdict_eligible is False
    # the history says it in words
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert (
        f"Xác nhận số liệu — {nominee.name}: Nợ đọng xây dựng cơ bản trong xây dựng nông "
        "thôn mới: Còn nợ đọng"
    ) in page


# III.2.2.b "Từ năm 2021 đến ngày có văn bản chỉ đạo tổ chức sơ kết": the review date is
# the directive's, set by an administrator on the plan's round, not 31/12.
def test_review_date_is_the_directive_date_of_the_plans_round(users, district_a):
    district = users["district_a"]
    commune = plain_commune(district_a)
    assess(commune, [1, 2], dt.date(2020, 12, 1))
    assess(commune, [3, 4, 5, 10], dt.date(2023, 3, 1))
    assess(commune, [6, 7], dt.date(2023, 10, 1))  # after the directive
    plan = Plan.objects.get(code="bac-kan-2021-2025")
    dossier = new_dossier(district, round="midterm", year=None, date=dt.date(2023, 11, 1))
    nominee = add_commune(dossier, district, commune, "commune_exemplary")
    assert "6 tiêu chí" in _check(nominee, "commune.newly_met")["message"]  # 31/12/2023
    PlanRound.objects.filter(plan=plan, kind="midterm").update(review_date=dt.date(2023, 9, 1))
    Plan.objects.filter(pk=plan.pk).update(updated_at=dt.datetime.now(dt.UTC))
    dossier.refresh_from_db()
    (fresh,) = verdicts.refresh(dossier)
    assert verdicts.ruleset_date(dossier) == dt.date(2023, 9, 1)
    assert "4 tiêu chí (tiêu chí 3, 4, 5, 10)" in _check(fresh, "commune.newly_met")["message"]


# The rule set in force on the round's review date judges (issue 14: "the rule set in
# force on the round's review date"): a version effective after 31/12/2024 does not judge
# the annual 2024 round; one effective before it does, and the verdict names it.
def test_rule_set_in_force_on_the_review_date(users, district_a, login):
    district, admin = users["district_a"], users["admin"]
    dossier = new_dossier(district)  # annual 2024
    person = add_person(dossier, district, "Hoàng Văn Sáu", plain_commune(district_a), 60_000_000)
    assert person.verdict_eligible is True and person.ruleset_version == 1
    later = ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 70_000_000},
        effective_from=dt.date(2025, 1, 1),
        reason="Mức mới từ năm 2025.",
        by=admin,
    )
    (person,) = verdicts.refresh(dossier)
    assert person.verdict_eligible is True and person.ruleset_version == 1
    earlier = ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 65_000_000},
        effective_from=dt.date(2024, 6, 1),
        reason="Mức mới từ giữa năm 2024.",
        by=admin,
    )
    (person,) = verdicts.refresh(dossier)
    assert person.verdict_eligible is False
    assert person.ruleset_version == earlier.version != later.version
    page = login(district).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert f"bộ tiêu chuẩn phiên bản {earlier.version}" in page
    assert "bac-kan-2021-2025" in page
    # who qualifies names the plan, the review date and the same version
    page = (
        login(admin)
        .get(reverse("rules:who_qualifies"), {"vong": "annual", "nam": 2024})
        .content.decode()
    )
    assert "ngày xét 31/12/2024" in page
    assert f"kế hoạch bac-kan-2021-2025, bộ tiêu chuẩn phiên bản {earlier.version}" in page


# III.2.2.c "riêng với xã đã được khen thưởng khi tổ chức sơ kết phải đạt thêm được ít
# nhất 02 tiêu chí": every award of the commune at the sơ kết counts, whatever its title.
def test_any_midterm_award_counts_for_the_plus_two_rule(users, district_a):
    district, reviewer = users["district_a"], users["reviewer"]
    commune = plain_commune(district_a)
    recognize(commune, "ntm", dt.date(2023, 5, 1))
    midterm = new_dossier(district, round="midterm", year=None, date=dt.date(2023, 11, 1))
    nominee = add_commune(midterm, district, commune, "commune_recognized")
    attach_all(midterm, district)
    services.dossier_submit(dossier=midterm, by=district)
    services.dossier_receive(dossier=midterm, by=reviewer)
    services.dossier_appraise(dossier=midterm, by=users["appraiser"])
    services.dossier_approve(dossier=midterm, by=reviewer)
    decide(midterm, reviewer, {nominee.pk: (True, "")}, day=dt.date(2023, 12, 1))
    final = new_dossier(district, round="final", year=None, date=dt.date(2025, 6, 1))
    later = add_commune(final, district, commune, "commune_exemplary")
    assert later.verdict_case["midterm_awarded"] is True
    assert "Xã đã được khen khi sơ kết" in _check(later, "commune.since_midterm")["message"]


# III.1 "các hộ gia đình, các cá nhân trong và ngoài tỉnh": a person from outside the
# province, residence typed in, ĐBKK declared and attested by the appraiser.
def test_person_from_outside_the_province(users, district_a, login):
    district, reviewer, appraiser = users["district_a"], users["reviewer"], users["appraiser"]
    dossier = new_dossier(district)
    data = person_data("Trần Văn Bảy", None, 45_000_000, outside_province=True, declared_dbkk=True)
    with pytest.raises(services.Invalid) as refused:
        add(dossier, district, data)  # no residence typed
    assert "address" in refused.value.errors
    with pytest.raises(services.Invalid) as refused:
        add(dossier, district, {**data, "address": "x", "commune": plain_commune(district_a)})
    assert "commune" in refused.value.errors
    data["address"] = "Thôn Nà Lầm, xã Thượng Quan, tỉnh Tuyên Quang"
    person = add(dossier, district, data)
    assert person.outside_province and person.commune_id is None
    assert person.identity.startswith("individual:tran van bay@ngoai-tinh:")
    check = _check(person, "person.contribution")
    assert person.verdict_eligible is None and check["settle"] == "extremely_difficult"
    attach_all(dossier, district)
    services.dossier_submit(dossier=dossier, by=district)
    services.dossier_receive(dossier=dossier, by=reviewer)
    services.dossier_appraise(
        dossier=dossier, by=appraiser, settled={person.pk: {"extremely_difficult": True}}
    )
    person.refresh_from_db()
    assert person.verdict_eligible is True
    assert (
        "(mức cho xã, thôn đặc biệt khó khăn)" in _check(person, "person.contribution")["message"]
    )
    # not declared ĐBKK: the ordinary level, nothing to attest
    plain = add(
        new_dossier(district, number="06/TTr-UBND"),
        district,
        {**data, "declared_dbkk": False, "name": "Lý Thị Tám"},
    )
    assert plain.verdict_eligible is False and not verdicts.pending_settles(plain)


def test_outside_province_form_fields(users, login):
    district = users["district_a"]
    dossier = new_dossier(district)
    client = login(district)
    url = reverse("dossiers:nominee_add", args=[dossier.pk]) + f"?loai={NomineeKind.INDIVIDUAL}"
    page = client.get(url).content.decode()
    assert 'name="outside_province"' in page and 'name="declared_dbkk"' in page
    response = client.post(
        url,
        {
            "loai": NomineeKind.INDIVIDUAL,
            "title": "person_contribution",
            "name": "Trần Văn Bảy",
            "outside_province": "on",
            "address": "",
            "contribution_value": "60.000.000",
        },
    )
    assert response.status_code in (200, 400)
    assert "Nhập địa chỉ nơi cư trú" in response.content.decode()
    assert Nominee.objects.filter(dossier=dossier).count() == 0

"""seed_demo: dossiers of every round in every state; every demo account has work waiting."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from communes.models import Commune
from communes.selectors import communes_on
from config.home import panels_for
from criteria.models import Assessment, CommuneGroup
from criteria.sets import criteria_on
from criteria.signals import records_changed
from dossiers.documents import builders, pdf
from dossiers.models import Dossier, RoundChoices, Status
from dossiers.selectors import dossiers_visible_to
from eligibility.facts import case_for, commune_facts
from emulation.models import User
from emulation.plans import plan_get, plan_spec
from emulation.rules import evaluate
from emulation.rulesets import ruleset_in_force
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    assess,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.usefixtures("demo_mode")]


def test_demo_dossiers_cover_every_round_and_state_and_each_account_has_work():
    # an exemplary commune of Ngân Sơn in the records: the demo proposes it at the mid-term
    exemplary = Commune.objects.filter(district_id="062").order_by("code").first()
    assess(exemplary, [1, 2, 3], dt.date(2020, 12, 1))
    assess(exemplary, [4, 5, 6, 10], dt.date(2023, 1, 10))
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = Dossier.objects.count()
    assert set(Dossier.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Dossier.objects.values_list("round", flat=True)) == set(RoundChoices.values)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Dossier.objects.count() == count  # idempotent

    waiting = {
        "bantdkt": {Status.SUBMITTED, Status.APPRAISED, Status.APPROVED},
        "vpdp": {Status.RECEIVED},
    }
    for user in User.objects.filter(is_demo=True):
        statuses = set(dossiers_visible_to(user).values_list("status", flat=True))
        wanted = waiting.get(user.username, {Status.DRAFT, Status.RETURNED})
        if user.username == "admin":
            assert len(statuses) == len(Status.values)
            continue
        assert statuses & wanted, user.username
        assert any(p.count for p in panels_for(user)), user.username
    # the annual journey's draft: a ĐBKK giver of 45.000.000 đ passes, the other does not
    draft = Dossier.objects.get(district__code="063", status=Status.DRAFT)
    people = sorted(
        (n.verdict_case["extremely_difficult"], n.verdict_eligible, n.contribution_value)
        for n in draft.nominees.filter(kind="individual")
    )
    assert people == [(False, False, 45_000_000), (True, True, 45_000_000)]
    midterm = Dossier.objects.get(district__code="062", round="midterm")
    proposed = midterm.nominees.get(kind="commune")
    assert proposed.commune == exemplary and proposed.verdict_eligible is True
    assert midterm.status == Status.DECIDED and proposed.awarded is True


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_demo_2026_the_merged_thai_nguyen_plan_records_and_dossiers(client):
    announced = []

    def receiver(sender, **kwargs):
        announced.append(sender)

    records_changed.connect(receiver)
    try:
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finally:
        records_changed.disconnect(receiver)
    assert announced.count(Assessment) >= 2  # the 2021–2025 histories and 2026's
    # the plan: loaded after the reorganisation, labelled as invented
    dossiers_2026 = Dossier.objects.filter(year=2026).select_related("plan")
    plan = dossiers_2026[0].plan
    assert plan.code == "thai-nguyen-2026-2030-demo" and plan.is_demo
    assert plan.province_id == "19" and plan.criteria_set == "qd-51-2025"
    # groups and assessments of 2026 under the 10 criteria, for the 92 units
    groups = CommuneGroup.objects.filter(valid_from=dt.date(2026, 2, 15))
    assert groups.count() == 92
    assert all("minh hoạ" in g.legal_basis for g in groups)
    _, criteria = criteria_on(dt.date(2026, 11, 29))
    assessed = Assessment.objects.filter(criterion__in=criteria)
    assert len(criteria) == 10
    assert assessed.values("commune").distinct().count() == 92
    assert {a.assessed_on.year for a in assessed} == {2026}
    assert all("minh hoạ" in a.note for a in assessed)
    # the annual round 2026: a commune's draft, a submitted dossier in the reviewer's queue
    counts = (Dossier.objects.count(), assessed.count(), groups.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (Dossier.objects.count(), assessed.count(), groups.count())
    assert {(d.status, d.round, d.plan.code) for d in dossiers_2026} == {
        (Status.DRAFT, "annual", plan.code),
        (Status.SUBMITTED, "annual", plan.code),
    }
    draft = dossiers_2026.get(status=Status.DRAFT)
    assert draft.commune.name == "Bằng Thành"
    assert all(n.verdict_eligible for n in draft.nominees.all())
    xa = User.objects.get(username="xabangthanh")
    assert draft in dossiers_visible_to(xa)
    reviewer = User.objects.get(username="bantdkt")
    submitted = dossiers_2026.get(status=Status.SUBMITTED)
    assert submitted in dossiers_visible_to(reviewer)
    client.force_login(reviewer)
    listing = client.get(reverse("dossiers:list")).content.decode()
    assert submitted.reference in listing
    client.force_login(xa)
    assert draft.reference in client.get(reverse("dossiers:list")).content.decode()

    # its documents name "Bắc Kạn" only as a unit's name (Phường Bắc Kạn), never the
    # province's movement, plan or bodies
    for dossier in dossiers_2026:
        document = builders.proposal_letter(dossier)
        letter = _text(pdf.render_html(document.template, document.context, printable=True))
        assert "Thái Nguyên sáng tạo, tăng tốc, bứt phá" in letter
        assert "giai đoạn 2026 - 2030" in letter
        assert "UBND TỈNH THÁI NGUYÊN" in letter
        rest = re.sub(r"(?i)phường bắc kạn", "", letter)
        if dossier.commune.name == "Bắc Kạn":  # the place line of the ward's letter
            rest = rest.replace("Bắc Kạn, ngày", "")
        assert "Bắc Kạn" not in rest, dossier
    # who qualifies, 2026, under the new plan: the units of that year with verdicts
    client.force_login(reviewer)
    page = client.get(
        reverse("rules:who_qualifies"), {"ke_hoach": plan.code, "vong": "annual", "nam": 2026}
    )
    assert page.status_code == 200
    body = _text(page.content.decode())
    assert "Xã Bằng Thành" in body and "Xã đạt chuẩn nông thôn mới năm 2026" in body
    assert "Chưa đủ điều kiện danh hiệu nào" in body
    assert page.context["counts"]["total"] == 37  # the units formed from Bắc Kạn's
    assert "huyen" not in page.context["form"].fields  # no district in 2026
    # the plan selector lists every plan (Bắc Kạn's 2021–2025 among them): history too
    choices = re.sub(r'(?s)<select[^>]*name="ke_hoach".*?</select>', "", page.content.decode())
    assert "Bắc Kạn" not in re.sub(r"Phường Bắc Kạn", "", _text(choices))


def test_demo_2026_plan_counts_newly_met_from_its_own_baseline():
    """The 2026–2030 plan's baseline is its data (31/03/2026, after Quyết định 51/2025
    takes effect on 15/02/2026 and the first review under it), not 1/1/2026 when no
    assessment of the 10 criteria exists: at its sơ kết not every unit is "newly met"."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    plan = plan_get("thai-nguyen-2026-2030-demo")
    spec = plan_spec(plan)
    assert plan.baseline_date == spec.baseline_on == dt.date(2026, 3, 31)
    assert plan_spec(plan_get("bac-kan-2021-2025")).baseline_on == dt.date(2021, 1, 1)
    units = list(communes_on(dt.date(2026, 3, 31), province="19"))
    assert len(units) == 92
    facts = commune_facts(units, round="midterm", plan=spec)
    assert all(set(f["criteria_now"]) <= spec.criteria for f in facts.values())
    all_new = [
        code
        for code, f in facts.items()
        if f["criteria_now"] and not set(f["criteria_now"]) & set(f["criteria_baseline"])
    ]
    with_baseline = [code for code, f in facts.items() if f["criteria_baseline"]]
    assert len(with_baseline) > 80 and len(all_new) < 10
    # a verdict says which baseline it compared with
    ruleset = ruleset_in_force(plan=plan)
    verdict = evaluate(
        case_for(next(iter(facts.values())), "commune_exemplary"), ruleset.values, plan=spec
    )
    newly = next(c for c in verdict.checks if c.rule == "commune.newly_met")
    assert "Từ ngày 31/03/2026" in newly.message

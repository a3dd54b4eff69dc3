"""seed_demo: dossiers of every round in every state; every demo account has work waiting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from communes.models import Commune
from config.home import panels_for
from dossiers.models import Dossier, RoundChoices, Status
from dossiers.selectors import dossiers_visible_to
from emulation.models import User
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    assess,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


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

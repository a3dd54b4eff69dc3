"""Filing windows: a round's opens_on/closes_on (set by an administrator on the plan's
screen) bound the days a dossier of that round may be created; no window is open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier
from dossiers.services.editing import filing_window_error
from dossiers.services.errors import Invalid
from emulation.models import PlanRound
from emulation.plans import plan_get
from tests.dossiers.support import new_dossier

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def window(kind: str, year: int, opens: dt.date | None, closes: dt.date | None) -> PlanRound:
    plan = plan_get("bac-kan-2021-2025")
    assert plan is not None
    plan_round = plan.rounds.get(kind=kind, year=year)
    plan_round.opens_on, plan_round.closes_on = opens, closes
    plan_round.save(update_fields=["opens_on", "closes_on"])
    return plan_round


def test_no_window_is_open(users):
    assert new_dossier(users["district_a"]).pk


def test_inside_the_window_a_dossier_is_created(users):
    window("annual", 2024, TODAY - DAY, TODAY + DAY)
    assert new_dossier(users["district_a"]).year == 2024
    window("annual", 2024, TODAY, TODAY)  # both ends count
    assert new_dossier(users["district_a"], number="06/TTr-UBND").year == 2024


def test_before_the_window_opens_the_round_is_refused(users):
    opens = TODAY + 10 * DAY
    window("annual", 2024, opens, None)
    with pytest.raises(Invalid) as refused:
        new_dossier(users["district_a"])
    assert refused.value.errors == {
        "round": f"Đợt Hàng năm 2024 nhận hồ sơ từ ngày {opens:%d/%m/%Y}; chưa đến thời hạn nộp."
    }
    assert not Dossier.objects.exists()


def test_after_the_window_closes_the_round_is_refused(users):
    closes = TODAY - DAY
    window("final", 2025, None, closes)
    with pytest.raises(Invalid) as refused:
        new_dossier(users["district_a"], round="final", year=None)
    assert refused.value.errors == {
        "round": f"Đợt Tổng kết (2025) đã hết hạn nhận hồ sơ (đến hết ngày {closes:%d/%m/%Y})."
    }
    # another round of the plan stays open
    assert new_dossier(users["district_a"], round="annual", year=2024).pk


def test_the_window_is_per_year_of_the_round(users):
    window("annual", 2023, None, TODAY - DAY)
    assert new_dossier(users["district_a"], year=2024).year == 2024
    with pytest.raises(Invalid):
        new_dossier(users["district_a"], year=2023)


def test_the_error_shows_beside_the_round_field(users, login):
    closes = TODAY - DAY
    window("annual", 2024, None, closes)
    response = login(users["district_a"]).post(
        reverse("dossiers:create"),
        {
            "round": "annual",
            "year": "2024",
            "document_number": "05/TTr-UBND",
            "document_date": "05/11/2024",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["round"] == [
        f"Đợt Hàng năm 2024 đã hết hạn nhận hồ sơ (đến hết ngày {closes:%d/%m/%Y})."
    ]
    assert not Dossier.objects.exists()


def test_the_window_rule_alone():
    r = PlanRound(kind="annual", year=2024, opens_on=dt.date(2024, 9, 1))
    r.closes_on = dt.date(2024, 9, 30)
    args = {"plan_round": r}
    assert filing_window_error(on=dt.date(2024, 9, 1), **args) is None
    assert filing_window_error(on=dt.date(2024, 9, 30), **args) is None
    assert "01/09/2024" in (filing_window_error(on=dt.date(2024, 8, 31), **args) or "")
    assert "30/09/2024" in (filing_window_error(on=dt.date(2024, 10, 1), **args) or "")
    assert filing_window_error(on=dt.date(2024, 10, 1), plan_round=None) is None

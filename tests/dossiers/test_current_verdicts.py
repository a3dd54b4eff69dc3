"""Current at every click (issue 14, part 3): open dossiers show verdicts judged now,
with a banner naming the rule-set change; the receive, appraise, approve and decide
screens show the verdicts they will record and their version; a confirmation from a
screen loaded before a change is refused and the new verdicts shown."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from dossiers import services, verdicts
from dossiers.models import DossierEvent, Status
from emulation.rules import DEFAULT_VALUES
from emulation.rulesets import ruleset_change
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    filed,
    plain_commune,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def raise_threshold(admin, amount=70_000_000):
    return ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": amount},
        effective_from=dt.date(2024, 6, 1),
        reason="Nâng mức đóng góp cá nhân.",
        by=admin,
    )


def token_of(page: str) -> str:
    return re.search(r'name="verdicts_token" value="([0-9a-f]+)"', page).group(1)


@pytest.fixture
def received(users, district_a):
    dossier = filed(users["district_a"], plain_commune(district_a), "Ma Văn Tám", 60_000_000)
    services.dossier_submit(dossier=dossier, by=users["district_a"])
    services.dossier_receive(dossier=dossier, by=users["reviewer"])
    return dossier


def test_open_dossier_shows_recomputed_verdicts_and_a_banner(users, received, login):
    admin = users["admin"]
    client = login(users["reviewer"])
    url = reverse("dossiers:detail", args=[received.pk])
    page = client.get(url).content.decode()
    assert 'id="verdicts-recomputed"' not in page
    version = raise_threshold(admin)
    page = client.get(url).content.decode()
    assert 'id="verdicts-recomputed"' in page
    assert f"phiên bản {version.version} (áp dụng từ 01/06/2024), do {admin}" in page
    assert "Nâng mức đóng góp cá nhân." in page
    assert "kết quả ghi nhận trước đó theo phiên bản 1" in page
    assert 'data-verdict="ineligible"' in page or "Chưa đạt tiêu chuẩn" in page
    assert "dưới mức 70.000.000" in page
    # nothing was written by looking
    nominee = received.nominees.get()
    assert nominee.verdict_eligible is True and nominee.ruleset_version == 1


def test_confirmation_screens_show_the_verdicts_they_record(users, received, login):
    version = raise_threshold(users["admin"])
    page = (
        login(users["appraiser"])
        .get(reverse("dossiers:transition", args=[received.pk, "appraise"]))
        .content.decode()
    )
    assert 'id="verdicts"' in page and 'data-verdict="ineligible"' in page
    assert f"Kế hoạch bac-kan-2021-2025, bộ tiêu chuẩn phiên bản {version.version}" in page


def test_a_confirmation_loaded_before_a_change_is_refused(users, received, login):
    client = login(users["appraiser"])
    url = reverse("dossiers:transition", args=[received.pk, "appraise"])
    loaded = token_of(client.get(url).content.decode())
    raise_threshold(users["admin"])
    response = client.post(url, {"note": "", "verdicts_token": loaded})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kết quả xét đã thay đổi từ khi bạn mở trang này" in page
    assert 'id="stale-verdicts"' in page and 'data-verdict="ineligible"' in page
    received.refresh_from_db()
    assert received.status == Status.RECEIVED  # nothing recorded
    assert not DossierEvent.objects.filter(dossier=received, action="appraise").exists()
    fresh = token_of(page)
    assert fresh != loaded
    response = client.post(url, {"note": "", "verdicts_token": fresh})
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.status == Status.APPRAISED
    event = DossierEvent.objects.get(dossier=received, action="appraise")
    (recorded,) = event.details["verdicts"].values()
    assert recorded == {"eligible": False, "ruleset": 2}


@pytest.mark.parametrize("action", ["receive", "approve", "decide"])
def test_every_recording_move_checks_the_digest(users, district_a, action):
    dossier = filed(users["district_a"], plain_commune(district_a), "Ma Văn Tám", 60_000_000)
    services.dossier_submit(dossier=dossier, by=users["district_a"])
    reviewer = users["reviewer"]
    if action != "receive":
        services.dossier_receive(dossier=dossier, by=reviewer)
        services.dossier_appraise(dossier=dossier, by=users["appraiser"])
    if action == "decide":
        services.dossier_approve(dossier=dossier, by=reviewer)
    shown = verdicts.fingerprint(verdicts.current(dossier, list(dossier.nominees.all())))
    raise_threshold(users["admin"])
    kwargs = {"dossier": dossier, "by": reviewer, "expected_verdicts": shown}
    if action == "decide":
        nominee = dossier.nominees.get()
        kwargs.update(
            decision_number="3/QĐ-UBND",
            decision_date=dt.date(2024, 12, 1),
            outcomes={nominee.pk: (False, "Chưa đạt mức mới.")},
        )
    with pytest.raises(services.StaleVerdicts):
        services.ACTIONS[action](**kwargs)
    dossier.refresh_from_db()
    assert dossier.status != {"receive": Status.RECEIVED, "approve": Status.APPROVED}.get(
        action, Status.DECIDED
    )


def test_recomputing_on_open_keeps_the_page_bounded(users, district_a, login):
    """Judging afresh on every open costs a fixed number of queries, not one per nominee."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.dossiers.support import add_person

    district = users["district_a"]
    dossier = filed(district, plain_commune(district_a), "Ma Văn Tám", 60_000_000)
    client = login(users["district_a"])
    url = reverse("dossiers:detail", args=[dossier.pk])
    raise_threshold(users["admin"])  # the banner and recomputed verdicts are shown
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert 'id="verdicts-recomputed"' in client.get(url).content.decode()
    for i in range(4):
        add_person(dossier, district, f"Người thứ {i}", plain_commune(district_a, i), 80_000_000)
    raise_threshold(users["admin"], 75_000_000)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) <= len(few) + 2, [q["sql"][:80] for q in many.captured_queries]

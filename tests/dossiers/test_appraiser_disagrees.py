"""The appraiser can disagree (issue 14, part 4): "không thống nhất" per nominee with a
reason, sending the dossier back to the board, which may return it to the proposer; all
of it in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.models import DossierEvent, Status
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_person,
    attach_all,
    decide,
    new_dossier,
    plain_commune,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "Giá trị hiến đất chưa có biên bản xác nhận của xã."


@pytest.fixture
def received(users, district_a):
    district = users["district_a"]
    dossier = new_dossier(district)
    first = add_person(dossier, district, "Hoàng Văn Sáu", plain_commune(district_a), 60_000_000)
    second = add_person(dossier, district, "Lý Thị Tám", plain_commune(district_a), 55_000_000)
    attach_all(dossier, district)
    services.dossier_submit(dossier=dossier, by=district)
    services.dossier_receive(dossier=dossier, by=users["reviewer"])
    return dossier, first, second


def test_disagreement_needs_a_reason_and_goes_back_to_the_board(users, received, login):
    dossier, first, second = received
    client = login(users["appraiser"])
    url = reverse("dossiers:transition", args=[dossier.pk, "appraise"])
    page = client.get(url).content.decode()
    assert f'name="a{first.pk}"' in page and "Không thống nhất (ghi lý do)" in page
    response = client.post(url, {"note": "", f"a{first.pk}": "0", f"a{second.pk}": "1"})
    assert response.status_code == 400
    assert "ghi lý do không thống nhất" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    response = client.post(
        url, {"note": "", f"a{first.pk}": "0", f"n{first.pk}": REASON, f"a{second.pk}": "1"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.APPRAISED  # back to the board
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.appraisal_agreed is False and first.appraisal_note == REASON
    assert second.appraisal_agreed is True
    event = DossierEvent.objects.get(dossier=dossier, action="appraise")
    assert event.details["disagreements"] == [
        {"nominee": first.pk, "name": first.name, "reason": REASON}
    ]
    page = login(users["reviewer"]).get(reverse("dossiers:detail", args=[dossier.pk]))
    text = page.content.decode()
    assert f"Không thống nhất — {first.name}: {REASON}" in text  # the history
    assert f'data-disagreed="{first.pk}"' in text


def test_the_board_may_return_it_to_the_proposer(users, received):
    dossier, first, _second = received
    services.dossier_appraise(
        dossier=dossier,
        by=users["appraiser"],
        nominee_notes={first.pk: REASON},
        disagreements=[first.pk],
    )
    services.dossier_return(
        dossier=dossier,
        by=users["reviewer"],
        note="Bổ sung theo ý kiến thẩm định.",
        comments={first.pk: REASON},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    actions = list(
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["appraise", "return"]


def test_a_disagreed_nominee_is_awarded_only_by_override(users, received, login):
    dossier, first, second = received
    reviewer = users["reviewer"]
    services.dossier_appraise(
        dossier=dossier,
        by=users["appraiser"],
        nominee_notes={first.pk: REASON},
        disagreements=[first.pk],
    )
    page = (
        login(reviewer)
        .get(reverse("dossiers:transition", args=[dossier.pk, "approve"]))
        .content.decode()
    )
    assert f'name="o{first.pk}"' in page and f'name="o{second.pk}"' not in page
    assert "dù cơ quan thẩm định không thống nhất" in page
    services.dossier_approve(dossier=dossier, by=reviewer)
    with pytest.raises(services.Invalid) as refused:
        decide(dossier, reviewer, {first.pk: (True, ""), second.pk: (True, "")})
    assert first.name in str(refused.value) and second.name not in str(refused.value)
    # the board could have approved it with an override instead
    with pytest.raises(services.WrongState):
        services.dossier_approve(dossier=dossier, by=reviewer, overrides={first.pk: "x"})


def test_a_missing_reason_is_refused_by_the_service(users, received):
    dossier, first, _second = received
    with pytest.raises(services.Invalid) as refused:
        services.dossier_appraise(dossier=dossier, by=users["appraiser"], disagreements=[first.pk])
    assert f"n{first.pk}" in refused.value.errors

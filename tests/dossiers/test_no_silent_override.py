"""No silent override (issue 14, part 6): approving or awarding a nominee the rules find
not eligible needs an explicit override with its reason, in the history and the minutes;
"Nộp hồ sơ" is disabled while blockers remain, and says which."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.documents.builders.minutes import council_minutes
from dossiers.models import DossierEvent
from emulation.rules import DEFAULT_VALUES
from emulation.rulesets import ruleset_change
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_person,
    attach_all,
    decide,
    new_dossier,
    plain_commune,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def appraised(users, district_a):
    """An annual 2024 dossier, appraised, whose person (60.000.000 đ) became ineligible
    when the threshold was raised to 70.000.000 đ from 01/06/2024."""
    district, reviewer = users["district_a"], users["reviewer"]
    dossier = new_dossier(district)
    person = add_person(dossier, district, "Hoàng Văn Sáu", plain_commune(district_a), 60_000_000)
    attach_all(dossier, district)
    services.dossier_submit(dossier=dossier, by=district)
    services.dossier_receive(dossier=dossier, by=reviewer)
    services.dossier_appraise(dossier=dossier, by=users["appraiser"])
    ruleset_change(
        values={**DEFAULT_VALUES, "person_contribution_min": 70_000_000},
        effective_from=dt.date(2024, 6, 1),
        reason="Nâng mức đóng góp.",
        by=users["admin"],
    )
    return dossier, person


def test_awarding_an_ineligible_nominee_needs_an_override(users, appraised):
    dossier, person = appraised
    reviewer = users["reviewer"]
    services.dossier_approve(dossier=dossier, by=reviewer)  # no override: stays "chưa đạt"
    person.refresh_from_db()
    assert person.verdict_eligible is False and person.override_reason == ""
    with pytest.raises(services.Invalid) as refused:
        decide(dossier, reviewer, {person.pk: (True, "")})
    assert "chỉ khen thưởng khi Ban đã duyệt đề nghị vượt tiêu chuẩn" in str(refused.value)


def test_an_override_is_recorded_in_history_and_minutes(users, appraised, login):
    dossier, person = appraised
    reviewer = users["reviewer"]
    client = login(reviewer)
    url = reverse("dossiers:transition", args=[dossier.pk, "approve"])
    page = client.get(url).content.decode()
    assert f'name="o{person.pk}"' in page  # the override field of the ineligible nominee
    reason = "Hiến đất mở đường liên thôn, giá trị thực tế cao hơn định giá."
    response = client.post(url, {"note": "", f"o{person.pk}": reason})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.override_reason == reason and person.override_by == reviewer
    event = DossierEvent.objects.get(dossier=dossier, action="approve")
    assert event.details["overrides"] == [
        {"nominee": person.pk, "name": person.name, "reason": reason}
    ]
    decide(dossier, reviewer, {person.pk: (True, "")})
    person.refresh_from_db()
    assert person.awarded is True
    decided = DossierEvent.objects.get(dossier=dossier, action="decide")
    assert decided.details["outcomes"][0]["override"] == reason
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert f"Đề nghị khen thưởng dù chưa đạt tiêu chuẩn — {person.name}: {reason}" in page
    assert f"{person.name}: khen thưởng dù chưa đạt tiêu chuẩn — {reason}" in page
    minutes = council_minutes(dossier)
    assert minutes.context["overrides"] == [{"name": person.name, "reason": reason}]


def test_submit_button_disabled_while_blockers_remain(users, district_a, login):
    district = users["district_a"]
    dossier = new_dossier(district)
    add_person(dossier, district, "Lâm Văn Phúc", plain_commune(district_a), 30_000_000)
    page = login(district).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert 'data-blocked="submit"' in page and "disabled" in page
    assert 'id="problems"' in page and "Lâm Văn Phúc" in page
    assert "Chưa nộp được: còn" in page
    assert reverse("dossiers:transition", args=[dossier.pk, "submit"]) not in page

"""Stale edits refused (issue 18, part 5): two tabs editing a rule set or a plan target —
the second tab's save is refused (409) with the first save's changes shown, as dossiers
do, instead of silently undoing them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from emulation.models import PlanTarget, RuleSet
from emulation.rulesets import ruleset_latest
from tests.eligibility.test_rules_views import form_data

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def hidden(response, name: str) -> str:
    form = response.context["form"]
    return str(form[name].value())


def test_a_rule_set_saved_from_a_stale_tab_is_refused_with_the_differences(login, users):
    client = login(users["admin"])
    url = reverse("rules:ruleset_edit")
    opened = hidden(client.get(url), "base_version")  # both tabs open on the same version
    assert opened == str(ruleset_latest().version)
    first = client.post(
        url,
        form_data(person_contribution_min="45.000.000", base_version=opened, action="save"),
    )
    assert first.status_code == 302
    saved = ruleset_latest()
    count = RuleSet.objects.count()

    second = client.post(
        url, form_data(midterm_exemplary_new_min="3", base_version=opened, action="save")
    )
    assert second.status_code == 409
    assert RuleSet.objects.count() == count and ruleset_latest() == saved
    body = second.content.decode()
    assert "vừa được lưu phiên bản mới" in body
    # the first tab's change is shown, and what the second tab typed is kept
    assert [c.spec.key for c in second.context["stale_changes"]] == ["person_contribution_min"]
    assert "45.000.000" in body
    assert second.context["form"]["midterm_exemplary_new_min"].value() == "3"
    # the form now stands on the latest version: saving again is a deliberate choice
    assert hidden(second, "base_version") == str(saved.version)
    again = client.post(
        url,
        form_data(
            person_contribution_min="45.000.000",
            midterm_exemplary_new_min="3",
            base_version=str(saved.version),
            action="save",
        ),
    )
    assert again.status_code == 302 and RuleSet.objects.count() == count + 1


def test_the_rule_set_service_refuses_a_stale_version_inside_its_transaction(users):
    from emulation.rules import DEFAULT_VALUES
    from emulation.rulesets import ruleset_change
    from emulation.stale import StaleSave

    latest = ruleset_latest()
    with pytest.raises(StaleSave):
        ruleset_change(
            values={**DEFAULT_VALUES, "midterm_exemplary_new_min": 3},
            effective_from=latest.effective_from,
            reason="Thử",
            by=users["admin"],
            expected_version=latest.version - 1,
        )


TARGET = {
    "ntm_communes_added": "10",
    "advanced_communes_added": "4",
    "model_communes_added": "0",
    "villages_added": "59",
    "mean_criteria": "16",
}


def test_a_plan_target_saved_from_a_stale_tab_is_refused_with_the_differences(login, users):
    call_command("load_plan_targets")
    client = login(users["admin"])
    url = reverse("progress:target_edit", args=[2024, "063"])
    opened = hidden(client.get(url), "version")
    assert opened == "0"  # no row yet for the district
    assert client.post(url, {**TARGET, "version": opened}).status_code == 302
    row = PlanTarget.objects.get(year=2024, district_id="063")
    assert row.version == 1

    second = client.post(url, {**TARGET, "ntm_communes_added": "12", "version": opened})
    assert second.status_code == 409
    row.refresh_from_db()
    assert row.ntm_communes_added == 10 and row.version == 1
    body = second.content.decode()
    assert "vừa được người khác lưu" in body
    assert [d["saved"] for d in second.context["stale"]] == ["10"]
    assert [d["typed"] for d in second.context["stale"]] == ["12"]
    assert hidden(second, "version") == "1"
    # saving again from the latest version goes through
    assert (
        client.post(url, {**TARGET, "ntm_communes_added": "12", "version": "1"}).status_code == 302
    )
    row.refresh_from_db()
    assert row.ntm_communes_added == 12 and row.version == 2


def test_a_province_target_of_the_plan_file_is_versioned_too(login, users):
    call_command("load_plan_targets")
    client = login(users["admin"])
    url = reverse("progress:target_edit", args=[2023, "tinh"])
    opened = hidden(client.get(url), "version")
    assert opened == "1"
    data = {**TARGET, "version": opened}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "villages_added": "60"}).status_code == 409

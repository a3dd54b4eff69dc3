"""Decimals shown and read in the Vietnamese format (issue 17, part 4): the province's
"Bình quân tiêu chí" 15,0 survives a save of the targets' form untouched."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from emulation.models import PlanTarget

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_mean_criteria_round_trips_in_the_vietnamese_format(login, users):
    call_command("load_plan_targets")
    row = PlanTarget.objects.get(year=2024, district__isnull=True)
    row.mean_criteria = Decimal("15.0")
    row.save()
    client = login(users["admin"])
    url = reverse("progress:target_edit", args=[2024, "tinh"])
    page = client.get(url).content.decode()
    field = re.search(r'<input[^>]*name="mean_criteria"[^>]*>', page).group(0)
    # a text field the browser can hold "15,0" in (a number field would send it back empty)
    assert 'type="text"' in field and 'value="15,0"' in field and 'inputmode="decimal"' in field
    values = {
        name: re.search(rf'name="{name}"[^>]*value="([^"]*)"', page).group(1)
        for name in (
            "ntm_communes_added",
            "advanced_communes_added",
            "model_communes_added",
            "villages_added",
            "mean_criteria",
        )
    }
    completed = [str(d.pk) for d in row.districts_completed.all()]
    response = client.post(url, values | {"districts_completed": completed})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.mean_criteria == Decimal("15.0")
    for typed, read in (("14,5", "14.5"), ("14.5", "14.5"), ("16", "16")):
        client.post(url, values | {"mean_criteria": typed})
        row.refresh_from_db()
        assert row.mean_criteria == Decimal(read), typed

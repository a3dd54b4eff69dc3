"""National plans as data (issue 14 part 7; III.2.1 of the plan): an administrator enters
the national plan and its award standards in the app; every change is audited; nobody
else may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from emulation.audit import AuditEntry
from emulation.models import StateAwardStandard, StatePlan

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HEAD = {
    "code": "qd-587-2022",
    "name": "Kế hoạch tổ chức thực hiện Phong trào thi đua “Cả nước chung sức xây dựng nông "
    "thôn mới” giai đoạn 2021 - 2025",
    "number": "587/QĐ-TTg",
    "issued_on": "18/05/2022",
    "issuer": "Thủ tướng Chính phủ",
    "first_year": "2021",
    "last_year": "2025",
    "notes": "",
}


def test_an_administrator_enters_a_national_plan_and_its_standards(users, login):
    client = login(users["admin"])
    response = client.post(reverse("rules:state_plans"), HEAD)
    plan = StatePlan.objects.get()
    assert response.status_code == 302 and plan.issued_on == dt.date(2022, 5, 18)
    url = reverse("rules:state_standard_create", args=[plan.code])
    response = client.post(url, {
        "award": "Cờ thi đua của Chính phủ", "authority": "Thủ tướng Chính phủ",
        "kinds": ["commune", "district"], "standard": "Tập thể dẫn đầu phong trào thi đua.",
        "clause": "Mục III.2", "confirmed": "on", "position": "1",
    })  # fmt: skip
    assert response.status_code == 302
    standard = StateAwardStandard.objects.get()
    assert standard.kinds == ["commune", "district"] and standard.confirmed
    page = client.get(reverse("rules:state_plan_detail", args=[plan.code])).content.decode()
    assert "Cờ thi đua của Chính phủ" in page and "Xã, phường, thị trấn" in page
    edit = reverse("rules:state_standard_edit", args=[plan.code, standard.pk])
    client.post(edit, {"award": "Cờ thi đua của Chính phủ", "authority": "Thủ tướng Chính phủ",
                       "standard": "Sửa.", "position": "1"})  # fmt: skip
    standard.refresh_from_db()
    assert standard.kinds == [] and not standard.confirmed
    client.post(reverse("rules:state_standard_remove", args=[plan.code, standard.pk]))
    assert not StateAwardStandard.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"state_plan.created", "state_standard.created", "state_standard.changed",
            "state_standard.removed"} <= actions  # fmt: skip


def test_bad_input_beside_the_field(users, login):
    client = login(users["admin"])
    response = client.post(
        reverse("rules:state_plans"), HEAD | {"last_year": "2020", "issued_on": "31/02/2022"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "is-invalid" in page
    assert 'value="587/QĐ-TTg"' in page and not StatePlan.objects.exists()
    client.post(reverse("rules:state_plans"), HEAD)
    response = client.post(reverse("rules:state_plans"), HEAD)
    assert response.status_code == 400
    assert "Đã có kế hoạch mang mã này." in response.content.decode()
    plan = StatePlan.objects.get()
    response = client.post(
        reverse("rules:state_plan_detail", args=[plan.code]), HEAD | {"last_year": "2020"}
    )
    assert response.status_code == 400
    assert "Năm cuối giai đoạn không được trước năm đầu." in response.content.decode()


@pytest.mark.parametrize("role", ["reviewer", "appraiser", "district_a"])
def test_only_administrators(users, login, role):
    client = login(users[role])
    assert client.get(reverse("rules:state_plans")).status_code == 403
    assert client.post(reverse("rules:state_plans"), HEAD).status_code == 403
    assert not StatePlan.objects.exists()

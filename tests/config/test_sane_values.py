"""Sane values (issue 18, parts 6 and 7): dates within bounds, evidence checked by
content, /healthz saying only ok or failing, seed_demo refusing without DEMO_MODE."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from criteria.models import Assessment
from dossiers import services
from dossiers.models import Status
from emulation.models import User
from tests.config.test_bad_input import fingerprint, messages_in
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    approve,
    filed,
    plain_commune,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- dates ---------------------------------------------------------------------------------


class DayForm(forms.Form):
    day = forms.DateField(input_formats=["%d/%m/%Y"])


@pytest.mark.parametrize("typed", ["01/01/0001", "31/12/1899", "31/12/9999", "01/01/2200"])
def test_every_date_field_refuses_an_absurd_year(typed):
    form = DayForm({"day": typed})
    assert not form.is_valid()
    assert "Ngày phải trong khoảng năm 1900 đến năm" in form.errors["day"][0]


def test_a_date_field_takes_an_ordinary_date():
    form = DayForm({"day": "15/06/2023"})
    assert form.is_valid() and form.cleaned_data["day"] == dt.date(2023, 6, 15)


@pytest.fixture
def approved(users, district_a):
    dossier = filed(users["district_a"], plain_commune(district_a), "Nông Văn Dũng", 60_000_000)
    services.dossier_submit(dossier=dossier, by=users["district_a"])
    approve(dossier, users)
    return dossier


def decide_by_form(client, dossier, day: str):
    data = {"decision_number": "12/QĐ-UBND", "decision_date": day}
    for n in dossier.nominees.all():
        data[f"awarded_{n.pk}"] = "1"
    return client.post(reverse("dossiers:transition", args=[dossier.pk, "decide"]), data)


@pytest.mark.parametrize(
    "day,message",
    [
        ("01/01/0001", "Ngày phải trong khoảng năm 1900"),
        # before the plan's period, before the proposal it answers (05/11/2024)
        ("31/12/2019", "Ngày quyết định không được trước 05/11/2024"),
        ("01/11/2024", "Ngày quyết định không được trước 05/11/2024"),
        ("01/01/2030", "Ngày quyết định không được sau hôm nay"),
    ],
)
def test_a_decision_dated_outside_the_plan_is_refused(login, users, approved, day, message):
    client = login(users["reviewer"])
    client.raise_request_exception = False
    before = fingerprint()
    response = decide_by_form(client, approved, day)
    body = response.content.decode()
    assert response.status_code in {200, 400}
    assert any(message in m for m in messages_in(body)), messages_in(body)
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED and fingerprint() == before


def test_a_decision_within_the_plan_is_taken(login, users, approved):
    assert decide_by_form(login(users["reviewer"]), approved, "20/12/2024").status_code == 302
    approved.refresh_from_db()
    assert approved.status == Status.DECIDED and approved.decision_date == dt.date(2024, 12, 20)


def test_an_assessment_dated_before_2000_is_refused(login, users, commune_a):
    client = login(users["district_a"])
    url = reverse("criteria:assessment_add", args=[commune_a.code])
    response = client.post(url, {"criterion": "10", "assessed_on": "15/03/1999", "met": "1"})
    assert response.status_code == 200
    assert "Ngày không được trước năm 2000." in response.content.decode()
    assert not Assessment.objects.filter(commune=commune_a).exists()


# --- evidence uploads checked by content -------------------------------------------------

EVIDENCE = [
    ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "không phải PDF, JPEG, PNG hoặc DOCX"),
    ("elf.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "không phải PDF, JPEG, PNG hoặc DOCX"),
    ("page.png", b"<html><script>alert(1)</script></html>", "không phải PDF, JPEG, PNG hoặc DOCX"),
    ("empty.pdf", b"", None),  # Django's own "the submitted file is empty"
]


@pytest.mark.parametrize("name,data,message", EVIDENCE, ids=[e[0] for e in EVIDENCE])
def test_criteria_evidence_is_checked_by_content(login, users, commune_a, name, data, message):
    client = login(users["district_a"])
    url = reverse("criteria:assessment_add", args=[commune_a.code])
    response = client.post(
        url,
        {"criterion": "10", "assessed_on": "15/03/2023", "met": "1",
         "evidence": SimpleUploadedFile(name, data)},
    )  # fmt: skip
    assert response.status_code == 200
    if message:
        assert message in " ".join(messages_in(response.content.decode()))
    assert not Assessment.objects.filter(commune=commune_a).exists()


def test_real_pdf_evidence_is_taken(login, users, commune_a):
    client = login(users["district_a"])
    url = reverse("criteria:assessment_add", args=[commune_a.code])
    response = client.post(
        url,
        {"criterion": "10", "assessed_on": "15/03/2023", "met": "1",
         "evidence": SimpleUploadedFile("bien-ban.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302
    assert Assessment.objects.get(commune=commune_a).evidence


# --- /healthz and seed_demo -----------------------------------------------------------------


def test_healthz_says_only_ok_or_failing(client, monkeypatch):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}

    def broken(*args, **kwargs):
        raise RuntimeError("psycopg2.OperationalError: could not connect to 10.0.0.5")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing"}
    body = response.content.decode()
    assert "postgres" not in body and "Error" not in body and "10.0.0.5" not in body


def test_seed_demo_refuses_without_demo_mode(settings):
    settings.DEMO_MODE = False
    users = User.objects.count()
    with pytest.raises(CommandError, match="DEMO_MODE=1"):
        call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == users
    assert not User.objects.filter(username="admin").exists()


def test_without_a_proposal_date_the_plan_start_bounds_the_decision(users, district_a):
    from dossiers.services.transitions import decision_earliest
    from tests.dossiers.support import new_dossier

    dossier = new_dossier(users["district_a"], date=None)
    start = dossier.plan_spec.first_year
    assert decision_earliest(dossier) == dt.date(start, 1, 1)

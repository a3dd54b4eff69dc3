"""A draft dossier from "who qualifies" (issue 17 part 7): tick qualifying units, "Lập hồ
sơ đề nghị" creates the proposer's own draft of that round with them as nominees; the
list exports as a workbook; an agency sees what it may propose."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dossiers.models import Dossier, DossierEvent, Status
from dossiers.services import Invalid
from dossiers.services.proposals import Pick, dossier_from_qualifying, parse_picks
from emulation.models import PlanRound
from emulation.plans import plan_get
from tests.rules_data import progress, recognize

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/ho-so/tu-ds-du-dieu-kien/"
EXEMPLARY = "commune_exemplary"


@pytest.fixture
def qualifying(district_a, district_b):
    """Two exemplary communes in Bạch Thông (A), one a criterion short, one in Ba Bể (B)."""
    a1, a2, a3 = district_a.communes.order_by("code")[:3]
    (b1,) = district_b.communes.order_by("code")[:1]
    progress(a1, [1, 4], [2, 3, 5, 10])
    progress(a2, [1, 4], [2, 3, 5, 11])
    progress(a3, [1, 4], [2, 3, 10])
    progress(b1, [1], [2, 3, 5, 11])
    recognize(b1, "ntm", dt.date(2023, 4, 1))
    return a1, a2, a3, b1


def pick(commune, title=EXEMPLARY):
    return f"commune:{commune.pk}:{title}"


def test_parse_picks_drops_malformed_and_repeats():
    picks = parse_picks(
        [
            "commune:1:commune_exemplary",
            "x",
            "commune:1:commune_exemplary",
            "commune:2:no_title",
            "planet:3:commune_exemplary",
            "a:b",
        ]
    )
    assert picks == [Pick("commune", "1", EXEMPLARY)]


def test_district_proposes_two_qualifying_communes(login, users, qualifying):
    a1, a2, a3, b1 = qualifying
    client = login(users["district_a"])
    response = client.post(URL, {"vong": "midterm", "chon": [pick(a1), pick(a2)]})
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ho-so/{dossier.pk}/"
    assert (dossier.status, dossier.round, dossier.year) == (Status.DRAFT, "midterm", 2023)
    assert dossier.district_id == users["district_a"].district_id
    nominees = list(dossier.nominees.order_by("position"))
    assert [(n.commune_id, n.title, n.kind) for n in nominees] == [
        (a1.pk, EXEMPLARY, "commune"),
        (a2.pk, EXEMPLARY, "commune"),
    ]
    assert all(n.verdict_eligible for n in nominees)
    # the history says who created it and added each
    actions = list(dossier.events.order_by("id").values_list("action", "by_id"))
    assert (
        actions
        == [("create", users["district_a"].pk)] + [("nominee_add", users["district_a"].pk)] * 2
    )
    page = client.get(response["Location"]).content.decode()
    assert "Đã lập hồ sơ nháp" in page and a1.name in page and a2.name in page


def test_a_unit_that_does_not_qualify_or_is_out_of_scope_is_left_out(login, users, qualifying):
    a1, a2, a3, b1 = qualifying
    client = login(users["district_a"])
    response = client.post(
        URL, {"vong": "midterm", "chon": [pick(a1), pick(a3), pick(b1)]}, follow=True
    )
    dossier = Dossier.objects.get()
    assert list(dossier.nominees.values_list("commune_id", flat=True)) == [a1.pk]
    html = response.content.decode()
    assert "không đủ điều kiện" in html and a3.name in html


def test_nothing_qualifying_creates_nothing_and_keeps_the_ticks(login, users, qualifying):
    a1, a2, a3, b1 = qualifying
    client = login(users["district_a"])
    response = client.post(URL, {"vong": "midterm", "hien": "eligible", "chon": [pick(a3)]})
    assert Dossier.objects.count() == 0 and DossierEvent.objects.count() == 0
    assert response.status_code == 302
    assert "vong=midterm" in response["Location"] and "hien=eligible" in response["Location"]
    page = client.get(response["Location"])
    assert "không đủ điều kiện" in page.content.decode()
    assert pick(a3) in page.context["chosen"]


def test_nothing_ticked_is_refused(login, users, qualifying):
    response = login(users["district_a"]).post(URL, {"vong": "midterm"}, follow=True)
    assert "Chọn ít nhất một đơn vị" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_a_unit_already_proposed_this_round_is_not_proposed_twice(users, qualifying):
    a1, a2, a3, b1 = qualifying
    by = users["district_a"]
    first = dossier_from_qualifying(
        by=by, round="midterm", year=None, picks=parse_picks([pick(a1)])
    )
    second = dossier_from_qualifying(
        by=by, round="midterm", year=None, picks=parse_picks([pick(a1), pick(a2)])
    )
    assert [n.commune_id for n in second.dossier.nominees.all()] == [a2.pk]
    assert first.dossier.reference in second.skipped[0]
    with pytest.raises(Invalid):
        dossier_from_qualifying(by=by, round="midterm", year=None, picks=parse_picks([pick(a1)]))
    assert Dossier.objects.count() == 2


def test_a_closed_filing_window_is_respected(login, users, qualifying):
    a1, *_ = qualifying
    plan_round = plan_get("bac-kan-2021-2025").rounds.get(kind="midterm", year=2023)
    plan_round.closes_on = timezone.localdate() - dt.timedelta(days=1)
    plan_round.save(update_fields=["closes_on"])
    response = login(users["district_a"]).post(
        URL, {"vong": "midterm", "chon": [pick(a1)]}, follow=True
    )
    assert "đã hết hạn nhận hồ sơ" in response.content.decode()
    assert Dossier.objects.count() == 0
    assert PlanRound.objects.filter(closes_on__isnull=False).count() == 1


def test_the_annual_round_takes_the_year_of_the_list(login, users, qualifying):
    a1, a2, a3, b1 = qualifying
    recognize(a1, "ntm", dt.date(2024, 3, 1))
    response = login(users["district_a"]).post(
        URL, {"vong": "annual", "nam": "2024", "chon": [pick(a1, "commune_recognized")]}
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.round, dossier.year) == ("annual", 2024)


@pytest.mark.parametrize("role", ["reviewer", "appraiser", "admin"])
def test_provincial_roles_cannot_propose(login, users, qualifying, role):
    a1, *_ = qualifying
    client = login(users[role])
    assert client.post(URL, {"vong": "midterm", "chon": [pick(a1)]}).status_code == 403
    assert Dossier.objects.count() == 0
    page = client.get(reverse("rules:who_qualifies"), {"vong": "midterm"})
    assert not page.context["may_propose"]
    assert 'name="chon"' not in page.content.decode()


def test_anonymous_goes_to_login(client):
    response = client.post(URL, {"vong": "midterm"})
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert client.get(URL).status_code == 302


def test_get_is_not_allowed(login, users):
    assert login(users["district_a"]).get(URL).status_code == 405


def test_the_page_offers_checkboxes_and_select_all_to_the_proposer(login, users, qualifying):
    a1, a2, a3, b1 = qualifying
    page = login(users["district_a"]).get(reverse("rules:who_qualifies"), {"vong": "midterm"})
    html = page.content.decode()
    assert page.context["may_propose"]
    assert f'value="{pick(a1)}"' in html and f'value="{pick(a2)}"' in html
    assert f'value="{pick(a3)}"' not in html  # a near miss has no box
    assert 'data-select-all="chon"' in html and "Lập hồ sơ đề nghị" in html


def test_workbook_export_lists_every_unit_of_the_filters(login, users, qualifying):
    a1, a2, a3, b1 = qualifying
    response = login(users["reviewer"]).get(
        reverse("rules:who_qualifies"), {"vong": "midterm", "hien": "eligible", "xuat": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[1]]
    names = {r[1] for r in rows}
    assert {str(a1), str(a2), str(b1)} <= names and str(a3) not in names
    assert "Đợt" not in str(ws["A1"].value) or "ngày xét" in str(ws["A1"].value)


def test_district_workbook_is_scoped(login, users, qualifying):
    a1, a2, a3, b1 = qualifying
    response = login(users["district_a"]).get(
        reverse("rules:who_qualifies"), {"vong": "midterm", "xuat": "xlsx"}
    )
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert str(b1) not in {r[1] for r in ws.iter_rows(min_row=4, values_only=True)}


# --- an agency --------------------------------------------------------------------------


def test_agency_at_the_annual_round_is_told_it_proposes_at_midterm_and_final(login, users):
    page = login(users["agency"]).get(reverse("rules:who_qualifies"), {"vong": "annual"})
    html = page.content.decode()
    assert "chỉ đề nghị khen thưởng ở đợt sơ kết và tổng kết" in html
    assert "Không có xã nào" not in html


def test_agency_at_midterm_sees_what_it_may_propose(login, users):
    page = login(users["agency"]).get(reverse("rules:who_qualifies"), {"vong": "midterm"})
    html = page.content.decode()
    offer = page.context["offer"]
    assert not offer.own  # the plan's sơ kết has no title for an agency itself
    assert offer.typed and "Phần mềm không tổng hợp được" in html
    assert "Không có xã nào" not in html


def test_agency_proposes_itself_at_the_final_round(login, users):
    client = login(users["agency"])
    page = client.get(reverse("rules:who_qualifies"), {"vong": "final"})
    offer = page.context["offer"]
    assert [o.title.value for o in offer.own] == ["agency_outstanding"]
    value = f"agency:{users['agency'].agency.code}:agency_outstanding"
    assert f'value="{value}"' in page.content.decode()
    response = client.post(URL, {"vong": "final", "chon": [value]})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.agency_id == users["agency"].agency_id and dossier.round == "final"
    nominee = dossier.nominees.get()
    assert (nominee.kind, nominee.agency_id) == ("agency", users["agency"].agency_id)


def test_agency_cannot_propose_another_agency_or_a_commune(login, users, qualifying):
    a1, *_ = qualifying
    client = login(users["agency"])
    response = client.post(
        URL, {"vong": "final", "chon": ["agency:other:agency_outstanding", pick(a1)]}
    )
    assert response.status_code == 302 and Dossier.objects.count() == 0


@pytest.mark.parametrize("n", [3, 40])
def test_the_page_with_boxes_is_bounded(n, login, users, district_a, django_assert_max_num_queries):
    for c in district_a.communes.order_by("code")[:n]:
        progress(c, [1, 4], [2, 3, 5, 10])
    client = login(users["district_a"])
    with django_assert_max_num_queries(22):
        assert client.get(reverse("rules:who_qualifies"), {"vong": "midterm"}).status_code == 200
    with django_assert_max_num_queries(22):
        response = client.get(reverse("rules:who_qualifies"), {"vong": "midterm", "xuat": "xlsx"})
        assert response.status_code == 200

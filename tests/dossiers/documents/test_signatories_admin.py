"""Issue 15, part 2 (finished): signatories managed in the app by the province's
administrators: a list per body (paginated, with dates), create, edit (a form opened on
an older version refused), end of validity (never deleted when a document used them);
another province's signatories out of reach. Every role: tests/config/
test_permissions_matrix.py and test_two_provinces_matrix.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from dossiers.documents import bodies
from dossiers.documents.models import Signatory
from dossiers.documents.signers import signatories_of
from emulation.audit import AuditEntry
from tests.factories import ProvinceFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST = reverse("documents:signatories")
CREATE = reverse("documents:signatory_create")


def _data(district_a, **changes) -> dict:
    return {
        "body_key": f"district:{district_a.code}",
        "full_name": "Hoàng Văn Ước",
        "title": "phó chủ tịch",
        "capacity": "deputy",
        "head_title": "CHỦ TỊCH",
        "collective_name": "ỦY BAN NHÂN DÂN",
        "valid_from": "01/01/2021",
        "valid_to": "",
        "is_default": "on",
        "version": "0",
    } | changes


def _row(body_key: str, name: str, **kw) -> Signatory:
    return Signatory.objects.create(
        body_key=body_key, full_name=name, title="PHÓ CHỦ TỊCH", head_title="CHỦ TỊCH", **kw
    )


def test_an_administrator_adds_a_signer_used_by_the_documents(login, users, district_a):
    client = login(users["admin"])
    page = client.get(CREATE).content.decode()
    # the bodies of the installation: its province's UBND, districts, communes, agencies
    assert f'value="district:{district_a.code}"' in page and 'value="province:06"' in page
    response = client.post(CREATE, _data(district_a))
    assert response.status_code == 302
    row = Signatory.objects.get()
    assert row.title == "PHÓ CHỦ TỊCH" and row.version == 1  # titles print in capitals
    assert AuditEntry.objects.filter(action="signatory.created", actor=users["admin"]).exists()
    body = bodies.district_committee(district_a)
    assert signatories_of(body, dt.date(2024, 5, 1)) == [row]
    listing = client.get(response.url).content.decode()
    assert "Hoàng Văn Ước" in listing and "01/01/2021" in listing


def test_bad_input_beside_the_field_typed_values_kept(login, users, district_a):
    client = login(users["admin"])
    response = client.post(
        CREATE, _data(district_a, valid_from="01/01/2024", valid_to="31/12/2023")
    )
    page = response.content.decode()
    assert response.status_code == 400 and not Signatory.objects.exists()
    assert "Ngày kết thúc không được trước ngày bắt đầu ký" in page
    assert 'value="31/12/2023"' in page and 'value="Hoàng Văn Ước"' in page
    # another province's body is not offered, and refused when posted
    other = ProvinceFactory(code="Z8", name="Tỉnh Khác")
    response = client.post(CREATE, _data(district_a, body_key=f"province:{other.code}"))
    assert response.status_code == 400 and not Signatory.objects.exists()
    assert 'value="province:Z8"' not in client.get(CREATE).content.decode()


def test_an_edit_from_an_older_page_is_refused(login, users, district_a):
    row = _row(f"district:{district_a.code}", "Hoàng Văn Ước", valid_from=dt.date(2021, 1, 1))
    url = reverse("documents:signatory_edit", args=[row.pk])
    client = login(users["admin"])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page and 'value="01/01/2021"' in page
    first = _data(district_a, full_name="Hoàng Văn Ước", title="PHÓ CHỦ TỊCH", version="1",
                  valid_from="01/01/2021")  # fmt: skip
    assert client.post(url, first | {"title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC"}).status_code == 302
    # a second tab opened on version 1
    response = client.post(url, first | {"full_name": "Hoàng Văn Ước Mới"})
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Hoàng Văn Ước Mới"' in page and "PHÓ CHỦ TỊCH THƯỜNG TRỰC" in page
    row.refresh_from_db()
    assert (row.full_name, row.version) == ("Hoàng Văn Ước", 2)
    # saved again on purpose: it stands on the version now saved
    assert 'name="version" value="2"' in page
    assert (
        client.post(url, first | {"full_name": "Hoàng Văn Ước Mới", "version": "2"}).status_code
        == 302
    )
    row.refresh_from_db()
    assert row.full_name == "Hoàng Văn Ước Mới"


def test_saved_unchanged_nothing_changes(login, users, district_a):
    row = _row(f"district:{district_a.code}", "Hoàng Văn Ước", collective_name="ỦY BAN NHÂN DÂN")
    client = login(users["admin"])
    url = reverse("documents:signatory_edit", args=[row.pk])
    data = _data(district_a, title="PHÓ CHỦ TỊCH", valid_from="", is_default="", version="1")
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.version == 1 and not AuditEntry.objects.filter(action="signatory.changed").exists()


def test_ending_validity_keeps_the_signer(login, users, district_a):
    row = _row(f"district:{district_a.code}", "Hoàng Văn Ước", valid_from=dt.date(2021, 1, 1))
    client = login(users["admin"])
    url = reverse("documents:signatory_end", args=[row.pk])
    response = client.post(url, {"last_day": "31/12/2020", "version": "1"})
    assert response.status_code == 400
    assert "không được trước ngày bắt đầu" in response.content.decode()
    assert client.post(url, {"last_day": "30/06/2025", "version": "1"}).status_code == 302
    row.refresh_from_db()
    assert row.valid_to == dt.date(2025, 6, 30) and row.version == 2
    entry = AuditEntry.objects.get(action="signatory.ended")
    assert entry.actor == users["admin"] and entry.after["valid_to"] == "2025-06-30"
    body = bodies.district_committee(district_a)
    assert signatories_of(body, dt.date(2025, 7, 1)) == []
    assert signatories_of(body, dt.date(2025, 6, 30)) == [row]
    # a stale end (version 1) is refused; it is still listed, never deleted
    assert client.post(url, {"last_day": "01/01/2025", "version": "1"}).status_code == 409
    assert "Hoàng Văn Ước" in client.get(LIST).content.decode()
    assert (
        'action="' + url
        in client.get(reverse("documents:signatory_edit", args=[row.pk])).content.decode()
    )


def test_a_signer_a_decision_stored_cannot_be_deleted(users, district_a):
    from tests.config.test_permissions_matrix import a_decision

    row = _row(f"province:{district_a.province.code}", "Triệu Đức Khải")
    decision = a_decision("06", users["reviewer"])
    decision.signatory = row
    decision.save()
    with pytest.raises(ProtectedError):
        row.delete()


def test_the_list_is_per_body_paginated_and_bounded(
    login, users, district_a, district_b, django_assert_max_num_queries
):
    client = login(users["admin"])
    _row(f"district:{district_b.code}", "Người Ba Bể")
    with django_assert_max_num_queries(14):
        client.get(LIST)
    for i in range(30):
        _row(f"district:{district_a.code}", f"Người ký {i:02d}", valid_from=dt.date(2021, 1, 1))
    _row("province:Z7", "Người Tỉnh Khác")  # another province's body: never listed
    with django_assert_max_num_queries(14):
        page = client.get(LIST).content.decode()
    assert "Trang 1/2" in page and "Người Tỉnh Khác" not in page
    page = client.get(LIST, {"co-quan": f"district:{district_b.code}"}).content.decode()
    assert "Người Ba Bể" in page and "Người ký 00" not in page
    other = Signatory.objects.get(full_name="Người Tỉnh Khác")
    assert client.get(reverse("documents:signatory_edit", args=[other.pk])).status_code == 404
    end = reverse("documents:signatory_end", args=[other.pk])
    assert client.post(end, {"last_day": "01/01/2025", "version": "1"}).status_code == 404
    other.refresh_from_db()
    assert other.valid_to is None


@pytest.mark.parametrize("role", ["reviewer", "appraiser", "district_a", "agency"])
def test_only_administrators(login, users, role, district_a):
    row = _row(f"district:{district_a.code}", "Hoàng Văn Ước")
    client = login(users[role])
    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, _data(district_a)).status_code == 403
    url = reverse("documents:signatory_end", args=[row.pk])
    assert client.post(url, {"last_day": "01/01/2025", "version": "1"}).status_code == 403
    row.refresh_from_db()
    assert row.valid_to is None and Signatory.objects.count() == 1


def test_the_list_offers_the_bodies_with_signers_not_every_unit(
    login, users, district_a, commune_a, django_assert_num_queries
):
    """Issue 19: the list's choice of body holds the bodies that have a signer (the
    province's units are offered by the form, not by the list), so the page does not grow
    with the province; another province's commune with a signer is neither offered nor
    listed, nor a key of no unit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CommuneFactory, DistrictFactory

    client = login(users["admin"])
    agency = users["agency"].agency
    _row(f"commune:{commune_a.code}", "Người Ký Xã")
    _row(f"agency:{agency.code}", "Người Ký Sở")
    foreign = CommuneFactory(district=DistrictFactory(province=ProvinceFactory(code="Z7")))
    _row(f"commune:{foreign.code}", "Người Xã Tỉnh Khác")
    _row("commune:99999", "Người Của Mã Lạ")
    page = client.get(LIST).content.decode()
    picker = page[page.index('id="co-quan"') : page.index("</select>")]
    assert f'value="commune:{commune_a.code}"' in picker
    assert f'value="agency:{agency.code}"' in picker
    assert f'value="district:{district_a.code}"' not in picker  # no signer: not offered
    assert "Người Ký Xã" in page and "Người Ký Sở" in page
    for stranger in ("Người Xã Tỉnh Khác", "Người Của Mã Lạ"):
        assert stranger not in page
    with CaptureQueriesContext(connection) as before:
        client.get(LIST)
    CommuneFactory.create_batch(30, district=district_a)  # a bigger province
    with django_assert_num_queries(len(before)):
        client.get(LIST)

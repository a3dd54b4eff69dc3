"""Foundation: reference data, roles and access, health check, village import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from communes.models import Commune, CommuneKindPeriod, District, Village
from communes.services import admin_units_load, commune_kind_counts
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_units_load_is_idempotent():
    before = (
        Commune.objects.count(),
        CommuneKindPeriod.objects.count(),
        list(Commune.objects.values_list("code", "name", "kind", "district_id")),
    )
    # the session's world: Bắc Kạn until 30/6/2025 (the reorganisation: tests/communes)
    result = admin_units_load(reorganisation_csv=None, new_units_csv=None)
    assert result.created == 0 and result.updated == 0 and result.unchanged == 108
    call_command("load_admin_units", "--no-reorganisation")
    after = (
        Commune.objects.count(),
        CommuneKindPeriod.objects.count(),
        list(Commune.objects.values_list("code", "name", "kind", "district_id")),
    )
    assert before == after
    assert District.objects.count() == 8
    assert Commune.objects.filter(province_id="06").count() == 108
    assert Commune.objects.filter(district__isnull=False).count() == 108


def test_unit_kinds_follow_the_year():
    # the database also holds the old Thái Nguyên's units (lineage of 1/7/2025): count Bắc Kạn
    bac_kan = {"province_code": "06"}
    assert commune_kind_counts(on=dt.date(2022, 12, 31), **bac_kan) == {
        "xa": 96,
        "phuong": 6,
        "thi_tran": 6,
    }
    assert commune_kind_counts(on=dt.date(2024, 12, 31), **bac_kan) == {
        "xa": 95,
        "phuong": 6,
        "thi_tran": 7,
    }
    van_tung = Commune.objects.prefetch_related("kind_periods").get(key="01954")
    assert van_tung.kind_on(dt.date(2023, 4, 9)) == "xa"
    assert van_tung.kind_on(dt.date(2023, 4, 10)) == "thi_tran"
    assert van_tung.label_on(dt.date(2022, 1, 1)) == "Xã Vân Tùng"


def test_load_keeps_admin_flags():
    c = Commune.objects.get(key="01954")
    c.extremely_difficult = True
    c.save()
    admin_units_load(reorganisation_csv=None, new_units_csv=None)
    assert Commune.objects.get(key="01954").extremely_difficult is True


@pytest.mark.parametrize(
    "role", ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]
)
def test_each_role_lands_on_home(client, users, role):
    response = client.post(
        reverse("login"), {"username": users[role].username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Việc đang chờ bạn" in body
    assert users[role].get_role_display() in body


def test_anonymous_is_sent_to_login(client):
    for url in [reverse("home"), reverse("communes:list"), reverse("users:users")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_district_user_cannot_open_another_districts_commune(login, users, commune_a, commune_b):
    client = login(users["district_a"])
    assert client.get(reverse("communes:detail", args=[commune_a.code])).status_code == 200
    response = client.get(reverse("communes:detail", args=[commune_b.code]))
    assert response.status_code == 404
    assert commune_b.name not in response.content.decode()
    listing = client.get(reverse("communes:list")).content.decode()
    assert commune_a.name in listing and commune_b.name not in listing


def test_only_admins_manage_users_and_flags(login, users, commune_a):
    for role in ["district_a", "agency", "reviewer", "appraiser"]:
        client = login(users[role])
        assert client.get(reverse("users:users")).status_code == 403
        assert client.get(reverse("communes:flags", args=[commune_a.code])).status_code == 403
    client = login(users["admin"])
    assert client.get(reverse("users:users")).status_code == 200
    response = client.post(
        reverse("communes:flags", args=[commune_a.code]),
        {"extremely_difficult": "on", "on_roadmap": "on"},
    )
    assert response.status_code == 302
    commune_a.refresh_from_db()
    assert commune_a.extremely_difficult and commune_a.on_roadmap


def test_admin_creates_district_user_with_scope(login, users, district_a):
    client = login(users["admin"])
    data = {
        "username": "moi",
        "full_name": "Cán bộ mới",
        "email": "",
        "role": "district",
        "password": "Mot-mat-khau-dai-2025",
    }
    response = client.post(reverse("users:user_create"), data)
    assert response.status_code == 200  # missing district: error beside the field
    body = response.content.decode()
    assert "phải gắn với một huyện" in body and 'value="Cán bộ mới"' in body
    response = client.post(reverse("users:user_create"), {**data, "district": district_a.code})
    assert response.status_code == 302
    from emulation.models import User

    created = User.objects.get(username="moi")
    assert created.district == district_a
    assert created.password.startswith("md5$") or created.password.startswith("argon2")


def test_healthz_says_only_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_404_and_403_pages_are_vietnamese(login, users):
    client = login(users["district_a"])
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    response = client.get(reverse("users:users"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def _upload(client, name: str, content: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("communes:village_import"),
        {"file": SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")},
    )


def test_village_import_with_bad_row_names_row_and_column_and_writes_nothing(
    login, users, commune_a
):
    client = login(users["district_a"])
    content = (
        "Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n"
        f"{commune_a.code},Nà Pài,không\n"
        "99999,Bản Chang,có\n"
        f"{commune_a.code},Khuổi Luông,có lẽ\n"
    )
    response = _upload(client, "thon.csv", content)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp có 2 lỗi" in body
    assert "<td>3</td><td>Mã xã</td>" in body
    assert "<td>4</td><td>Thôn ĐBKK (có/không)</td>" in body
    assert Village.objects.count() == 0

    fixed = content.replace("99999", commune_a.code).replace("có lẽ", "có")
    response = _upload(client, "thon.csv", fixed)
    assert "Tệp hợp lệ: 3 thôn" in response.content.decode()
    assert Village.objects.count() == 0  # preview writes nothing
    payload = response.context["payload"]
    response = client.post(
        reverse("communes:village_import"),
        {"confirm": "1", "payload": payload, "upload_name": "thon.csv"},
    )
    assert response.status_code == 302
    assert set(Village.objects.values_list("name", flat=True)) == {
        "Nà Pài",
        "Bản Chang",
        "Khuổi Luông",
    }


def test_district_cannot_import_villages_for_another_district(login, users, commune_b):
    client = login(users["district_a"])
    content = f"Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n{commune_b.code},Nà Pài,không\n"
    body = _upload(client, "thon.csv", content).content.decode()
    assert "không thuộc phạm vi của bạn" in body
    assert Village.objects.count() == 0


@pytest.mark.usefixtures("demo_mode")
def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    from emulation.models import User

    counts = (
        User.objects.count(),
        Village.objects.count(),
        Commune.objects.filter(extremely_difficult=True).count(),
    )
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert counts == (
        User.objects.count(),
        Village.objects.count(),
        Commune.objects.filter(extremely_difficult=True).count(),
    )
    assert counts[2] == 67
    assert Commune.objects.filter(on_roadmap=True).count() == 61


def test_vietnamese_even_for_an_english_browser_until_english_is_chosen(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Content-Language"] == "en"


def test_english_is_a_second_locale(client, users):
    client.force_login(users["reviewer"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert "Việc đang chờ bạn" not in body
    assert 'lang="en"' in body

"""Units with validity and lineage: the reorganisation of 1/7/2025 (Nghị quyết
1683/NQ-UBTVQH15), codes reused by other units, a unit split in part, ``units_on``, the
unit page's lineage and the commune list at a date."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from communes.models import Commune, CommuneKindPeriod, District, Province, UnitChange
from communes.selectors import (
    commune_by_code,
    communes_on,
    districts_on,
    lineage_of,
    province_lineage,
    province_on,
)
from communes.services import admin_units_load, commune_kind_counts

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("reorganised"),
]

LAST_DAY = dt.date(2025, 6, 30)
FIRST_DAY = dt.date(2025, 7, 1)


def _units_on(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("units_on", *args, stdout=out)
    return json.loads(out.getvalue())


def test_code_reuse_trap_a_code_names_a_unit_only_with_a_date():
    assert commune_by_code("01864", on=LAST_DAY).name == "Bộc Bố"
    bang_thanh = commune_by_code("01864", on=FIRST_DAY)
    assert bang_thanh.name == "Bằng Thành" and bang_thanh.key == "01864-20250701"
    assert bang_thanh.district_id is None and bang_thanh.province_id == "19"
    # 02143 was Xã Lương Thượng and is Xã Văn Lang; the old Văn Lang was 02140
    assert commune_by_code("02143", on=LAST_DAY).name == "Lương Thượng"
    van_lang = commune_by_code("02143", on=FIRST_DAY)
    assert van_lang.name == "Văn Lang"
    old_van_lang = commune_by_code("02140", on=LAST_DAY)
    assert old_van_lang.name == "Văn Lang" and old_van_lang.valid_to == LAST_DAY
    assert commune_by_code("02140", on=FIRST_DAY) is None
    assert [c.successor_commune_id for c in lineage_of(old_van_lang).successors] == [van_lang.key]
    predecessors = {c.predecessor_commune.code for c in lineage_of(van_lang).predecessors}
    assert {"02140", "02143"} <= predecessors
    # the two units that held 01864 are two rows; the old one keeps the code as key
    assert set(Commune.objects.filter(code="01864").values_list("key", flat=True)) == {
        "01864",
        "01864-20250701",
    }


def test_a_unit_split_in_part_gia_sang():
    gia_sang = commune_by_code("05461", on=LAST_DAY)
    assert gia_sang.name == "Gia Sàng" and gia_sang.district_id is None
    successors = lineage_of(gia_sang).successors
    assert sorted((c.successor_commune.name, c.whole) for c in successors) == [
        ("Gia Sàng", False),
        ("Phan Đình Phùng", False),
    ]
    assert {c.legal_basis for c in successors} == {
        "Nghị quyết 1683/NQ-UBTVQH15, khoản 76",
        "Nghị quyết 1683/NQ-UBTVQH15, khoản 79",
    }
    # the new Gia Sàng took the code of Cam Giá, itself split in part
    new_gia_sang = commune_by_code("05467", on=FIRST_DAY)
    assert new_gia_sang.name == "Gia Sàng" and new_gia_sang.key == "05467-20250701"
    parts = {c.predecessor_commune.name: c.whole for c in lineage_of(new_gia_sang).predecessors}
    assert parts == {"Gia Sàng": False, "Cam Giá": False, "Hương Sơn": True, "Đồng Liên": True}
    assert UnitChange.objects.filter(whole=False).count() == 6  # Gia Sàng, Cam Giá, Thượng Đình


def test_provinces_and_districts_have_their_periods():
    assert Province.objects.get(key="06").valid_to == LAST_DAY
    assert province_on("06", FIRST_DAY) is None
    assert province_on("19", dt.date(2024, 6, 1)).key == "19-d20250630"  # the old Thái Nguyên
    new = province_on("19", dt.date(2026, 1, 1))
    assert new.key == "19" and new.valid_from == FIRST_DAY
    assert sorted(c.predecessor_province_id for c in province_lineage(new).predecessors) == [
        "06",
        "19-d20250630",
    ]
    assert districts_on(dt.date(2024, 6, 1), province="06").count() == 8
    assert not districts_on(dt.date(2026, 1, 1)).exists()
    assert set(District.objects.values_list("valid_to", flat=True)) == {LAST_DAY}
    assert communes_on(dt.date(2024, 6, 1), province="06").count() == 108
    assert communes_on(dt.date(2026, 1, 1), province="19").count() == 92
    assert commune_kind_counts(on=dt.date(2026, 1, 1), province_code="19") == {
        "xa": 77,
        "phuong": 15,
        "thi_tran": 0,
    }
    assert commune_kind_counts(on=dt.date(2026, 1, 1), province_code="06") == {
        "xa": 0,
        "phuong": 0,
        "thi_tran": 0,
    }


def test_load_is_idempotent_with_the_reorganisation():
    def state():
        return (
            sorted(
                Commune.objects.values_list(
                    "key", "code", "name", "kind", "district_id", "province_id", "valid_from"
                )
            ),
            sorted(Commune.objects.values_list("key", "valid_to")),
            sorted(
                UnitChange.objects.values_list(
                    "level",
                    "predecessor_commune_id",
                    "successor_commune_id",
                    "predecessor_province_id",
                    "successor_province_id",
                    "whole",
                    "legal_basis",
                    "date",
                )
            ),
            sorted(Province.objects.values_list("key", "code", "valid_from", "valid_to")),
            CommuneKindPeriod.objects.count(),
        )

    before = state()
    result = admin_units_load()
    assert (result.created, result.updated, result.changes_created, result.changes_updated) == (
        0,
        0,
        0,
        0,
    )
    assert result.unchanged == 108 + 172 + 92
    assert (result.units_new, result.units_ended) == (92, 280)
    out = io.StringIO()
    call_command("load_admin_units", stdout=out)
    assert "0 mới, 0 cập nhật, 372 không đổi" in out.getvalue()
    assert state() == before
    assert UnitChange.objects.filter(level="commune").count() == 283  # 280 + 3 parts
    assert Commune.objects.count() == 372


def test_units_on_2024_lists_bac_kan_108_with_the_kind_of_that_day():
    units = _units_on("2024-06-01", "--province", "06")
    assert len(units) == 108
    assert Counter(u["kind"] for u in units) == {"xa": 95, "phuong": 6, "thi_tran": 7}
    van_tung = next(u for u in units if u["code"] == "01954")
    assert van_tung["name"] == "Thị trấn Vân Tùng" and van_tung["district"] == "062"
    assert set(van_tung) == {
        "code",
        "name",
        "kind",
        "district",
        "province",
        "valid_from",
        "valid_to",
        "predecessors",
        "successors",
    }
    bo_bo = next(u for u in units if u["code"] == "01864")
    assert bo_bo["valid_to"] == "2025-06-30" and bo_bo["successors"] == ["01864"]
    assert bo_bo["province"] == "06"
    # 19 on that day is the old Thái Nguyên
    old = _units_on("2024-06-01", "--province", "19")
    assert len(old) == 172 and all(u["district"] is None for u in old)


def test_units_on_2026_lists_thai_nguyen_92_37_from_bac_kan():
    units = _units_on("2026-01-01", "--province", "19")
    assert len(units) == 92
    assert all(u["district"] is None and u["province"] == "19" for u in units)
    assert Counter(u["kind"] for u in units) == {"xa": 77, "phuong": 15}
    bac_kan_codes = set(Commune.objects.filter(province_id="06").values_list("code", flat=True))
    from_bac_kan = [u for u in units if set(u["predecessors"]) & bac_kan_codes]
    # every code of a Bắc Kạn predecessor is < 05000, every old Thái Nguyên one above
    assert len(from_bac_kan) == 37
    bang_thanh = next(u for u in units if u["code"] == "01864")
    assert bang_thanh == {
        "code": "01864",
        "name": "Xã Bằng Thành",
        "kind": "xa",
        "district": None,
        "province": "19",
        "valid_from": "2025-07-01",
        "valid_to": None,
        "predecessors": ["01858", "01861", "01864", "01870"],
        "successors": [],
    }
    thuong_quan = [u for u in from_bac_kan if u["name"] == "Xã Thượng Quan"]
    assert len(thuong_quan) == 1 and len(thuong_quan[0]["predecessors"]) == 1
    assert _units_on("2026-01-01", "--province", "06") == []
    assert len(_units_on("2026-01-01")) == 92


def test_units_on_rejects_a_bad_date():
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        _units_on("01/06/2024")


def test_unit_page_shows_lineage_both_ways(login, users, django_assert_max_num_queries):
    client = login(users["reviewer"])
    bang_thanh = commune_by_code("01864", on=FIRST_DAY)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("communes:detail", args=[bang_thanh.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "từ 01/07/2025" in body
    assert "Nghị quyết 1683/NQ-UBTVQH15, khoản 42" in body
    assert reverse("communes:detail", args=["01864"]) in body  # to Xã Bộc Bố's history
    assert "Xã Bộc Bố" in body
    old = client.get(reverse("communes:detail", args=["01864"])).content.decode()
    assert "đến hết 30/06/2025" in old
    assert reverse("communes:detail", args=["01864-20250701"]) in old


def test_unit_pages_keep_their_scope(login, users, commune_a):
    bang_thanh = commune_by_code("01864", on=FIRST_DAY)
    phan_dinh_phung = commune_by_code("05443", on=FIRST_DAY)  # from old Thái Nguyên only
    reviewer = login(users["reviewer"])
    assert reviewer.get(reverse("communes:detail", args=[bang_thanh.pk])).status_code == 200
    assert reviewer.get(reverse("communes:detail", args=[phan_dinh_phung.pk])).status_code == 404
    district = login(users["district_a"])
    assert district.get(reverse("communes:detail", args=[bang_thanh.pk])).status_code == 404
    assert district.get(reverse("communes:detail", args=[commune_a.pk])).status_code == 200
    # an abolished district's staff still see their archive by default
    listing = district.get(reverse("communes:list"))
    assert commune_a.name in listing.content.decode()
    assert listing.context["on"] == LAST_DAY
    assert (
        not district.get(reverse("communes:list"), {"ngay": "01/01/2026"})
        .context["page_obj"]
        .paginator.count
    )


def test_commune_list_2024_and_2026_as_the_same_role(login, users):
    client = login(users["reviewer"])
    r2024 = client.get(reverse("communes:list"), {"ngay": "01/06/2024"})
    assert r2024.status_code == 200
    assert len(r2024.context["districts"]) == 8
    assert r2024.context["page_obj"].paginator.count == 108
    assert "Huyện / thành phố" in r2024.content.decode()
    r2026 = client.get(reverse("communes:list"), {"ngay": "01/01/2026"})
    assert r2026.status_code == 200
    assert r2026.context["districts"] == []
    assert r2026.context["page_obj"].paginator.count == 37
    body = r2026.content.decode()
    assert "Huyện / thành phố" not in body and "Xã Bằng Thành" in body
    # the default is today: the installation's province (Bắc Kạn, ended on 30/06/2025)
    # goes on as the merged Thái Nguyên, and its staff see the units formed from its own
    default = client.get(reverse("communes:list"))
    assert default.context["on"] == dt.date.today()
    assert default.context["page_obj"].paginator.count == 37
    bad = client.get(reverse("communes:list"), {"ngay": "31/02/2026"})
    assert bad.status_code == 200 and "không hợp lệ" in bad.content.decode()


def test_who_qualifies_lists_the_units_of_the_rounds_year(login, users):
    client = login(users["reviewer"])
    midterm = client.get(reverse("rules:who_qualifies"), {"vong": "midterm"})
    assert midterm.context["counts"]["total"] == 108
    # 2025: Bắc Kạn's units until 30/6 and the 37 units formed from them on 1/7
    final = client.get(reverse("rules:who_qualifies"), {"vong": "final"})
    assert final.context["counts"]["total"] == 108 + 37


def test_commune_list_names_each_unit_by_its_kind_on_the_day_viewed(
    login, users, django_assert_max_num_queries
):
    """A xã that became a thị trấn on 1/1/2024 is "Xã …" on a 2023 list and "Thị trấn …"
    on a 2024 one; the query count does not grow with the page."""
    commune = users["district_a"].district.communes.filter(kind="xa").order_by("code").first()
    commune.kind = "thi_tran"
    commune.save(update_fields=["kind"])
    commune.kind_periods.all().delete()  # its history: a xã until 2023, then a thị trấn
    CommuneKindPeriod.objects.create(
        commune=commune, kind="xa", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2023, 12, 31)
    )
    CommuneKindPeriod.objects.create(
        commune=commune, kind="thi_tran", valid_from=dt.date(2024, 1, 1), legal_basis="Thử"
    )
    client = login(users["reviewer"])
    query = {"q": commune.name}
    with django_assert_max_num_queries(12):
        before = client.get(reverse("communes:list"), {**query, "ngay": "01/06/2023"})
    after = client.get(reverse("communes:list"), {**query, "ngay": "01/06/2024"})
    assert [label for _c, label in before.context["rows"]] == [f"Xã {commune.name}"], (
        before.context["page_obj"].paginator.count
    )
    assert f"Xã {commune.name}" in before.content.decode()
    assert f"Thị trấn {commune.name}" in after.content.decode()
    assert f"Xã {commune.name}<" not in after.content.decode()

"""Criteria sets as data: the set in force by date, an assessment belongs to the set of
its date, the matrix and the commune page show the set of the date viewed, indicators
(administrators only) and the communes' dated groups."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from criteria import excel
from criteria.models import Assessment, CommuneGroup, CriteriaSet, Criterion, Indicator
from criteria.selectors import group_on, groups_on
from criteria.services import (
    CriteriaError,
    assessment_correct,
    assessment_record,
    commune_group_set,
    criteria_met_on,
    criteria_set_save,
    criterion_save,
    indicator_save,
)
from criteria.sets import criteria_on, criteria_set_on
from emulation.models import AuditEntry

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date
OLD, NEW = "qd-318-2022", "qd-51-2025"


def criterion(code: str, number: int) -> Criterion:
    return Criterion.objects.select_related("criteria_set").get(
        criteria_set__code=code, number=number
    )


# --- the sets and the date --------------------------------------------------------------


@pytest.mark.parametrize(
    "day,code,count",
    [
        (D(2020, 12, 20), OLD, 19),  # the baseline reviews count under the 2021–2025 set
        (D(2024, 6, 1), OLD, 19),
        (D(2026, 2, 14), OLD, 19),  # the last day before 51/2025 took effect
        (D(2026, 2, 15), NEW, 10),
        (D(2026, 3, 1), NEW, 10),
    ],
)
def test_the_set_in_force_follows_the_date(day, code, count):
    criteria_set, criteria = criteria_on(day)
    assert criteria_set is not None and criteria_set.code == code
    assert [c.number for c in criteria] == list(range(1, count + 1))
    assert criteria_set_on(day) == criteria_set


def test_the_sets_as_shipped():
    old, new = CriteriaSet.objects.get(code=OLD), CriteriaSet.objects.get(code=NEW)
    assert (old.income_criterion, old.poverty_criterion) == (10, 11)
    assert new.income_criterion is None and new.poverty_criterion == 6
    assert "318/QĐ-TTg" in old.legal_basis and "51/2025/QĐ-TTg" in new.legal_basis
    assert new.valid_from == D(2026, 2, 15) and old.valid_to == D(2026, 2, 14)
    assert criterion(NEW, 2).name == "Hạ tầng kinh tế - xã hội"
    assert criterion(NEW, 10).name == "Tiếp cận pháp luật và an ninh, quốc phòng"


def test_migration_kept_the_ids_of_the_19_and_new_ids_follow():
    """Assessment.criterion held the numbers 1–19: those rows are now ids of set 318's
    criteria with the same number; later criteria, and new ones, take ids after them."""
    assert list(Criterion.objects.filter(criteria_set__code=OLD).values_list("id", "number")) == [
        (n, n) for n in range(1, 20)
    ]
    assert min(Criterion.objects.filter(criteria_set__code=NEW).values_list("id", flat=True)) > 19
    s = CriteriaSet.objects.create(code="thu", name="Thử", legal_basis="—", issued_on=D(2030, 1, 1))
    made = Criterion.objects.create(criteria_set=s, number=1, name="Một", short_name="Một")
    assert made.pk > Criterion.objects.exclude(pk=made.pk).order_by("-pk").first().pk


# --- an assessment belongs to the set of its date ------------------------------------------


def test_a_criterion_of_another_set_is_refused(users, commune_a):
    by = users["district_a"]
    with pytest.raises(CriteriaError) as refused:
        assessment_record(
            commune=commune_a, criterion=criterion(OLD, 3), assessed_on=D(2026, 3, 1), met=True,
            by=by,
        )  # fmt: skip
    message = refused.value.message_dict["criterion"][0]
    assert "318/QĐ-TTg" in message and "51/2025/QĐ-TTg" in message and "01/03/2026" in message
    with pytest.raises(CriteriaError) as refused:
        assessment_record(
            commune=commune_a, criterion=criterion(NEW, 3), assessed_on=D(2025, 5, 1), met=True,
            by=by,
        )  # fmt: skip
    assert "criterion" in refused.value.message_dict
    # by number: the number is the set's of the date
    with pytest.raises(CriteriaError) as refused:
        assessment_record(
            commune=commune_a, criterion_number=15, assessed_on=D(2026, 3, 1), met=True, by=by
        )
    assert "số từ 1 đến 10" in refused.value.message_dict["criterion"][0]
    row = assessment_record(
        commune=commune_a, criterion_number=6, assessed_on=D(2026, 3, 1), met=True, by=by
    )
    assert row.criterion == criterion(NEW, 6)
    assert not Assessment.objects.filter(criterion__criteria_set__code=OLD).exists()


def test_the_form_shows_the_refusal_beside_the_criterion(login, users, commune_a):
    client = login(users["district_a"])
    url = reverse("criteria:assessment_add", args=[commune_a.code])
    page = client.get(url)
    assert "Quyết định số 51/2025/QĐ-TTg" in page.content.decode()
    response = client.post(
        url, {"criterion": criterion(OLD, 10).pk, "assessed_on": "01/03/2026", "met": "1"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["criterion"] and "áp dụng" in errors["criterion"][0]
    assert not Assessment.objects.filter(commune=commune_a).exists()
    response = client.post(
        url, {"criterion": criterion(NEW, 10).pk, "assessed_on": "01/03/2026", "met": "1"}
    )
    assert response.status_code == 302
    assert Assessment.objects.get(commune=commune_a).criterion == criterion(NEW, 10)


def test_a_correction_cannot_move_a_row_into_another_set(users, commune_a):
    by = users["district_a"]
    row = assessment_record(
        commune=commune_a, criterion_number=4, assessed_on=D(2026, 1, 10), met=True, by=by
    )
    with pytest.raises(CriteriaError) as refused:
        assessment_correct(assessment=row, assessed_on=D(2026, 3, 1), note="sai ngày", by=by)
    assert "assessed_on" in refused.value.message_dict
    assessment_correct(assessment=row, assessed_on=D(2026, 2, 14), note="sai ngày", by=by)


def test_the_state_on_a_date_reads_the_set_of_that_date(users, commune_a):
    """The 19 met in 2024 are not carried into 2026: the state there is in set 51's terms."""
    by, code = users["district_a"], commune_a.code
    for n in range(1, 20):
        assessment_record(
            commune=commune_a, criterion_number=n, assessed_on=D(2024, 1, 5), met=True, by=by
        )
    for n in (1, 2, 6):
        assessment_record(
            commune=commune_a, criterion_number=n, assessed_on=D(2026, 3, 1), met=True, by=by
        )
    assert criteria_met_on(commune_codes=[code], on=D(2024, 6, 1))[code] == set(range(1, 20))
    assert criteria_met_on(commune_codes=[code], on=D(2026, 2, 20))[code] == set()
    assert criteria_met_on(commune_codes=[code], on=D(2026, 3, 1))[code] == {1, 2, 6}
    assert criteria_met_on(commune_codes=None, on=D(2026, 3, 1))[code] == {1, 2, 6}


# --- the matrix, the commune page and Excel show the set of the date viewed ---------------------


def test_matrix_columns_for_2024_and_2026(login, users, commune_a, district_a):
    by = users["district_a"]
    assessment_record(
        commune=commune_a, criterion_number=19, assessed_on=D(2023, 5, 1), met=True, by=by
    )
    assessment_record(
        commune=commune_a, criterion_number=7, assessed_on=D(2026, 3, 1), met=True, by=by
    )
    client = login(by)
    url = reverse("criteria:matrix")
    where = {"huyen": district_a.code, "q": commune_a.name, "loai": "tat-ca"}
    old = client.get(url, {"ngay": "01/06/2024", **where})
    assert [c.number for c in old.context["criteria"]] == list(range(1, 20))
    assert old.context["since_baseline"] is True
    row = next(r for r in old.context["rows"] if r.commune == commune_a)
    assert len(row.cells) == 19 and row.cells[18] == "new" and row.count == 1
    html = old.content.decode()
    assert "Ma trận 19 tiêu chí NTM" in html and "318/QĐ-TTg" in html

    new = client.get(url, {"ngay": "01/03/2026", **where})
    assert [c.number for c in new.context["criteria"]] == list(range(1, 11))
    assert new.context["since_baseline"] is False
    row = next(r for r in new.context["rows"] if r.commune == commune_a)
    assert row.cells == ["", "", "", "", "", "", "met", "", "", ""] and row.count == 1
    html = new.content.decode()
    assert "Ma trận 10 tiêu chí NTM" in html and "51/2025/QĐ-TTg" in html
    assert "đạt mới từ 01/01/2021" not in html

    export = client.get(reverse("criteria:matrix_export"), {"ngay": "01/03/2026"})
    ws = load_workbook(io.BytesIO(export.content)).active
    header = [cell.value for cell in ws[3]]
    assert header[6:] == [f"TC{n}" for n in range(1, 11)] + ["Số tiêu chí đạt"]


def test_matrix_queries_do_not_depend_on_the_set(login, users, django_assert_max_num_queries):
    client = login(users["reviewer"])
    for day in ("01/06/2024", "01/03/2026"):
        with django_assert_max_num_queries(14):
            client.get(reverse("criteria:matrix"), {"ngay": day})


def test_commune_page_shows_the_set_of_the_date(login, users, commune_a):
    by = users["district_a"]
    assessment_record(
        commune=commune_a, criterion_number=3, assessed_on=D(2026, 3, 1), met=True, by=by
    )
    client = login(by)
    url = reverse("communes:detail", args=[commune_a.code])
    old = client.get(url, {"ngay": "01/06/2024"})
    assert len(old.context["criteria_lines"]) == 19
    assert "19 tiêu chí tại ngày 01/06/2024" in old.content.decode()
    new = client.get(url, {"ngay": "01/03/2026"})
    lines = new.context["criteria_lines"]
    assert [line.number for line in lines if line.met] == [3]
    assert len(lines) == 10 and lines[2].criterion_id == criterion(NEW, 3).pk
    html = new.content.decode()
    assert "10 tiêu chí tại ngày 01/03/2026" in html and "1/10" in html
    assert f"?tc={criterion(NEW, 3).pk}" in html


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([label for _, label in excel.COLUMNS])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_template_and_import_use_the_set_of_the_date(users, district_a, commune_a):
    data = excel.status_template_xlsx(district=district_a, on=D(2026, 3, 1))
    ws = load_workbook(io.BytesIO(data)).active
    numbers = {row[2] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]}
    assert numbers == set(range(1, 11))
    parsed = excel.assessments_parse(
        data=_xlsx(
            [
                [commune_a.code, "", 15, "", "01/03/2026", "đạt", ""],
                [commune_a.code, "", 15, "", "01/03/2025", "đạt", ""],
                [commune_a.code, "", 3, "", "01/03/2026", "đạt", ""],
            ]
        ),
        district_code=district_a.code,
    )
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "Tiêu chí (số)")]
    assert "số từ 1 đến 10" in parsed.errors[0].message
    parsed = excel.assessments_parse(
        data=_xlsx(
            [
                [commune_a.code, "", 15, "", "01/03/2025", "đạt", ""],
                [commune_a.code, "", 3, "", "01/03/2026", "đạt", ""],
            ]
        ),
        district_code=district_a.code,
    )
    assert parsed.ok
    assert [(r.criterion, r.criterion_id) for r in parsed.rows] == [
        (15, criterion(OLD, 15).pk),
        (3, criterion(NEW, 3).pk),
    ]
    excel.assessments_import(
        data=_xlsx(
            [
                [commune_a.code, "", 15, "", "01/03/2025", "đạt", ""],
                [commune_a.code, "", 3, "", "01/03/2026", "đạt", ""],
            ]
        ),
        by=users["district_a"],
    )
    assert set(
        Assessment.objects.filter(commune=commune_a).values_list(
            "criterion__criteria_set__code", "criterion__number"
        )
    ) == {(OLD, 15), (NEW, 3)}


# --- indicators: administrators enter them ---------------------------------------------------


def test_indicators_by_role_and_their_checks(users):
    c3 = criterion(NEW, 3)
    data = {"code": "3.1", "name": "Thu nhập bình quân", "level_group1": "≥ 80", "is_demo": False}
    for role in ("district_a", "agency", "reviewer", "appraiser"):
        with pytest.raises(PermissionDenied):
            indicator_save(criterion=c3, indicator=None, data=data, by=users[role])
    made = indicator_save(criterion=c3, indicator=None, data=data, by=users["admin"])
    assert made.level_for(1) == "≥ 80" and made.level_for(3) == ""
    entry = AuditEntry.objects.get(action="indicator.created")
    assert entry.after["code"] == "3.1"
    for code, message in [("4.1", "“3.”"), ("3-1", "3.1"), ("3.1", "đã có")]:
        with pytest.raises(CriteriaError) as refused:
            indicator_save(
                criterion=c3, indicator=None, data={**data, "code": code}, by=users["admin"]
            )
        assert message in refused.value.message_dict["code"][0]
    indicator_save(
        criterion=c3, indicator=made, data={**data, "level_group3": "≥ 55"}, by=users["admin"]
    )
    made.refresh_from_db()
    assert made.level_group3 == "≥ 55"
    changed = AuditEntry.objects.get(action="indicator.changed")
    assert changed.before == {"level_group3": ""} and changed.after == {"level_group3": "≥ 55"}


def test_indicator_screens(login, users):
    c1 = criterion(NEW, 1)
    Indicator.objects.create(criterion=c1, code="1.10", name="Mười", is_demo=True)
    Indicator.objects.create(criterion=c1, code="1.9", name="Chín")
    client = login(users["admin"])
    page = client.get(reverse("criteria:set_detail", args=[NEW]))
    first = page.context["criteria"][0]
    assert [i.code for i in first.sorted_indicators] == ["1.9", "1.10"]
    assert "dữ liệu minh hoạ" in page.content.decode()
    add = reverse("criteria:indicator_add", args=[c1.pk])
    response = client.post(add, {"code": "2.1", "name": "Sai mã"})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert client.post(add, {"code": "1.1", "name": "Đúng"}).status_code == 302
    assert Indicator.objects.filter(criterion=c1, code="1.1", name="Đúng").exists()
    listing = client.get(reverse("criteria:set_list"))
    overview = {row.criteria_set.code: row for row in listing.context["sets"]}
    assert (overview[NEW].criteria, overview[NEW].indicators) == (10, 3)
    assert overview[NEW].demo_indicators == 1 and overview[OLD].criteria == 19
    # district staff read the indicators, and see no edit link
    page = login(users["district_a"]).get(reverse("criteria:set_detail", args=[NEW]))
    assert page.status_code == 200 and add not in page.content.decode()


def test_demo_indicators_are_marked(db):
    from criteria.demo import _seed_indicators

    assert _seed_indicators() > 10
    assert _seed_indicators() == 0  # idempotent
    demo = Indicator.objects.filter(criterion__criteria_set__code=NEW)
    assert demo.filter(is_demo=False).count() == 0
    assert set(demo.values_list("criterion__number", flat=True)) == set(range(1, 11))


# --- the commune's group is dated -------------------------------------------------------------


def test_commune_group_is_a_dated_attribute(users, commune_a, commune_b):
    admin = users["admin"]
    with pytest.raises(PermissionDenied):
        commune_group_set(
            commune=commune_a, group=1, valid_from=D(2026, 2, 15), by=users["district_a"]
        )
    commune_group_set(
        commune=commune_a, group=3, valid_from=D(2026, 2, 15), by=admin,
        legal_basis="Quyết định phân nhóm (thử)",
    )  # fmt: skip
    commune_group_set(commune=commune_a, group=2, valid_from=D(2026, 7, 1), by=admin)
    assert group_on(commune_a, D(2026, 1, 1)) is None
    assert group_on(commune_a, D(2026, 2, 15)) == 3
    assert group_on(commune_a, D(2026, 6, 30)) == 3
    assert group_on(commune_a, D(2026, 7, 1)) == 2
    assert groups_on(commune_codes=[commune_a.pk, commune_b.pk], on=D(2026, 8, 1)) == {
        commune_a.pk: 2
    }
    periods = list(CommuneGroup.objects.filter(commune=commune_a).values_list("valid_to"))
    assert periods == [(D(2026, 6, 30),), (None,)]
    with pytest.raises(CriteriaError) as refused:
        commune_group_set(commune=commune_a, group=1, valid_from=D(2026, 7, 1), by=admin)
    assert "valid_from" in refused.value.message_dict
    assert AuditEntry.objects.filter(action="commune_group.set").count() == 2


def test_commune_group_screen(login, users, commune_a):
    client = login(users["admin"])
    url = reverse("criteria:commune_group_set", args=[commune_a.code])
    response = client.post(url, {"group": "1", "valid_from": "15/02/2026"})
    assert response.status_code == 302
    response = client.post(url, {"group": "2", "valid_from": "01/01/2026"})
    assert response.status_code == 200 and "valid_from" in response.context["form"].errors
    page = client.get(reverse("communes:detail", args=[commune_a.code]), {"ngay": "01/03/2026"})
    assert page.context["commune_group_on"].group == 1
    assert "Nhóm 1" in page.content.decode()


# --- administrators create and change sets and their criteria ---------------------------------


def _set_data(**over):
    data = {
        "code": "thu-2031",
        "name": "Bộ tiêu chí thử",
        "legal_basis": "Quyết định thử",
        "issued_on": D(2030, 6, 1),
        "valid_from": D(2031, 1, 1),
        "valid_to": None,
        "income_criterion": None,
        "poverty_criterion": None,
        "is_demo": True,
        "notes": "",
    }
    return data | over


def test_a_new_set_may_not_overlap_another(users):
    admin = users["admin"]
    with pytest.raises(PermissionDenied):
        criteria_set_save(criteria_set=None, data=_set_data(), by=users["reviewer"])
    with pytest.raises(CriteriaError) as refused:
        criteria_set_save(criteria_set=None, data=_set_data(), by=admin)
    assert "valid_from" in refused.value.message_dict  # 51/2025 has no end yet
    new = CriteriaSet.objects.get(code=NEW)
    criteria_set_save(
        criteria_set=new, data={**_set_field_values(new), "valid_to": D(2030, 12, 31)}, by=admin
    )
    made = criteria_set_save(criteria_set=None, data=_set_data(), by=admin)
    assert criteria_set_on(D(2031, 5, 1)) == made and criteria_set_on(D(2030, 5, 1)) == new
    with pytest.raises(CriteriaError) as refused:
        criteria_set_save(criteria_set=None, data=_set_data(valid_from=D(2040, 1, 1)), by=admin)
    assert "code" in refused.value.message_dict
    criterion_save(
        criteria_set=made, criterion=None, data={"number": 1, "name": "Một", "short_name": "Một"},
        by=admin,
    )  # fmt: skip
    with pytest.raises(CriteriaError) as refused:
        criterion_save(
            criteria_set=made, criterion=None, data={"number": 1, "name": "Hai", "short_name": "H"},
            by=admin,
        )  # fmt: skip
    assert "number" in refused.value.message_dict
    assert criteria_on(D(2031, 5, 1))[1][0].name == "Một"
    assert AuditEntry.objects.filter(action__startswith="criteria_set.").count() == 2


def _set_field_values(s: CriteriaSet) -> dict:
    return {name: getattr(s, name) for name in _set_data()}


def test_a_set_keeps_the_assessments_recorded_under_it(users, commune_a):
    assessment_record(
        commune=commune_a, criterion_number=2, assessed_on=D(2026, 5, 1), met=True,
        by=users["district_a"],
    )  # fmt: skip
    new = CriteriaSet.objects.get(code=NEW)
    with pytest.raises(CriteriaError) as refused:
        criteria_set_save(
            criteria_set=new,
            data={**_set_field_values(new), "valid_to": D(2026, 4, 30)},
            by=users["admin"],
        )
    assert "01/05/2026" in refused.value.message_dict["valid_from"][0]
    with pytest.raises(CriteriaError) as refused:
        criteria_set_save(
            criteria_set=new,
            data={**_set_field_values(new), "income_criterion": 12},
            by=users["admin"],
        )
    assert "income_criterion" in refused.value.message_dict
    c2 = criterion(NEW, 2)
    with pytest.raises(CriteriaError) as refused:
        criterion_save(
            criteria_set=new, criterion=c2, data={"number": 12, "name": c2.name,
                                                    "short_name": c2.short_name},
            by=users["admin"],
        )  # fmt: skip
    assert "number" in refused.value.message_dict


def test_set_screens(login, users):
    client = login(users["admin"])
    response = client.post(
        reverse("criteria:set_create"),
        {"code": "thu", "name": "Thử", "legal_basis": "QĐ thử", "issued_on": "01/01/2020",
         "valid_from": "01/01/2019"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "valid_from" in response.context["form"].errors  # overlaps the 2021–2025 set
    new = CriteriaSet.objects.get(code=NEW)
    response = client.post(
        reverse("criteria:set_edit", args=[NEW]),
        {"code": NEW, "name": new.name, "legal_basis": new.legal_basis,
         "issued_on": "29/12/2025", "valid_from": "15/02/2026", "valid_to": "",
         "poverty_criterion": "6", "notes": "Đã sửa ghi chú"},
    )  # fmt: skip
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.notes == "Đã sửa ghi chú" and new.valid_from == D(2026, 2, 15)
    response = client.post(
        reverse("criteria:criterion_add", args=[NEW]),
        {"number": "11", "name": "Tiêu chí thêm", "short_name": "Thêm"},
    )
    assert response.status_code == 302
    assert criterion(NEW, 11).name == "Tiêu chí thêm"

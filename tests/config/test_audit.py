"""The audit log: one line for every write a decision rests on, and the page that finds it.

Each write is made the way people make it (the view, or the service the view calls),
then its line is checked: who, which action, which object, before → after (only what
changed), the reason. A refused or failed write leaves no line. The administrators'
page (/quan-tri/nhat-ky/) finds each line by object, by user and by date, shows only
the installation's province, answers 403 to everyone else, and reads a fixed number of
queries whatever the number of lines.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from communes.models import Commune, Village
from communes.services import villages_import, villages_parse
from criteria import services as criteria
from criteria.excel import COLUMNS, assessments_import
from criteria.models import Assessment, CapitalDebt
from criteria.services import CriteriaError
from dossiers import services as dossiers
from emulation.audit import log_action
from emulation.models import AuditEntry, PlanTarget, User
from emulation.rulesets import ruleset_change, ruleset_latest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/quan-tri/nhat-ky/"
D = dt.date


def only_entry(**filters) -> AuditEntry:
    """The one line matching ``filters`` (fails if there are none or several)."""
    entries = list(AuditEntry.objects.filter(**filters))
    assert len(entries) == 1, [(e.action, e.object_label) for e in entries]
    return entries[0]


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([label for _, label in COLUMNS])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- one line per write -------------------------------------------------------------------


def test_commune_flags(login, users, commune_a):
    client = login(users["admin"])
    url = reverse("communes:flags", args=[commune_a.code])
    response = client.post(url, {"extremely_difficult": "on", "reason": "QĐ 861/QĐ-TTg"})
    assert response.status_code == 302
    entry = only_entry(action="commune.flags_changed")
    assert entry.actor == users["admin"]
    assert entry.content_type == ContentType.objects.get_for_model(Commune)
    assert entry.object_id == commune_a.code and commune_a.code in entry.object_label
    assert entry.before == {"extremely_difficult": False}  # on_roadmap did not change
    assert entry.after == {"extremely_difficult": True}
    assert entry.reason == "QĐ 861/QĐ-TTg"
    assert entry.province_code == "06"
    # saving the same flags again is no change: no line
    client.post(url, {"extremely_difficult": "on"})
    assert AuditEntry.objects.filter(action="commune.flags_changed").count() == 1


def test_village_import_one_line_with_counts(login, users, commune_a):
    Village.objects.create(commune=commune_a, name="Nà Pài")
    client = login(users["district_a"])
    csv = (
        "Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n"
        f"{commune_a.code},Nà Pài,có\n{commune_a.code},Khuổi Tục,không\n"
        f"{commune_a.code},Bản Cháo,có\n"
    ).encode()
    response = client.post(
        reverse("communes:village_import"),
        {"confirm": "1", "payload": base64.b64encode(csv).decode(), "upload_name": "thon.csv"},
    )
    assert response.status_code == 302
    entry = only_entry(action="village.imported")
    assert entry.actor == users["district_a"]
    assert entry.content_type == ContentType.objects.get_for_model(Village)
    assert entry.details == {
        "file": "thon.csv",
        "rows": 3,
        "created": 2,
        "updated": 1,
        "unchanged": 0,
        "communes": [commune_a.code],
    }
    assert "thon.csv" in entry.object_label


def test_assessment_recorded_and_corrected(users, commune_a):
    by = users["district_a"]
    row = criteria.assessment_record(
        commune=commune_a, criterion_number=5, assessed_on=D(2023, 3, 1), met=True, by=by,
        note="Biên bản 12/BB",
    )  # fmt: skip
    entry = only_entry(action="assessment.recorded")
    assert entry.actor == by and entry.object_id == str(row.pk)
    assert entry.before == {}
    assert entry.after["assessed_on"] == "2023-03-01" and entry.after["met"] is True
    assert entry.after["note"] == "Biên bản 12/BB" and entry.after["criterion"].startswith("5.")
    assert commune_a.code in entry.object_label and "tiêu chí 5" in entry.object_label

    new = criteria.assessment_correct(assessment=row, by=by, met=False, note="Nhầm kết quả")
    entry = only_entry(action="assessment.corrected")
    assert entry.object_id == str(new.pk) and entry.details == {"replaces": row.pk}
    assert entry.before == {"met": True} and entry.after == {"met": False}
    assert entry.reason == "Nhầm kết quả"


def test_assessments_excel_import_one_line_with_counts(users, district_a, commune_a):
    by = users["district_a"]
    old = criteria.assessment_record(
        commune=commune_a, criterion_number=3, assessed_on=D(2023, 1, 1), met=True, by=by
    )
    data = _xlsx(
        [
            [commune_a.code, "", 10, "", "15/03/2023", "đạt", ""],
            [commune_a.code, "", 11, "", "15/03/2023", "không đạt", ""],  # no change
            [commune_a.code, "", 3, "", "01/01/2023", "không đạt", ""],  # corrects ``old``
        ]
    )
    assessments_import(data=data, by=by)
    entry = only_entry(action="assessment.imported")
    assert entry.actor == by
    assert entry.content_type == ContentType.objects.get_for_model(Assessment)
    assert entry.details == {
        "rows": 3,
        "recorded": 1,
        "corrected": 1,
        "unchanged": 1,
        "communes": [commune_a.code],
    }
    assert district_a.code in entry.object_label
    old.refresh_from_db()
    assert old.replaced_by_id is not None


def test_recognitions(users, district_a, commune_a):
    by = users["district_a"]
    decision = {"decision_number": "15/QĐ-UBND", "issuing_body": "UBND tỉnh"}
    rec = criteria.recognition_record(
        commune=commune_a, level="ntm", decision_date=D(2022, 12, 10), by=by, **decision
    )
    entry = only_entry(action="recognition.recorded")
    assert entry.object_id == str(rec.pk) and entry.actor == by
    assert entry.after["level"] == "ntm" and entry.after["decision_date"] == "2022-12-10"
    assert entry.after["decision_number"] == "15/QĐ-UBND"

    village = Village.objects.create(commune=commune_a, name="Nà Pài")
    criteria.village_recognition_record(
        village=village, decision_date=D(2024, 5, 5), by=by, **decision
    )
    entry = only_entry(action="village_recognition.recorded")
    assert "Nà Pài" in entry.object_label and entry.after["village"] == "Thôn Nà Pài"

    criteria.district_recognition_record(
        district=district_a, decision_date=D(2024, 6, 1), by=by, **decision
    )
    entry = only_entry(action="district_recognition.recorded")
    assert district_a.code in entry.object_label and entry.after["decision_date"] == "2024-06-01"


def test_capital_debt(login, users, district_a, commune_a):
    client = login(users["district_a"])
    url = reverse("criteria:debt") + "?nam=2025"
    client.post(url, {f"xa-{commune_a.code}": "on"})
    rows = CapitalDebt.objects.filter(year=2025).count()
    assert AuditEntry.objects.filter(action="debt.set").count() == rows  # each row created
    mine = CapitalDebt.objects.get(commune=commune_a, year=2025)
    entry = only_entry(action="debt.set", object_id=str(mine.pk))
    assert entry.before == {} and entry.after == {"has_debt": True}
    assert entry.details == {"year": 2025} and "2025" in entry.object_label
    # the same form again: nothing changed, no line; one box unticked: one line
    client.post(url, {f"xa-{commune_a.code}": "on"})
    assert AuditEntry.objects.filter(action="debt.set").count() == rows
    client.post(url, {})
    latest = AuditEntry.objects.filter(action="debt.set").order_by("-id")[0]
    assert AuditEntry.objects.filter(action="debt.set").count() == rows + 1
    assert latest.object_id == str(mine.pk)
    assert (latest.before, latest.after) == ({"has_debt": True}, {"has_debt": False})
    assert latest.actor == users["district_a"]


def test_plan_target_edited_by_an_admin(login, users, district_a):
    call_command("load_plan_targets", stdout=io.StringIO())
    client = login(users["admin"])
    url = reverse("progress:target_edit", args=[2024, "tinh"])
    row = PlanTarget.objects.get(year=2024, district=None)
    response = client.post(
        url,
        {
            "ntm_communes_added": row.ntm_communes_added + 1,
            "advanced_communes_added": row.advanced_communes_added,
            "model_communes_added": row.model_communes_added,
            "villages_added": row.villages_added,
            "mean_criteria": "14,5",  # unchanged, written the Vietnamese way
            "districts_completed": [district_a.code],
        },
    )
    assert response.status_code == 302
    entry = only_entry(action="plan_target.changed")
    assert entry.actor == users["admin"] and entry.object_id == str(row.pk)
    assert entry.before == {
        "ntm_communes_added": row.ntm_communes_added,
        "districts_completed": [],
    }
    assert entry.after == {
        "ntm_communes_added": row.ntm_communes_added + 1,
        "districts_completed": [str(district_a)],
    }
    # a district's target that did not exist: created
    client.post(
        reverse("progress:target_edit", args=[2024, district_a.code]),
        {"ntm_communes_added": 2, "advanced_communes_added": 0, "model_communes_added": 0,
         "villages_added": 3, "mean_criteria": ""},
    )  # fmt: skip
    entry = only_entry(action="plan_target.created")
    assert entry.before == {} and entry.after["villages_added"] == 3


def test_plan_targets_load_command_has_no_actor(users):
    call_command("load_plan_targets", stdout=io.StringIO())
    loaded = AuditEntry.objects.filter(action="plan_target.loaded")
    assert loaded.count() == PlanTarget.objects.filter(district=None).count() == 4
    assert all(e.actor is None for e in loaded)
    call_command("load_plan_targets", stdout=io.StringIO())  # idempotent: no new line
    assert AuditEntry.objects.count() == 4
    row = PlanTarget.objects.get(year=2023, district=None)
    PlanTarget.objects.filter(pk=row.pk).update(villages_added=1)
    call_command("load_plan_targets", "--reset", stdout=io.StringIO())
    entry = only_entry(action="plan_target.reset")
    assert entry.actor is None and entry.object_id == str(row.pk)
    assert entry.before == {"villages_added": 1} and entry.after == {"villages_added": 59}
    assert "--reset" in entry.reason


def test_rule_set_change_keeps_the_reason(users):
    base = ruleset_latest()
    values = {**base.values, "person_contribution_min": 60_000_000}
    record = ruleset_change(
        values=values, effective_from=D(2025, 1, 1), reason="Văn bản 99/UBND", by=users["admin"]
    )
    entry = only_entry(action="ruleset.created")
    assert entry.object_id == str(record.pk) and entry.actor == users["admin"]
    assert entry.reason == "Văn bản 99/UBND"
    assert entry.before == {
        "person_contribution_min": 50_000_000,
        "effective_from": "2021-01-01",
        "version": 1,
    }
    assert entry.after == {
        "person_contribution_min": 60_000_000,
        "effective_from": "2025-01-01",
        "version": 2,
    }


def test_user_created_and_changed_never_logs_a_password(login, users, district_a, district_b):
    client = login(users["admin"])
    password = "Mat-khau-that-dai-2025"
    response = client.post(
        reverse("users:user_create"),
        {"username": "canbo_moi", "full_name": "Cán bộ Mới", "email": "", "role": "district",
         "district": district_a.code, "password": password},
    )  # fmt: skip
    assert response.status_code == 302
    created = User.objects.get(username="canbo_moi")
    entry = only_entry(action="user.created")
    assert entry.object_id == str(created.pk) and entry.actor == users["admin"]
    assert entry.after["role"] == "district" and entry.after["district"] == str(district_a)
    assert entry.after["is_active"] is True
    response = client.post(
        reverse("users:user_update", args=[created.pk]),
        {"full_name": "Cán bộ Mới", "email": "", "role": "district",
         "district": district_b.code},  # is_active unticked: locked
    )  # fmt: skip
    assert response.status_code == 302
    entry = only_entry(action="user.changed")
    assert entry.before == {"district": str(district_a), "is_active": True}
    assert entry.after == {"district": str(district_b), "is_active": False}
    for line in AuditEntry.objects.all():
        text = str(line.before) + str(line.after) + str(line.details)
        assert password not in text and "password" not in text and created.password not in text


def test_dossier_events_are_in_the_log(users):
    by = users["district_a"]
    dossier = dossiers.dossier_create(by=by, round="annual", year=2024)
    entry = only_entry(action="dossier.create")
    assert entry.object_id == str(dossier.pk) and dossier.reference in entry.object_label
    assert entry.before == entry.after == {}  # no status change
    dossiers.dossier_withdraw(dossier=dossier, by=by, note="Lập nhầm đợt")
    entry = only_entry(action="dossier.withdraw")
    assert entry.actor == by and entry.reason == "Lập nhầm đợt"
    assert entry.before == {"status": "draft"} and entry.after == {"status": "withdrawn"}
    assert entry.province_code == dossier.province_id == "06"


# --- refused and failed writes leave no line ----------------------------------------------


def test_refused_writes_log_nothing(login, users, commune_a, commune_b, district_a):
    other = users["district_b"]
    with pytest.raises(PermissionDenied):
        criteria.assessment_record(
            commune=commune_a, criterion_number=1, assessed_on=D(2023, 1, 1), met=True, by=other
        )
    with pytest.raises(CriteriaError):
        criteria.recognition_record(
            commune=commune_a, level="ntm", decision_number="1", issuing_body="UBND tỉnh",
            decision_date=timezone.localdate() + dt.timedelta(days=2), by=users["district_a"],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        criteria.debt_set(
            district=district_a, year=2024, commune_debts={}, district_debt=True, by=other
        )
    with pytest.raises(ValidationError):
        ruleset_change(
            values=ruleset_latest().values, effective_from=D(2025, 1, 1), reason=" ",
            by=users["admin"],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        ruleset_change(
            values=ruleset_latest().values, effective_from=D(2025, 1, 1), reason="x",
            by=users["reviewer"],
        )  # fmt: skip
    dossier = dossiers.dossier_create(by=users["district_a"], round="annual", year=2024)
    before = AuditEntry.objects.count()
    with pytest.raises(dossiers.DossierError):
        dossiers.dossier_withdraw(dossier=dossier, by=other)
    with pytest.raises(dossiers.DossierError):
        dossiers.dossier_submit(dossier=dossier, by=users["district_a"])  # nothing in it
    client = login(users["reviewer"])
    assert (
        client.post(
            reverse("communes:flags", args=[commune_a.code]), {"extremely_difficult": "on"}
        ).status_code
        == 403
    )
    client = login(users["admin"])
    assert client.post(reverse("users:user_create"), {"username": ""}).status_code == 200
    bad = f"{commune_b.code},Nà Pài,có\n".encode()
    client = login(users["district_a"])
    client.post(
        reverse("communes:village_import"),
        {"confirm": "1", "upload_name": "x.csv",
         "payload": base64.b64encode(b"Ma xa,Ten thon,DBKK\n" + bad).decode()},
    )  # fmt: skip
    assert AuditEntry.objects.count() == before


def test_a_write_that_fails_after_logging_leaves_no_line(users, commune_a):
    """The line is written in the write's transaction: a rollback takes both."""
    with pytest.raises(RuntimeError), transaction.atomic():
        criteria.assessment_record(
            commune=commune_a, criterion_number=2, assessed_on=D(2023, 1, 1), met=True,
            by=users["district_a"],
        )  # fmt: skip
        raise RuntimeError("later step failed")
    assert not AuditEntry.objects.exists() and not Assessment.objects.exists()


def test_the_log_is_append_only(users, commune_a):
    entry = log_action(action="test.write", obj=commune_a, by=users["admin"])
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    with pytest.raises(DatabaseError), transaction.atomic():  # the PostgreSQL trigger
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_values_are_stored_as_read_at_write_time(users, commune_a):
    entry = log_action(
        action="test.write",
        obj=commune_a,
        by=users["admin"],
        before={"when": D(2024, 1, 5), "who": users["district_a"], "n": None},
        after={"when": D(2024, 1, 6), "who": users["district_a"], "n": 3},
        label="bad\x00label",
    )
    # only what changed; an object as its name; a date as ISO; NUL dropped
    assert entry.before == {"when": "2024-01-05", "n": None}
    assert entry.after == {"when": "2024-01-06", "n": 3}
    assert entry.object_label == "badlabel"


# --- the page ----------------------------------------------------------------------------


@dataclass
class Made:
    action: str
    kind: str  # the filter's value: app_label.model
    object_text: str  # what an administrator would type to find it
    actor: str | None  # username


@pytest.fixture
def every_write(login, users, district_a, commune_a) -> list[Made]:
    """One line of each kind of write, made as people make them."""
    admin, district = users["admin"], users["district_a"]
    client = login(admin)
    client.post(reverse("communes:flags", args=[commune_a.code]), {"on_roadmap": "on"})
    Village.objects.create(commune=commune_a, name="Nà Pài")
    parsed = villages_parse(
        upload_name="t.csv",
        data=f"Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n{commune_a.code},Khuổi Tục,có\n".encode(),
    )
    villages_import(parsed=parsed, by=district, upload_name="t.csv")
    row = criteria.assessment_record(
        commune=commune_a, criterion_number=5, assessed_on=D(2023, 3, 1), met=True, by=district
    )
    criteria.assessment_correct(assessment=row, by=district, met=False, note="Nhầm")
    criteria.recognition_record(
        commune=commune_a, level="ntm", decision_number="15/QĐ-UBND", issuing_body="UBND tỉnh",
        decision_date=D(2022, 12, 10), by=district,
    )  # fmt: skip
    criteria.debt_set(
        district=district_a, year=2024, commune_debts={commune_a.code: True},
        district_debt=False, by=district,
    )  # fmt: skip
    call_command("load_plan_targets", stdout=io.StringIO())
    ruleset_change(
        values={**ruleset_latest().values, "person_own_min": 25_000_000},
        effective_from=D(2025, 1, 1), reason="Văn bản 7/UBND", by=admin,
    )  # fmt: skip
    client.post(
        reverse("users:user_update", args=[users["reviewer"].pk]),
        {"full_name": "Trưởng ban", "email": "", "role": "reviewer", "is_active": "on"},
    )
    dossier = dossiers.dossier_create(by=district, round="annual", year=2024)
    commune_text = commune_a.code
    return [
        Made("commune.flags_changed", "communes.commune", commune_text, admin.username),
        Made("village.imported", "communes.village", "t.csv", district.username),
        Made("assessment.recorded", "criteria.assessment", str(row.pk), district.username),
        Made("assessment.corrected", "criteria.assessment", "tiêu chí 5", district.username),
        Made("recognition.recorded", "criteria.recognition", commune_a.name, district.username),
        Made("debt.set", "criteria.capitaldebt", commune_a.name, district.username),
        Made("plan_target.loaded", "emulation.plantarget", "Chỉ tiêu 2022", None),
        Made("ruleset.created", "emulation.ruleset", "Phiên bản 2", admin.username),
        Made("user.changed", "emulation.user", users["reviewer"].username, admin.username),
        Made("dossier.create", "dossiers.dossier", dossier.reference, district.username),
    ]


def _shown(response) -> set[int]:
    assert response.status_code == 200
    return {line.entry.pk for line in response.context["lines"]}


def test_the_page_finds_each_write_by_object_user_and_date(login, users, every_write):
    client = login(users["admin"])
    today = timezone.localdate()
    for made in every_write:
        entry = AuditEntry.objects.filter(action=made.action).order_by("id").first()
        assert entry is not None, made.action
        by_object = _shown(client.get(URL, {"loai": made.kind, "doi_tuong": made.object_text}))
        assert entry.pk in by_object, made
        assert all(
            e.content_type.model == made.kind.split(".")[1]
            for e in AuditEntry.objects.filter(pk__in=by_object)
        )
        if made.actor:
            by_user = _shown(client.get(URL, {"nguoi": made.actor}))
            assert entry.pk in by_user, made
            actor = User.objects.get(username=made.actor)
            assert set(
                AuditEntry.objects.filter(pk__in=by_user).values_list("actor", flat=True)
            ) == {actor.pk}
        day = f"{today:%d/%m/%Y}"
        assert entry.pk in _shown(client.get(URL, {"tu": day, "den": day, "loai": made.kind}))
        tomorrow = f"{today + dt.timedelta(days=1):%d/%m/%Y}"
        assert entry.pk not in _shown(client.get(URL, {"tu": tomorrow}))
        yesterday = f"{today - dt.timedelta(days=1):%d/%m/%Y}"
        assert entry.pk not in _shown(client.get(URL, {"den": yesterday}))


def test_the_page_reads_before_and_after_in_words(login, users, every_write):
    body = login(users["admin"]).get(URL).content.decode()
    assert "Nhật ký thay đổi" in body
    assert "Trong lộ trình đạt NTM 2021–2025" in body  # the flag's label, not its name
    assert "Không → Có" in body
    assert "10/12/2022" in body  # the recognition's date, dd/mm/yyyy
    assert "20.000.000" in body and "25.000.000" in body  # the rule set's value, in đồng
    assert "Văn bản 7/UBND" in body
    assert "Hệ thống (lệnh quản trị)" in body  # the command's lines
    assert "Đang soạn" in body or "Lập hồ sơ" in body


def test_the_menu_shows_the_log_to_admins(login, users):
    assert URL in login(users["admin"]).get("/").content.decode()
    assert URL not in login(users["reviewer"]).get("/").content.decode()


def test_only_admins_open_the_page(users):
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    for role in ("district_a", "agency", "reviewer", "appraiser"):
        client = Client()
        client.force_login(users[role])
        assert client.get(URL).status_code == 403, role
    client = Client()
    client.force_login(users["admin"])
    assert client.get(URL).status_code == 200


def test_another_provinces_lines_are_not_shown(login, users, commune_a, settings):
    mine = log_action(action="test.write", obj=commune_a, by=users["admin"], label="của tỉnh này")
    theirs = log_action(
        action="test.write", obj=commune_a, by=users["admin"], label="của tỉnh khác", province="01"
    )
    client = login(users["admin"])
    shown = _shown(client.get(URL))
    assert mine.pk in shown and theirs.pk not in shown
    assert theirs.pk not in _shown(client.get(URL, {"doi_tuong": "tỉnh khác"}))
    # the other installation's administrator (an account belongs to one province)
    from tests.factories import AdminFactory, ProvinceFactory

    settings.PROVINCE_CODE = "01"
    client = login(AdminFactory(username="quantri_01", province=ProvinceFactory(code="01")))
    assert _shown(client.get(URL)) == {theirs.pk}


@pytest.mark.parametrize("n", [1, 30])
def test_the_page_reads_a_fixed_number_of_queries(
    n, login, users, commune_a, django_assert_max_num_queries
):
    actors = [users[r] for r in ("admin", "district_a", "reviewer")]
    for i in range(n):
        log_action(
            action="commune.flags_changed",
            obj=commune_a,
            by=actors[i % 3],
            before={"on_roadmap": False},
            after={"on_roadmap": True},
        )
    client = login(users["admin"])
    client.get(URL)  # warm the content type cache as a running server has it
    # session, user, count, the page, the menu's unread notices
    with django_assert_max_num_queries(5):
        response = client.get(URL)
    assert len(response.context["lines"]) == n
    with django_assert_max_num_queries(6):  # + the user named in the filter
        response = client.get(URL, {"nguoi": users["admin"].username, "loai": "communes.commune"})
    assert response.context["lines"]


BAD_FILTERS = [
    ({"tu": "abc"}, "tu"),
    ({"den": "31/02/2024"}, "den"),
    ({"tu": "01/02/2024", "den": "01/01/2024"}, "den"),
    ({"nguoi": "khong-co-ai"}, "nguoi"),
    ({"loai": "dossiers.nominee"}, "loai"),
    ({"loai": "' OR 1=1 --"}, "loai"),
    ({"doi_tuong": "x" * 500}, "doi_tuong"),
]


@pytest.mark.parametrize("params,field", BAD_FILTERS, ids=[f for _, f in BAD_FILTERS])
def test_bad_filters_get_a_message_beside_the_field(login, users, commune_a, params, field):
    entry = log_action(action="test.write", obj=commune_a, by=users["admin"])
    response = login(users["admin"]).get(URL, {**params, "page": "abc"})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    body = response.content.decode()
    assert "invalid-feedback" in body and "is-invalid" in body
    assert entry.pk in _shown(response)  # the bad filter is left out, the rest still works

"""The second wall on every province-scoped table (issue 18, part 1).

1. No table can forget it: every model with a province-scoped relation (a province
   column, an issuing body's key, or a foreign key to such a model, transitively) has
   row-level security enabled and forced with the ``province_wall`` policy, for reads and
   writes, or is on the documented shared list (``emulation.rowsecurity.SHARED_TABLES``).
2. Per walled table, with a second province's rows of that table in the same database,
   as the app's role (not a superuser, ``app.province`` as config.dbwall sets it):
   ``Model.objects.all()`` — a query with every province filter removed — returns exactly
   the installation's rows; their rows can be neither updated, deleted, nor inserted
   again (WITH CHECK), and a maintenance session (empty ``app.province``) sees both.

A new walled table needs one more row in :func:`populate` (the test says which).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, models, transaction

from communes.models import CommuneKindPeriod, Province
from criteria.models import CommuneGroup
from dossiers.documents.models import (
    CertificateCheck,
    DocumentJob,
    OutgoingDocument,
    RegisterCounter,
    Signatory,
    SignedDocument,
    SigningCredential,
    SigningFailure,
)
from dossiers.history.models import LowerLevelAward
from dossiers.models import (
    Attachment,
    Decision,
    DossierEvent,
    Notification,
    RemovedItem,
    Restriction,
    StateProposalEntry,
)
from emulation.models import Agency, AuditEntry, Plan, PlanRound, PlanRoundTitle, PlanTarget
from emulation.rowsecurity import POLICY, SHARED_TABLES
from emulation.state_plans import state_plan_587_load
from tests.config.test_permissions_matrix import a_state_proposal, signature_objects
from tests.factories import (
    AssessmentFactory,
    CapitalDebtFactory,
    CommuneFactory,
    DistrictFactory,
    DistrictRecognitionFactory,
    DistrictStaffFactory,
    DossierFactory,
    NomineeFactory,
    ProvinceFactory,
    PublicAwardFactory,
    RecognitionFactory,
    VillageFactory,
    VillageRecognitionFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


# --- 1. every province-scoped model is walled or listed as shared ----------------------


def walls() -> dict[str, dict]:
    """Each table with row-level security: forced?, and its province_wall policy."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relforcerowsecurity, p.cmd, p.qual, p.with_check "
            "FROM pg_class c LEFT JOIN pg_policies p "
            "ON p.tablename = c.relname AND p.policyname = %s "
            "WHERE c.relrowsecurity AND c.relkind = 'r'",
            [POLICY],
        )
        return {
            table: {"forced": forced, "cmd": cmd, "using": using, "check": check}
            for table, forced, cmd, using, check in cursor.fetchall()
        }


def names_a_province(field: models.Field) -> bool:
    """A foreign key to a province, a column named for one (``province_code``; not a flag
    such as ``outside_province``), or an issuing body's key (``body_key``)."""
    if field.is_relation:
        return field.related_model is Province
    if isinstance(field, models.BooleanField):
        return False
    return "province" in field.name or field.name.endswith("body_key")


def province_scoped_models() -> dict[type[models.Model], str]:
    """Every model with a province-scoped relation, and why it is one."""
    every = apps.get_models(include_auto_created=True)
    scoped: dict[type[models.Model], str] = {}
    for model in every:
        for field in model._meta.concrete_fields:
            if names_a_province(field):
                scoped[model] = f"{field.name} names a province"
                break
    grown = True
    while grown:
        grown = False
        for model in every:
            if model in scoped:
                continue
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in scoped:
                    scoped[model] = f"{field.name} → {field.related_model._meta.label}"
                    grown = True
                    break
    return scoped


def test_every_province_scoped_model_is_walled_or_listed_as_shared():
    walled = walls()
    scoped = province_scoped_models()
    # the enumeration sees what the issue names (a broken enumeration would pass anything)
    labels = {model._meta.label for model in scoped}
    assert {
        "dossiers.Dossier",
        "dossiers.Nominee",
        "documents.Signatory",
        "communes.Village",
        "emulation.AuditEntry",
        "criteria.Assessment",
    } <= labels
    forgotten = [
        f"{model._meta.db_table} ({model._meta.label}: {why})"
        for model, why in scoped.items()
        if model._meta.db_table not in walled and model._meta.db_table not in SHARED_TABLES
    ]
    assert not forgotten, (
        "Province-scoped tables without row-level security: add province_wall(...) "
        "(emulation.rowsecurity) to the migration that creates them, or list them in "
        f"SHARED_TABLES with the reason: {forgotten}"
    )


def test_each_wall_is_forced_and_guards_reads_and_writes():
    walled = walls()
    assert len(walled) >= 30
    for table, wall in walled.items():
        assert wall["forced"], table
        assert wall["cmd"] == "ALL", table
        assert "app.province" in wall["using"] and wall["check"] == wall["using"], table


def leading_index_columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0] "
            "WHERE c.relname = %s",
            [table],
        )
        return {name for (name,) in cursor.fetchall()}


def test_every_column_a_policy_reads_leads_an_index():
    by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    unindexed = []
    for table, wall in walls().items():
        model = by_table[table]
        leading = leading_index_columns(table)
        for field in model._meta.concrete_fields:
            column = field.column
            if field.primary_key or not re.search(rf"\b{column}\b", wall["using"]):
                continue
            if column not in leading:
                unindexed.append(f"{table}.{column}")
    assert not unindexed


def test_the_shared_tables_exist_and_are_not_walled():
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    walled = walls()
    for table in SHARED_TABLES:
        assert table in tables and table not in walled, table


# --- 2. per table: two provinces in one database ----------------------------------------


def populate(code: str) -> None:
    """One row of every walled table for the province ``code`` (its district, commune,
    village, agency, account, plan, dossier …)."""
    province = Province.objects.get(pk=code) if code == "06" else ProvinceFactory(code=code)
    # their codes as the other province's tests have them; ours the factories'
    codes = {"district": f"{code}1", "commune": f"{code}101"} if code != "06" else {}
    district = DistrictFactory(province=province, **({"code": codes["district"]} if codes else {}))
    commune = CommuneFactory(district=district, **({"code": codes["commune"]} if codes else {}))
    village = VillageFactory(commune=commune)
    CommuneKindPeriod.objects.create(commune=commune, kind="xa", valid_from=dt.date(2021, 1, 1))
    agency = Agency.objects.create(code=f"cq-{code}", name=f"Cơ quan {code}", province=province)
    staff = DistrictStaffFactory(username=f"huyen_{code}", district=district)
    staff.groups.add(Group.objects.create(name=f"nhom-{code}"))
    staff.user_permissions.add(Permission.objects.order_by("pk").first())

    plan = Plan.objects.create(
        code=f"ke-hoach-{code}",
        name="Kế hoạch",
        movement="Phong trào",
        issuer="UBND tỉnh",
        province=province,
        first_year=2021,
        last_year=2025,
        criteria_set="qd-318-2022",
    )
    plan_round = PlanRound.objects.create(plan=plan, kind="annual", year=2024)
    PlanRoundTitle.objects.create(round=plan_round, title="commune_ntm")
    target = PlanTarget.objects.create(plan=plan, year=2024, district=district)
    target.districts_completed.add(district)
    AuditEntry.objects.create(
        action="thu",
        content_type=ContentType.objects.get_for_model(Plan),
        object_label="Kế hoạch",
        province_code=code,
    )

    CommuneGroup.objects.create(commune=commune, group=1, valid_from=dt.date(2021, 1, 1))
    AssessmentFactory(commune=commune)
    RecognitionFactory(commune=commune)
    VillageRecognitionFactory(village=village)
    DistrictRecognitionFactory(district=district)
    CapitalDebtFactory(commune=commune)
    CapitalDebtFactory(district=district)

    dossier = DossierFactory(district=district, created_by=staff)
    nominee = NomineeFactory(dossier=dossier)
    Restriction.objects.create(
        nominee=nominee,
        kind="discipline",
        since=dt.date(2024, 1, 1),
        document="1/QĐ",
        recorded_by=staff,
    )
    Attachment.objects.create(
        dossier=dossier,
        kind="proposal",
        file=f"ho-so/{code}.pdf",
        original_name="to-trinh.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=staff,
    )
    RemovedItem.objects.create(
        dossier=dossier, what="nominee", label="Người đã xoá", removed_by=staff
    )
    Decision.objects.create(
        province=province,
        round="annual",
        year=2024,
        number="1/QĐ",
        date=dt.date(2024, 12, 1),
        recorded_by=staff,
    )
    DossierEvent.objects.create(
        dossier=dossier, action="create", from_status="draft", to_status="draft", by=staff
    )
    Notification.objects.create(recipient=staff, dossier=dossier, message="Thông báo")

    award = PublicAwardFactory(nominee__dossier=dossier)
    CertificateCheck.objects.create(nominee=award.nominee)
    DocumentJob.objects.create(kind="certificates", label="Bằng khen", created_by=staff)
    Signatory.objects.create(
        body_key=f"province:{code}", full_name="Người Ký", title="PHÓ CHỦ TỊCH", head_title="CT"
    )
    RegisterCounter.objects.create(body_key=f"district:{district.code}", year=2024)
    OutgoingDocument.objects.create(
        body_key=f"commune:{commune.code}",
        body_name="UBND xã",
        year=2024,
        number=1,
        symbol="QĐ-UBND",
        kind_code="QĐ",
        issued_on=dt.date(2024, 12, 1),
        excerpt="Về việc khen thưởng",
    )
    credential = SigningCredential.objects.create(
        body_key=f"agency:{agency.code}",
        subject="CN=Thử",
        not_after=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        pkcs12_encrypted=b"x",
        passphrase_encrypted=b"x",
    )
    # issue 16: trusted roots and seal images of the province, a decision signed on issue
    signature_objects(code, name=f"Chứng thư gốc {code}")
    SignedDocument.objects.create(
        key=f"quyet-dinh:dossier:{dossier.pk}",
        dossier=dossier,
        filename="quyet-dinh-ky-so.pdf",
        pdf=b"%PDF-1.7",
        sha256="0" * 64,
        credential=credential,
        signer_name="Người Ký",
    )
    SigningFailure.objects.create(key=f"quyet-dinh:dossier:{dossier.pk}", dossier=dossier)
    # issue 14 part 7: a state-level proposal with one entry
    proposal = a_state_proposal(code, staff, state_plan_587_load())
    standard = proposal.state_plan.standards.first()
    StateProposalEntry.objects.create(
        proposal=proposal,
        nominee=nominee,
        standard=standard,
        award=standard.award,
        authority=standard.authority,
    )
    # issue 17 part 8: a lower level's Giấy khen
    LowerLevelAward.objects.create(
        issuer_district=district,
        award_form="giay_khen",
        recipient_kind="individual",
        name="Người Được Khen",
        decision_number="1/QĐ-UBND",
        decision_date=dt.date(2024, 6, 1),
        created_by=staff,
    )


def walled_models() -> dict[str, type[models.Model]]:
    by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    return {table: by_table[table] for table in walls()}


def all_pks(model: type[models.Model]) -> set:
    return set(model._default_manager.values_list("pk", flat=True))


@pytest.fixture
def two_provinces():
    """Every walled table with rows of ours (Bắc Kạn, 06) and theirs (Z9): the pks of
    each table's rows before and after theirs were added."""
    populate("06")
    ours = {table: all_pks(model) for table, model in walled_models().items()}
    populate("Z9")
    theirs = {table: all_pks(model) - ours[table] for table, model in walled_models().items()}
    missing = sorted(t for t in ours if not ours[t] or not theirs[t])
    assert not missing, f"populate() makes no row of both provinces in: {missing}"
    return ours, theirs


def test_under_the_wall_every_table_returns_only_the_installations_rows(two_provinces, as_the_app):
    ours, theirs = two_provinces
    leaks = {}
    for table, model in walled_models().items():
        seen = all_pks(model)  # Model.objects.all(): no province filter at all
        if seen != ours[table]:
            leaks[table] = {"theirs seen": seen & theirs[table], "ours lost": ours[table] - seen}
    assert not leaks


def _row(table: str, pk_column: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT row_to_json(t)::text FROM {table} t WHERE {pk_column} = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


def test_under_the_wall_their_rows_cannot_be_written_nor_inserted_again(two_provinces, as_the_app):
    ours, theirs = two_provinces
    as_the_app("")  # read their rows as they are, as a maintenance session
    rows = {}
    for table, model in walled_models().items():
        pk_column = model._meta.pk.column
        rows[table] = (pk_column, next(iter(theirs[table])))
        rows[table] += (_row(table, pk_column, rows[table][1]),)
    as_the_app("06")
    for table, (pk_column, pk, row) in rows.items():
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {pk_column} = {pk_column} WHERE {pk_column} = %s",  # noqa: S608
                [pk],
            )
            assert cursor.rowcount == 0, table
            cursor.execute(f"DELETE FROM {table} WHERE {pk_column} = %s", [pk])  # noqa: S608
            assert cursor.rowcount == 0, table
        # the same row inserted again (its own key: the wall answers before the key does)
        with (
            pytest.raises(DatabaseError, match="row-level security"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                f"INSERT INTO {table} SELECT * FROM json_populate_record(NULL::{table}, %s)",  # noqa: S608
                [row],
            )


def test_a_maintenance_session_sees_both_provinces_in_every_table(two_provinces, as_the_app):
    ours, theirs = two_provinces
    as_the_app("")
    for table, model in walled_models().items():
        assert all_pks(model) == ours[table] | theirs[table], table


# --- 3. loading the national unit list is a maintenance session ------------------------


def test_the_unit_list_loads_behind_the_wall_only_as_a_maintenance_session(as_the_app):
    from io import StringIO

    from django.core.management import call_command

    from communes.models import Commune
    from communes.services import admin_units_load

    as_the_app("06")  # a fresh installation: the lineage to Thái Nguyên is not loaded yet
    # the reorganisation brings the merged Thái Nguyên's units: refused behind the wall
    with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
        admin_units_load()
    # the command lowers the wall for its load (emulation.rowsecurity.maintenance)
    call_command("load_admin_units", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('app.province', true)")
        assert cursor.fetchone() == ("06",)  # the wall is back
    assert not Commune.objects.filter(province_id="19").exists()
    as_the_app("06,19")
    assert Commune.objects.filter(province_id="19").exists()


# --- 4. what the wall refuses is a 403, never a 500 -------------------------------------


def test_a_write_the_wall_refuses_is_answered_403_not_500(as_the_app, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from dossiers.documents import signing
    from tests.conftest import make_user

    data, _root = signing.demo_pkcs12(subject="Cơ quan lạ", passphrase="mat-khau-thu")
    client.force_login(make_user("quantri_goc", "admin", is_staff=True, is_superuser=True))
    # a signing certificate for a body that is not this installation's (no such agency)
    response = client.post(
        reverse("admin:documents_signingcredential_add"),
        {
            "body_key": "agency:khong-co",
            "pkcs12_file": SimpleUploadedFile("la.p12", data),
            "passphrase": "mat-khau-thu",
        },
    )
    assert response.status_code == 403
    assert not SigningCredential.objects.exists()

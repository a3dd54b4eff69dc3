"""Synthetic national-scale data for benchmarks (``manage.py seed_scale``).

Every synthetic unit code starts with the letter "Z" (provinces "Z0".., districts "Z00"..,
communes "Z0000"..), so it can never collide with a statistics-office code, which is all
digits (Bắc Kạn is "06", its districts "058"–"066"). Rows are written with PostgreSQL
``COPY`` (or ``bulk_create`` on other databases), in one transaction.

National figures: 10.000 communes, 100.000 villages, 20 years of assessments of the
criteria in force at the end of the current plan (the 10 of 2026–2030: 2.000.000 rows),
50.000 dossiers and 500.000 nominees.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from communes.models import (
    Commune,
    CommuneKind,
    CommuneKindPeriod,
    District,
    DistrictKind,
    Province,
    Village,
)
from criteria.models import Assessment
from criteria.sets import criteria_on
from dossiers.documents import bodies
from dossiers.documents.issued import signed_decision
from dossiers.documents.models import (
    OutgoingDocument,
    RegisterCounter,
    Signatory,
    SigningCapacity,
)
from dossiers.documents.signing import demo_credential
from dossiers.documents.trust import demo_root_trust
from dossiers.models import Dossier, Nominee, StateProposal, StateProposalEntry
from emulation.models import Role, StateAwardStandard
from emulation.plans import plan_current, plan_spec_current
from emulation.text import fold
from progress.cache import progress_changed

PREFIX = "Z"
DIGITS = string.digits + string.ascii_uppercase
NATIONAL = {
    "communes": 10_000,
    "villages": 100_000,
    "years": 20,
    "dossiers": 50_000,
    "nominees": 500_000,
}
COMMUNES_PER_DISTRICT = 14
# ~30 provinces at national scale (the country has 34 since 2025)
DISTRICTS_PER_PROVINCE = 24
STATUSES = [
    "draft",
    "submitted",
    "received",
    "appraised",
    "approved",
    "decided",
    "returned",
    "withdrawn",
]
# username -> role for the synthetic accounts the benchmark logs in as
SCALE_USERS = {
    "scale_district": Role.DISTRICT,
    "scale_reviewer": Role.REVIEWER,
    "scale_appraiser": Role.APPRAISER,
    "scale_admin": Role.ADMIN,
}


def code(n: int, width: int) -> str:
    """``PREFIX`` + n in base 36, ``width`` characters in all."""
    out = ""
    for _ in range(width - 1):
        n, r = divmod(n, 36)
        out = DIGITS[r] + out
    if n:
        raise ValueError("too many synthetic units for the code width")
    return PREFIX + out


@dataclass
class Counts:
    communes: int = 200
    villages: int = 1_000
    years: int = 5
    dossiers: int = 500
    nominees: int = 5_000


def _copy(table: str, columns: list[str], rows: Iterable[tuple], chunk: int = 200_000) -> int:
    """COPY ``rows`` into ``table``; returns the number of rows."""
    total = 0
    with connection.cursor() as cur:
        raw = cur.cursor if hasattr(cur, "cursor") else cur
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        buf = io.StringIO()
        n = 0
        for row in rows:
            buf.write("\t".join(_cell(v) for v in row))
            buf.write("\n")
            n += 1
            if n == chunk:
                buf.seek(0)
                raw.copy_expert(sql, buf)
                total += n
                buf, n = io.StringIO(), 0
        if n:
            buf.seek(0)
            raw.copy_expert(sql, buf)
            total += n
    return total


def _cell(v) -> str:
    if v is None:
        return r"\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def clear() -> None:
    """Delete every synthetic row (codes starting with PREFIX) and the synthetic accounts."""
    like = PREFIX + "%"
    bodies = [f"{level}:{PREFIX}%" for level in ("province", "district", "commune")]
    with connection.cursor() as cur:
        # the documents, proposals and signatures of the synthetic bodies and dossiers
        cur.execute(
            "DELETE FROM dossiers_stateproposalentry WHERE proposal_id IN "
            "(SELECT id FROM dossiers_stateproposal WHERE province_id LIKE %s)",
            [like],
        )
        cur.execute("DELETE FROM dossiers_stateproposal WHERE province_id LIKE %s", [like])
        for table in ("documents_signeddocument", "documents_signingfailure"):
            # table names come from the fixed tuple above, never from input
            subquery = "SELECT id FROM dossiers_dossier WHERE district_id LIKE %s"
            sql = f"DELETE FROM {table} WHERE dossier_id IN ({subquery})"  # noqa: S608 # nosec B608
            cur.execute(sql, [like])
        for table in (
            "documents_outgoingdocument",
            "documents_registercounter",
            "documents_signatory",
            "documents_signingcredential",
        ):
            # table names come from the fixed tuple above, never from input
            sql = f"DELETE FROM {table} WHERE body_key LIKE ANY(%s)"  # noqa: S608 # nosec B608
            cur.execute(sql, [bodies])
        cur.execute("DELETE FROM documents_trustedroot WHERE province_id LIKE %s", [like])
        cur.execute(
            "DELETE FROM dossiers_nominee WHERE dossier_id IN "
            "(SELECT id FROM dossiers_dossier WHERE district_id LIKE %s)",
            [like],
        )
        for table in ("dossiers_dossierevent", "dossiers_notification", "dossiers_attachment"):
            # table names come from the fixed tuple above, never from input
            subquery = "SELECT id FROM dossiers_dossier WHERE district_id LIKE %s"
            sql = f"DELETE FROM {table} WHERE dossier_id IN ({subquery})"  # noqa: S608 # nosec B608
            cur.execute(sql, [like])
        cur.execute("DELETE FROM dossiers_dossier WHERE district_id LIKE %s", [like])
        cur.execute("DELETE FROM criteria_assessment WHERE commune_id LIKE %s", [like])
        cur.execute("DELETE FROM communes_village WHERE commune_id LIKE %s", [like])
        cur.execute("DELETE FROM communes_communekindperiod WHERE commune_id LIKE %s", [like])
        cur.execute("DELETE FROM communes_unitchange WHERE successor_commune_id LIKE %s", [like])
        cur.execute("DELETE FROM communes_commune WHERE key LIKE %s", [like])
    get_user_model().objects.filter(username__in=SCALE_USERS).delete()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM communes_district WHERE code LIKE %s", [like])
        cur.execute("DELETE FROM communes_province WHERE key LIKE %s", [like])


def seed(counts: Counts, *, seed: int = 2025, log=print) -> dict[str, int]:
    """Write the synthetic country; returns the number of rows per kind."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    User = get_user_model()
    now = timezone.now()
    n_districts = max(1, -(-counts.communes // COMMUNES_PER_DISTRICT))
    n_provinces = max(1, -(-n_districts // DISTRICTS_PER_PROVINCE))
    done: dict[str, int] = {}
    with transaction.atomic():
        clear()
        Province.objects.bulk_create(
            Province(key=code(p, 2), code=code(p, 2), name=f"Tỉnh Thử nghiệm {p + 1}")
            for p in range(n_provinces)
        )
        districts = [
            District(
                code=code(d, 3),
                province_id=code(d // DISTRICTS_PER_PROVINCE, 2),
                name=f"Thử nghiệm {d + 1}",  # "UBND huyện Thử nghiệm 1" in documents
                kind=DistrictKind.HUYEN,
            )
            for d in range(n_districts)
        ]
        District.objects.bulk_create(districts, batch_size=5_000)
        done["provinces"], done["districts"] = n_provinces, n_districts
        communes = []
        for c in range(counts.communes):
            name = f"Thử nghiệm {c + 1}"
            communes.append(
                Commune(
                    key=code(c, 5),  # bulk_create skips save(): the key is set here
                    code=code(c, 5),
                    district_id=code(c // COMMUNES_PER_DISTRICT, 3),
                    province_id=code(c // COMMUNES_PER_DISTRICT // DISTRICTS_PER_PROVINCE, 2),
                    name=name,
                    kind=CommuneKind.XA,
                    extremely_difficult=rng.random() < 0.2,
                    on_roadmap=rng.random() < 0.3,
                    search_name=fold(f"{name} Xã"),
                )
            )
        Commune.objects.bulk_create(communes, batch_size=5_000)
        # every synthetic unit has been a xã throughout (the matrix, the dashboard and the
        # rules read a unit's kind on a date from these periods)
        CommuneKindPeriod.objects.bulk_create(
            (
                CommuneKindPeriod(
                    commune_id=c.key,
                    kind=CommuneKind.XA,
                    valid_from=dt.date(2000, 1, 1),
                    legal_basis="Dữ liệu thử nghiệm",
                )
                for c in communes
            ),
            batch_size=5_000,
        )
        done["communes"] = len(communes)
        log(f"  {n_provinces} tỉnh, {n_districts} huyện, {len(communes)} xã")

        def village_rows() -> Iterator[tuple]:
            for v in range(counts.villages):
                commune = code(v % counts.communes, 5)
                name = f"Thôn {v // counts.communes + 1}"
                yield commune, name, rng.random() < 0.15, True, fold(name)

        done["villages"] = _copy(
            Village._meta.db_table,
            ["commune_id", "name", "extremely_difficult", "is_demo", "search_name"],
            village_rows(),
        )
        log(f"  {done['villages']} thôn")

        last_year = plan_spec_current().last_year
        first_year = last_year - counts.years + 1
        # the criteria of the set in force in the current plan's last year (the 10 of
        # 2026–2030 under the 2026 plan; the 19 of 2021–2025 under Kế hoạch 305)
        criterion_ids = [c.pk for c in criteria_on(dt.date(last_year, 12, 15))[1]]

        def assessment_rows() -> Iterator[tuple]:
            # One assessment per commune, criterion and year; each commune reaches each
            # criterion in some year and keeps it (a few fall back), as real histories do.
            for c in range(counts.communes):
                cc = code(c, 5)
                for crit in criterion_ids:
                    reach = first_year + rng.randint(0, counts.years + 3)
                    for year in range(first_year, last_year + 1):
                        met = year >= reach and rng.random() > 0.02
                        yield cc, crit, f"{year}-12-15", met, "", "", now, None

        done["assessments"] = _copy(
            Assessment._meta.db_table,
            [
                "commune_id",
                "criterion_id",
                "assessed_on",
                "met",
                "note",
                "evidence",
                "recorded_at",
                "replaced_by_id",
            ],
            assessment_rows(),
        )
        log(f"  {done['assessments']} đánh giá tiêu chí ({counts.years} năm)")

        users: dict[str, Any] = {}  # role -> user (get_user_model above)
        for username, role in SCALE_USERS.items():
            u = User(username=username, role=role, first_name="Thử nghiệm")
            if role == Role.DISTRICT:
                u.district_id = code(0, 3)
            else:  # staff of the first synthetic province's installation
                u.province_id = code(0, 2)
            u.set_unusable_password()
            u.save()
            users[role] = u

        # the plan the installation reads (the synthetic provinces have none of their
        # own), stored on each dossier as the app stores it: a dossier without one would
        # look its plan up again on every read
        plan = plan_current()
        plan_id = plan.pk if plan else None

        def dossier_rows() -> Iterator[tuple]:
            for i in range(counts.dossiers):
                district = code(i % n_districts, 3)
                status = STATUSES[i % len(STATUSES)]
                # deterministic, so that small and large runs share the same first rows
                rnd = {8: "midterm", 9: "final"}.get(i % 10, "annual")
                year = {"midterm": 2023, "final": 2025}.get(rnd) or 2021 + (i // 8) % 5
                when = now - dt.timedelta(minutes=i)
                submitted = None if status == "draft" else when - dt.timedelta(days=3)
                decided = status == "decided"
                yield (
                    rnd,
                    year,
                    district,
                    code(i % n_districts // DISTRICTS_PER_PROVINCE, 2),
                    f"{i + 1}/TTr-UBND" if submitted else "",
                    dt.date(year, 11, 20) if submitted else None,
                    "Đề nghị khen thưởng phong trào NTM",
                    "nd98_2023",
                    status,
                    1,
                    users["district"].pk,
                    when,
                    when,
                    submitted,
                    submitted,
                    f"{i + 1}/QĐ-UBND" if decided else "",
                    dt.date(year, 12, 28) if decided else None,
                    plan_id,
                )

        done["dossiers"] = _copy(
            Dossier._meta.db_table,
            [
                "round",
                "year",
                "district_id",
                "province_id",
                "document_number",
                "document_date",
                "summary",
                "legal_basis",
                "status",
                "version",
                "created_by_id",
                "created_at",
                "updated_at",
                "first_submitted_at",
                "submitted_at",
                "decision_number",
                "decision_date",
                "plan_id",
            ],
            dossier_rows(),
        )
        log(f"  {done['dossiers']} hồ sơ ({len(STATUSES)} trạng thái)")

        dossier_ids = list(
            Dossier.objects.filter(district__code__startswith=PREFIX)
            .order_by("id")
            .values_list("id", "district_id", "status")
        )
        first_village = dict(
            Village.objects.filter(commune__code__startswith=PREFIX)
            .order_by("commune_id", "id")
            .distinct("commune_id")
            .values_list("commune_id", "id")
        )

        def nominee_rows() -> Iterator[tuple]:
            empty = json.dumps([])
            per = counts.nominees / max(1, len(dossier_ids))
            made = 0
            for k, (did, district, status) in enumerate(dossier_ids):
                want = int((k + 1) * per) - made
                d = int(district[1:], 36)
                for pos in range(want):
                    c = d * COMMUNES_PER_DISTRICT + pos % COMMUNES_PER_DISTRICT
                    commune = code(min(c, counts.communes - 1), 5)
                    if pos % 3 == 0:
                        kind, title = "commune", "commune_recognized"
                        name, identity, village = f"Xã {commune}", f"commune:{commune}", None
                    elif pos % 3 == 1:
                        kind, title = "individual", "person_contribution"
                        name = f"Nguyễn Văn Thử {made + pos}"
                        identity = f"person:{fold(name)}@{commune}"
                        village = first_village.get(commune)
                    else:
                        kind, title = "enterprise", "organization_infrastructure"
                        name = f"Công ty TNHH Thử nghiệm {made + pos}"
                        identity, village = f"org:{fold(name)}", None
                    yield (
                        did,
                        pos + 1,
                        kind,
                        title,
                        name,
                        identity,
                        commune,
                        village,
                        "",
                        "",
                        "",
                        "Có nhiều đóng góp cho phong trào.",
                        rng.randrange(50, 900) * 1_000_000 if kind != "commune" else None,
                        "",
                        "",
                        "",
                        # judged before submission; about one in ten still awaits the
                        # board's attestation of a qualitative standard (NULL)
                        None if status == "draft" or rng.random() < 0.1 else pos % 7 != 0,
                        empty,
                        "",
                        "{}",
                        1,
                        now,
                        now,
                        "",
                    )
                made += want

        done["nominees"] = _copy(
            Nominee._meta.db_table,
            [
                "dossier_id",
                "position",
                "kind",
                "title",
                "name",
                "identity",
                "commune_id",
                "village_id",
                "job_title",
                "address",
                "tax_code",
                "achievements",
                "contribution_value",
                "attestation_note",
                "appraisal_note",
                "return_comment",
                "verdict_eligible",
                "verdict_checks",
                "verdict_error",
                "verdict_case",
                "version",
                "created_at",
                "updated_at",
                "outcome_reason",
            ],
            nominee_rows(),
        )
        log(f"  {done['nominees']} đối tượng đề nghị")
        done.update(_seed_documents(n_provinces, users, now))
        log(
            f"  {done['register']} văn bản đi, {done['signatories']} người ký, "
            f"{done['state_proposals']} đề nghị cấp Nhà nước"
        )
    _seed_signing()
    with connection.cursor() as cur:
        # fresh statistics, as autovacuum would gather them in time: a planner that still
        # thinks a table is empty picks nested loops over thousands of rows. Every table:
        # the criteria-state spans the triggers filled (left out before) made the matrix,
        # the dossier page and who-qualifies 3-4 x slower until autovacuum came by.
        cur.execute("ANALYZE")
    progress_changed()  # COPY sends no signals
    return done


def _seed_documents(n_provinces: int, users: dict, now) -> dict[str, int]:
    """What the documents' pages list: each decided dossier's decision in its province's
    register of outgoing documents (and the register's counters), two signatories per
    province, and a state-level proposal per province with its decided nominees (when the
    installation has a state-level plan with a standard)."""
    decided = list(
        Dossier.objects.filter(
            district__code__startswith=PREFIX, status="decided", decision_date__isnull=False
        )
        .order_by("id")
        .values_list("id", "province_id", "decision_date", "decision_number")
    )
    numbers: dict[tuple[str, int], int] = {}

    def register_rows() -> Iterator[tuple]:
        for _pk, province, day, _number in decided:
            assert day is not None  # filtered above
            year = day.year
            n = numbers[(province, year)] = numbers.get((province, year), 0) + 1
            number = f"{n:02d}/QĐ-UBND"
            excerpt = "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh (dữ liệu thử nghiệm)"
            signer = "Nguyễn Văn Ký"
            yield (
                f"province:{province}",
                f"Ủy ban nhân dân tỉnh Thử nghiệm {int(province[1:], 36) + 1}",
                year,
                n,
                "QĐ-UBND",
                "QĐ",
                day,
                excerpt,
                signer,
                "",
                now,
                None,
                "",
                fold(f"{number} {excerpt} {signer}"),
            )

    register = _copy(
        OutgoingDocument._meta.db_table,
        [
            "body_key",
            "body_name",
            "year",
            "number",
            "symbol",
            "kind_code",
            "issued_on",
            "excerpt",
            "signer_name",
            "recipients",
            "registered_at",
            "withdrawn_at",
            "withdrawal_reason",
            "search",
        ],
        register_rows(),
    )
    RegisterCounter.objects.bulk_create(
        RegisterCounter(body_key=f"province:{province}", year=year, last_number=last)
        for (province, year), last in numbers.items()
    )
    signatories = []
    for p in range(n_provinces):
        body = f"province:{code(p, 2)}"
        signatories += [
            Signatory(
                body_key=body,
                full_name="Nguyễn Văn Ký",
                title="CHỦ TỊCH",
                capacity=SigningCapacity.HEAD,
                head_title="CHỦ TỊCH",
                collective_name="ỦY BAN NHÂN DÂN",
                is_default=True,
            ),
            Signatory(
                body_key=body,
                full_name="Trần Thị Thay",
                title="PHÓ CHỦ TỊCH",
                capacity=SigningCapacity.DEPUTY,
                head_title="CHỦ TỊCH",
                collective_name="ỦY BAN NHÂN DÂN",
            ),
        ]
    Signatory.objects.bulk_create(signatories)
    proposals = 0
    standard = StateAwardStandard.objects.order_by("plan_id", "position", "id").first()
    if standard is not None:
        for p in range(n_provinces):
            province = code(p, 2)
            proposal = StateProposal.objects.create(
                province_id=province,
                round="final",
                year=2025,
                state_plan_id=standard.plan_id,
                created_by=users[Role.REVIEWER],
            )
            nominees = Nominee.objects.filter(
                dossier__province_id=province, dossier__status="decided", kind="individual"
            ).order_by("id")[:20]
            StateProposalEntry.objects.bulk_create(
                StateProposalEntry(
                    proposal=proposal,
                    nominee=n,
                    standard=standard,
                    award=standard.award,
                    authority=standard.authority,
                )
                for n in nominees
            )
            proposals += 1
    return {"register": register, "signatories": len(signatories), "state_proposals": proposals}


def _seed_signing() -> None:
    """The first province's root among the trusted roots, and its first decided dossier's
    decision signed (with a test certificate of the body that signs it, made if it has
    none) and stored, as the first download stores it. Signed by the system: the audit
    log, which is never deleted, then names no synthetic account, and ``clear`` can
    remove them."""
    province = Province.objects.get(code=code(0, 2))
    decided = (
        Dossier.objects.filter(province_id=province.pk, status="decided").order_by("id").first()
    )
    if decided is None or decided.decision_date is None:
        return
    home = bodies.home_province(decided.decision_date)
    committee = bodies.province_committee(home)
    # named after the province (a certificate's name is at most 64 characters)
    credential = demo_credential(body_key=committee.key, body_name=f"UBND {home.name}")
    demo_root_trust(credential, province_id=province.pk)
    signed_decision(dossier=decided)

"""Demo data of the foundation: units, ĐBKK / roadmap flags, villages, agencies, users.

Everything here is DEMO DATA except the unit list (the statistics office's).
The commune-by-commune ĐBKK list is not public; flags are assigned to match
the per-district counts of Quyết định 861/QĐ-TTg (67 xã) and the plan's
arithmetic (61 xã on the 2021–2025 roadmap; 35 ĐBKK xã off it, with 406 villages).
Re-running changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from communes.models import Commune, CommuneKind, District, Province, Village
from communes.selectors import commune_by_code
from communes.services import REORGANISED_ON, admin_units_load
from emulation.models import Agency, Role, User
from emulation.rowsecurity import maintenance

DEMO_PASSWORD = "Demo@2025"  # noqa: S105 - printed for the demo, never in production  # nosec B105

# district code -> (ĐBKK xã count, of which off the roadmap)
DBKK_BY_DISTRICT = {
    "058": (0, 0),  # Thành phố Bắc Kạn
    "060": (10, 8),  # Pác Nặm
    "061": (11, 7),  # Ba Bể
    "062": (9, 5),  # Ngân Sơn (Vân Tùng included)
    "063": (8, 0),  # Bạch Thông: the plan has it complete NTM in 2025
    "064": (8, 4),  # Chợ Đồn
    "065": (8, 3),  # Chợ Mới
    "066": (13, 8),  # Na Rì
}
OFF_ROADMAP_VILLAGES = 406

# (code, name, short name, under the provincial UBND: the Front and the unions are not)
AGENCIES = [
    ("so-nn-ptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", True),
    ("mttq-tinh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQ tỉnh", False),
    ("hoi-nong-dan", "Hội Nông dân tỉnh", "Hội ND tỉnh", False),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN tỉnh", False),
    ("tinh-doan", "Tỉnh đoàn Bắc Kạn", "Tỉnh đoàn", False),
    ("so-gtvt", "Sở Giao thông vận tải", "Sở GTVT", True),
    ("so-tai-chinh", "Sở Tài chính", "Sở TC", True),
    ("so-khdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", True),
]

_VILLAGE_FIRST = [
    "Nà",
    "Bản",
    "Khuổi",
    "Pác",
    "Cốc",
    "Phiêng",
    "Thôm",
    "Lủng",
    "Nặm",
    "Khau",
    "Pò",
    "Keo",
]
_VILLAGE_SECOND = [
    "Pài",
    "Chang",
    "Luông",
    "Cáp",
    "Làng",
    "Chỉ",
    "Đon",
    "Mạ",
    "Slam",
    "Vài",
    "Tào",
    "Mu",
    "Bó",
    "Hin",
    "Phầy",
    "Lòa",
    "Quang",
    "Diếc",
    "Nghè",
    "Ngòa",
    "Dài",
    "Tậu",
]

DISTRICT_USERNAMES = {
    "058": "tpbackan",
    "060": "pacnam",
    "061": "babe",
    "062": "nganson",
    "063": "bachthong",
    "064": "chodon",
    "065": "chomoi",
    "066": "nari",
}


def _assign_flags() -> None:
    if Commune.objects.filter(extremely_difficult=True).exists():
        return  # flags already set (by this command or an administrator): keep them
    for district_code, (dbkk, off) in DBKK_BY_DISTRICT.items():
        xa = list(
            Commune.objects.filter(district_id=district_code, kind_periods__kind=CommuneKind.XA)
            .distinct()
            .order_by("code")
        )
        # the last `dbkk` xã by code are the remote ones in this demo; the last `off` of
        # those stay off the roadmap
        dbkk_set = xa[len(xa) - dbkk :] if dbkk else []
        off_set = dbkk_set[len(dbkk_set) - off :] if off else []
        for commune in xa:
            commune.extremely_difficult = commune in dbkk_set
            commune.on_roadmap = commune not in off_set
            commune.save(update_fields=["extremely_difficult", "on_roadmap", "search_name"])


def _village_names(rng: random.Random, n: int) -> list[str]:
    names: list[str] = []
    while len(names) < n:
        name = f"{rng.choice(_VILLAGE_FIRST)} {rng.choice(_VILLAGE_SECOND)}"
        if name not in names:
            names.append(name)
    return names


def _seed_villages() -> int:
    if Village.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(20210101)  # noqa: S311 - demo data, deterministic  # nosec B311
    off = list(Commune.objects.filter(extremely_difficult=True, on_roadmap=False).order_by("code"))
    created = 0
    if off:
        base, extra = divmod(OFF_ROADMAP_VILLAGES, len(off))
        for index, commune in enumerate(off):
            for name in _village_names(rng, base + (1 if index < extra else 0)):
                Village.objects.create(
                    commune=commune, name=name, extremely_difficult=True, is_demo=True
                )
                created += 1
    bac_kan = Commune.objects.filter(district__isnull=False)  # the demo's units: Bắc Kạn's
    for commune in bac_kan.exclude(pk__in=[c.pk for c in off]).order_by("code"):
        for name in _village_names(rng, 4):
            Village.objects.create(
                commune=commune,
                name=name,
                extremely_difficult=commune.extremely_difficult and rng.random() < 0.5,
                is_demo=True,
            )
            created += 1
    return created


def _user(username: str, role: str, full_name: str, **scope) -> tuple[User, bool]:
    user = User.objects.filter(username=username).first()
    if user:
        return user, False
    user = User(username=username, role=role, full_name=full_name, is_demo=True, **scope)
    user.set_password(DEMO_PASSWORD)
    if role == Role.ADMIN:
        user.is_staff = True
        user.is_superuser = True
    user.save()
    return user, True


def reorganisation_loaded() -> bool:
    """Whether the units of 1/7/2025 are in the database (the demo's last step)."""
    return Province.objects.filter(code="19", valid_from=REORGANISED_ON).exists()


@transaction.atomic
def seed(stdout=None) -> list[tuple[str, str, str]]:
    """Seed the foundation; return (username, role, scope) of the demo accounts.

    The demo replays history: Bắc Kạn's units as they stood until 30/6/2025 first (its
    districts file the dossiers of 2021–2025, see the other apps' demos), then
    :func:`seed_reorganisation`. A second run keeps the reorganisation.
    """
    # the national unit list: rows of several provinces (the province wall lowered)
    with maintenance():
        if reorganisation_loaded():
            admin_units_load()
        else:
            admin_units_load(reorganisation_csv=None, new_units_csv=None)
    _assign_flags()
    _seed_villages()
    for code, name, short, under in AGENCIES:
        Agency.objects.get_or_create(
            code=code,
            defaults={"name": name, "short_name": short, "under_province_committee": under},
        )
    accounts = []
    for username, role, full_name, scope in [
        ("admin", Role.ADMIN, "Quản trị hệ thống", {}),
        ("bantdkt", Role.REVIEWER, "Nguyễn Thị Thẩm Định (Ban TĐKT)", {}),
        ("vpdp", Role.APPRAISER, "Hoàng Văn Điều Phối (VPĐP NTM)", {}),
        (
            "sonn",
            Role.AGENCY,
            "Lý Thị Nông (Sở NN&PTNT)",
            {"agency": Agency.objects.get(code="so-nn-ptnt")},
        ),
    ]:
        user, _ = _user(username, role, full_name, **scope)
        accounts.append((user.username, user.get_role_display(), user.scope_label))
    for district in District.objects.order_by("code"):
        username = DISTRICT_USERNAMES.get(district.code, f"huyen{district.code}")
        user, _ = _user(
            username, Role.DISTRICT, f"Cán bộ {district.people_committee}", district=district
        )
        accounts.append((user.username, user.get_role_display(), user.scope_label))
    return accounts


# --- 1/7/2025: the two-level government of the merged Thái Nguyên ----------------------

ENDED_ON = REORGANISED_ON - dt.timedelta(days=1)
MERGER_BASIS = "Nghị quyết 202/2025/QH15 (hợp nhất tỉnh Bắc Kạn và tỉnh Thái Nguyên)"
# The merged province's bodies that propose from 1/7/2025 (demo: their names are the
# usual ones after the 2025 restructuring; codes are the demo's).
AGENCIES_FROM_2025 = [
    ("tn-so-nn-mt", "Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên", "Sở NN&MT", True),
    ("tn-so-tai-chinh", "Sở Tài chính tỉnh Thái Nguyên", "Sở TC", True),
    ("tn-mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Nguyên", "UBMTTQ tỉnh", False),
]
# commune-level staff of two of the 37 units formed from Bắc Kạn's (official code of the
# new unit: the reused codes are the trap of ../shared/data/README.md)
COMMUNE_USERNAMES = {"01864": "xabangthanh", "01843": "phuongbackan"}


@transaction.atomic
@maintenance()
def seed_reorganisation(stdout=None) -> list[tuple[str, str, str]]:
    """The reorganisation of 1/7/2025: the units (Nghị quyết 1683/NQ-UBTVQH15), Bắc Kạn's
    provincial bodies ended with the province (their staff keep reading their archive),
    the merged province's bodies, commune-level accounts; return the new accounts.
    Behind the province wall only as a maintenance session: the merged province's rows
    come before the lineage that admits them to this connection."""
    admin_units_load()
    Agency.objects.filter(code__in=[code for code, *_ in AGENCIES], valid_to__isnull=True).update(
        valid_to=ENDED_ON, dissolution_basis=MERGER_BASIS
    )
    for code, name, short, under in AGENCIES_FROM_2025:
        Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "under_province_committee": under,
                "valid_from": REORGANISED_ON,
            },
        )
    accounts = []
    for official, username in COMMUNE_USERNAMES.items():
        commune = commune_by_code(official, on=REORGANISED_ON)
        assert commune is not None  # the loader above made it
        label = f"UBND {CommuneKind(commune.kind).label.lower()} {commune.name}"
        user, _ = _user(username, Role.COMMUNE, f"Cán bộ {label}", commune=commune)
        accounts.append((user.username, user.get_role_display(), user.scope_label))
    user, _ = _user(
        "sonnmt",
        Role.AGENCY,
        "Đinh Thị Môi (Sở NN&MT)",
        agency=Agency.objects.get(code="tn-so-nn-mt"),
    )
    accounts.append((user.username, user.get_role_display(), user.scope_label))
    return accounts

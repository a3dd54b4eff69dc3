"""Demo data of the foundation: units, ĐBKK / roadmap flags, villages, agencies, users.

Everything here is DEMO DATA except the unit list (the statistics office's).
The commune-by-commune ĐBKK list is not public; flags are assigned to match
the per-district counts of Quyết định 861/QĐ-TTg (67 xã) and the plan's
arithmetic (61 xã on the 2021–2025 roadmap; 35 ĐBKK xã off it, with 406 villages).
Re-running changes nothing.
"""

from __future__ import annotations

import random

from django.db import transaction

from communes.models import Commune, CommuneKind, District, Village
from communes.services import admin_units_load
from emulation.models import Agency, Role, User

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


@transaction.atomic
def seed(stdout=None) -> list[tuple[str, str, str]]:
    """Seed the foundation; return (username, role, scope) of the demo accounts."""
    admin_units_load()
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

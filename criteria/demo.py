"""Demo data of the criteria app: assessment histories, recognitions, XDCB debt, targets.

DEMO DATA, consistent with the plan and the published figures: 15 xã NTM at the
end of 2020; 21 xã NTM and 2 advanced (Quang Thuận, Kim Lư) at the end of 2021;
6 villages NTM by the end of 2021; then plausible progress until the province was
reorganised on 01/7/2025 (no data after 30/6/2025). Chợ Mới and Ba Bể are ahead
of their NTM targets, Bạch Thông, Chợ Đồn, Ngân Sơn behind; thành phố Bắc Kạn
completed NTM in 2023 (planned 2022), Bạch Thông had not by mid-2025 (planned 2025).

Communes the award rules and demo dossiers can use (see EXEMPLARY / EFFORT):
exemplary communes (≥ 4 criteria newly met since 2021 by 31/3/2023, Income among
them; ≥ 2 more by 30/6/2025 with Income and Poverty met) and ĐBKK "effort"
communes (≥ 3 by 31/3/2023 with Income; ≥ 2 more by 30/6/2025, Income and Poverty).

Deterministic and idempotent: each part is skipped when its table already has rows.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from communes.demo import DISTRICT_USERNAMES
from communes.models import Commune, CommuneKind, District, Village
from communes.selectors import communes_on
from communes.services import NEW_PROVINCE_CODE as NEW_PROVINCE_KEY
from emulation.models import PlanTarget, Role, User
from emulation.plans import plan_current

from .models import (
    Assessment,
    CapitalDebt,
    CommuneGroup,
    Criterion,
    DistrictRecognition,
    Indicator,
    Level,
    Recognition,
    VillageRecognition,
)
from .sets import criteria_on
from .signals import records_changed
from .targets import plan_targets_load, plan_targets_of

D = dt.date
BASELINE_REVIEW = D(2020, 12, 20)
LAST_DATA = D(2025, 6, 30)
MIDTERM_CUTOFF = D(2023, 3, 31)

# xã NTM before 2021 (15) and in 2021 (6): code -> decision date
NTM_BEFORE_2021 = {
    "01849": D(2019, 12, 20),  # Dương Quang (TP Bắc Kạn)
    "02017": D(2017, 12, 28),  # Quang Thuận (Bạch Thông)
    "01990": D(2019, 11, 15),  # Lục Bình
    "01975": D(2020, 12, 10),  # Vi Hương
    "02158": D(2018, 12, 25),  # Kim Lư (Na Rì)
    "02140": D(2020, 11, 20),  # Văn Lang
    "02053": D(2018, 12, 20),  # Ngọc Phái (Chợ Đồn)
    "02050": D(2019, 12, 16),  # Phương Viên
    "02041": D(2020, 12, 15),  # Bằng Phúc
    "02092": D(2016, 12, 28),  # Thanh Vận (Chợ Mới)
    "02098": D(2019, 12, 20),  # Hoà Mục
    "02089": D(2020, 12, 18),  # Tân Sơn
    "01894": D(2019, 12, 25),  # Phúc Lộc (Ba Bể)
    "01897": D(2020, 12, 22),  # Hà Hiệu
    "01939": D(2020, 12, 24),  # Thượng Ân (Ngân Sơn)
}
NTM_LATER = {
    # 2021
    "01984": D(2021, 12, 14),  # Đôn Phong
    "02044": D(2021, 12, 20),  # Yên Thịnh
    "02095": D(2021, 12, 10),  # Mai Lạp
    "01891": D(2021, 12, 22),  # Bành Trạch
    "02137": D(2021, 12, 28),  # Văn Vũ
    "02143": D(2021, 11, 30),  # Lương Thượng
    # 2022
    "01852": D(2022, 11, 25),  # Nông Thượng
    "01978": D(2022, 12, 8),  # Sĩ Bình
    "01981": D(2022, 12, 20),  # Vũ Muộn
    "02029": D(2022, 11, 18),  # Đồng Lạc
    "02026": D(2022, 12, 26),  # Nam Cường
    "02101": D(2022, 10, 20),  # Thanh Mai
    "02107": D(2022, 12, 12),  # Nông Hạ
    "02113": D(2022, 12, 27),  # Thanh Thịnh
    "01906": D(2022, 12, 15),  # Khang Ninh
    "02152": D(2022, 12, 23),  # Cường Lợi
    # 2023
    "01993": D(2023, 11, 28),  # Tân Tú
    "01999": D(2023, 12, 12),  # Nguyên Phúc
    "02002": D(2023, 12, 22),  # Cao Sơn
    "02023": D(2023, 12, 5),  # Xuân Lạc
    "02032": D(2023, 12, 19),  # Tân Lập
    "02104": D(2023, 11, 30),  # Cao Kỳ
    "01900": D(2023, 12, 14),  # Cao Thượng
    "01912": D(2023, 12, 26),  # Thượng Giáo
    "02161": D(2023, 12, 20),  # Sơn Thành
    # 2024
    "02005": D(2024, 12, 10),  # Quân Hà
    "02008": D(2024, 12, 24),  # Cẩm Giàng
    "02038": D(2024, 11, 29),  # Quảng Bạch
    "02047": D(2024, 12, 16),  # Yên Thượng
    "02035": D(2024, 12, 27),  # Bản Thi
    "02110": D(2024, 12, 6),  # Yên Cư
    "02116": D(2024, 12, 20),  # Yên Hân
    "01909": D(2024, 12, 18),  # Nam Mẫu
    "01942": D(2024, 12, 26),  # Bằng Vân
    "02146": D(2024, 12, 23),  # Kim Hỷ
    # 2025 (to 30/6, before the reorganisation)
    "02011": D(2025, 5, 20),  # Mỹ Thanh
    "02062": D(2025, 6, 12),  # Lương Bằng
    "01858": D(2025, 6, 10),  # Bằng Thành
}
ADVANCED = {
    "02017": D(2021, 12, 10),  # Quang Thuận
    "02158": D(2021, 12, 24),  # Kim Lư
    "01975": D(2022, 12, 15),  # Vi Hương
    "01990": D(2023, 12, 8),  # Lục Bình
    "02092": D(2023, 12, 15),  # Thanh Vận
    "02053": D(2023, 12, 21),  # Ngọc Phái
    "01849": D(2024, 12, 12),  # Dương Quang
    "02140": D(2024, 12, 19),  # Văn Lang
    "02098": D(2024, 12, 26),  # Hoà Mục
    "02050": D(2025, 6, 3),  # Phương Viên
    "01984": D(2025, 6, 17),  # Đôn Phong
}
MODEL = {
    "02017": D(2024, 12, 20),  # Quang Thuận
    "02158": D(2025, 6, 5),  # Kim Lư
}
DISTRICT_DONE = {"058": (D(2023, 8, 22), "1032/QĐ-TTg")}

# A criterion lost under the 2021–2025 standards, then regained.
LOST_REGAINED = {
    "02041": (11, D(2022, 6, 30), D(2023, 12, 15)),  # Bằng Phúc: multidimensional poverty
    "02089": (17, D(2022, 9, 30), D(2023, 10, 20)),  # Tân Sơn: environment
}
# Communes the award rules' demo uses (criteria 10 gained first, then the rest).
EXEMPLARY = ["02038", "02035", "02047", "02005"]  # Quảng Bạch, Bản Thi, Yên Thượng, Quân Hà
EFFORT = ["01864", "01915", "02173"]  # Bộc Bố, Địa Linh, Côn Minh (ĐBKK, off the roadmap)

# Demo split of the province's targets over the districts (sums equal the plan's figures).
NTM_SPLIT = {
    2022: {"058": 1, "063": 2, "064": 3, "065": 2, "061": 1},
    2023: {"063": 2, "064": 3, "065": 1, "061": 1, "062": 1, "066": 1},
    2024: {"063": 2, "064": 3, "065": 2, "061": 1, "062": 1, "066": 1},
    2025: {"063": 3, "064": 2, "065": 1, "061": 1, "062": 1, "066": 2, "060": 2},
}
ADVANCED_SPLIT = {
    2022: {"063": 1, "064": 1},
    2023: {"063": 1, "065": 1, "064": 1, "061": 1},
    2024: {"063": 1, "066": 1, "065": 1},
    2025: {"063": 2, "064": 1, "065": 1, "066": 1, "058": 1},
}
MODEL_SPLIT = {2024: {"063": 1}, 2025: {"063": 1, "064": 1, "065": 1, "066": 1, "058": 1}}
MEAN_OFFSET = {
    "058": Decimal("2.5"),
    "063": Decimal("1.5"),
    "064": Decimal("0.5"),
    "065": Decimal("0.5"),
    "061": Decimal("-0.5"),
    "066": Decimal("-0.5"),
    "062": Decimal("-1.5"),
    "060": Decimal("-2.5"),
}
# Villages reached per year against the district's share of the target.
VILLAGE_PACE = {
    "060": 0.75,
    "061": 1.15,
    "062": 0.8,
    "064": 1.2,
    "065": 1.05,
    "066": 0.9,
}
VILLAGES_2021 = {"061": 2, "064": 2, "065": 2}

# Harder criteria tend to be the missing ones.
HARD_FIRST = [13, 10, 17, 11, 2, 6, 7, 5, 12, 3, 14, 15, 9, 16, 8, 1, 4, 18, 19]


def _share(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder; deterministic)."""
    whole = sum(weights.values())
    if not whole:
        return {k: 0 for k in weights}
    raw = {k: total * w / whole for k, w in weights.items()}
    out = {k: int(v) for k, v in raw.items()}
    rest = total - sum(out.values())
    for k in sorted(raw, key=lambda k: (out[k] - raw[k], k))[:rest]:
        out[k] += 1
    return out


def _off_roadmap_villages() -> dict[str, list[Village]]:
    by_district: dict[str, list[Village]] = {}
    for v in (
        Village.objects.filter(commune__extremely_difficult=True, commune__on_roadmap=False)
        .select_related("commune")
        .order_by("commune_id", "name")
    ):
        if v.commune.district_id is not None:
            by_district.setdefault(v.commune.district_id, []).append(v)
    return by_district


def _seed_targets() -> int:
    plan = plan_current(LAST_DATA)  # Bắc Kạn's plan (today's may be the 2026–2030 one)
    created = plan_targets_load(plan=plan)
    villages = {d: len(vs) for d, vs in _off_roadmap_villages().items()}
    for year, (_, _, _, village_total, mean, _) in plan_targets_of(plan).items():
        village_split = _share(village_total, villages)
        for district in District.objects.order_by("code"):
            code = district.code
            _, was_created = PlanTarget.objects.get_or_create(
                plan=plan,
                year=year,
                district=district,
                defaults={
                    "ntm_communes_added": NTM_SPLIT.get(year, {}).get(code, 0),
                    "advanced_communes_added": ADVANCED_SPLIT.get(year, {}).get(code, 0),
                    "model_communes_added": MODEL_SPLIT.get(year, {}).get(code, 0),
                    "villages_added": village_split.get(code, 0),
                    "mean_criteria": min(Decimal(19), mean + MEAN_OFFSET.get(code, 0)),
                },
            )
            created += int(was_created)
    return created


def _spread(start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    if n <= 0:
        return []
    span = max((end - start).days, n)
    return [start + dt.timedelta(days=round(span * (i + 1) / (n + 1))) for i in range(n)]


def _plan_commune(commune: Commune, rng: random.Random) -> list[tuple[int, dt.date, bool, str]]:
    """(criterion, date, met, note) rows of one xã, baseline first."""
    code = commune.code
    order = list(HARD_FIRST)
    # a little variety in which criteria are the hard ones
    for i in range(0, len(order) - 1, 2):
        if rng.random() < 0.4:
            order[i], order[i + 1] = order[i + 1], order[i]
    baseline_note = "Rà soát cuối năm 2020 (mốc 01/01/2021)"
    if code in NTM_BEFORE_2021:
        rows = [(n, BASELINE_REVIEW, True, baseline_note) for n in range(1, 20)]
        if code in LOST_REGAINED:
            n, lost, regained = LOST_REGAINED[code]
            rows.append((n, lost, False, "Rà soát theo Bộ tiêu chí giai đoạn 2021–2025: chưa đạt"))
            rows.append((n, regained, True, "Thẩm định: đạt lại tiêu chí"))
        return rows
    reached = NTM_LATER.get(code)
    if reached:
        missing_count = {2021: 4, 2022: 6, 2023: 7, 2024: 8, 2025: 9}[reached.year]
        missing_count += int(commune.extremely_difficult) + rng.randint(-1, 1)
        missing = order[:missing_count]
    elif commune.on_roadmap:
        missing = order[: 9 + rng.randint(0, 1)]
    else:  # ĐBKK, off the roadmap
        missing = order[: 13 + rng.randint(0, 2)]
    if code in EXEMPLARY or code in EFFORT:
        for n in (10, 11):
            if n not in missing:
                missing = [n, *missing[:-1]]
    if reached:
        gains, end = list(missing), reached - dt.timedelta(days=20)
    elif commune.on_roadmap:
        gains, end = missing[: len(missing) - 2 - rng.randint(0, 1)], LAST_DATA
    else:
        gains, end = missing[len(missing) - 2 - rng.randint(0, 2) :], LAST_DATA
    if code in EFFORT:
        # three by the mid-term (Income among them), two more by 30/6/2025 (Poverty)
        tail = [n for n in missing if n not in (10, 11)]
        gains = [10, tail[-1], tail[-2], 11, tail[-3]]
    elif code in EXEMPLARY:
        others = [n for n in gains if n not in (10, 11)]
        gains = [10, *others[:3], 11, *others[3:]]
    rows = [(n, BASELINE_REVIEW, n not in missing, baseline_note) for n in range(1, 20)]
    if code in EFFORT:
        dates = [D(2021, 9, 15), D(2022, 6, 20), D(2022, 12, 10), D(2024, 6, 25), D(2024, 12, 5)]
    elif code in EXEMPLARY:
        early = _spread(D(2021, 4, 1), MIDTERM_CUTOFF, 4)
        dates = early + _spread(MIDTERM_CUTOFF, min(end, LAST_DATA), len(gains) - 4)
    else:
        dates = _spread(D(2021, 3, 15), end, len(gains))
    for n, day in zip(gains, dates, strict=True):
        rows.append((n, day, True, "Thẩm định: đạt tiêu chí"))
    return rows


def _seed_assessments() -> int:
    if Assessment.objects.exists():
        return 0
    users = {
        u.district_id: u
        for u in User.objects.filter(username__in=DISTRICT_USERNAMES.values(), role=Role.DISTRICT)
    }
    objs = []
    for commune in (
        # Bắc Kạn's units (those of a district: the demo's history ends on 30/6/2025)
        Commune.objects.filter(kind_periods__kind=CommuneKind.XA, district__isnull=False)
        .distinct()
        .order_by("code")
    ):
        rng = random.Random(f"ntm-{commune.code}")  # noqa: S311 - demo data, deterministic
        for number, day, met, note in _plan_commune(commune, rng):
            objs.append(
                Assessment(
                    commune=commune,
                    criterion_id=number,
                    assessed_on=day,
                    met=met,
                    note=note,
                    recorded_by=users.get(commune.district_id),
                )
            )
    Assessment.objects.bulk_create(objs, batch_size=2000)
    return len(objs)


def _seed_recognitions() -> int:
    if Recognition.objects.exists():
        return 0
    users = {
        u.district_id: u
        for u in User.objects.filter(username__in=DISTRICT_USERNAMES.values(), role=Role.DISTRICT)
    }
    district_of = dict(
        Commune.objects.filter(district__isnull=False).values_list("key", "district_id")
    )
    objs = []
    serial = 100
    for level, dates in (
        (Level.NTM, {**NTM_BEFORE_2021, **NTM_LATER}),
        (Level.ADVANCED, ADVANCED),
        (Level.MODEL, MODEL),
    ):
        for code, day in sorted(dates.items(), key=lambda item: item[1]):
            serial += 37
            objs.append(
                Recognition(
                    commune_id=code,
                    level=level,
                    decision_number=f"{serial % 2900 + 100}/QĐ-UBND",
                    decision_date=day,
                    issuing_body="UBND tỉnh Bắc Kạn",
                    recorded_by=users.get(district_of[code]),
                )
            )
    Recognition.objects.bulk_create(objs)
    for code, (day, number) in DISTRICT_DONE.items():
        DistrictRecognition.objects.get_or_create(
            district_id=code,
            defaults={
                "decision_number": number,
                "decision_date": day,
                "issuing_body": "Thủ tướng Chính phủ",
            },
        )
    return len(objs)


def _seed_villages() -> int:
    if VillageRecognition.objects.exists():
        return 0
    by_district = _off_roadmap_villages()
    districts = {d.code: d for d in District.objects.all()}
    objs = []
    serial = 0
    targets = {
        (t.year, t.district_id): t.villages_added
        for t in PlanTarget.objects.filter(district__isnull=False)
    }
    for code, villages in sorted(by_district.items()):
        queue = list(villages)
        rng = random.Random(f"thon-{code}")  # noqa: S311 - demo data, deterministic
        rng.shuffle(queue)
        plan = {2021: VILLAGES_2021.get(code, 0)}
        for year in (2022, 2023, 2024, 2025):
            pace = VILLAGE_PACE.get(code, 1.0) * (0.45 if year == 2025 else 1.0)
            plan[year] = round(targets.get((year, code), 0) * pace)
        for year, count in plan.items():
            last = LAST_DATA if year == 2025 else D(year, 12, 20)
            for day in _spread(D(year, 3, 1), last, count):
                if not queue:
                    break
                village = queue.pop()
                serial += 1
                objs.append(
                    VillageRecognition(
                        village=village,
                        decision_number=f"{serial + 200}/QĐ-UBND",
                        decision_date=day,
                        issuing_body=districts[code].people_committee,
                    )
                )
    VillageRecognition.objects.bulk_create(objs)
    return len(objs)


DEBT = {
    2023: {"02062", "01945"},
    2024: {"02062", "02170"},
    2025: {"02170", "02065"},
}
DISTRICT_DEBT = {2025: {"064"}}


def _seed_debt() -> int:
    if CapitalDebt.objects.exists():
        return 0
    xa = list(
        Commune.objects.filter(kind_periods__kind=CommuneKind.XA, district__isnull=False)
        .distinct()
        .values_list("key", flat=True)
    )
    objs = []
    for year in (2023, 2024, 2025):
        for code in xa:
            objs.append(CapitalDebt(commune_id=code, year=year, has_debt=code in DEBT[year]))
        for district in District.objects.values_list("code", flat=True):
            objs.append(
                CapitalDebt(
                    district_id=district,
                    year=year,
                    has_debt=district in DISTRICT_DEBT.get(year, set()),
                )
            )
    CapitalDebt.objects.bulk_create(objs)
    return len(objs)


# DỮ LIỆU MINH HOẠ: invented indicators for the 10 criteria of Quyết định 51/2025/QĐ-TTg
# (the real 47 indicators are not available here; an administrator enters them). Each
# is (criterion number, code, name, level for group 1, group 2, group 3).
DEMO_SET = "qd-51-2025"
DEMO_INDICATORS: list[tuple[int, str, str, str, str, str]] = [
    (1, "1.1", "Có quy hoạch chung xã được phê duyệt và công bố", "Đạt", "Đạt", "Đạt"),
    (2, "2.1", "Tỷ lệ đường xã được cứng hoá", "100%", "≥ 95%", "≥ 85%"),
    (2, "2.2", "Tỷ lệ hộ sử dụng điện an toàn từ các nguồn", "≥ 99%", "≥ 98%", "≥ 95%"),
    (3, "3.1", "Thu nhập bình quân đầu người (triệu đồng/người/năm)", "≥ 85", "≥ 75", "≥ 60"),
    (3, "3.2", "Có sản phẩm OCOP hoặc vùng nguyên liệu tập trung", "Đạt", "Đạt", "Đạt"),
    (4, "4.1", "Tỷ lệ lao động qua đào tạo", "≥ 80%", "≥ 75%", "≥ 65%"),
    (5, "5.1", "Tỷ lệ trường học đạt chuẩn cơ sở vật chất", "100%", "≥ 90%", "≥ 80%"),
    (5, "5.2", "Tỷ lệ người dân tham gia bảo hiểm y tế", "≥ 95%", "≥ 95%", "≥ 90%"),
    (6, "6.1", "Tỷ lệ hộ nghèo đa chiều", "≤ 1%", "≤ 2%", "≤ 5%"),
    (7, "7.1", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến", "≥ 90%", "≥ 80%", "≥ 70%"),
    (8, "8.1", "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý", "≥ 95%", "≥ 90%", "≥ 80%"),
    (9, "9.1", "Tổ chức chính trị - xã hội của xã đạt loại khá trở lên", "Đạt", "Đạt", "Đạt"),
    (10, "10.1", "Xã đạt chuẩn tiếp cận pháp luật", "Đạt", "Đạt", "Đạt"),
    (10, "10.2", "Đảm bảo an ninh, trật tự xã hội", "Đạt", "Đạt", "Đạt"),
]


def _seed_indicators() -> int:
    """The demo's invented indicators (is_demo), when the set has none yet."""
    criteria = {c.number: c for c in Criterion.objects.filter(criteria_set__code=DEMO_SET)}
    if not criteria or Indicator.objects.filter(criterion__criteria_set__code=DEMO_SET).exists():
        return 0
    Indicator.objects.bulk_create(
        Indicator(
            criterion=criteria[number],
            code=code,
            name=name,
            level_group1=g1,
            level_group2=g2,
            level_group3=g3,
            is_demo=True,
        )
        for number, code, name, g1, g2, g3 in DEMO_INDICATORS
        if number in criteria
    )
    return len(DEMO_INDICATORS)


@transaction.atomic
def seed(stdout=None) -> dict[str, int]:
    records_changed.send(sender=Assessment)  # bulk_create sends no model signals
    counts = {
        "targets": _seed_targets(),
        "assessments": _seed_assessments(),
        "recognitions": _seed_recognitions(),
        "villages": _seed_villages(),
        "debts": _seed_debt(),
        "indicators (minh hoạ)": _seed_indicators(),
    }
    if stdout is not None:
        stdout.write(
            "Tiêu chí (dữ liệu mẫu): "
            + ", ".join(f"{k} +{v}" for k, v in counts.items())
            + f". Xã tiêu biểu: {', '.join(EXEMPLARY)}; xã ĐBKK nỗ lực: {', '.join(EFFORT)}."
        )
    return counts


# --- 2026: the merged Thái Nguyên under Quyết định 51/2025/QĐ-TTg (DEMO DATA) -----------

SET_2026_FROM = D(2026, 2, 15)  # Quyết định 51/2025/QĐ-TTg in force
REVIEW_2026 = D(2026, 3, 20)  # the demo's first review under the 10 criteria
DEMO_NOTE_2026 = "Dữ liệu minh hoạ (bản chạy thử)"
GROUP_BASIS_2026 = "Dữ liệu minh hoạ: phân nhóm xã tự đặt cho bản chạy thử"
# units recognised NTM under the new set in 2026 (official codes of units of 1/7/2025)
RECOGNISED_2026 = {"01864": D(2026, 10, 28)}  # Xã Bằng Thành


def _units_2026() -> list[Commune]:
    """The merged Thái Nguyên's commune-level units on 15/2/2026 (all 92)."""
    return list(communes_on(SET_2026_FROM, province=NEW_PROVINCE_KEY).order_by("code"))


def _seed_groups_2026(units: list[Commune]) -> int:
    if CommuneGroup.objects.filter(valid_from=SET_2026_FROM).exists():
        return 0
    objs = []
    for unit in units:
        if unit.kind == CommuneKind.PHUONG:
            group = 1
        else:
            group = 3 if unit.extremely_difficult else 2
        objs.append(
            CommuneGroup(
                commune=unit,
                group=group,
                valid_from=SET_2026_FROM,
                legal_basis=GROUP_BASIS_2026,
                note=DEMO_NOTE_2026,
            )
        )
    CommuneGroup.objects.bulk_create(objs)
    return len(objs)


def _seed_assessments_2026(units: list[Commune]) -> int:
    _, criteria = criteria_on(SET_2026_FROM)
    if not criteria:
        return 0
    ids = [c.pk for c in criteria]
    if Assessment.objects.filter(criterion_id__in=ids).exists():
        return 0
    staff = {u.commune_id: u for u in User.objects.filter(role=Role.COMMUNE, is_demo=True)}
    objs = []
    for unit in units:
        rng = random.Random(f"ntm-2026-{unit.key}")  # noqa: S311 - demo data, deterministic
        recognised = RECOGNISED_2026.get(unit.code)
        missing = rng.sample(ids, 0 if recognised else rng.randint(2, 6))
        for cid in ids:
            objs.append(
                Assessment(
                    commune=unit,
                    criterion_id=cid,
                    assessed_on=REVIEW_2026,
                    met=cid not in missing,
                    note=f"{DEMO_NOTE_2026}: rà soát theo Bộ tiêu chí giai đoạn 2026 - 2030",
                    recorded_by=staff.get(unit.key),
                )
            )
        gains = missing[: rng.randint(0, len(missing))]
        for cid, day in zip(gains, _spread(REVIEW_2026, D(2026, 10, 31), len(gains)), strict=True):
            objs.append(
                Assessment(
                    commune=unit,
                    criterion_id=cid,
                    assessed_on=day,
                    met=True,
                    note=f"{DEMO_NOTE_2026}: thẩm định đạt tiêu chí",
                    recorded_by=staff.get(unit.key),
                )
            )
    Assessment.objects.bulk_create(objs, batch_size=2000)
    return len(objs)


def _seed_recognitions_2026(units: list[Commune]) -> int:
    created = 0
    by_code = {u.code: u for u in units}
    for serial, (code, day) in enumerate(sorted(RECOGNISED_2026.items()), start=1):
        unit = by_code.get(code)
        if unit is None:
            continue
        _, was_created = Recognition.objects.get_or_create(
            commune=unit,
            level=Level.NTM,
            defaults={
                "decision_number": f"{serial:02d}/QĐ-UBND (minh hoạ)",
                "decision_date": day,
                "issuing_body": "UBND tỉnh Thái Nguyên",
            },
        )
        created += int(was_created)
    return created


@transaction.atomic
def seed_2026(stdout=None) -> dict[str, int]:
    """The merged Thái Nguyên's 2026 (DEMO DATA; after the reorganisation and the demo plan
    2026–2030): commune groups from 15/2/2026 and assessments of the 10 criteria of
    Quyết định 51/2025/QĐ-TTg for its 92 units, one NTM recognition. Idempotent."""
    units = _units_2026()
    if not units:
        return {}
    records_changed.send(sender=Assessment)  # bulk_create sends no model signals
    counts = {
        "nhóm xã 2026": _seed_groups_2026(units),
        "đánh giá 2026": _seed_assessments_2026(units),
        "công nhận 2026": _seed_recognitions_2026(units),
    }
    if stdout is not None:
        stdout.write(
            "Tiêu chí 2026 (dữ liệu minh hoạ): " + ", ".join(f"{k} +{v}" for k, v in counts.items())
        )
    return counts

"""Server time and query counts of the key pages, measured in-process with the test Client.

Each page is requested ``repeat`` times after one warm-up, in rounds over all pages; the
figures are p50 and p95 of the wall time of ``Client.get`` (request + middleware + view +
template, no network), and the number of SQL queries of one more request. Each page is
compared with yardsticks measured in the same run: Django's admin changelist of the same
model and rows, and the trivial authenticated view (the floor; see
``devtools.bench_urls``).
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from devtools import scale
from dossiers.documents.models import RegisterCounter
from dossiers.models import Dossier
from emulation.models import Role

# The installation measured is the first synthetic province (``PROVINCE_CODE`` = "Z0"):
# its staff see its own units and dossiers while the whole country shares the database.
PROVINCE = scale.code(0, 2)
# Django's admin changelists of the same model and rows (the province's dossiers, the
# province's communes), on the benchmark's own read-only admin site
ADMIN_DOSSIERS = f"/bench-admin/dossiers/dossier/?province__exact={PROVINCE}"
ADMIN_QUEUE = ADMIN_DOSSIERS + "&first_submitted_at__isnull=False"
ADMIN_COMMUNES = f"/bench-admin/communes/commune/?district__province__exact={PROVINCE}"
ADMIN_DISTRICT_COMMUNES = "/bench-admin/communes/commune/?district__exact={district}"
# the province's register of outgoing documents, its latest year (the seed's decisions)
REGISTER_BODY = f"province:{PROVINCE}"
ADMIN_REGISTER = f"/bench-admin/documents/outgoingdocument/?body_key__exact={REGISTER_BODY}"
FLOOR = "/bench-floor/"


@dataclass
class PageResult:
    name: str
    url: str
    role: str
    yardstick: str | None
    p50: float
    p95: float
    queries: int
    status: int


def pages(
    dossier_id: int, commune_code: str, district_code: str, decided_id: int, register_year: int
) -> list[tuple]:
    """(name, role, url, yardstick url) of every measured page."""
    register = f"/van-ban/so-van-ban-di/?co-quan={REGISTER_BODY}&nam={register_year}"
    return [
        ("trang chủ — huyện", "district", "/", ADMIN_DOSSIERS),
        ("trang chủ — Ban TĐKT", "reviewer", "/", ADMIN_DOSSIERS),
        ("trang chủ — VP Điều phối", "appraiser", "/", ADMIN_DOSSIERS),
        ("trang chủ — quản trị", "admin", "/", ADMIN_DOSSIERS),
        ("hàng chờ Ban TĐKT", "reviewer", "/ho-so/", ADMIN_QUEUE),
        (
            "hàng chờ, lọc trạng thái+năm",
            "reviewer",
            "/ho-so/?status=submitted&year=2021",
            ADMIN_QUEUE + "&status__exact=submitted&year=2021",
        ),
        ("danh sách hồ sơ của huyện", "district", "/ho-so/", ADMIN_DOSSIERS),
        ("chi tiết hồ sơ", "reviewer", f"/ho-so/{dossier_id}/", ADMIN_DOSSIERS),
        ("trang xã", "reviewer", f"/don-vi/xa/{commune_code}/", ADMIN_COMMUNES),
        ("ma trận tiêu chí của huyện", "district", "/tieu-chi/", ADMIN_COMMUNES),
        (
            "ma trận, lọc huyện (Ban TĐKT)",
            "reviewer",
            f"/tieu-chi/?huyen={district_code}",
            ADMIN_DISTRICT_COMMUNES.format(district=district_code),
        ),
        ("bảng tiến độ", "reviewer", "/tien-do/", ADMIN_COMMUNES),
        (
            "ai đủ điều kiện (huyện)",
            "district",
            "/xet-khen/ai-du-dieu-kien/",
            ADMIN_COMMUNES,
        ),
        # the pages of issues 13–17
        ("đơn vị tại một ngày", "reviewer", "/don-vi/?ngay=01/01/2024", ADMIN_COMMUNES),
        ("kế hoạch thi đua", "admin", "/xet-khen/ke-hoach/", ADMIN_DOSSIERS),
        ("sổ văn bản đi", "reviewer", register, ADMIN_REGISTER),
        (
            "tra cứu khen thưởng",
            "reviewer",
            "/tra-cuu-khen-thuong/?q=nguyen",
            ADMIN_DOSSIERS,
        ),
        ("đề nghị cấp Nhà nước", "reviewer", "/ho-so/de-nghi-nha-nuoc/", ADMIN_DOSSIERS),
        ("người ký văn bản", "admin", "/van-ban/nguoi-ky/", ADMIN_DOSSIERS),
        ("chứng thư gốc tin cậy", "admin", "/van-ban/chung-thu-goc/", ADMIN_DOSSIERS),
        ("xuất bảng tiến độ (xlsx)", "reviewer", "/tien-do/tien-do.xlsx", ADMIN_COMMUNES),
        (
            "tải quyết định đã ký số",
            "reviewer",
            f"/van-ban/ho-so/{decided_id}/quyet-dinh-ky-so.pdf",
            ADMIN_DOSSIERS,
        ),
        ("admin: hồ sơ của tỉnh", "superuser", ADMIN_DOSSIERS, None),
        ("admin: sổ văn bản đi", "superuser", ADMIN_REGISTER, None),
        ("admin: hồ sơ đã nộp", "superuser", ADMIN_QUEUE, None),
        ("admin: xã của tỉnh", "superuser", ADMIN_COMMUNES, None),
        (
            "admin: hồ sơ đã nộp, lọc",
            "superuser",
            ADMIN_QUEUE + "&status__exact=submitted&year=2021",
            None,
        ),
        (
            "admin: xã, lọc huyện",
            "superuser",
            ADMIN_DISTRICT_COMMUNES.format(district=district_code),
            None,
        ),
        ("nền: trang đăng nhập tối thiểu", "reviewer", FLOOR, None),
    ]


def _users() -> dict:
    User = get_user_model()
    users: dict[str, Any] = {  # role -> user
        role: User.objects.get(username=name) for name, role in scale.SCALE_USERS.items()
    }
    su, _ = User.objects.get_or_create(
        username="scale_superuser",
        defaults={"is_staff": True, "is_superuser": True, "role": Role.ADMIN},
    )
    users["superuser"] = su
    return users


def _time(client: Client, url: str) -> float:
    start = time.perf_counter()
    client.get(url)
    return time.perf_counter() - start


def _queries_and_status(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx.captured_queries), response.status_code


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class _Target:
    """One database's pages, logged-in clients and the times measured so far."""

    measured: list[tuple]
    clients: dict[str, Client]
    times: list[list[float]]


def _prepare() -> _Target:
    users = _users()
    district = users["district"].district_id
    dossier = (
        Dossier.objects.filter(district_id=district, status="received").order_by("id").first()
        or Dossier.objects.filter(district_id=district).order_by("id").first()
    )
    clients = {}
    for role, user in users.items():
        c = Client()
        c.force_login(user)
        clients[role] = c
    assert dossier is not None, "no dossier in the district: seed the data first"
    # a decided dossier of the province: its decision is signed at the warm-up's download
    decided = Dossier.objects.filter(province_id=PROVINCE, status="decided").order_by("id").first()
    assert decided is not None, "no decided dossier in the province: seed the data first"
    year = (
        RegisterCounter.objects.filter(body_key=REGISTER_BODY)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    measured = pages(dossier.pk, scale.code(0, 5), district, decided.pk, year or 2025)
    for _, role, url, _ in measured:  # warm-up
        clients[role].get(url)
    return _Target(measured, clients, [[] for _ in measured])


def _round(target: _Target) -> None:
    for i, (_, role, url, _) in enumerate(target.measured):
        target.times[i].append(_time(target.clients[role], url))


def _results(target: _Target) -> list[PageResult]:
    results = []
    for (name, role, url, yardstick), page_times in zip(target.measured, target.times, strict=True):
        queries, status = _queries_and_status(target.clients[role], url)
        results.append(
            PageResult(
                name=name,
                url=url,
                role=role,
                yardstick=yardstick,
                p50=statistics.median(page_times),
                p95=p(page_times, 0.95),
                queries=queries,
                status=status,
            )
        )
    return results


def _bench_settings():
    storages = {
        **settings.STORAGES,
        # no collectstatic needed to run the benchmark; the manifest lookup it skips is a
        # dictionary access per {% static %}
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return override_settings(
        ROOT_URLCONF="devtools.bench_urls",
        DEBUG=False,
        STORAGES=storages,
        PROVINCE_CODE=PROVINCE,
    )


def run(repeat: int = 20) -> list[PageResult]:
    """The pages of the configured database, ``repeat`` rounds over all of them.

    Rounds over every page, not one page at a time: a burst of load on the machine then
    falls on all pages alike, so the ratios between them stay fair."""
    with _bench_settings():
        target = _prepare()
        for _ in range(repeat):
            _round(target)
        return _results(target)


def run_interleaved(
    repeat: int, databases: list[str], use: Callable[[str], None]
) -> dict[str, list[PageResult]]:
    """The pages of several databases (``use(name)`` switches to one), their rounds
    alternating, so that the machine's load weighs on each database's figures alike and
    the national/small ratios measure the data, not the moment."""
    with _bench_settings():
        targets = {}
        for name in databases:
            use(name)
            targets[name] = _prepare()
        for _ in range(repeat):
            for name in databases:
                use(name)
                _round(targets[name])
        out = {}
        for name in databases:
            use(name)
            out[name] = _results(targets[name])
        return out


def to_json(results: list[PageResult]) -> list[dict]:
    """The figures a later run compares itself with (``bench --baseline``)."""
    return [dataclasses.asdict(r) for r in results]


def table(results: list[PageResult], baseline: list[dict] | None = None) -> str:
    """The table of pages; with a ``baseline`` (the small-scale run's JSON), the ratio of
    each p95 to the baseline's and whether the query count changed, then the verdict of
    the issue's targets: p95 ≤ 2 × small, ≤ 1,5 × admin, same number of queries."""
    by_url = {r.url: r for r in results}
    floor = by_url[FLOOR]
    before = {row["name"]: row for row in baseline or []}
    head = (
        f"{'trang':<32} {'vai trò':<10} {'mã':>3} {'p50 ms':>8} {'p95 ms':>8} {'truy vấn':>8} "
        f"{'÷admin':>7} {'÷nền':>6}"
    )
    lines = [head + (f" {'÷nhỏ':>6} {'tv nhỏ':>6}" if baseline else "")]
    misses = []
    for r in results:
        ref = by_url.get(r.yardstick) if r.yardstick else None
        ratio_admin = f"{r.p95 / ref.p95:7.2f}" if ref else f"{'':>7}"
        line = (
            f"{r.name:<32} {r.role:<10} {r.status:>3} {r.p50 * 1000:8.1f} {r.p95 * 1000:8.1f} "
            f"{r.queries:>8} {ratio_admin} {r.p95 / floor.p95:6.2f}"
        )
        old = before.get(r.name)
        if old:
            line += f" {r.p95 / old['p95']:6.2f} {old['queries']:>6}"
        lines.append(line)
        if r.yardstick is None:
            continue  # a yardstick itself
        if ref and r.p95 > 1.5 * ref.p95:
            misses.append(f"{r.name}: p95 {r.p95 / ref.p95:.2f} × admin (> 1,5)")
        if old and r.p95 > 2 * old["p95"]:
            misses.append(f"{r.name}: p95 {r.p95 / old['p95']:.2f} × quy mô nhỏ (> 2)")
        if old and r.queries != old["queries"]:
            misses.append(f"{r.name}: {old['queries']} → {r.queries} truy vấn")
        if r.status != 200:
            misses.append(f"{r.name}: mã {r.status}")
    if baseline is not None:
        lines.append("")
        if misses:
            lines.append("CHƯA ĐẠT:")
            lines.extend(f"  - {m}" for m in misses)
        else:
            lines.append(
                "ĐẠT: mọi trang p95 ≤ 2 × quy mô nhỏ, ≤ 1,5 × admin cùng dòng, "
                "số truy vấn không đổi."
            )
    return "\n".join(lines)

"""seed_scale at a tiny size, and every key page's query count at two data sizes."""

import pytest
from django.core.management import call_command

from communes.models import Commune, CommuneKindPeriod, District, Province, Village
from criteria.models import Assessment
from devtools import bench_pages, scale
from dossiers.models import Dossier, Nominee

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=False)]


def test_code_is_prefixed_and_never_numeric():
    assert scale.code(0, 2) == "Z0"
    assert scale.code(35, 3) == "Z0Z"
    assert scale.code(36, 3) == "Z10"
    with pytest.raises(ValueError):
        scale.code(36, 2)


def test_seed_scale_tiny(capsys):
    real = set(Commune.objects.values_list("code", flat=True))
    call_command(
        "seed_scale",
        "--communes=30",
        "--villages=70",
        "--years=3",
        "--dossiers=17",
        "--nominees=90",
    )
    synthetic = Commune.objects.filter(code__startswith="Z")
    assert synthetic.count() == 30
    assert set(Commune.objects.exclude(code__startswith="Z").values_list("code", flat=True)) == (
        real
    )
    assert not Province.objects.filter(code="06", name__contains="Thử nghiệm").exists()
    assert District.objects.filter(code__startswith="Z").count() == 3  # 14 communes each
    assert District.objects.get(code="Z00").people_committee == "UBND huyện Thử nghiệm 1"
    # every synthetic commune is a xã on any date, as the matrix and dashboard read it
    assert CommuneKindPeriod.objects.filter(commune__code__startswith="Z", kind="xa").count() == 30
    assert Village.objects.filter(commune__code__startswith="Z").count() == 70
    assert Assessment.objects.filter(commune__code__startswith="Z").count() == 30 * 19 * 3
    dossiers = Dossier.objects.filter(district__code__startswith="Z")
    assert dossiers.count() == 17
    assert set(dossiers.values_list("status", flat=True)) == set(scale.STATUSES)
    assert not dossiers.exclude(status="draft").filter(first_submitted_at=None).exists()
    nominees = Nominee.objects.filter(dossier__in=dossiers)
    assert nominees.count() == 90
    assert not nominees.filter(dossier__status="draft").exclude(verdict_eligible=None).exists()
    assert set(nominees.values_list("kind", flat=True)) == {"commune", "individual", "enterprise"}
    # rerunning replaces, it does not add
    call_command(
        "seed_scale", "--communes=10", "--villages=10", "--years=1", "--dossiers=8", "--nominees=8"
    )
    assert Commune.objects.filter(code__startswith="Z").count() == 10
    assert Nominee.objects.filter(dossier__district__code__startswith="Z").count() == 8
    call_command("seed_scale", "--clear")
    assert not Commune.objects.filter(code__startswith="Z").exists()
    assert "Đã xoá" in capsys.readouterr().out


def _counts() -> dict[str, tuple[int, int]]:
    return {r.name: (r.queries, r.status) for r in bench_pages.run(repeat=1)}


def test_key_pages_query_counts_do_not_grow_with_data(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # three nominees per dossier at the small size: a commune, a person and an enterprise,
    # as in every dossier of the large size. A dossier's page asks once per kind of
    # nominee it holds (e.g. the enterprises' awards this year); the same kinds on both
    # sides make the comparison one of rows, not of kinds.
    scale.seed(
        scale.Counts(communes=15, villages=20, years=2, dossiers=16, nominees=48),
        log=lambda *a: None,
    )
    small = _counts()
    scale.seed(
        scale.Counts(communes=60, villages=200, years=5, dossiers=120, nominees=900),
        log=lambda *a: None,
    )
    large = _counts()
    assert all(status == 200 for _, status in small.values()), small
    assert large == small


def _result(name, p95, queries=5, yardstick="/admin/", url=None):
    return bench_pages.PageResult(
        name=name,
        url=url or f"/{name}/",
        role="reviewer",
        yardstick=yardstick,
        p50=p95 / 2,
        p95=p95,
        queries=queries,
        status=200,
    )


def test_bench_table_judges_the_targets_against_the_baseline():
    floor = _result("floor", 0.002, yardstick=None, url=bench_pages.FLOOR)
    admin = _result("admin", 0.100, yardstick=None, url="/admin/")
    small = [_result("queue", 0.040), _result("matrix", 0.020), admin, floor]
    baseline = bench_pages.to_json(small)
    # same figures: every target met
    assert "ĐẠT:" in bench_pages.table(small, baseline)
    # twice as slow and more than 1,5 × admin, one more query: each miss is named
    worse = [_result("queue", 0.170, queries=6), _result("matrix", 0.030), admin, floor]
    text = bench_pages.table(worse, baseline)
    assert "CHƯA ĐẠT:" in text
    assert "queue: p95 4.25 × quy mô nhỏ (> 2)" in text
    assert "queue: p95 1.70 × admin (> 1,5)" in text
    assert "queue: 5 → 6 truy vấn" in text
    assert "matrix" not in text.split("CHƯA ĐẠT:")[1]
    # without a baseline there is no verdict
    assert "ĐẠT" not in bench_pages.table(small)


def test_bench_command_writes_and_reads_its_baseline(tmp_path, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    scale.seed(
        scale.Counts(communes=15, villages=20, years=2, dossiers=16, nominees=32),
        log=lambda *a: None,
    )
    out = tmp_path / "small.json"
    call_command("bench", "--repeat=1", "--no-pdf", "--no-rules", f"--json={out}", stdout=None)
    rows = __import__("json").loads(out.read_text(encoding="utf-8"))
    assert {"trang xã", "hàng chờ Ban TĐKT"} <= {row["name"] for row in rows}
    from io import StringIO

    buf = StringIO()
    call_command("bench", "--repeat=1", "--no-pdf", "--no-rules", f"--baseline={out}", stdout=buf)
    assert "÷nhỏ" in buf.getvalue()
    assert "ĐẠT" in buf.getvalue()


def test_interleaved_rounds_measure_each_database(settings):
    """bench --small-db alternates rounds between two databases; here both are the test
    database (the switch is recorded, not made), which shows the rounds alternate."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    scale.seed(
        scale.Counts(communes=15, villages=20, years=2, dossiers=16, nominees=32),
        log=lambda *a: None,
    )
    switched: list[str] = []
    by_db = bench_pages.run_interleaved(2, ["small", "national"], switched.append)
    assert switched == ["small", "national", "small", "national", "small", "national"] + [
        "small",
        "national",
    ]
    assert set(by_db) == {"small", "national"}
    for results in by_db.values():
        assert all(r.status == 200 for r in results)
    assert [r.queries for r in by_db["small"]] == [r.queries for r in by_db["national"]]


def test_measured_pages_show_the_synthetic_rows(client, settings):
    """The benchmark measures pages with rows in them, not empty ones."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PROVINCE_CODE = bench_pages.PROVINCE
    scale.seed(
        scale.Counts(communes=15, villages=20, years=2, dossiers=16, nominees=32),
        log=lambda *a: None,
    )
    from emulation.models import User

    client.force_login(User.objects.get(username="scale_district"))
    assert "Z0000" in client.get("/tieu-chi/").content.decode()  # the district's matrix
    assert "HS20" in client.get("/ho-so/").content.decode()  # its dossiers
    client.force_login(User.objects.get(username="scale_reviewer"))
    assert "Z0001" in client.get("/tieu-chi/?huyen=Z00").content.decode()
    overview = client.get("/tien-do/").context["overview"]
    assert overview.province.row(2021).xa_count == 15  # the dashboard counts them
    commune = client.get("/don-vi/xa/Z0000/").content.decode()
    assert "Lịch sử đánh giá" in commune and "Chưa có đánh giá nào" not in commune


def test_the_documents_pages_list_synthetic_rows(client, settings):
    """The register, the signatories, the trusted roots, the state-level proposals and
    the signed decision the benchmark measures have rows of the first province."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PROVINCE_CODE = bench_pages.PROVINCE
    scale.seed(
        scale.Counts(communes=15, villages=20, years=2, dossiers=40, nominees=80),
        log=lambda *a: None,
    )
    from dossiers.documents.models import OutgoingDocument, SignedDocument
    from emulation.models import User

    decided = Dossier.objects.filter(province_id="Z0", status="decided").count()
    assert OutgoingDocument.objects.filter(body_key="province:Z0").count() == decided > 0
    client.force_login(User.objects.get(username="scale_reviewer"))
    year = OutgoingDocument.objects.filter(body_key="province:Z0").latest("year").year
    register = client.get(f"/van-ban/so-van-ban-di/?co-quan=province:Z0&nam={year}")
    assert "01/QĐ-UBND" in register.content.decode()
    assert SignedDocument.objects.filter(dossier__province_id="Z0").count() == 1
    signed = SignedDocument.objects.get(dossier__province_id="Z0")
    download = client.get(f"/van-ban/ho-so/{signed.dossier_id}/quyet-dinh-ky-so.pdf")
    assert download.status_code == 200 and b"".join(download) == bytes(signed.pdf)
    client.force_login(User.objects.get(username="scale_admin"))
    assert "Trần Thị Thay" in client.get("/van-ban/nguoi-ky/").content.decode()
    roots = client.get("/van-ban/chung-thu-goc/").content.decode()
    assert "thử nghiệm" in roots
    scale.clear()
    assert not OutgoingDocument.objects.filter(body_key__startswith="province:Z").exists()

"""Issue 13, part 2: the progress pages read the plan and the units of the year viewed.

2024 is Bắc Kạn's plan 2021–2025 over its 8 districts and 108 communes; 2026 is the merged
Thái Nguyên's plan 2026–2030 over its commune-level units, with no district level."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from communes.models import Commune, District, Province
from criteria.models import Criterion
from emulation.demo import seed_plan_2026
from progress.figures import gather_facts, plan_of_year, plan_province, progress_overview
from progress.report import district_report
from tests.dossiers.support import assess
from tests.factories import RecognitionFactory
from tests.pdfcheck import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date
TODAY = D(2026, 11, 20)
MERGED_UNITS = 92  # thai-nguyen-2025-units.csv


@pytest.fixture
def two_plans(reorganised):
    """Both plans stored: Bắc Kạn's 2021–2025 (migrations) and the merged province's demo."""
    plan = seed_plan_2026()
    assert plan is not None and plan.province_id == "19"
    return plan


@pytest.fixture
def new_commune(two_plans) -> Commune:
    """A unit of the merged province with a recognition and assessments in 2026."""
    commune = Commune.objects.get(code="01864", valid_from=D(2025, 7, 1))  # Xã Bằng Thành
    RecognitionFactory(commune=commune, level="ntm", decision_date=D(2026, 5, 4))
    criteria = Criterion.objects.filter(criteria_set__code="qd-51-2025").order_by("number")
    assess(commune, list(criteria.values_list("pk", flat=True))[:7], D(2026, 3, 20))
    return commune


def test_the_facts_of_a_year_are_its_plans_units(two_plans):
    assert plan_of_year(2024).code != two_plans.code
    assert plan_of_year(2026) == two_plans
    old = gather_facts(today=TODAY, plan=plan_of_year(2024))
    assert len(old.districts) == 8 and len(old.communes) == 108
    assert old.years == (2021, 2022, 2023, 2024, 2025)
    # Bắc Kạn's units end on 30/6/2025: its 2025 standing is read on that day
    assert old.day_of(2025) == D(2025, 6, 30) and len(old.xa_on(old.day_of(2025))) == 95
    new = gather_facts(today=TODAY, plan=two_plans)
    assert new.districts == [] and len(new.communes) == MERGED_UNITS
    assert all(district is None for district, _, _ in new.communes.values())
    assert new.years == (2026, 2027, 2028, 2029, 2030)
    assert len(new.xa_on(D(2026, 6, 1))) == len(
        [c for c in Commune.objects.filter(province_id="19") if c.kind == "xa"]
    )


def test_the_same_role_sees_8_districts_in_2024_and_no_district_in_2026(
    two_plans, new_commune, login, users, django_assert_max_num_queries
):
    client = login(users["reviewer"])
    url = reverse("progress:dashboard")
    with django_assert_max_num_queries(30):
        old = client.get(url, {"nam": "2024"})
    assert old.status_code == 200
    assert [d.code for d in old.context["districts"]] == sorted(
        District.objects.filter(province_id="06").values_list("code", flat=True)
    )
    assert len(old.context["districts"]) == 8 and len(old.context["summary"]) == 8
    body = old.content.decode()
    assert "Kế hoạch 2021–2025" in body and "Huyện Bạch Thông" in body
    assert "từng năm 2022–2025" in body and "Cuối năm 2020:" in body
    with django_assert_max_num_queries(30):
        new = client.get(url, {"nam": "2026"})
    assert new.status_code == 200
    assert new.context["districts"] == [] and new.context["summary"] == []
    overview = new.context["overview"]
    assert overview.plan == two_plans and overview.districts == []
    row = new.context["progress"].row(2026)
    assert row.target["ntm"] == 4 and row.actual["ntm"] == 1  # Xã Bằng Thành, 4/5/2026
    assert row.mean_target == 7 and row.xa_count > 30 and row.mean_actual == 7 / row.xa_count
    body = new.content.decode()
    assert "Kế hoạch 2026–2030" in body and "Huyện Bạch Thông" not in body
    assert "cuối năm 2026 cộng chỉ tiêu tăng thêm từng năm 2027–2030" in body
    assert "Cuối năm 2025:" in body and "Cuối năm 2020" not in body
    # a district asked for under a plan without districts: 404, not another plan's district
    assert client.get(url, {"nam": "2026", "huyen": "063"}).status_code == 404
    # today's default is today's plan; the cached figures are those of the year asked
    assert client.get(url).context["overview"].plan == two_plans
    assert progress_overview(today=TODAY, year=2024).province.years[0].year == 2021


def test_the_report_of_2026_is_a_commune_level_units(
    two_plans, new_commune, login, users, django_assert_max_num_queries
):
    client = login(users["reviewer"])
    url = reverse("progress:report")
    old = client.get(url, {"nam": "2024", "huyen": "063"})
    assert old.status_code == 200 and old.context["report"].district.code == "063"
    assert len(old.context["districts"]) == 8 and list(old.context["communes"]) == []
    with django_assert_max_num_queries(40):
        new = client.get(url, {"nam": "2026", "xa": new_commune.key})
    assert new.status_code == 200
    report = new.context["report"]
    assert report.is_commune and report.district == new_commune
    assert len(new.context["communes"]) == MERGED_UNITS and new.context["districts"] == []
    ntm = next(line for line in report.lines if line.key == "ntm")
    assert (ntm.year_actual, ntm.year_target) == (1, None)  # a commune has no target
    assert [r.commune for r in report.recognitions] == ["Xã Bằng Thành"]
    assert report.plan.period == "2026 - 2030"
    body = new.content.decode()
    assert "UBND xã Bằng Thành" in body and f"xa={new_commune.key}" in body
    # a commune's report says so in its title; the district's of 2024 keeps its own
    assert "<title>Báo cáo của xã" in body and "Báo cáo của huyện" not in body
    assert "<title>Báo cáo của huyện" in old.content.decode()
    # a commune of the old Bắc Kạn is not a unit of 2026
    assert client.get(url, {"nam": "2026", "xa": "01864"}).status_code == 404
    xlsx = client.get(reverse("progress:report_xlsx"), {"nam": "2026", "xa": new_commune.key})
    assert xlsx["Content-Disposition"].endswith('bao-cao-ntm-01864-2026.xlsx"')
    pdf = client.get(reverse("district_report_pdf"), {"nam": "2026", "xa": new_commune.key})
    text = pdf_text(pdf.content)
    assert "BẰNG THÀNH" in text.upper() and "THÁI NGUYÊN" in text.upper()


def test_a_district_of_the_old_province_reads_its_own_years(two_plans, login, users):
    client = login(users["district_a"])
    response = client.get(reverse("progress:dashboard"), {"nam": "2026"})
    assert response.status_code == 200
    assert response.context["year"] == 2025 and max(response.context["years"]) == 2025
    assert response.context["progress"].district.code == "063"
    report = client.get(reverse("progress:report"), {"nam": "2026"})
    assert report.status_code == 200 and report.context["report"].year == 2025
    direct = district_report(District.objects.get(code="063"), 2024, today=TODAY)
    assert direct.xa_count > 0


def test_an_administrator_sets_the_targets_of_the_plan_of_the_year(two_plans, login, users):
    client = login(users["admin"])
    page = client.get(reverse("progress:targets"), {"nam": "2026"})
    assert page.status_code == 200 and page.context["plan"] == two_plans
    assert list(page.context["districts"]) == [] and page.context["years"][0] == 2026
    assert [t.ntm_communes_added for _, rows in page.context["by_year"] for t in rows] == [4]
    old = client.get(reverse("progress:targets"), {"nam": "2024"})
    assert old.context["plan"] != two_plans and len(old.context["districts"]) == 8
    url = reverse("progress:target_edit", args=[2027, "tinh"])
    # no district-level unit to tick as "completed" under the two-level government
    assert "districts_completed" not in client.get(url).context["form"].fields
    old_form = client.get(reverse("progress:target_edit", args=[2024, "tinh"])).context["form"]
    assert old_form.fields["districts_completed"].queryset.count() == 8
    data = {
        "ntm_communes_added": "5",
        "advanced_communes_added": "2",
        "model_communes_added": "1",
        "villages_added": "30",
        "mean_criteria": "8",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("?nam=2027")
    assert two_plans.targets.get(year=2027, district=None).ntm_communes_added == 5
    # no district under the merged province's plan
    assert client.get(reverse("progress:target_edit", args=[2027, "063"])).status_code == 404


def test_a_province_without_a_plan_of_its_own_counts_its_own_units(settings):
    """The benchmark's synthetic installation (Z0) reads Bắc Kạn's plan over its own units."""
    province = Province.objects.create(key="Z9", code="Z9", name="Thử Nghiệm")
    District.objects.create(code="Z90", name="Thử Nghiệm", kind="huyen", province=province)
    settings.PROVINCE_CODE = "Z9"
    plan = plan_of_year(2024)
    assert plan is not None and plan.province_id == "06"
    assert plan_province(plan) == "Z9"
    facts = gather_facts(today=TODAY, plan=plan)
    assert [d.code for d in facts.districts] == ["Z90"] and facts.communes == {}


def test_commune_staff_read_their_own_units_report_of_the_two_level_plan(
    two_plans, new_commune, client, django_assert_max_num_queries
):
    """Plan V.2 from 1/7/2025: a commune-level unit reports; its staff read their own
    unit's report (never another's, never a district's year), in every format."""
    from emulation.models import Role
    from tests.conftest import make_user

    staff = make_user("xa_bang_thanh", Role.COMMUNE, commune=new_commune)
    client.force_login(staff)
    url = reverse("progress:report")
    other = Commune.objects.filter(province_id="19", valid_to__isnull=True).exclude(
        pk=new_commune.pk
    )[0]
    with django_assert_max_num_queries(40):
        response = client.get(url, {"nam": "2024", "xa": other.key})
    assert response.status_code == 200
    report = response.context["report"]
    # its own unit, of a year of the two-level plan (2024 is a district's year)
    assert report.district == new_commune and report.year == 2026
    assert response.context["years"] == [2026] and response.context["communes"] == []
    assert "<title>Báo cáo của xã" in response.content.decode()
    for name in ("progress:report_xlsx", "district_report_pdf", "district_report"):
        assert client.get(reverse(name), {"nam": "2026"}).status_code == 200
    dashboard = client.get(reverse("progress:dashboard")).content.decode()
    assert "Báo cáo định kỳ (mục V.2)" in dashboard


def test_commune_staff_without_a_two_level_plan_are_refused(client, reorganised):
    from emulation.models import Role
    from tests.conftest import make_user

    unit = Commune.objects.get(code="01864", valid_from=D(2025, 7, 1))
    client.force_login(make_user("xa_bang_thanh", Role.COMMUNE, commune=unit))
    assert client.get(reverse("progress:report")).status_code == 403
    assert (
        "Báo cáo định kỳ (mục V.2)"
        not in client.get(reverse("progress:dashboard")).content.decode()
    )


def test_the_matrix_counts_newly_met_from_the_plan_of_the_date(
    two_plans, new_commune, login, users
):
    """Under the 2026–2030 plan (baseline 31/03/2026, inside the 2026 set) the matrix
    and the commune page tell "newly met" from that baseline, as the verdicts do; under
    Kế hoạch 305, from 01/01/2021."""
    criteria = list(
        Criterion.objects.filter(criteria_set__code="qd-51-2025")
        .order_by("number")
        .values_list("pk", flat=True)
    )
    assess(new_commune, [criteria[7]], D(2026, 5, 4))  # criterion 8, after the baseline
    client = login(users["reviewer"])
    page = client.get(reverse("criteria:matrix"), {"ngay": "01/06/2026", "q": "Bằng Thành"})
    assert page.context["since_baseline"] is True and page.context["baseline"] == D(2026, 3, 31)
    row = next(r for r in page.context["rows"] if r.commune == new_commune)
    # criteria 1–7 met on 20/03/2026 (before the baseline), 8 newly
    assert row.cells[:8] == ["met"] * 7 + ["new"] and row.newly == 1
    html = page.content.decode()
    assert "đạt mới từ 31/03/2026" in html and "01/01/2021" not in html
    detail = client.get(
        reverse("communes:detail", args=[new_commune.pk]), {"ngay": "01/06/2026"}
    ).content.decode()
    assert "Đạt mới từ 31/03/2026" in detail and "Ngày 31/03/2026" in detail
    old = client.get(reverse("criteria:matrix"), {"ngay": "01/06/2024"})
    assert old.context["baseline"] == D(2021, 1, 1)

"""Plan targets, the dashboard's figures against hand-computed values, the district report."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from communes.models import Commune, District
from criteria.models import Assessment, Recognition, VillageRecognition
from emulation.models import PlanTarget
from progress.figures import gather_facts, progress_of, progress_overview
from progress.report import district_report
from progress.workbook import district_report_xlsx
from tests.factories import (
    AssessmentFactory,
    DistrictRecognitionFactory,
    PlanTargetFactory,
    RecognitionFactory,
    VillageFactory,
    VillageRecognitionFactory,
    bulk,
)
from tests.pdfcheck import pdf_text
from tests.synthetic import synthetic_district

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date
TODAY = D(2026, 1, 10)
ROLES = ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]


def test_load_plan_targets_is_idempotent_and_keeps_admin_edits():
    call_command("load_plan_targets")
    call_command("load_plan_targets")
    rows = {t.year: t for t in PlanTarget.objects.filter(district__isnull=True)}
    assert sorted(rows) == [2022, 2023, 2024, 2025]
    assert [rows[y].ntm_communes_added for y in sorted(rows)] == [9, 9, 10, 12]
    assert [rows[y].advanced_communes_added for y in sorted(rows)] == [2, 4, 3, 6]
    assert [rows[y].model_communes_added for y in sorted(rows)] == [0, 0, 1, 5]
    assert [rows[y].villages_added for y in sorted(rows)] == [60, 59, 60, 59]
    assert [rows[y].mean_criteria for y in sorted(rows)] == [
        Decimal("13.5"),
        Decimal("14.0"),
        Decimal("14.5"),
        Decimal("15.0"),
    ]
    assert [d.code for d in rows[2022].districts_completed.all()] == ["058"]
    assert [d.code for d in rows[2025].districts_completed.all()] == ["063"]
    PlanTarget.objects.filter(year=2023, district__isnull=True).update(ntm_communes_added=11)
    call_command("load_plan_targets")
    assert PlanTarget.objects.get(year=2023, district__isnull=True).ntm_communes_added == 11
    call_command("load_plan_targets", "--reset")
    assert PlanTarget.objects.get(year=2023, district__isnull=True).ntm_communes_added == 9


def test_only_admins_edit_targets(login, users):
    call_command("load_plan_targets")
    url = reverse("progress:target_edit", args=[2023, "tinh"])
    for role in ["district_a", "agency", "reviewer", "appraiser"]:
        response = login(users[role]).post(url, {"ntm_communes_added": "1"})
        assert response.status_code == 403
    client = login(users["admin"])
    data = {
        "ntm_communes_added": "10",
        "advanced_communes_added": "4",
        "model_communes_added": "0",
        "villages_added": "59",
        "mean_criteria": "25",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and 'value="25"' in response.content.decode()
    assert "từ 0 đến 19" in response.content.decode()
    response = client.post(url, {**data, "mean_criteria": "14,2", "districts_completed": ["061"]})
    assert response.status_code == 302
    row = PlanTarget.objects.get(year=2023, district__isnull=True)
    assert row.ntm_communes_added == 10 and row.mean_criteria == Decimal("14.2")
    assert row.updated_by == users["admin"]
    assert [d.code for d in row.districts_completed.all()] == ["061"]
    # a district row is created on first save, without district completions
    response = client.post(
        reverse("progress:target_edit", args=[2024, "063"]), data | {"mean_criteria": "16"}
    )
    assert response.status_code == 302
    assert PlanTarget.objects.get(year=2024, district_id="063").ntm_communes_added == 10
    assert client.get(reverse("progress:targets")).status_code == 200


@pytest.fixture
def scenario(users):
    """A small province: hand-computed figures below."""
    call_command("load_plan_targets")
    PlanTargetFactory(year=2022, district_id="063", ntm_communes_added=2)
    x, y, z, w = (Commune.objects.get(key=c) for c in ("01975", "01978", "01981", "01891"))
    for commune, level, day in [
        (x, "ntm", D(2020, 12, 10)),
        (y, "ntm", D(2022, 5, 10)),
        (z, "ntm", D(2022, 11, 20)),
        (y, "advanced", D(2023, 12, 1)),
        (w, "ntm", D(2023, 6, 15)),
    ]:
        RecognitionFactory(
            commune=commune, level=level, decision_number="1/QĐ-UBND", decision_date=day
        )
    remote = Commune.objects.get(key="01915")
    remote.extremely_difficult, remote.on_roadmap = True, False
    remote.save()
    villages = [VillageFactory(commune=remote, name=f"Thôn {i}") for i in range(5)]
    other = VillageFactory(commune=w, name="Thôn khác")
    for village, day in [
        (villages[0], D(2022, 3, 1)),
        (villages[1], D(2022, 7, 1)),
        (villages[2], D(2022, 12, 1)),
        (villages[3], D(2024, 5, 1)),
        (other, D(2022, 5, 5)),  # not in an off-roadmap ĐBKK commune: not counted
    ]:
        VillageRecognitionFactory(village=village, decision_number="2/QĐ", decision_date=day)
    DistrictRecognitionFactory(
        district_id="058", decision_number="3/QĐ-TTg", decision_date=D(2023, 8, 22)
    )
    rows = [
        dict(commune=x, criterion_id=n, assessed_on=D(2020, 12, 1), met=True) for n in range(1, 20)
    ]
    rows += [
        dict(commune=y, criterion_id=n, assessed_on=D(2020, 12, 1), met=True) for n in range(1, 11)
    ]
    rows += [
        dict(commune=y, criterion_id=n, assessed_on=D(2022, 4, 1), met=True) for n in range(11, 20)
    ]
    rows += [
        dict(commune=z, criterion_id=n, assessed_on=D(2020, 12, 1), met=True) for n in range(1, 6)
    ]
    bulk(AssessmentFactory, rows)


def test_dashboard_figures_equal_hand_computed_values(scenario):
    overview = progress_overview(today=TODAY)
    p = overview.province
    assert p.baseline == {"ntm": 1, "advanced": 0, "model": 0, "villages": 0}
    r21, r22, r23, r24, r25 = p.years
    assert r21.actual == {"ntm": 0, "advanced": 0, "model": 0, "villages": 0}
    assert r21.cum_target == {"ntm": None, "advanced": None, "model": None, "villages": None}
    assert r21.mean_actual == pytest.approx(34 / 96)
    assert r22.target == {"ntm": 9, "advanced": 2, "model": 0, "villages": 60}
    assert r22.actual == {"ntm": 2, "advanced": 0, "model": 0, "villages": 3}
    assert r22.cum_actual == {"ntm": 3, "advanced": 0, "model": 0, "villages": 3}
    assert r22.cum_target == {"ntm": 10, "advanced": 2, "model": 0, "villages": 60}
    assert r22.mean_target == Decimal("13.5") and r22.mean_actual == pytest.approx(43 / 96)
    assert r22.xa_count == 96 and r23.xa_count == 95  # Vân Tùng became a thị trấn in 2023
    assert r23.mean_actual == pytest.approx(43 / 95)
    assert r22.districts_target == ["Thành phố Bắc Kạn"] and r22.districts_actual == []
    assert r23.districts_actual == ["Thành phố Bắc Kạn"]
    assert r23.actual == {"ntm": 1, "advanced": 1, "model": 0, "villages": 0}
    assert r23.cum_target["ntm"] == 19
    assert r24.cum_actual["villages"] == 4 and r24.cum_target["villages"] == 179
    assert r25.cum_target == {"ntm": 41, "advanced": 15, "model": 6, "villages": 238}
    assert r25.cum_districts_target == 2 and r25.cum_districts_actual == 1
    assert p.evaluated_year == 2025
    messages = [b.message for b in p.behind]
    assert "Xã đạt chuẩn NTM lũy kế đến hết 2025: đạt 4 / 41 (thiếu 37)" in messages
    assert any("Thành phố Bắc Kạn hoàn thành NTM năm 2023, chậm" in m for m in messages)
    assert any("Huyện Bạch Thông chưa hoàn thành NTM" in m for m in messages)
    bach_thong = next(d for d in overview.districts if d.district.code == "063")
    b22 = bach_thong.row(2022)
    assert b22.actual["ntm"] == 2 and b22.cum_target["ntm"] == 3 and b22.cum_actual["ntm"] == 3
    assert b22.mean_actual == pytest.approx(43 / 13)
    ba_be = next(d for d in overview.districts if d.district.code == "061")
    assert ba_be.row(2024).cum_actual["villages"] == 4
    assert ba_be.row(2025).cum_target["ntm"] is None  # Ba Bể has no targets of its own here
    assert ba_be.behind == []


def test_dashboard_page_and_charts(login, users, scenario):
    client = login(users["reviewer"])
    response = client.get(reverse("progress:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<svg") == 5 and "stroke-dasharray" in body
    row = response.context["progress"].row(2022)
    assert row.cum_target["ntm"] == 10 and row.cum_actual["ntm"] == 3
    district = client.get(reverse("progress:dashboard"), {"huyen": "063"})
    assert district.context["progress"].label == "Huyện Bạch Thông"
    # district staff see their own district whatever they ask for
    own = login(users["district_b"]).get(reverse("progress:dashboard"), {"huyen": "063"})
    assert own.context["progress"].district.code == users["district_b"].district_id


def test_district_report(scenario, login, users):
    year = district_report(District.objects.get(code="063"), 2022, today=TODAY)
    ntm = next(line for line in year.lines if line.key == "ntm")
    assert (ntm.year_target, ntm.period_actual, ntm.year_actual) == (2, 2, 2)
    # Lũy kế has one meaning (issue 15, part 9): the whole count at the end of the period,
    # the commune recognised before 2021 included, as the dashboard and section IV count.
    progress_row = progress_of(gather_facts(today=TODAY), District.objects.get(code="063"))
    assert (ntm.cum_actual, ntm.cum_target, ntm.percent) == (3, 3, 100.0)
    assert ntm.cum_actual == progress_row.row(2022).cum_actual["ntm"]
    assert [r.commune for r in year.recognitions] == ["Xã Sĩ Bình", "Xã Vũ Muộn"]
    gain = next(g for g in year.gains if g.code == "01978")
    assert gain.commune.startswith("Xã ")  # units written one way
    assert gain.gained == list(range(11, 20)) and gain.count_end == 19
    assert year.completion_planned_year == 2025 and year.completed_on is None
    assert year.period_label == "năm 2022"
    half = district_report(District.objects.get(code="063"), 2022, 1, today=TODAY)
    ntm = next(line for line in half.lines if line.key == "ntm")
    assert (half.start, half.end) == (D(2022, 1, 1), D(2022, 6, 30))
    assert (ntm.period_actual, ntm.year_actual) == (1, 1)
    ws = load_workbook(io.BytesIO(district_report_xlsx(year))).active
    assert ws["A1"].value == "UBND HUYỆN BẠCH THÔNG"
    assert ws["A2"].value.endswith("năm 2022")
    client = login(users["district_a"])
    page = client.get(reverse("progress:report"), {"nam": "2022", "ky": "6t"})
    assert page.status_code == 200 and "6 tháng đầu năm 2022" in page.content.decode()
    xlsx = client.get(reverse("progress:report_xlsx"), {"nam": "2022"})
    assert xlsx["Content-Disposition"].endswith('bao-cao-ntm-063-2022.xlsx"')


@pytest.mark.parametrize("role", ROLES)
def test_every_progress_view_for_every_role(login, users, role):
    call_command("load_plan_targets")
    client = login(users[role])
    admin = 200 if role == "admin" else 403
    report = 403 if role == "agency" else 200
    cases = [
        (reverse("progress:dashboard"), 200),
        (reverse("progress:dashboard") + "?huyen=061", 200),
        (reverse("progress:targets"), admin),
        (reverse("progress:target_edit", args=[2022, "tinh"]), admin),
        (reverse("progress:report") + "?huyen=061&nam=2023", report),
        (reverse("progress:report_xlsx") + "?huyen=061&nam=2023&ky=6t", report),
        (reverse("home"), 200),
    ]
    for url, expected in cases:
        assert client.get(url).status_code == expected, (url, role)


def test_dashboard_query_count_does_not_grow_with_communes(login, users):
    call_command("load_plan_targets")
    # warm the caches that live across requests (the province's lineage)
    login(users["reviewer"]).get(reverse("progress:dashboard"))
    counts = []
    for n, code in ((10, "097"), (500, "098")):
        synthetic_district(n, code=code)
        client = login(users["reviewer"])
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("progress:dashboard"))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("progress:report"), {"huyen": code, "nam": "2023"})
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[2] and counts[1] == counts[3]
    assert counts[0] < 30


def test_home_panels(login, users):
    body = login(users["district_a"]).get(reverse("home")).content.decode()
    assert "Xã chưa có đánh giá tiêu chí năm" in body
    body = login(users["reviewer"]).get(reverse("home")).content.decode()
    assert "Chỉ tiêu chậm so với kế hoạch" in body


@pytest.mark.usefixtures("demo_mode")
def test_demo_data_matches_the_published_figures(login, users):
    from criteria import demo
    from criteria.services import criteria_met_on
    from emulation.models import User

    call_command("seed_demo", stdout=io.StringIO())
    counts = (Assessment.objects.count(), Recognition.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Assessment.objects.count(), Recognition.objects.count(), User.objects.count()) == counts
    ntm = Recognition.objects.filter(level="ntm")
    assert ntm.filter(decision_date__lt=D(2021, 1, 1)).count() == 15
    assert ntm.filter(decision_date__lt=D(2022, 1, 1)).count() == 21
    advanced_2021 = Recognition.objects.filter(level="advanced", decision_date__year=2021)
    assert sorted(r.commune.name for r in advanced_2021) == ["Kim Lư", "Quang Thuận"]
    assert VillageRecognition.objects.filter(decision_date__lt=D(2022, 1, 1)).count() == 6
    # Bắc Kạn's histories end on 30/6/2025; later rows are the merged Thái Nguyên's 2026
    # (the 10 criteria of Quyết định 51/2025/QĐ-TTg, from 15/2/2026)
    later = Assessment.objects.filter(assessed_on__gt=D(2025, 6, 30))
    assert not later.filter(commune__district__isnull=False).exists()
    assert not later.filter(assessed_on__lt=D(2026, 2, 15)).exists()
    assert set(later.values_list("criterion__criteria_set__code", flat=True)) == {"qd-51-2025"}
    # every NTM commune met all criteria (19, or 10 from 15/2/2026) on its decision date
    for rec in ntm.filter(decision_date__gte=D(2021, 1, 1)):
        met = criteria_met_on(commune_codes=[rec.commune_id], on=rec.decision_date)
        wanted = 10 if rec.decision_date >= D(2026, 2, 15) else 19
        assert len(met[rec.commune_id]) == wanted, rec
    # district split sums to the province's targets
    for year in (2022, 2023, 2024, 2025):
        province = PlanTarget.objects.get(year=year, district__isnull=True)
        split = PlanTarget.objects.filter(year=year, district__isnull=False)
        assert sum(t.ntm_communes_added for t in split) == province.ntm_communes_added
        assert sum(t.villages_added for t in split) == province.villages_added
    # the communes the award rules' demo relies on
    codes = demo.EXEMPLARY + demo.EFFORT
    base = criteria_met_on(commune_codes=codes, on=D(2021, 1, 1))
    mid = criteria_met_on(commune_codes=codes, on=D(2023, 3, 31))
    end = criteria_met_on(commune_codes=codes, on=D(2025, 6, 30))
    for code in demo.EXEMPLARY:
        assert len(mid[code] - base[code]) >= 4 and mid[code] & {10, 11}
        assert len(end[code] - base[code]) >= 5 and len(end[code] - mid[code]) >= 2
        assert {10, 11} <= end[code]
    for code in demo.EFFORT:
        assert Commune.objects.get(key=code).extremely_difficult
        assert len(mid[code] - base[code]) >= 3 and mid[code] & {10, 11}
        assert len(end[code] - base[code]) >= 4 and len(end[code] - mid[code]) >= 2
        assert {10, 11} <= end[code]
    # 2026 reads the merged Thái Nguyên's plan (seeded too): Bắc Kạn's figures are 2025's
    overview = progress_overview(today=TODAY, year=2025)
    assert overview.province.row(2021).cum_actual == {
        "ntm": 21,
        "advanced": 2,
        "model": 0,
        "villages": 6,
    }
    ahead = [
        p.label
        for p in overview.districts
        if not any(b.metric == "Xã đạt chuẩn NTM" for b in p.behind)
    ]
    assert "Huyện Chợ Mới" in ahead and "Huyện Bạch Thông" not in ahead
    # the dashboard's target lines carry the plan's cumulative figures
    body = (
        login(users["reviewer"])
        .get(reverse("progress:dashboard"), {"nam": "2025"})
        .content.decode()
    )
    for figures in (
        ["KH 30", "KH 39", "KH 49", "KH 61"],  # xã NTM: 21 + 9, + 9, + 10, + 12
        ["KH 4", "KH 8", "KH 11", "KH 17"],  # advanced: 2 + 2, + 4, + 3, + 6
        ["KH 66", "KH 125", "KH 185", "KH 244"],  # villages: 6 + 60, + 59, + 60, + 59
        ["KH 13,5", "KH 14,0", "KH 14,5", "KH 15,0"],
    ):
        positions = [body.index(f">{f}<") for f in figures]
        assert positions == sorted(positions)


def test_year_end_report_evaluates_its_own_year(scenario):
    report = district_report(District.objects.get(code="063"), 2025, today=TODAY)
    assert any("Huyện Bạch Thông chưa hoàn thành NTM" in m for m in report.behind)
    mean = next(line for line in report.lines if line.key == "mean")
    assert mean.percent is None
    assert mean.year_actual == pytest.approx(43 / 13)
    mid = district_report(District.objects.get(code="063"), 2025, 1, today=TODAY)
    assert mid.behind == []  # by 30/6/2025 only 2024 has ended: nothing was late then


def test_the_district_report_reads_as_one_document(scenario, login, users):
    """Issue 15, part 9: one heading, no zero lines, one meaning of lũy kế."""
    client = login(users["district_a"])
    response = client.get(reverse("district_report_pdf"), {"nam": "2022"})
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert text.count("BÁO CÁO") == 1 and "Báo cáo kết quả" not in text
    assert "Kết quả thực hiện Phong trào thi đua" in text
    assert "0 thôn" not in text  # no village recognised: no line saying so
    assert "Lũy kế đến hết kỳ" in text and "Lũy kế từ 2021" not in text
    ws = load_workbook(
        io.BytesIO(client.get(reverse("progress:report_xlsx"), {"nam": "2022"}).content)
    ).active
    headers = [c.value for c in ws[5]]
    assert "Lũy kế đến hết kỳ" in headers and "Lũy kế từ đầu năm" not in headers

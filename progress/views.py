"""Progress screens: the dashboard (province, each district), the plan's targets
(admins edit them) and the district report of section V.2."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communes.models import Commune, District
from communes.selectors import communes_on, default_day, province_family
from criteria.targets import VALUE_FIELDS, plan_target_save
from dossiers.documents.language import official_language
from emulation.fields import rebind_version
from emulation.models import Plan, PlanTarget
from emulation.plans import plan_spec
from emulation.stale import StaleSave
from progress import figures as progress
from progress.charts import Series, bar_target_chart
from progress.figures import plan_province
from progress.forms import PlanTargetForm
from progress.periods import period_of, plan_periods, year_asked
from progress.report import district_report
from progress.workbook import district_report_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _districts():
    return District.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")


def _years(user, today: dt.date) -> list[int]:
    """The years a progress page may show: those of the plans of the province's lineage
    up to this year (Bắc Kạn's 2021–2025, the merged Thái Nguyên's from 2026); the staff
    of an abolished district, up to their district's last year."""
    last = default_day(user, today).year
    spans = Plan.objects.filter(province_id__in=province_family(settings.PROVINCE_CODE))
    years = {
        y
        for first, end in spans.values_list("first_year", "last_year")
        for y in range(first, end + 1)
    }
    return sorted(y for y in years if y <= last) or [min(today.year, last)]


def _year_asked(request, years: list[int]) -> int:
    try:
        year = int(request.GET.get("nam", "") or years[-1])
    except ValueError:
        year = years[-1]
    return year if year in years else years[-1]


def _chosen_district(request, *, allow_province: bool, districts=None) -> District | None:
    """District staff always get their own district; others choose with ?huyen= among
    ``districts`` (default: the province's)."""
    user = request.user
    if user.is_district_staff:
        return user.district
    if districts is None:
        districts = list(_districts())
    code = request.GET.get("huyen", "")
    if not code:
        if allow_province or not districts:
            return None
        return districts[0]
    found = next((d for d in districts if d.code == code), None)
    if found is None:
        raise Http404
    return found


def dashboard_charts(p: progress.Progress, today: dt.date) -> list[dict]:
    labels = [str(r.year) for r in p.years]
    partial = [r.started and dt.date(r.year, 12, 31) > today for r in p.years]
    charts = []
    for metric in progress.COUNTED:
        series = Series(
            labels=labels,
            bars=[r.cum_actual[metric] if r.started else None for r in p.years],
            target=[r.cum_target[metric] for r in p.years],
            partial=partial,
        )
        title = _("%(m)s (lũy kế)") % {"m": progress.METRIC_LABELS[metric]}
        charts.append(
            {
                "title": title,
                "svg": bar_target_chart(
                    title=title,
                    series=series,
                    bar_label=_("Thực hiện"),
                    target_label=_("Kế hoạch (lũy kế)"),
                    target_short=_("KH"),
                ),
                "baseline": p.baseline[metric],
            }
        )
    title = str(progress.METRIC_LABELS["mean"])
    charts.append(
        {
            "title": title,
            "svg": bar_target_chart(
                title=title,
                series=Series(
                    labels=labels,
                    bars=[r.mean_actual for r in p.years],
                    target=[float(r.mean_target) if r.mean_target else None for r in p.years],
                    partial=partial,
                ),
                bar_label=_("Thực hiện"),
                target_label=_("Kế hoạch"),
                target_short=_("KH"),
                decimals=1,
            ),
            "baseline": None,
        }
    )
    return charts


def dashboard_data(request) -> dict:
    """What the dashboard shows (and prints, and exports): the year asked among the
    years of its plan, the province or the district chosen, the figures."""
    today = dt.date.today()
    periods = plan_periods(request.user, today)
    year = year_asked(request, periods)
    period = period_of(periods, year)
    overview = progress.progress_overview(today=today, year=year)
    # the plan's own districts: none under a plan of the two-level government
    districts = [p.district for p in overview.districts if p.district is not None]
    district = _chosen_district(request, allow_province=True, districts=districts)
    if district is None:
        current = overview.province
    else:
        current = next(
            p
            for p in overview.districts
            if p.district is not None and p.district.code == district.code
        )
    last_year = overview.years[-1] if overview.years else today.year
    summary_year = overview.province.evaluated_year or min(today.year, last_year)
    return {
        "today": today,
        "progress": current,
        "overview": overview,
        "district": district,
        "districts": districts if not request.user.is_district_staff else [],
        "year": year,
        # the years of the chosen year's plan only; the other plans are links
        "years": list(period.years),
        "period": period,
        "other_periods": [p for p in periods if p is not period],
        "district_behind": [b for p in overview.districts for b in p.behind]
        if district is None
        else [],
        "summary_year": summary_year,
        "summary": [(p, p.row(summary_year)) for p in overview.districts]
        if district is None
        else [],
        "metrics": [(m, progress.METRIC_LABELS[m]) for m in progress.COUNTED],
    }


def dashboard_query(data: dict) -> str:
    """The query string that opens the same dashboard (year, district)."""
    query = f"nam={data['year']}"
    if data["district"] is not None:
        query += f"&huyen={data['district'].code}"
    return query


@login_required
@require_GET
def dashboard(request):
    data = dashboard_data(request)
    return render(
        request,
        "progress/dashboard.html",
        {
            **data,
            "charts": dashboard_charts(data["progress"], data["today"]),
            "query": dashboard_query(data),
            "may_report": request.user.has_perm("progress.read_reports")
            and (
                not request.user.is_commune_staff or bool(report_years(request.user, data["today"]))
            ),
            "is_admin": request.user.has_perm("progress.manage_targets"),
            "may_statistics": request.user.has_perm("progress.read_award_statistics"),
        },
    )


def _require_admin(request) -> None:
    if not request.user.has_perm("progress.manage_targets"):
        raise PermissionDenied


@login_required
@require_GET
def targets(request):
    _require_admin(request)
    # the plan of the year asked (?nam=): Bắc Kạn's 2021–2025, the merged province's after
    plan = progress.plan_of_year(_year_asked(request, _years(request.user, dt.date.today())))
    rows = (
        PlanTarget.objects.filter(plan=plan)
        .select_related("district")
        .prefetch_related("districts_completed")
    )
    by_year: dict[int, list[PlanTarget]] = {}
    for row in rows.order_by("year", "district_id"):
        by_year.setdefault(row.year, []).append(row)
    return render(
        request,
        "progress/targets.html",
        {
            "by_year": sorted(by_year.items()),
            "districts": District.objects.filter(province_id=plan_province(plan)).order_by("code"),
            "years": plan_spec(plan).years,
            "plan": plan,
            "plans": Plan.objects.filter(
                province_id__in=province_family(settings.PROVINCE_CODE)
            ).order_by("first_year", "code"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, year: int, scope: str):
    _require_admin(request)
    plan = progress.plan_of_year(year)
    if plan is None or year not in plan_spec(plan).years:
        raise Http404
    districts = District.objects.filter(province_id=plan_province(plan))
    district = None if scope == "tinh" else get_object_or_404(districts, code=scope)
    instance = PlanTarget.objects.filter(plan=plan, year=year, district=district).first()
    form = PlanTargetForm(
        request.POST or None,
        instance=instance or PlanTarget(plan=plan, year=year, district=district),
        province_row=district is None,
        districts=districts,
    )
    context = {"form": form, "year": year, "district": district, "instance": instance}
    if request.method == "POST" and form.is_valid():
        try:
            plan_target_save(
                plan=plan,
                year=year,
                district=district,
                values=form.cleaned_data,
                districts_completed=form.cleaned_data.get("districts_completed"),
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except StaleSave as exc:
            # as dossiers: 409, what was typed kept, the saved values that differ shown;
            # the form now stands on the latest version
            form.add_error(None, str(exc))
            rebind_version(form, "version", exc.latest.version if exc.latest else 0)
            context.update(instance=exc.latest, stale=target_differences(form, exc.latest))
            return render(request, "progress/target_form.html", context, status=409)
        messages.success(request, _("Đã lưu chỉ tiêu năm %(y)d.") % {"y": year})
        return redirect(reverse("progress:targets") + f"?nam={year}")
    return render(request, "progress/target_form.html", context)


def target_differences(form: PlanTargetForm, latest: PlanTarget | None) -> list[dict]:
    """Each field whose saved value differs from what was typed: label, saved, typed."""
    out = []
    for name in (*VALUE_FIELDS, "districts_completed"):
        if name not in form.fields:
            continue
        typed = form.cleaned_data.get(name)
        if name == "districts_completed":
            saved_names = sorted(str(d) for d in latest.districts_completed.all()) if latest else []
            typed_names = sorted(str(d) for d in typed or [])
            saved_text = ", ".join(saved_names) or "—"
            typed_text = ", ".join(typed_names) or "—"
        else:
            saved = getattr(latest, name) if latest else None
            if saved == typed:
                continue
            saved_text, typed_text = _shown(saved), _shown(typed)
        if saved_text != typed_text:
            out.append({"label": form.fields[name].label, "saved": saved_text, "typed": typed_text})
    return out


def _shown(value) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, use_l10n=True)


def _report_args(request) -> tuple[District | Commune, int, int | None]:
    """The unit, year and half a report is about: a district under a plan with districts
    (Bắc Kạn's), a commune-level unit of the province under a plan of the two-level
    government (from 1/7/2025: ?xa=, commune staff their own)."""
    if not request.user.has_perm("progress.read_reports"):
        raise PermissionDenied
    today = dt.date.today()
    years = report_years(request.user, today)
    if not years:
        raise PermissionDenied(
            _(
                "Báo cáo của xã (mục V.2) là báo cáo theo kế hoạch của chính quyền hai cấp "
                "(từ 1/7/2025); tỉnh chưa có kế hoạch nào như vậy."
            )
        )
    year = _year_asked(request, years)
    province = plan_province(progress.plan_of_year(year))
    districts = list(District.objects.filter(province_id=province).order_by("code"))
    half = 1 if request.GET.get("ky") == "6t" else None
    if districts or request.user.is_district_staff:
        district = _chosen_district(request, allow_province=False, districts=districts)
        if district is None:
            raise Http404
        return district, year, half
    return _chosen_commune(request, province, year, today), year, half


def report_years(user, today: dt.date) -> list[int]:
    """The years whose V.2 report ``user`` may read: the progress pages' years; for the
    staff of a commune-level unit (from 1/7/2025), only those of a plan of the two-level
    government, whose report is a commune's (a year of a plan with districts reports
    by district, which a commune does not). Two queries and one per plan's province."""
    years = _years(user, today)
    if not user.is_commune_staff:
        return years
    with_districts: dict[str, bool] = {}
    kept: set[int] = set()
    for plan in Plan.objects.filter(province_id__in=province_family(settings.PROVINCE_CODE)):
        province = plan_province(plan)
        if province not in with_districts:
            with_districts[province] = District.objects.filter(province_id=province).exists()
        if not with_districts[province]:
            kept.update(range(plan.first_year, plan.last_year + 1))
    return [year for year in years if year in kept]


def _report_communes(province: str, year: int, today: dt.date):
    return communes_on(min(dt.date(year, 12, 31), today), province).order_by("code")


def _chosen_commune(request, province: str, year: int, today: dt.date) -> Commune:
    user = request.user
    communes = _report_communes(province, year, today)
    if user.is_commune_staff:
        return get_object_or_404(communes, pk=user.commune_id)
    key = request.GET.get("xa", "")
    found = communes.filter(pk=key).first() if key else communes.first()
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def report(request):
    unit, year, half = _report_args(request)
    data = district_report(unit, year, half)
    chooses = not (request.user.is_district_staff or request.user.is_commune_staff)
    province = plan_province(progress.plan_of_year(year))
    return render(
        request,
        "progress/report.html",
        {
            "report": data,
            "districts": (
                District.objects.filter(province_id=province).order_by("code")
                if chooses and not data.is_commune
                else []
            ),
            "communes": (
                _report_communes(province, year, dt.date.today())
                if chooses and data.is_commune
                else []
            ),
            "years": report_years(request.user, dt.date.today()),
            "half": half,
        },
    )


@login_required
@require_GET
def report_xlsx(request):
    unit, year, half = _report_args(request)
    with official_language():
        data = district_report(unit, year, half)
    response = HttpResponse(district_report_xlsx(data), content_type=XLSX)
    suffix = f"{year}-6thang" if half == 1 else f"{year}"
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-ntm-{unit.code}-{suffix}.xlsx"'
    )
    return response

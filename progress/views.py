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
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communes.models import District
from criteria.targets import VALUE_FIELDS, plan_target_save
from emulation.fields import rebind_version
from emulation.models import PlanTarget
from emulation.plans import plan_own, plan_spec
from emulation.stale import StaleSave
from progress import figures as progress
from progress.charts import Series, bar_target_chart
from progress.forms import PlanTargetForm
from progress.report import district_report
from progress.workbook import district_report_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _districts():
    return District.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")


def _chosen_district(request, *, allow_province: bool) -> District | None:
    """District staff always get their own district; others choose with ?huyen=."""
    user = request.user
    if user.is_district_staff:
        return user.district
    code = request.GET.get("huyen", "")
    if not code:
        if allow_province:
            return None
        return _districts().first()
    return get_object_or_404(_districts(), code=code)


def _charts(p: progress.Progress, today: dt.date) -> list[dict]:
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


@login_required
@require_GET
def dashboard(request):
    district = _chosen_district(request, allow_province=True)
    today = dt.date.today()
    overview = progress.progress_overview(today=today)
    if district is None:
        current = overview.province
    else:
        current = next(
            p
            for p in overview.districts
            if p.district is not None and p.district.code == district.code
        )
    last_year = plan_spec(plan_own(today)).last_year
    summary_year = overview.province.evaluated_year or min(today.year, last_year)
    return render(
        request,
        "progress/dashboard.html",
        {
            "progress": current,
            "overview": overview,
            "district": district,
            "districts": _districts() if not request.user.is_district_staff else [],
            "charts": _charts(current, today),
            "district_behind": [b for p in overview.districts for b in p.behind]
            if district is None
            else [],
            "summary_year": summary_year,
            "summary": [(p, p.row(summary_year)) for p in overview.districts]
            if district is None
            else [],
            "metrics": [(m, progress.METRIC_LABELS[m]) for m in progress.COUNTED],
            "may_report": request.user.has_perm("progress.read_reports"),
            "is_admin": request.user.has_perm("progress.manage_targets"),
        },
    )


def _require_admin(request) -> None:
    if not request.user.has_perm("progress.manage_targets"):
        raise PermissionDenied


@login_required
@require_GET
def targets(request):
    _require_admin(request)
    plan = plan_own()
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
            "districts": _districts(),
            "years": plan_spec(plan).years,
            "plan": plan,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, year: int, scope: str):
    _require_admin(request)
    plan = plan_own()
    if plan is None or year not in plan_spec(plan).years:
        raise Http404
    district = None if scope == "tinh" else get_object_or_404(_districts(), code=scope)
    instance = PlanTarget.objects.filter(plan=plan, year=year, district=district).first()
    form = PlanTargetForm(
        request.POST or None,
        instance=instance or PlanTarget(plan=plan, year=year, district=district),
        province_row=district is None,
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
        return redirect("progress:targets")
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


def _report_years() -> range:
    spec = plan_spec(plan_own())
    return range(spec.first_year, min(dt.date.today().year, spec.last_year) + 1)


def _report_args(request):
    if not request.user.has_perm("progress.read_reports"):
        raise PermissionDenied
    district = _chosen_district(request, allow_province=False)
    if district is None:
        raise Http404
    today = dt.date.today()
    spec = plan_spec(plan_own(today))
    default = min(today.year, spec.last_year)
    try:
        year = int(request.GET.get("nam", "") or default)
    except ValueError:
        year = default
    if year < spec.first_year or year > today.year:
        year = default
    half = 1 if request.GET.get("ky") == "6t" else None
    return district, year, half


@login_required
@require_GET
def report(request):
    district, year, half = _report_args(request)
    data = district_report(district, year, half)
    return render(
        request,
        "progress/report.html",
        {
            "report": data,
            "districts": _districts() if not request.user.is_district_staff else [],
            "years": _report_years(),
            "half": half,
        },
    )


@login_required
@require_GET
def report_xlsx(request):
    district, year, half = _report_args(request)
    data = district_report(district, year, half)
    response = HttpResponse(district_report_xlsx(data), content_type=XLSX)
    suffix = f"{year}-6thang" if half == 1 else f"{year}"
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-ntm-{district.code}-{suffix}.xlsx"'
    )
    return response

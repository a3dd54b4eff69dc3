"""Criteria screens: the district matrix, entry forms of district staff, Excel in and out.

Reads are scoped by ``communes_visible_to``; writes by ``criteria.record_criteria`` and
``criteria.record_district`` (district staff, their own district and communes; see
criteria/permissions.py). Reviewers, appraisers and admins read only; agency staff not.
"""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communes.models import Commune, District
from communes.selectors import (
    communes_visible_to,
    default_day,
    districts_visible_to,
    lineage_of,
)
from criteria.selectors import commune_criteria_context
from emulation.text import parse_day

from . import excel, services
from .forms import (
    AssessmentForm,
    CommuneGroupForm,
    CorrectionForm,
    CriteriaSetForm,
    CriterionForm,
    DistrictRecognitionForm,
    ImportUploadForm,
    IndicatorForm,
    RecognitionForm,
    VillageRecognitionForm,
)
from .models import Assessment, CapitalDebt, CriteriaSet, Criterion, Indicator
from .selectors import (
    LEVEL_FILTERS,
    criteria_sets_overview,
    matrix_columns,
    matrix_communes,
    matrix_rows,
    set_with_indicators,
)
from .sets import criteria_set_on

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50
DEBT_YEARS = range(2021, 2026)


def chosen_day(request, name: str = "ngay", default: dt.date | None = None) -> tuple[dt.date, str]:
    """The date asked for and an error to show beside the field. Default: ``default``, else
    today or, when the user's province or district has ended, its last day
    (:func:`communes.selectors.default_day`)."""
    raw = request.GET.get(name, "")
    if not raw:
        return default or default_day(request.user), ""
    day = parse_day(raw)
    if day is None:
        fallback = default or default_day(request.user)
        return fallback, _("Ngày “%(v)s” không hợp lệ; ghi dạng 31/12/2023.") % {"v": raw}
    return day, ""


def _matrix_filters(request) -> dict:
    g = request.GET
    return {
        "district": g.get("huyen", ""),
        "q": g.get("q", ""),
        "dbkk": g.get("dbkk", ""),
        "roadmap": g.get("lotrinh", ""),
        "level": g.get("muc", "") if g.get("muc", "") in LEVEL_FILTERS else "",
        "kind": "" if g.get("loai") == "tat-ca" else "xa",
    }


@login_required
@require_GET
def matrix(request):
    if not request.user.has_perm("criteria.read_criteria"):
        raise PermissionDenied
    on, date_error = chosen_day(request)
    filters = _matrix_filters(request)
    qs = matrix_communes(request.user, on=on, **filters).select_related("district")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    columns = matrix_columns(on)
    rows = matrix_rows(list(page.object_list), on=on, columns=columns)
    return render(
        request,
        "criteria/matrix.html",
        {
            "page_obj": page,
            "rows": rows,
            "on": on,
            "date_error": date_error,
            "date_text": request.GET.get("ngay", "") if date_error else on.strftime("%d/%m/%Y"),
            "filters": request.GET,
            "districts": districts_visible_to(request.user, on=on),
            "criteria": columns.criteria,
            "criteria_set": columns.criteria_set,
            "since_baseline": columns.since_baseline,
            "baseline": columns.baseline,
            "levels": LEVEL_FILTERS.items(),
            "may_import": request.user.has_perm("criteria.record_district"),
        },
    )


@login_required
@require_GET
def matrix_export(request):
    if not request.user.has_perm("criteria.read_criteria"):
        raise PermissionDenied
    on, _error = chosen_day(request)
    filters = _matrix_filters(request)
    communes = list(matrix_communes(request.user, on=on, **filters).select_related("district"))
    columns = matrix_columns(on)
    rows = matrix_rows(communes, on=on, columns=columns)
    title = _("Ma trận tiêu chí NTM")
    if columns.criteria_set is not None:
        title = f"{title} — {columns.criteria_set.legal_basis}"
    if filters["district"]:
        district = districts_visible_to(request.user).filter(code=filters["district"]).first()
        if district:
            title = f"{title} — {district}"
    response = HttpResponse(
        excel.matrix_xlsx(rows, on=on, title=title, columns=columns), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="ma-tran-tieu-chi-{on:%Y%m%d}.xlsx"'
    return response


def _editable_commune(request, code: str) -> Commune:
    """The commune if the user may write for it; 404 when it is not theirs, 403 for read-only."""
    if not request.user.has_perm("criteria.record_criteria"):
        raise PermissionDenied
    commune = get_object_or_404(Commune.objects.select_related("district"), key=code)
    if not request.user.has_perm("criteria.record_criteria", commune):
        raise Http404
    return commune


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = name if name in form.fields else None
            for error in errors:
                form.add_error(field, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _save(request, form, action, message: str, url: str):
    """For a valid POST run ``action(cleaned_data)`` and redirect; a service's refusal
    goes beside the fields with what was typed kept. None = render the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        _form_errors(form, exc)
        return None
    messages.success(request, message)
    return redirect(url)


def _commune_url(commune: Commune) -> str:
    return reverse("communes:detail", args=[commune.pk])


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request, code):
    commune = _editable_commune(request, code)
    today = dt.date.today()
    initial: dict[str, object] = {"assessed_on": today}
    if request.GET.get("tc", "").isdigit():  # a criterion's id
        initial["criterion"] = int(request.GET["tc"])
    current = criteria_set_on(today)
    form = AssessmentForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        first_set_id=current.pk if current else None,
    )
    done = _save(
        request,
        form,
        lambda data: services.assessment_record(
            commune=commune,
            criterion=data["criterion"],
            assessed_on=data["assessed_on"],
            met=data["met"],
            note=data["note"],
            evidence=data.get("evidence") or None,
            by=request.user,
        ),
        _("Đã ghi đánh giá tiêu chí."),
        _commune_url(commune) + "#tieu-chi",
    )
    return done or render(
        request, "criteria/assessment_form.html", {"form": form, "commune": commune}
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_correct(request, pk):
    if not request.user.has_perm("criteria.record_criteria"):
        raise PermissionDenied
    old = get_object_or_404(
        Assessment.objects.select_related(
            "commune", "commune__district", "criterion__criteria_set"
        ),
        pk=pk,
    )
    if not request.user.has_perm("criteria.record_criteria", old.commune):
        raise Http404
    if old.replaced_by_id:
        messages.warning(request, _("Dòng này đã được đính chính trước đó."))
        return redirect(_commune_url(old.commune) + "#lich-su")
    form = CorrectionForm(
        request.POST or None,
        request.FILES or None,
        initial={"assessed_on": old.assessed_on, "met": "1" if old.met else "0"},
    )
    done = _save(
        request,
        form,
        lambda data: services.assessment_correct(
            assessment=old,
            assessed_on=data["assessed_on"],
            met=data["met"],
            note=data["note"],
            evidence=data.get("evidence") or None,
            by=request.user,
        ),
        _("Đã đính chính; dòng cũ vẫn giữ trong lịch sử."),
        _commune_url(old.commune) + "#lich-su",
    )
    return done or render(
        request,
        "criteria/correction_form.html",
        {"form": form, "old": old, "commune": old.commune},
    )


@login_required
@require_GET
def evidence(request, pk):
    row = get_object_or_404(Assessment.objects.select_related("commune__district"), pk=pk)
    if not request.user.has_perm("communes.read_commune", row.commune):
        raise Http404
    if not row.evidence:
        raise Http404
    return FileResponse(row.evidence.open("rb"), as_attachment=True)


@login_required
@require_http_methods(["GET", "POST"])
def recognition_add(request, code):
    commune = _editable_commune(request, code)
    form = RecognitionForm(request.POST or None)
    done = _save(
        request,
        form,
        lambda data: services.recognition_record(commune=commune, by=request.user, **data),
        _("Đã ghi quyết định công nhận."),
        _commune_url(commune) + "#cong-nhan",
    )
    return done or render(
        request,
        "criteria/simple_form.html",
        {
            "form": form,
            "commune": commune,
            "title": _("Ghi quyết định công nhận xã đạt chuẩn"),
            "back": _commune_url(commune),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def village_recognition_add(request, code):
    commune = _editable_commune(request, code)
    villages = commune.villages.filter(recognition__isnull=True).order_by("name")
    form = VillageRecognitionForm(request.POST or None, villages=villages)
    done = _save(
        request,
        form,
        lambda data: services.village_recognition_record(by=request.user, **data),
        _("Đã ghi quyết định công nhận thôn."),
        _commune_url(commune) + "#cong-nhan",
    )
    return done or render(
        request,
        "criteria/simple_form.html",
        {
            "form": form,
            "commune": commune,
            "title": _("Ghi quyết định công nhận thôn đạt chuẩn NTM"),
            "back": _commune_url(commune),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def district_recognition_add(request):
    if not request.user.has_perm("criteria.record_district"):
        raise PermissionDenied
    district = request.user.district
    existing = getattr(district, "recognition", None)
    form = DistrictRecognitionForm(request.POST or None)
    done = _save(
        request,
        form,
        lambda data: services.district_recognition_record(
            district=district, by=request.user, **data
        ),
        _("Đã ghi quyết định công nhận huyện hoàn thành NTM."),
        reverse("progress:dashboard"),
    )
    return done or render(
        request,
        "criteria/simple_form.html",
        {
            "form": form if existing is None else None,
            "existing": existing,
            "title": _("Công nhận %(d)s hoàn thành nhiệm vụ xây dựng NTM") % {"d": district},
            "back": reverse("progress:dashboard"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def debt(request):
    """Nợ đọng XDCB per year: district staff edit theirs; provincial roles read."""
    user = request.user
    if not user.has_perm("criteria.read_criteria"):
        raise PermissionDenied
    if user.is_district_staff:
        district = user.district
    else:
        code = request.GET.get("huyen") or ""
        visible = districts_visible_to(user)
        district = get_object_or_404(visible, code=code) if code else visible.first()
        if district is None:  # commune staff, or a province with no district level
            raise Http404
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = min(dt.date.today().year, DEBT_YEARS[-1])
    if year not in DEBT_YEARS:
        raise Http404
    communes = list(district.communes.order_by("code"))
    rows = {
        (d.commune_id or "huyen"): d
        for d in CapitalDebt.objects.filter(commune__district=district, year=year)
        | CapitalDebt.objects.filter(district=district, year=year)
    }
    may_edit = user.has_perm("criteria.record_district", district)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        changed = services.debt_set(
            district=district,
            year=year,
            commune_debts={c.code: f"xa-{c.code}" in request.POST for c in communes},
            district_debt="huyen" in request.POST,
            by=user,
        )
        messages.success(
            request,
            _("Đã lưu nợ đọng XDCB năm %(y)d (%(n)d dòng thay đổi).") % {"y": year, "n": changed},
        )
        return redirect(f"{reverse('criteria:debt')}?nam={year}")
    return render(
        request,
        "criteria/debt.html",
        {
            "district": district,
            "year": year,
            "years": DEBT_YEARS,
            "lines": [(c, rows.get(c.code)) for c in communes],
            "district_row": rows.get("huyen"),
            "may_edit": may_edit,
            "districts": districts_visible_to(user) if not user.is_district_staff else [],
        },
    )


@login_required
@require_GET
def import_template(request):
    if not request.user.has_perm("criteria.record_district"):
        raise PermissionDenied
    on, _error = chosen_day(request)
    data = excel.status_template_xlsx(district=request.user.district, on=on)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="mau-tieu-chi-{request.user.district_id}-{on:%Y%m%d}.xlsx"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request):
    """Upload → every row checked → preview → confirm; nothing is written while errors remain."""
    if not request.user.has_perm("criteria.record_district"):
        raise PermissionDenied
    district: District = request.user.district
    context: dict = {"form": ImportUploadForm(), "district": district, "today": dt.date.today()}
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            data = base64.b64decode(request.POST.get("payload", ""), validate=True)
        except ValueError:
            data = b""
        try:
            parsed = excel.assessments_import(data=data, by=request.user)
        except ValueError:
            parsed = excel.assessments_parse(data=data, district_code=district.code)
            context["parsed"] = parsed
            if parsed.ok:
                messages.error(request, _("Dữ liệu đã thay đổi trong lúc nhập; hãy kiểm tra lại."))
        else:
            messages.success(
                request,
                _("Đã ghi %(n)d thay đổi; %(s)d dòng không thay đổi.")
                % {"n": len(parsed.changes), "s": parsed.unchanged},
            )
            return redirect(f"{reverse('criteria:matrix')}?huyen={district.code}")
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            parsed = excel.assessments_parse(data=data, district_code=district.code)
            context.update(
                parsed=parsed, payload=base64.b64encode(data).decode() if parsed.ok else ""
            )
    return render(request, "criteria/import.html", context)


def commune_sections_context(request, commune: Commune) -> dict:
    """Context the communes app's detail page adds for its criteria sections (?ngay=)."""
    today = dt.date.today()
    on, error = chosen_day(
        request, default=min(today, commune.valid_to) if commune.valid_to else today
    )
    context = commune_criteria_context(commune, request.user, on=on, page=request.GET.get("page"))
    context["criteria_date_error"] = error
    context["criteria_date_text"] = request.GET.get("ngay", "") if error else f"{on:%d/%m/%Y}"
    return context


# ---- The commune page (/don-vi/xa/<code>/): the unit, its villages and its criteria ----


@login_required
@require_GET
def commune_detail(request, code):
    commune = get_object_or_404(
        communes_visible_to(request.user)
        .select_related("province")
        .prefetch_related("kind_periods"),
        key=code,
    )
    villages = commune.villages.all()
    return render(
        request,
        "communes/commune_detail.html",
        {
            "commune": commune,
            "lineage": lineage_of(commune),
            "villages": villages,
            "can_edit_flags": request.user.has_perm("communes.edit_flags"),
            **commune_sections_context(request, commune),
        },
    )


# ---- Criteria sets and their indicators (administrators edit; criteria readers read) ----


@login_required
@require_GET
def set_list(request):
    if not request.user.has_perm("criteria.read_criteria_sets"):
        raise PermissionDenied
    return render(
        request,
        "criteria/set_list.html",
        {
            "sets": criteria_sets_overview(),
            "may_manage": request.user.has_perm("criteria.manage_criteria_sets"),
        },
    )


@login_required
@require_GET
def set_detail(request, code):
    if not request.user.has_perm("criteria.read_criteria_sets"):
        raise PermissionDenied
    criteria_set = get_object_or_404(CriteriaSet, code=code)
    return render(
        request,
        "criteria/set_detail.html",
        {
            "criteria_set": criteria_set,
            "criteria": set_with_indicators(criteria_set),
            "may_manage": request.user.has_perm("criteria.manage_criteria_sets"),
        },
    )


def _indicator_save(request, criterion: Criterion, indicator: Indicator | None):
    form = IndicatorForm(request.POST or None, instance=indicator)
    back = reverse("criteria:set_detail", args=[criterion.criteria_set.code])
    done = _save(
        request,
        form,
        lambda data: services.indicator_save(
            criterion=criterion, indicator=indicator, data=data, by=request.user
        ),
        _("Đã lưu chỉ tiêu."),
        f"{back}#tc-{criterion.number}",
    )
    return done or render(
        request,
        "criteria/indicator_form.html",
        {
            "form": form,
            "criterion": criterion,
            "criteria_set": criterion.criteria_set,
            "indicator": indicator,
            "back": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request, pk):
    """A new indicator of criterion ``pk``."""
    if not request.user.has_perm("criteria.manage_criteria_sets"):
        raise PermissionDenied
    criterion = get_object_or_404(Criterion.objects.select_related("criteria_set"), pk=pk)
    return _indicator_save(request, criterion, None)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    if not request.user.has_perm("criteria.manage_criteria_sets"):
        raise PermissionDenied
    indicator = get_object_or_404(
        Indicator.objects.select_related("criterion__criteria_set"), pk=pk
    )
    return _indicator_save(request, indicator.criterion, indicator)


@login_required
@require_http_methods(["GET", "POST"])
def commune_group_set(request, code):
    """An administrator sets a commune's group (nhóm xã) from a date."""
    if not request.user.has_perm("criteria.set_commune_group"):
        raise PermissionDenied
    # another province's commune sharing the database is not found here
    commune = get_object_or_404(communes_visible_to(request.user), pk=code)
    form = CommuneGroupForm(request.POST or None)
    done = _save(
        request,
        form,
        lambda data: services.commune_group_set(commune=commune, by=request.user, **data),
        _("Đã ghi nhóm xã."),
        _commune_url(commune) + "#nhom-xa",
    )
    return done or render(
        request,
        "criteria/simple_form.html",
        {
            "form": form,
            "commune": commune,
            "title": _("Ghi nhóm xã theo Bộ tiêu chí 2026–2030"),
            "back": _commune_url(commune),
        },
    )


def _set_save(request, criteria_set: CriteriaSet | None):
    form = CriteriaSetForm(request.POST or None, instance=criteria_set)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.criteria_set_save(
                criteria_set=criteria_set, data=form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu bộ tiêu chí."))
            return redirect("criteria:set_detail", code=saved.code)
    return render(
        request,
        "criteria/simple_form.html",
        {
            "form": form,
            "title": _("Sửa bộ tiêu chí") if criteria_set else _("Thêm bộ tiêu chí"),
            "back": reverse("criteria:set_detail", args=[criteria_set.code])
            if criteria_set
            else reverse("criteria:set_list"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_create(request):
    if not request.user.has_perm("criteria.manage_criteria_sets"):
        raise PermissionDenied
    return _set_save(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def set_edit(request, code):
    if not request.user.has_perm("criteria.manage_criteria_sets"):
        raise PermissionDenied
    return _set_save(request, get_object_or_404(CriteriaSet, code=code))


def _criterion_save(request, criteria_set: CriteriaSet, criterion: Criterion | None):
    form = CriterionForm(request.POST or None, instance=criterion)
    back = reverse("criteria:set_detail", args=[criteria_set.code])
    done = _save(
        request,
        form,
        lambda data: services.criterion_save(
            criteria_set=criteria_set, criterion=criterion, data=data, by=request.user
        ),
        _("Đã lưu tiêu chí."),
        back,
    )
    return done or render(
        request,
        "criteria/simple_form.html",
        {
            "form": form,
            "title": (_("Sửa tiêu chí") if criterion else _("Thêm tiêu chí"))
            + f" — {criteria_set.name}",
            "back": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request, code):
    if not request.user.has_perm("criteria.manage_criteria_sets"):
        raise PermissionDenied
    return _criterion_save(request, get_object_or_404(CriteriaSet, code=code), None)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk):
    if not request.user.has_perm("criteria.manage_criteria_sets"):
        raise PermissionDenied
    criterion = get_object_or_404(Criterion.objects.select_related("criteria_set"), pk=pk)
    return _criterion_save(request, criterion.criteria_set, criterion)

"""Screens of administrative units: list, commune page, flags (admins), village import."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from emulation.text import parse_day

from . import selectors, services
from .forms import CommuneFlagsForm, VillageUploadForm


@login_required
@require_GET
def commune_list(request):
    """The units valid on ?ngay= (default: :func:`selectors.default_day`); the district
    column and filter only while there is a district level that day."""
    raw = request.GET.get("ngay", "")
    on = parse_day(raw) if raw else None
    date_error = ""
    if on is None:
        if raw:
            date_error = _("Ngày “%(v)s” không hợp lệ; ghi dạng 31/12/2023.") % {"v": raw}
        on = selectors.default_day(request.user)
    qs = selectors.communes_visible_to(request.user, on=on).order_by("district_id", "code")
    districts = list(selectors.districts_visible_to(request.user, on=on))
    district = request.GET.get("huyen", "")
    if district and districts:
        qs = qs.filter(district_id=district)
    flag = request.GET.get("dbkk", "")
    if flag in {"1", "0"}:
        qs = qs.filter(extremely_difficult=flag == "1")
    qs = selectors.search_communes(qs, request.GET.get("q", "")).prefetch_related("kind_periods")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "communes/commune_list.html",
        {
            "page_obj": page,
            # each unit named by its kind on the day viewed (a xã that became a phường)
            "rows": [(c, c.label_on(on)) for c in page],
            "districts": districts,
            "on": on,
            "date_error": date_error,
            "filters": request.GET,
            "can_edit_flags": request.user.has_perm("communes.edit_flags"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def commune_flags(request, code):
    if not request.user.has_perm("communes.edit_flags"):
        raise PermissionDenied
    # another province's commune sharing the database is not found here
    commune = get_object_or_404(selectors.communes_visible_to(request.user), key=code)
    form = CommuneFlagsForm(request.POST or None, instance=commune)
    if request.method == "POST" and form.is_valid():
        services.commune_set_flags(
            commune=commune,
            extremely_difficult=form.cleaned_data["extremely_difficult"],
            on_roadmap=form.cleaned_data["on_roadmap"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Đã lưu đặc điểm của %(c)s.") % {"c": commune})
        return redirect("communes:detail", code=commune.pk)
    return render(request, "communes/commune_flags.html", {"commune": commune, "form": form})


@login_required
@require_GET
def village_template(request, fmt):
    if not request.user.has_perm("communes.import_villages"):
        raise PermissionDenied
    if fmt == "xlsx":
        response = HttpResponse(
            services.villages_template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-thon.xlsx"'
    else:
        response = HttpResponse(services.villages_template_csv(), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-thon.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def village_import(request):
    """Upload → every row checked → preview → confirm; nothing is written while errors remain."""
    if not request.user.has_perm("communes.import_villages"):
        raise PermissionDenied
    allowed = None  # administrators: every commune
    if request.user.is_district_staff:
        allowed = set(selectors.communes_editable_by(request.user).values_list("key", flat=True))
    context: dict = {"form": VillageUploadForm()}
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            data = base64.b64decode(request.POST.get("payload", ""), validate=True)
        except ValueError:
            data = b""
        parsed = services.villages_parse(
            upload_name=request.POST.get("upload_name", "tep.csv"),
            data=data,
            communes_allowed=allowed,
        )
        if parsed.ok:
            services.villages_import(
                parsed=parsed,
                by=request.user,
                upload_name=request.POST.get("upload_name", ""),
            )
            messages.success(
                request,
                _("Đã nhập %(c)d thôn mới, cập nhật %(u)d thôn.")
                % {"c": parsed.created, "u": parsed.updated},
            )
            return redirect("communes:list")
        context["parsed"] = parsed
    elif request.method == "POST":
        form = VillageUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            parsed = services.villages_parse(
                upload_name=upload.name, data=data, communes_allowed=allowed
            )
            context.update(
                parsed=parsed,
                payload=base64.b64encode(data).decode() if parsed.ok else "",
                upload_name=upload.name,
            )
    return render(request, "communes/village_import.html", context)

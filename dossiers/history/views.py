"""Tra cứu khen thưởng (the award history) and recording the awards lower levels make."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from emulation.cells import append_row, print_setup
from emulation.models import User

from .forms import ImportForm, LowerAwardForm, SearchForm
from .selectors import award_history, rows
from .services import (
    FIRST_YEAR,
    IMPORT_COLUMNS,
    LowerAwardError,
    lower_award_record,
    lower_awards_import,
)

PAGE_SIZE = 30


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required
    return user


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("history.read_award_history"):
        raise PermissionDenied
    years = list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))
    form = SearchForm(request.GET or None, years=years)
    data = form.cleaned_data if request.GET and form.is_valid() else {}
    qs = award_history(
        request.user,
        q=data.get("q") or "",
        unit=data.get("don_vi") or "",
        year=data.get("nam"),
        level=data.get("cap") or "",
        form=data.get("hinh_thuc") or "",
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    items = [(row, row.title_label) for row in rows(page)]
    return render(
        request,
        "history/search.html",
        {
            "form": form,
            "page_obj": page,
            "items": items,
            "may_record": request.user.has_perm("history.record_lower_award"),
        },
    )


def _require_record(request: HttpRequest) -> None:
    if not request.user.has_perm("history.record_lower_award"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def lower_create(request: HttpRequest) -> HttpResponse:
    _require_record(request)
    form = LowerAwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            award = lower_award_record(by=_user(request), data=form.cleaned_data)
        except LowerAwardError as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(
                request,
                _("Đã ghi %(form)s cho %(name)s (Quyết định số %(q)s).")
                % {
                    "form": award.get_award_form_display(),
                    "name": award.name,
                    "q": award.decision_number,
                },
            )
            return redirect("history:search")
    return render(request, "history/lower_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def lower_import(request: HttpRequest) -> HttpResponse:
    _require_record(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        result = lower_awards_import(by=_user(request), data=form.cleaned_data["file"].read())
        if not result.errors:
            messages.success(request, _("Đã ghi %(n)s khen thưởng từ tệp.") % {"n": result.created})
            return redirect("history:search")
        errors = result.errors[:200]
        form.add_error(
            "file",
            _("Tệp có %(n)s lỗi; chưa ghi dòng nào. Sửa các dòng dưới đây rồi tải lên lại.")
            % {"n": len(result.errors)},
        )
    return render(
        request,
        "history/lower_import.html",
        {"form": form, "errors": errors, "columns": [label for _n, label in IMPORT_COLUMNS]},
    )


@login_required
@require_GET
def lower_template(request: HttpRequest) -> HttpResponse:
    """The import's template: its header row and one example row."""
    _require_record(request)
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl takes ~0.3 s to import; loaded only for a workbook

    book = Workbook()
    ws = book.worksheets[0]
    ws.title = "Khen thuong"
    append_row(ws, [label for _n, label in IMPORT_COLUMNS])
    append_row(
        ws,
        [
            "Nguyễn Văn A",
            "Cá nhân",
            "Thôn Nà Pài",
            "Giấy khen",
            "15/QĐ-UBND",
            timezone.localdate().strftime("%d/%m/%Y"),
            "Có nhiều đóng góp xây dựng nông thôn mới",
        ],
    )
    for column, width in zip("ABCDEFG", (30, 18, 30, 16, 16, 16, 50), strict=True):
        ws.column_dimensions[column].width = width
    print_setup(ws, header_row=1)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-khen-thuong-cap-duoi.xlsx"'
    return response

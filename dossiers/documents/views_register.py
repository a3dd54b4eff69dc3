"""The register of outgoing documents per body and year: on screen (searchable,
paginated), as a PDF and as a workbook. Reviewers and administrators of the province."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import excel, pdf
from .register import register_bodies, register_entries, register_years

# Phụ lục IV's register is a landscape book; the number never breaks across lines.
REGISTER_CSS = (
    "@page { size: A4 landscape; } table.register td.no { white-space: nowrap; } "
    "table.register { width: 100%; font-size: 11pt; }"
)


def _note(doc) -> str:
    notes = []
    if doc.withdrawn_at:
        notes.append(
            _("Đã thu hồi ngày %(d)s: %(r)s")
            % {
                "d": f"{doc.withdrawn_at:%d/%m/%Y}",
                "r": doc.withdrawal_reason,
            }
        )
    if doc.corrected_by_id:
        notes.append(_("Đã đính chính bởi %(n)s") % {"n": doc.corrected_by.full_number})
    return "; ".join(notes)


def _chosen(request) -> dict:
    if not request.user.has_perm("documents.read_register"):
        raise PermissionDenied
    bodies = register_bodies()
    names = dict(bodies)
    body = request.GET.get("co-quan", "")
    if body not in names:
        body = bodies[0][0] if bodies else ""
    years = register_years(body) if body else []
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() else (years[0] if years else dt.date.today().year)
    q = request.GET.get("q", "").strip()[:100]
    return {
        "bodies": bodies,
        "body": body,
        "body_name": names.get(body, ""),
        "years": years,
        "year": year,
        "q": q,
        "entries": register_entries(body_key=body, year=year, q=q),
    }


@login_required
@require_GET
def register_list(request):
    context = _chosen(request)
    page = Paginator(context["entries"], 50).get_page(request.GET.get("page"))
    for doc in page.object_list:
        doc.note = _note(doc)
    context.update(page_obj=page, query=request.GET.urlencode())
    return render(request, "documents/register_list.html", context)


def _filename(context: dict, ext: str) -> str:
    body = context["body"].replace(":", "-") or "co-quan"
    return f"so-van-ban-di-{body}-{context['year']}.{ext}"


@login_required
@require_GET
def register_pdf(request):
    context = _chosen(request)
    rows = list(context["entries"])
    for doc in rows:
        doc.note = _note(doc)
    data = pdf.render_pdf(
        "documents/register.html", {**context, "rows": rows}, extra_css=REGISTER_CSS
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(context, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def register_xlsx(request):
    context = _chosen(request)
    columns = [
        excel.Column(_("Số, ký hiệu văn bản"), 20),
        excel.Column(_("Ngày tháng văn bản"), 14, "date"),
        excel.Column(_("Tên loại và trích yếu nội dung"), 60),
        excel.Column(_("Người ký"), 22),
        excel.Column(_("Nơi nhận"), 30),
        excel.Column(_("Ghi chú"), 30),
    ]
    rows = [
        (d.full_number, d.issued_on, d.excerpt, d.signer_name, d.recipients, _note(d))
        for d in context["entries"]
    ]
    heading = _("Sổ đăng ký văn bản đi năm %(y)s: %(b)s") % {
        "y": context["year"],
        "b": context["body_name"],
    }
    data = excel.workbook(_("Sổ văn bản đi"), columns, rows, heading=heading)
    return excel.xlsx_response(data, _filename(context, "xlsx"))

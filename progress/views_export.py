"""The dashboard printed and exported: a printable page and its PDF (WeasyPrint, the
official documents' look: :mod:`dossiers.documents.pdf`) and a workbook. Everybody who
reads the dashboard may print and export what it shows them (district staff: their
district). Both are made in Vietnamese, whatever the interface language."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from communes.models import Province
from dossiers.documents import bodies, builders, pdf
from dossiers.documents.language import official_language
from progress.figures import plan_province
from progress.views import XLSX, dashboard_charts, dashboard_data, dashboard_query
from progress.workbook import DashboardSheet, dashboard_xlsx

# The yearly table has 13 columns: landscape.
DASHBOARD_CSS = (
    "@page { size: A4 landscape; margin: 15mm 15mm 15mm 20mm; } "
    "table.list { width: 100%; font-size: 10pt; } "
    "h2 { font-size: 13pt; margin: 8pt 0 4pt; } p.c { text-align: center; } "
    ".charts svg { width: 82mm; height: auto; } "
    ".charts figure { display: inline-block; width: 84mm; margin: 0 2mm 4mm 0; "
    "vertical-align: top; page-break-inside: avoid; } "
    ".charts figcaption { font-size: 10pt; font-weight: bold; }"
)


def attachment(filename: str, *, inline: bool = False) -> str:
    """A Content-Disposition naming the file in Vietnamese (RFC 6266 ``filename*``),
    with its name without diacritics for clients that read only ``filename``."""
    stem, _dot, ext = filename.rpartition(".")
    ascii_name = f"{builders.file_name(stem)}.{ext}"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _sheet(request) -> tuple[dict, DashboardSheet, bodies.Body]:
    """The dashboard's data in Vietnamese, the workbook's sheet and the heading body."""
    with official_language():
        data = dashboard_data(request)
        overview = data["overview"]
        district = data["district"]
        if district is not None:
            body = bodies.district_committee(district)
        else:
            key = plan_province(overview.plan)
            province = Province.objects.filter(pk=key).first() or bodies.installation_province()
            body = bodies.province_committee(province)
        years = overview.years or tuple(data["years"])
        title = _("Tiến độ thực hiện Kế hoạch %(a)s–%(b)s: %(scope)s") % {
            "a": years[0],
            "b": years[-1],
            "scope": data["progress"].label,
        }
        sheet = DashboardSheet(
            heading=body.name.upper(),
            title=title,
            plan_name=overview.plan.name if overview.plan else "",
            as_of=data["today"],
            progress=data["progress"],
            metrics=[(key, str(label)) for key, label in data["metrics"]],
            summary=data["summary"],
            summary_year=data["summary_year"],
        )
    return data, sheet, body


def _file_stem(data: dict) -> str:
    return f"Tiến độ NTM {data['progress'].label} {data['year']}"


def _document_context(request) -> tuple[dict, DashboardSheet]:
    data, sheet, body = _sheet(request)
    with official_language():
        head = builders.head_of(
            body,
            symbol="",
            date=data["today"],
            doc_type=_("TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH"),
            summary=sheet.title,
        )
        charts = dashboard_charts(data["progress"], data["today"])
    return {**data, "head": head, "sheet": sheet, "charts": charts}, sheet


@login_required
@require_GET
def dashboard_print(request):
    context, _sheet_ = _document_context(request)
    query = dashboard_query(context)
    html = pdf.render_html(
        "progress/dashboard_print.html",
        {
            **context,
            "pdf_url": reverse("progress:dashboard_pdf") + "?" + query,
            "back_url": reverse("progress:dashboard") + "?" + query,
        },
        request=request,
        printable=True,
    )
    return HttpResponse(html)


@login_required
@require_GET
def dashboard_pdf(request):
    context, sheet = _document_context(request)
    data = pdf.render_pdf("progress/dashboard_print.html", context, extra_css=DASHBOARD_CSS)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = attachment(f"{_file_stem(context)}.pdf", inline=True)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def dashboard_workbook(request):
    data, sheet, _body = _sheet(request)
    response = HttpResponse(dashboard_xlsx(sheet), content_type=XLSX)
    response["Content-Disposition"] = attachment(f"{_file_stem(data)}.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response


__all__ = ["attachment", "dashboard_pdf", "dashboard_print", "dashboard_workbook"]

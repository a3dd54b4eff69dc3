"""The district report of section V.2 (progress.report) as an official document."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from communes.models import Commune
from dossiers.documents import bodies, builders, pdf, word
from dossiers.documents.language import in_official_language
from dossiers.documents.signers import signer_for
from dossiers.documents.views import docx_response, pdf_response
from progress.report import district_report as district_report_data
from progress.views import _report_args


def _district_report_document(request):
    district, year, half = _report_args(request)
    return district_report_document(district, year, half)


@in_official_language
def district_report_document(district, year: int, half: int | None):
    """The district report of section V.2 as an official document: (data, context)."""
    data = district_report_data(district, year, half)
    # a commune-level unit reports under a plan of the two-level government
    body = (
        bodies.commune_committee(district, data.end)
        if isinstance(district, Commune)
        else bodies.district_committee(district)
    )
    head = builders.head_of(
        body,
        symbol="BC-UBND",
        date=None,
        year=data.year,
        doc_type="BÁO CÁO",
        summary=data.summary,
        recipients=["UBND tỉnh (b/c)", "Ban Thi đua - Khen thưởng, Sở Nội vụ", "Lưu: VT"],
        signer=signer_for(body, None),
    )
    return data, {"head": head, "report": data, "plan": data.plan, "proposer": body.name}


@login_required
@require_GET
def district_report(request, fmt: str = "html"):
    data, context = _district_report_document(request)
    template = "documents/district_report.html"
    name = builders.file_name("bao-cao", data.district.name, data.year, data.half or "")
    if fmt == "pdf":
        return pdf_response(pdf.render_pdf(template, context), f"{name}.pdf")
    if fmt == "docx":
        return docx_response(word.render_docx(template, context), f"{name}.docx")
    html = pdf.render_html(
        template,
        {
            **context,
            "pdf_url": reverse("district_report_pdf") + "?" + request.GET.urlencode(),
            "back_url": reverse("progress:report") + "?" + request.GET.urlencode(),
        },
        request=request,
        printable=True,
    )
    return HttpResponse(html)

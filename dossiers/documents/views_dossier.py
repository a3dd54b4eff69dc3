"""A dossier's documents: PDFs, printable views, the nominee list in Excel, certificates.

Every view starts from the dossiers app's visibility selector: a user who may not
see the dossier gets 404, as for the dossier page itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dossiers.models import Dossier, Status
from dossiers.selectors import dossier_for_page, nominees_of

from . import builders, certificates, excel, jobs, pdf, word
from .models import JobKind
from .signers import SignerChoice, signer_choice
from .views import docx_response, pdf_response

SIGNER_PARAM = "nguoi-ky"  # the printable view's signer, in its URL and its PDF's


def visible_dossier(request, pk: int) -> Dossier:
    try:
        return dossier_for_page(request.user, pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


def _respond(
    request,
    document: builders.Document,
    *,
    fmt: str,
    pdf_url: str,
    back_url: str,
    signers: SignerChoice | None = None,
) -> HttpResponse:
    if fmt == "pdf":
        return pdf_response(
            pdf.render_pdf(document.template, document.context), f"{document.filename}.pdf"
        )
    if fmt == "docx":
        return docx_response(
            word.render_docx(document.template, document.context), f"{document.filename}.docx"
        )
    html = pdf.render_html(
        document.template,
        {**document.context, "pdf_url": pdf_url, "back_url": back_url, "signers": signers},
        request=request,
        printable=True,
    )
    return HttpResponse(html)


def _build(request, pk: int, slug: str) -> tuple[Dossier, builders.Document, SignerChoice | None]:
    document = builders.DOSSIER_DOCUMENTS.get(slug)
    if document is None:
        raise Http404
    dossier = visible_dossier(request, pk)
    if document.decided_only and dossier.status != Status.DECIDED:
        raise Http404
    if document.signing is None:
        return dossier, document.build(dossier), None
    # The signer chosen when the document is made (?nguoi-ky=<id>): one of the issuing
    # body's signatories valid on its date; else the one stored with the issued
    # document, else the default one.
    asked = request.GET.get(SIGNER_PARAM, "")
    signing = document.signing(dossier)
    choice = signer_choice(
        signing.body,
        signing.on,
        on_behalf=signing.on_behalf,
        chosen=int(asked) if asked.isdigit() else signing.stored,
    )
    return dossier, document.build(dossier, signer_id=choice.chosen), choice


@login_required
@require_GET
def dossier_document(request, pk: int, slug: str, fmt: str = "html"):
    dossier, document, signers = _build(request, pk, slug)
    # the PDF and the Word copy carry the signer chosen on the printable view
    query = f"?{SIGNER_PARAM}={signers.chosen}" if signers and signers.chosen else ""
    return _respond(
        request,
        document,
        fmt=fmt,
        pdf_url=reverse("documents:dossier_pdf", args=[pk, slug]) + query,
        back_url=reverse("dossiers:detail", args=[pk]),
        signers=signers,
    )


@login_required
@require_GET
def nominee_report(request, pk: int, nid: int, fmt: str = "html"):
    dossier = visible_dossier(request, pk)
    nominee = nominees_of(dossier).filter(pk=nid).first()
    if nominee is None:
        raise Http404
    document = builders.achievement_report(dossier, nominee)
    return _respond(
        request,
        document,
        fmt=fmt,
        pdf_url=reverse("documents:report_pdf", args=[pk, nid]),
        back_url=reverse("dossiers:detail", args=[pk]),
    )


@login_required
@require_GET
def nominee_list_xlsx(request, pk: int):
    dossier = visible_dossier(request, pk)
    return excel.xlsx_response(
        excel.dossier_nominees_xlsx(dossier), f"danh-sach-{dossier.reference}.xlsx"
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificates_start(request, pk: int):
    """Every certificate of a decided dossier, as one PDF, in the background."""
    dossier = visible_dossier(request, pk)
    if not request.user.has_perm("documents.print_certificates"):
        raise PermissionDenied
    if dossier.status != Status.DECIDED:
        raise Http404
    if request.method == "GET":
        return render(
            request,
            "documents/certificates_start.html",
            {
                "dossier": dossier,
                "count": dossier.nominees.filter(awarded=True).count(),
                "layout": certificates.active_layout(),
            },
        )
    job = jobs.job_start(
        kind=JobKind.CERTIFICATES,
        params={"dossier_id": dossier.pk},
        label=_("Bằng khen theo Quyết định số %(n)s (%(who)s)")
        % {"n": dossier.decision_number, "who": dossier.proposer_name},
        by=request.user,
    )
    messages.info(request, _("Đang tạo Bằng khen trong nền; trang này báo khi xong."))
    return redirect("documents:job", pk=job.pk)

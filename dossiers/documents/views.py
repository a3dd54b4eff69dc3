"""Screens of the documents package: certificate layouts, background jobs.

Views are thin: they authorise, call a service or a renderer, and answer.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import certificates, jobs, pdf
from .forms import FieldFormSet, LayoutForm, NewLayoutForm
from .models import CertificateLayout, JobStatus


def pdf_response(data: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(data: bytes, filename: str) -> HttpResponse:
    """An editable copy of a document, as a download."""
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _require_admin(user) -> None:
    if not user.has_perm("documents.manage_layouts"):
        raise PermissionDenied


# ---- Certificate layouts (administrators) ---------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def layout_list(request):
    _require_admin(request.user)
    form = NewLayoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        layout = certificates.layout_create_default(name=form.cleaned_data["name"], by=request.user)
        messages.success(request, _("Đã tạo mẫu phôi “%(n)s”.") % {"n": layout.name})
        return redirect("documents:layout_edit", pk=layout.pk)
    layouts = CertificateLayout.objects.select_related("updated_by")
    return render(request, "documents/layout_list.html", {"layouts": layouts, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def layout_edit(request, pk: int):
    _require_admin(request.user)
    layout = get_object_or_404(CertificateLayout, pk=pk)
    form = LayoutForm(request.POST or None, instance=layout, prefix="layout")
    formset = FieldFormSet(request.POST or None, instance=layout, prefix="fields")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            layout = form.save(commit=False)
            layout.updated_by = request.user
            layout.save()
            formset.save()
        messages.success(request, _("Đã lưu vị trí các trường. In thử để kiểm tra trên phôi."))
        return redirect("documents:layout_edit", pk=layout.pk)
    return render(
        request,
        "documents/layout_edit.html",
        {"layout": layout, "form": form, "formset": formset},
    )


@login_required
@require_GET
def layout_test_print(request, pk: int):
    _require_admin(request.user)
    layout = get_object_or_404(CertificateLayout.objects.prefetch_related("fields"), pk=pk)
    return pdf_response(certificates.test_print_pdf(layout), f"in-thu-phoi-{layout.pk}.pdf")


@login_required
@require_GET
def layout_test_print_view(request, pk: int):
    _require_admin(request.user)
    layout = get_object_or_404(CertificateLayout.objects.prefetch_related("fields"), pk=pk)
    html = pdf.render_html(
        "documents/certificate.html",
        {
            **certificates.test_print_context(layout),
            "pdf_url": reverse("documents:layout_test_print", args=[layout.pk]),
            "back_url": reverse("documents:layout_edit", args=[layout.pk]),
        },
        request=request,
        printable=True,
    )
    return HttpResponse(html)


@login_required
@require_POST
def layout_activate(request, pk: int):
    _require_admin(request.user)
    layout = get_object_or_404(CertificateLayout, pk=pk)
    certificates.layout_activate(layout=layout, by=request.user)
    messages.success(request, _("Mẫu phôi “%(n)s” được dùng để in Bằng khen.") % {"n": layout})
    return redirect("documents:layouts")


# ---- Background jobs ------------------------------------------------------


def _job_for(request, pk):
    job = jobs.jobs_visible_to(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return jobs.job_refresh(job)


@login_required
@require_GET
def job_list(request):
    recent = jobs.jobs_visible_to(request.user).order_by("-created_at")[:30]
    return render(request, "documents/job_list.html", {"jobs": recent})


@login_required
@require_GET
def job_detail(request, pk):
    return _render_job(request, pk, "documents/job_detail.html")


@login_required
@require_GET
def job_progress(request, pk):
    """The progress fragment, polled by htmx until the job is finished."""
    return _render_job(request, pk, "documents/_job_progress.html")


def _render_job(request, pk, template: str):
    job = _job_for(request, pk)
    return render(request, template, {"job": job, "stuck": jobs.job_looks_stuck(job)})


@login_required
@require_GET
def job_download(request, pk):
    job = _job_for(request, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404
    response = FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
    response["Cache-Control"] = "private, no-store"
    return response

"""A dossier's attached files: uploading (through the size limit), downloading,
removing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from emulation.text import reject_nul
from emulation.uploads import human_size, max_bytes

from .. import forms, services
from ..models import Attachment
from ..services.uploads import SizeLimitHandler
from .common import _dossier, _guard, _require_edit, dossier_url


@csrf_exempt  # only to install the size limit first: the view below is CSRF-protected
@login_required
@require_POST
def attachment_upload(request, pk: int):
    request.upload_handlers.insert(0, SizeLimitHandler(request))
    return _attachment_upload(request, pk)


@csrf_protect
@_guard
def _attachment_upload(request, pk: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    request.FILES  # noqa: B018 - parse the body now, through the size limit
    reject_nul(request)  # what RejectNulMiddleware does for every other form
    if getattr(request, "upload_too_large", False):
        messages.error(
            request,
            _("Tệp vượt quá dung lượng cho phép %(limit)s.") % {"limit": human_size(max_bytes())},
        )
        return redirect(f"{dossier_url(dossier)}#tai-lieu")
    nominees = list(dossier.nominees.all())
    form = forms.AttachmentForm(request.POST, request.FILES, nominees=nominees)
    if form.is_valid():
        nominee = next((n for n in nominees if n.pk == form.cleaned_data["nominee"]), None)
        try:
            a = services.attachment_upload(
                dossier=dossier,
                by=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                nominee=nominee,
            )
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(request, _("Đã tải lên %(n)s.") % {"n": a.original_name})
            return redirect(f"{dossier_url(dossier)}#tai-lieu")
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
    return redirect(f"{dossier_url(dossier)}#tai-lieu")


@login_required
@require_GET
def attachment_download(request, pk: int, aid: int):
    """Served only through here, to users who may see the dossier (never by the web server)."""
    dossier = _dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=aid, dossier=dossier)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@_guard
def attachment_remove(request, pk: int, aid: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    attachment = get_object_or_404(Attachment, pk=aid, dossier=dossier)
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("Đã gỡ %(n)s.") % {"n": attachment.original_name})
    return redirect(f"{dossier_url(dossier)}#tai-lieu")

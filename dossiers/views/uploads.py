"""A dossier's attached files: uploading (through the size limit), downloading,
removing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emulation.text import reject_nul
from emulation.uploads import human_size, max_bytes

from .. import forms, services
from ..models import Attachment, RemovedItem
from ..services.uploads import SizeLimitHandler
from .common import _dossier, _guard, _require_edit, confirm_removal, dossier_url, removed
from .dossier import detail_page


@csrf_exempt  # only to install the size limit first: the view below is CSRF-protected
@login_required
@require_POST
def attachment_upload(request, pk: int):
    request.upload_handlers.insert(0, SizeLimitHandler(request))
    return _attachment_upload(request, pk)


@csrf_protect
@_guard
def _attachment_upload(request, pk: int):
    """Every row of the upload block with a file is stored on its own; the rows refused
    come back on the dossier's page with their errors beside the file and their type
    and nominee kept (the browser cannot keep the file itself: the error says so)."""
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    request.FILES  # noqa: B018 - parse the body now, through the size limit
    reject_nul(request)  # what RejectNulMiddleware does for every other form
    nominees = list(dossier.nominees.all())
    rows = forms.attachment_rows(request.POST, request.FILES, nominees=nominees)
    # rows without a file are skipped (not validated)
    filled = [row for row in rows if row.has_file]
    refused = [] if filled else [rows[0]]
    if getattr(request, "upload_too_large", False):
        # reading stopped at the limit: nothing of the request is stored
        filled, refused = [], [rows[0]]
        rows[0].add_error(
            "file",
            _("Tệp vượt quá dung lượng cho phép %(limit)s. Chọn lại tệp nhỏ hơn.")
            % {"limit": human_size(max_bytes())},
        )
    elif not filled:
        rows[0].add_error("file", _("Chọn tệp cần tải lên."))
    saved: list[str] = []
    for row in filled:
        if row.is_valid():
            nominee = next((n for n in nominees if n.pk == row.cleaned_data["nominee"]), None)
            try:
                a = services.attachment_upload(
                    dossier=dossier,
                    by=request.user,
                    kind=row.cleaned_data["kind"],
                    upload=row.cleaned_data["file"],
                    nominee=nominee,
                )
            except services.Invalid as exc:
                row.apply_errors(exc.errors)
            else:
                saved.append(a.original_name)
                continue
        refused.append(row)
    if saved:
        messages.success(request, _("Đã tải lên %(n)s.") % {"n": ", ".join(saved)})
    if not refused:
        return redirect(f"{dossier_url(dossier)}#tai-lieu")
    for row in refused:
        row.mark_invalid()
    refused[0].fields["file"].widget.attrs["autofocus"] = True  # the cursor goes there
    # the rows stored are shown empty again, the refused ones as they were sent
    shown = [
        row if row in refused else forms.AttachmentForm(nominees=nominees, row=row.row)
        for row in rows
    ]
    return detail_page(request, dossier, upload_rows=shown, status=400)


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
@require_http_methods(["GET", "POST"])
@_guard
def attachment_remove(request, pk: int, aid: int):
    """GET asks first; POST removes, to be restored until the dossier is submitted."""
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    attachment = get_object_or_404(Attachment, pk=aid, dossier=dossier)
    if request.method == "GET":
        return confirm_removal(
            request,
            dossier,
            heading=_("Gỡ tài liệu khỏi hồ sơ"),
            question=_("Gỡ tài liệu %(n)s (%(k)s) khỏi hồ sơ?")
            % {"n": attachment.original_name, "k": attachment.get_kind_display()},
            confirm=_("Gỡ tài liệu"),
        )
    services.attachment_remove(attachment=attachment, by=request.user)
    return removed(request, dossier, _("Đã gỡ %(n)s.") % {"n": attachment.original_name})


@login_required
@require_POST
@_guard
def removed_restore(request, pk: int, rid: int):
    """Undo a removal (until the dossier is submitted)."""
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    item = get_object_or_404(RemovedItem, pk=rid, dossier=dossier)
    try:
        services.removed_item_restore(item=item, by=request.user)
    except services.WrongState as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã khôi phục %(n)s.") % {"n": item.label})
    return redirect(dossier_url(dossier))

"""Screens of digital signatures (issue 16): the province's trusted root certificates and
the seal images (administrators), the signed decision of a decided dossier.

Views are thin: they authorise, call :mod:`.trust`, :mod:`.seals` or :mod:`.issued`,
and answer.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dossiers.models import Status

from . import issued, seals, signing, trust
from .forms_trust import CredentialForm, SealForm, TrustedRootForm
from .models import SignedDocument, SigningCredential
from .views import pdf_response
from .views_dossier import visible_dossier


def _require_manager(user) -> None:
    if not user.has_perm("documents.manage_signatures"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def trusted_roots(request):
    """The list of trusted roots, and the form that adds one."""
    _require_manager(request.user)
    form = TrustedRootForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            root = trust.trusted_root_add(
                data=form.cleaned_data["file"], name=form.cleaned_data["name"], by=request.user
            )
        except trust.CertificateError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Đã thêm chứng thư gốc “%(n)s”.") % {"n": root.name})
            return redirect("documents:trusted_roots")
    rows = trust.roots_of_installation().select_related("added_by", "deactivated_by")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/trusted_roots.html",
        {"page_obj": page, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def trusted_root_deactivate(request, pk: int):
    _require_manager(request.user)
    root = get_object_or_404(trust.roots_of_installation(), pk=pk)
    trust.trusted_root_deactivate(root=root, by=request.user)
    messages.success(request, _("Đã thôi tin cậy chứng thư gốc “%(n)s”.") % {"n": root.name})
    return redirect("documents:trusted_roots")


@login_required
@require_http_methods(["GET", "POST"])
def seal_list(request):
    """The seal image of each body, and the form that uploads a new one."""
    _require_manager(request.user)
    known = seals.seal_bodies()
    form = SealForm(
        request.POST or None, request.FILES or None, bodies=[(k, n) for k, n, _p in known]
    )
    if request.method == "POST" and form.is_valid():
        try:
            seals.seal_upload(
                body_key=form.cleaned_data["body_key"],
                data=form.cleaned_data["file"],
                by=request.user,
            )
        except seals.SealError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Đã lưu hình con dấu."))
            return redirect("documents:seals")
    names = {k: n for k, n, _p in known}
    rows = list(
        seals.seals_of_installation()
        .filter(is_active=True)
        .select_related("uploaded_by")
        .defer("png")
    )
    for row in rows:
        row.body_name = names.get(row.body_key, row.body_key)  # type: ignore[attr-defined]
    return render(
        request,
        "documents/seals.html",
        {"seals": rows, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def seal_image(request, pk: int):
    _require_manager(request.user)
    seal = get_object_or_404(seals.seals_of_installation(), pk=pk)
    response = HttpResponse(bytes(seal.png), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def credentials(request):
    """The signing certificates of the bodies whose documents the app signs, and the form
    that uploads one (PKCS#12 and its passphrase, both stored encrypted)."""
    _require_manager(request.user)
    known = seals.seal_bodies()
    form = CredentialForm(
        request.POST or None, request.FILES or None, bodies=[(k, n) for k, n, _p in known]
    )
    if request.method == "POST" and form.is_valid():
        try:
            signing.signing_credential_store(
                body_key=form.cleaned_data["body_key"],
                pkcs12_data=form.cleaned_data["file"],
                passphrase=form.cleaned_data["passphrase"],
                by=request.user,
            )
        except ValueError as exc:
            form.add_error("passphrase", str(exc))
        else:
            # the decisions that waited for this body's certificate are signed now
            waiting = issued.sign_waiting(body_key=form.cleaned_data["body_key"], by=request.user)
            messages.success(request, _("Đã lưu chứng thư số (mã hóa)."))
            if waiting:
                messages.info(
                    request,
                    _("%(n)s quyết định chờ chứng thư đang được ký số.") % {"n": waiting},
                )
            return redirect("documents:credentials")
    names = {k: n for k, n, _p in known}
    rows = list(
        SigningCredential.objects.filter(body_key__in=list(names))
        .select_related("uploaded_by")
        .defer("pkcs12_encrypted", "passphrase_encrypted")
    )
    for row in rows:
        row.body_name = names[row.body_key]  # type: ignore[attr-defined]
    return render(
        request,
        "documents/credentials.html",
        {"credentials": rows, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def decision_signed(request, pk: int):
    """The decided dossier's decision as signed when it was recorded (the stored bytes);
    before it is signed, the dossier's page says why."""
    dossier = visible_dossier(request, pk)
    if dossier.status != Status.DECIDED:
        raise Http404
    key = issued.decision_key(dossier)
    document = SignedDocument.objects.filter(key=key).first()
    if document is None:
        state = issued.signed_state(key, dossier.decision_date)
        messages.warning(request, state.waiting_message())
        return redirect("dossiers:detail", pk=pk)
    return pdf_response(bytes(document.pdf), document.filename, inline=False)

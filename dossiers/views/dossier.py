"""One dossier: creating it, editing its header, and its page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import completeness, forms, selectors, services, verdicts, workflow
from ..documents.outputs import outputs_for
from ..duplicates import duplicates_for
from ..history.selectors import earlier_awards_for
from ..kinds import KINDS
from ..legal import LegalBasisCode
from ..models import Dossier, Notification, RestrictionKind, Status
from .common import _dossier, _guard, _require_edit

# the states whose verdicts are not final yet (judged afresh when shown)
OPEN_STATUSES = frozenset(
    {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.APPRAISED,
        Status.APPROVED,
        Status.RETURNED,
    }
)


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request):
    if not request.user.has_perm("dossiers.create_dossier"):
        raise PermissionDenied
    form = forms.DossierForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(
                by=request.user,
                round=form.cleaned_data["round"],
                year=form.cleaned_data.get("year"),
                document_number=form.cleaned_data["document_number"],
                document_date=form.cleaned_data["document_date"],
                summary=form.cleaned_data["summary"],
            )
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(
                request, _("Đã tạo hồ sơ %(r)s. Thêm đối tượng đề nghị.") % {"r": dossier.reference}
            )
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/dossier_form.html", {"form": form, "dossier": None})


@login_required
@require_http_methods(["GET", "POST"])
@_guard
def dossier_edit(request, pk: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    initial = {
        "year": dossier.year,
        "document_number": dossier.document_number,
        "document_date": dossier.document_date,
        "summary": dossier.summary,
        "version": dossier.version,
    }
    form = forms.DossierForm(request.POST or None, initial=initial, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(
                dossier=dossier,
                by=request.user,
                expected_version=form.cleaned_data.get("version") or 0,
                year=form.cleaned_data.get("year"),
                document_number=form.cleaned_data["document_number"],
                document_date=form.cleaned_data["document_date"],
                summary=form.cleaned_data["summary"],
            )
        except services.StaleEdit as exc:
            form.add_error(None, str(exc))
            latest = Dossier.objects.get(pk=dossier.pk)
            return render(
                request,
                "dossiers/dossier_form.html",
                {"form": form, "dossier": dossier, "latest": latest, "stale": True},
                status=409,
            )
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/dossier_form.html", {"form": form, "dossier": dossier})


@login_required
@require_GET
def dossier_detail(request, pk: int):
    return detail_page(request, _dossier(request, pk))


def detail_page(request, dossier: Dossier, upload_rows=None, status: int = 200):
    """The dossier's page; `upload_rows` are the upload block's rows refused by an upload
    (their errors beside each file, the chosen types kept)."""
    user = request.user
    nominees = list(selectors.nominees_of(dossier))
    # an open dossier shows its verdicts judged now (issue 14: current at every click),
    # with a banner naming what changed since they were recorded
    recomputed = verdicts.recompute(dossier, nominees) if dossier.status in OPEN_STATUSES else None
    attachments = list(dossier.attachments.select_related("nominee").order_by("kind", "id"))
    editable = user.has_perm("dossiers.edit_dossier", dossier)
    checklist = completeness.checklist(dossier, nominees, attachments)
    problems = (
        completeness.problems(dossier, nominees, attachments)
        if dossier.status in (Status.DRAFT, Status.RETURNED)
        else []
    )
    events = list(selectors.history_of(dossier))
    last_return = next((e for e in reversed(events) if e.action == "return"), None)
    last_resubmit = next((e for e in reversed(events) if e.action == "resubmit"), None)
    if dossier.status == Status.RETURNED and last_return is not None:
        changed = services.changes_since_return(dossier)
    elif last_resubmit is not None:
        changed = last_resubmit.details.get("changes", [])
    else:
        changed = None
    Notification.objects.filter(recipient=user, dossier=dossier, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    actions = workflow.allowed_actions(user, dossier)
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "recomputed": recomputed,
            "attachments": attachments,
            "checklist": checklist,
            "problems": problems,
            "duplicates": duplicates_for(dossier, nominees),
            "earlier_awards": earlier_awards_for(user, dossier, nominees),
            "events": events,
            "last_return": last_return,
            "changed": changed,
            "editable": editable,
            "actions": actions,
            "may_attest": user.has_perm("dossiers.attest_nominees", dossier),
            "nd152": dossier.legal_basis == LegalBasisCode.ND152_2025,
            "restriction_kinds": RestrictionKind.choices,
            "attest_form": forms.AttestForm(),
            "upload_rows": upload_rows or forms.attachment_rows(nominees=nominees),
            "upload_error": upload_rows is not None,
            "removed_items": list(dossier.removed_items.select_related("removed_by"))
            if editable
            else [],
            "outputs": outputs_for(dossier, user),
            "kinds": [(k, KINDS[k].label) for k in services.kinds_for(dossier)],
        },
        status=status,
    )

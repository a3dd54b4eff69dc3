"""Up the ladder (III.2.1): the province's state-level proposals — the list and the
decided rounds they start from, a proposal's page with its history, choosing its
nominees, sending its tờ trình, recording the centre's answer. Reviewers act; the
province's appraisers and administrators read."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emulation.models import AuditEntry
from emulation.permissions import is_reviewer

from .. import selectors, state_forms
from ..models import Attachment, AttachmentKind, RoundChoices, StateProposal, StateProposalStatus
from ..services import errors as service_errors
from ..services import state_awards as service
from .common import PAGE_SIZE


def _proposal(request, pk: int) -> StateProposal:
    try:
        return (
            selectors.state_proposals_visible_to(request.user)
            .select_related("state_plan", "letter", "created_by")
            .get(pk=pk)
        )
    except StateProposal.DoesNotExist as exc:
        raise Http404 from exc


def _require_board(request) -> None:
    if not is_reviewer(request.user):
        raise PermissionDenied


def _version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _list_context(request, errors: dict[str, str] | None = None) -> dict:
    if not selectors.dossier_scope(request.user).provinces:
        raise PermissionDenied
    page = Paginator(
        selectors.state_proposals_visible_to(request.user)
        .select_related("state_plan", "letter")
        .annotate(entry_count=Count("entries"))
        .order_by("-year", "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    rounds = selectors.decided_rounds(request.user) if is_reviewer(request.user) else []
    return {
        "page_obj": page,
        "rounds": [
            {
                "round": r["dossier__round"],
                "year": r["dossier__year"],
                "count": r["count"],
                "label": f"{RoundChoices(r['dossier__round']).label} {r['dossier__year']}",
            }
            for r in rounds
        ],
        "errors": errors or {},
    }


def _carried_out(form, action: Callable[[], object]) -> bool:
    """Run ``action`` (the service call a valid ``form`` asks for): True when done. A
    refusal is a 403; what the service finds wrong goes beside its field, or above the
    form (a stale version, a wrong state), and nothing is recorded."""
    try:
        action()
    except service_errors.NotAllowed as exc:
        raise PermissionDenied from exc
    except service_errors.Invalid as exc:
        form.apply_errors(exc.errors)
    except service_errors.DossierError as exc:
        form.add_error(None, str(exc))
    else:
        return True
    return False


@login_required
@require_GET
def state_proposal_list(request):
    return render(request, "dossiers/state_proposal_list.html", _list_context(request))


@login_required
@require_POST
def state_proposal_create(request):
    _require_board(request)
    year = request.POST.get("nam", "")
    try:
        proposal = service.state_proposal_create(
            by=request.user,
            round=request.POST.get("dot", ""),
            year=int(year) if year.isdigit() else 0,
            note=request.POST.get("note", "")[:5000],
        )
    except service_errors.NotAllowed as exc:
        raise PermissionDenied from exc
    except service_errors.Invalid as exc:
        context = _list_context(request, exc.errors)
        return render(request, "dossiers/state_proposal_list.html", context, status=400)
    messages.success(request, _("Đã lập dự thảo đề nghị khen thưởng cấp Nhà nước."))
    return redirect("dossiers:state_proposal_nominees", pk=proposal.pk)


def _history(proposal: StateProposal) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(StateProposal),
            object_id=str(proposal.pk),
        )
        .select_related("actor")
        .order_by("at", "id")
    )


def _detail_context(request, proposal: StateProposal, **extra) -> dict:
    entries = list(
        proposal.entries.select_related(
            "nominee__dossier__district", "nominee__dossier__commune", "nominee__dossier__agency"
        ).order_by("id")
    )
    reports: dict[int, list[Attachment]] = {}
    for a in Attachment.objects.filter(
        nominee_id__in=[e.nominee_id for e in entries], kind=AttachmentKind.ACHIEVEMENT
    ).order_by("id"):
        reports.setdefault(a.nominee_id, []).append(a)  # type: ignore[arg-type]
    board = is_reviewer(request.user)
    return {
        "proposal": proposal,
        "entries": [(e, reports.get(e.nominee_id, [])) for e in entries],
        "history": _history(proposal),
        "may_edit": board and proposal.status == StateProposalStatus.DRAFT,
        "may_decide": board and proposal.status == StateProposalStatus.SENT,
        "send_form": extra.pop("send_form", None) or state_forms.SendForm(),
        **extra,
    }


@login_required
@require_GET
def state_proposal_detail(request, pk: int):
    proposal = _proposal(request, pk)
    return render(
        request, "dossiers/state_proposal_detail.html", _detail_context(request, proposal)
    )


@login_required
@require_http_methods(["GET", "POST"])
def state_proposal_nominees(request, pk: int):
    """Choose the nominees of a draft, a page at a time: the nominees the province's
    decisions awarded in the round, each with the awards of the national plan it may
    receive."""
    proposal = _proposal(request, pk)
    _require_board(request)
    if proposal.status != StateProposalStatus.DRAFT:
        return redirect("dossiers:state_proposal_detail", pk=proposal.pk)
    page = Paginator(service.candidates_of(proposal), PAGE_SIZE).get_page(
        request.POST.get("page") or request.GET.get("page")
    )
    nominees = list(page.object_list)
    entries = {e.nominee_id: e for e in proposal.entries.all()}
    standards = list(proposal.state_plan.standards.all())
    form = state_forms.EntriesForm(
        request.POST if request.method == "POST" else None,
        nominees=nominees,
        standards=standards,
        entries=entries,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _carried_out(
            form,
            partial(
                service.state_proposal_entries_set,
                proposal=proposal,
                by=request.user,
                choices=form.choices(),
                expected_version=_version(request),
            ),
        )
    ):
        messages.success(request, _("Đã lưu danh sách đề nghị."))
        return redirect("dossiers:state_proposal_detail", pk=proposal.pk)
    return render(
        request,
        "dossiers/state_proposal_nominees.html",
        {"proposal": proposal, "form": form, "page_obj": page, "standards": standards},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_POST
def state_proposal_send(request, pk: int):
    proposal = _proposal(request, pk)
    _require_board(request)
    form = state_forms.SendForm(request.POST)
    if form.is_valid() and _carried_out(
        form,
        partial(
            service.state_proposal_send,
            proposal=proposal,
            by=request.user,
            letter_date=form.cleaned_data["letter_date"],
            note=form.cleaned_data["note"],
            expected_version=_version(request),
        ),
    ):
        messages.success(
            request,
            _("Đã gửi Tờ trình số %(n)s đề nghị khen thưởng cấp Nhà nước.")
            % {"n": proposal.letter.full_number if proposal.letter else ""},
        )
        return redirect("dossiers:state_proposal_detail", pk=proposal.pk)
    context = _detail_context(request, _proposal(request, pk), send_form=form)
    return render(request, "dossiers/state_proposal_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def state_proposal_decide(request, pk: int):
    """Record the centre's answer: its decision (number, date, who awarded) and each
    nominee's outcome, or that no one was awarded and why."""
    proposal = _proposal(request, pk)
    _require_board(request)
    if proposal.status != StateProposalStatus.SENT:
        return redirect("dossiers:state_proposal_detail", pk=proposal.pk)
    entries = list(proposal.entries.select_related("nominee").order_by("id"))
    authorities = list(dict.fromkeys(e.authority for e in entries if e.authority))
    form = state_forms.CentralDecisionForm(
        request.POST if request.method == "POST" else None,
        entries=entries,
        initial={"authority": ", ".join(authorities)},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _carried_out(
            form,
            partial(
                service.state_proposal_decide,
                proposal=proposal,
                by=request.user,
                number=form.cleaned_data["number"],
                date=form.cleaned_data["date"],
                authority=form.cleaned_data["authority"],
                outcomes=form.outcomes(),
                note=form.cleaned_data["note"],
                expected_version=_version(request),
            ),
        )
    ):
        messages.success(request, _("Đã ghi kết quả khen thưởng cấp Nhà nước."))
        return redirect("dossiers:state_proposal_detail", pk=proposal.pk)
    return render(
        request,
        "dossiers/state_proposal_decide.html",
        {"proposal": proposal, "form": form},
        status=400 if request.method == "POST" and form.errors else 200,
    )

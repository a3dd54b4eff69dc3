"""The province's decisions: the list, one decision for the approved dossiers of a round
(form → confirmation showing what will be published → recorded), a decision's page
with its annex and corrections, and the correcting decision (form → confirmation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from emulation.permissions import is_reviewer

from .. import forms, selectors, services, verdicts
from ..documents.decision_numbers import (
    decision_issuer,
    decision_number_next,
    decision_signatories,
    signatory_option,
)
from ..documents.issued import decision_key_of, signed_state
from ..documents.signers import signatories_of
from ..models import Decision, DecisionKind, Dossier, Nominee, RoundChoices, Status
from .common import PAGE_SIZE

# the fields a confirmation screen carries back (everything the form posted)
_NOT_CARRIED = {"csrfmiddlewaretoken", "confirm", "back"}


def _carried(request) -> list[tuple[str, str]]:
    return [
        (k, v)
        for k, values in request.POST.lists()
        if k not in _NOT_CARRIED and not k.startswith("token_")
        for v in values
    ]


def _decision(request, pk: int) -> Decision:
    try:
        return selectors.decisions_visible_to(request.user).get(pk=pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_GET
def decision_list(request):
    """The province's decisions; for the board, the rounds with approved dossiers
    waiting for one."""
    qs = selectors.decisions_visible_to(request.user)
    if not selectors.dossier_scope(request.user).provinces:
        raise PermissionDenied
    page = Paginator(
        qs.select_related("corrects")
        .annotate(dossier_count=Count("dossiers"))
        .order_by("-date", "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    waiting = (
        selectors.dossiers_visible_to(request.user)
        .filter(status=Status.APPROVED)
        .values("round", "year")
        .annotate(count=Count("id"))
        .order_by("-year", "round")
        if is_reviewer(request.user)
        else []
    )
    return render(
        request,
        "dossiers/decision_list.html",
        {
            "page_obj": page,
            "waiting": [
                {**w, "label": f"{RoundChoices(w['round']).label} {w['year']}"} for w in waiting
            ],
        },
    )


def _round_of(request) -> tuple[str, int]:
    src = request.POST if request.method == "POST" else request.GET
    round_code, year = src.get("dot", ""), src.get("nam", "")
    if round_code not in RoundChoices.values or not year.isdigit():
        raise Http404
    return round_code, int(year)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    """One decision for the approved dossiers of a round: the form, then the
    confirmation showing the annex that will be published, then recorded."""
    if not is_reviewer(request.user):
        raise PermissionDenied
    round_code, year = _round_of(request)
    dossiers = list(
        selectors.dossiers_visible_to(request.user)
        .filter(status=Status.APPROVED, round=round_code, year=year)
        .order_by("id")
    )
    by_pk = {d.pk: d for d in dossiers}
    nominees = list(
        Nominee.objects.filter(dossier__in=dossiers)
        .select_related("commune", "village", "district", "agency")
        .order_by("dossier_id", "position", "id")
    )
    per_dossier: dict[int, list[Nominee]] = {}
    for n in nominees:
        per_dossier.setdefault(n.dossier_id, []).append(n)
    for d in dossiers:
        verdicts.current(d, per_dossier.get(d.pk, []))
    tokens = {d.pk: verdicts.fingerprint(per_dossier.get(d.pk, [])) for d in dossiers}
    signatories = {s.pk: s for s in decision_signatories()}
    form = forms.RoundDecisionForm(
        request.POST if request.method == "POST" else None,
        dossiers=dossiers,
        nominees=nominees,
        signatories=[(pk, signatory_option(s)) for pk, s in signatories.items()],
    )
    confirming = stale = False
    if request.method == "POST" and form.is_valid():
        chosen = [by_pk[pk] for pk in sorted(form.chosen()) if pk in by_pk]
        if request.POST.get("confirm") == "1":
            expected = {
                d.pk: request.POST[f"token_{d.pk}"]
                for d in chosen
                if f"token_{d.pk}" in request.POST
            }
            try:
                decision = services.decision_record(
                    by=request.user,
                    dossiers=chosen,
                    date=form.cleaned_data["decision_date"],
                    outcomes=form.outcomes(),
                    note=form.cleaned_data["note"],
                    expected_verdicts=expected,
                    signatory=signatories.get(form.cleaned_data["signatory"] or 0),
                )
            except services.NotAllowed as exc:
                raise PermissionDenied from exc
            except services.Invalid as exc:
                form.apply_errors(exc.errors)
            except services.StaleVerdicts as exc:
                form.add_error(None, str(exc))
                confirming = stale = True
            else:
                messages.success(
                    request,
                    _("Đã ghi Quyết định số %(n)s cho %(c)s hồ sơ.")
                    % {"n": decision.number, "c": len(chosen)},
                )
                return redirect("dossiers:decision_detail", pk=decision.pk)
        else:
            confirming = "back" not in request.POST
    chosen_ids = form.chosen() if form.is_bound and hasattr(form, "cleaned_data") else set()
    outcomes = form.outcomes() if confirming else {}
    annex = [
        (d, [n for n in per_dossier.get(d.pk, []) if outcomes.get(n.pk, (False, ""))[0]])
        for d in dossiers
        if d.pk in chosen_ids
    ]
    return render(
        request,
        "dossiers/decision_form.html",
        {
            "form": form,
            "round_code": round_code,
            "year": year,
            "round_label": f"{RoundChoices(round_code).label} {year}",
            "dossiers": [(d, per_dossier.get(d.pk, []), tokens[d.pk]) for d in dossiers],
            "confirming": confirming and not form.errors or stale,
            "stale": stale,
            "annex": annex,
            "not_awarded": [
                (n, outcomes[n.pk][1])
                for n in nominees
                if n.dossier_id in chosen_ids and n.pk in outcomes and not outcomes[n.pk][0]
            ],
            "carried": _carried(request) if confirming else [],
            "next_number": _next_number(form) if confirming else "",
            "signer": _signer(form, signatories) if confirming else None,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _signer(form, signatories: dict) -> str:
    """Who will sign, on the confirmation: the chosen one, else the default of the day."""
    chosen = signatories.get(form.cleaned_data.get("signatory") or 0)
    if chosen is not None:
        return signatory_option(chosen)
    date = form.cleaned_data.get("decision_date")
    valid = signatories_of(decision_issuer(date), date) if date else []
    return signatory_option(valid[0]) if valid else ""


def _next_number(form) -> str:
    """The number the register would give the decision now, shown on its confirmation
    (given, perhaps another, when it is recorded)."""
    date = form.cleaned_data.get("decision_date") if hasattr(form, "cleaned_data") else None
    return decision_number_next(date) if date else ""


@login_required
@require_GET
def decision_detail(request, pk: int):
    decision = _decision(request, pk)
    original = decision.corrects or decision
    return render(
        request,
        "dossiers/decision_detail.html",
        {
            "decision": decision,
            "original": original,
            "corrections": list(original.corrections.order_by("date", "id")),
            "dossiers": list(
                Dossier.objects.filter(decision=original).select_related(
                    "district", "commune", "agency"
                )
            ),
            "may_correct": is_reviewer(request.user) and decision.kind == DecisionKind.AWARD,
            # its signed copy, made when it was recorded (issue 16)
            "signed": signed_state(decision_key_of(decision.pk), decision.date),
        },
    )


def _current_tokens(decision: Decision, nominees: list[Nominee]) -> dict[int, str]:
    """The nominees of the dossiers a decision covers judged afresh (in memory) and
    each dossier's fingerprint, carried by the correction's confirmation."""
    per_dossier: dict[int, list[Nominee]] = {}
    for n in nominees:
        per_dossier.setdefault(n.dossier_id, []).append(n)
    tokens = {}
    for d in Dossier.objects.filter(decision=decision).order_by("pk"):
        verdicts.current(d, per_dossier.get(d.pk, []))
        tokens[d.pk] = verdicts.fingerprint(per_dossier.get(d.pk, []))
    return tokens


@login_required
@require_http_methods(["GET", "POST"])
def decision_correct(request, pk: int):
    """A decision correcting a recorded one: the form, the confirmation showing the
    changes that will be published, then recorded."""
    decision = _decision(request, pk)
    if not is_reviewer(request.user):
        raise PermissionDenied
    if decision.kind != DecisionKind.AWARD:
        raise Http404
    nominees = list(
        Nominee.objects.filter(dossier__decision=decision)
        .select_related("commune", "village", "district", "agency")
        .order_by("dossier_id", "position", "id")
    )
    tokens = _current_tokens(decision, nominees)
    signatories = {s.pk: s for s in decision_signatories()}
    form = forms.CorrectionForm(
        request.POST if request.method == "POST" else None,
        nominees=nominees,
        signatories=[(pk, signatory_option(s)) for pk, s in signatories.items()],
    )
    confirming = stale = False
    changes: list[dict] = []
    if request.method == "POST" and form.is_valid():
        names, outcomes = form.names(), form.outcomes()
        for n in nominees:
            if names.get(n.pk) and names[n.pk].strip() != n.name:
                changes.append({"name": n.name, "what": _("tên"), "after": names[n.pk].strip()})
            if n.pk in outcomes and outcomes[n.pk][0] != bool(n.awarded):
                changes.append(
                    {
                        "name": n.name,
                        "what": _("kết quả"),
                        "after": _("khen thưởng") if outcomes[n.pk][0] else _("không khen thưởng"),
                    }
                )
        if request.POST.get("confirm") == "1":
            try:
                correction = services.decision_correct(
                    decision=decision,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    date=form.cleaned_data["decision_date"],
                    reason=form.cleaned_data["reason"],
                    names=names,
                    outcomes=outcomes,
                    expected_verdicts={
                        pk: request.POST[f"token_{pk}"]
                        for pk in tokens
                        if f"token_{pk}" in request.POST
                    },
                    signatory=signatories.get(form.cleaned_data["signatory"] or 0),
                )
            except services.NotAllowed as exc:
                raise PermissionDenied from exc
            except services.Invalid as exc:
                form.apply_errors(exc.errors)
            except services.StaleVerdicts as exc:
                form.add_error(None, str(exc))
                confirming = stale = True
            except services.WrongState as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Đã ghi Quyết định số %(n)s đính chính Quyết định số %(o)s.")
                    % {"n": correction.number, "o": decision.number},
                )
                return redirect("dossiers:decision_detail", pk=correction.pk)
        else:
            confirming = "back" not in request.POST
    return render(
        request,
        "dossiers/decision_correct.html",
        {
            "decision": decision,
            "form": form,
            "confirming": confirming and not form.errors or stale,
            "stale": stale,
            "tokens": tokens,
            "nominees": nominees,
            "changes": changes,
            "carried": _carried(request) if confirming else [],
            "next_number": _next_number(form) if confirming else "",
            "signer": _signer(form, signatories) if confirming else None,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )

"""A province's decision as issued: the correcting decision's printable view, PDF and
Word copy with its signer (chosen on screen, ``?nguoi-ky=``; else the one stored with
it), and the signed copy of a decision or a correcting decision, as stored when it was
recorded (:mod:`.issued`). Whoever may open the decision's page may open these."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from dossiers.models import Decision, DecisionKind
from dossiers.selectors import decisions_visible_to

from . import bodies, builders, issued
from .models import SignedDocument
from .signers import signer_choice
from .views import pdf_response
from .views_dossier import SIGNER_PARAM, _respond


def visible_decision(request, pk: int) -> Decision:
    try:
        return decisions_visible_to(request.user).select_related("corrects").get(pk=pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_GET
def correction_document(request, pk: int, fmt: str = "html"):
    """The correcting decision as a document: printable, PDF, Word; its signer one of
    the UBND's signatories valid on its date (asked for, else stored, else default)."""
    correction = visible_decision(request, pk)
    if correction.kind == DecisionKind.AWARD:
        raise Http404
    asked = request.GET.get(SIGNER_PARAM, "")
    committee = bodies.province_committee(bodies.home_province(correction.date))
    choice = signer_choice(
        committee,
        correction.date,
        on_behalf=False,
        chosen=int(asked) if asked.isdigit() else correction.signatory_id,
    )
    if asked and choice.chosen != (int(asked) if asked.isdigit() else None):
        # asked for one who may not sign that day: the one stored with it
        choice = signer_choice(
            committee, correction.date, on_behalf=False, chosen=correction.signatory_id
        )
    document = builders.correction_decision(correction, signer_id=choice.chosen)
    query = f"?{SIGNER_PARAM}={choice.chosen}" if choice.chosen else ""
    return _respond(
        request,
        document,
        fmt=fmt,
        pdf_url=reverse("documents:correction_pdf", args=[pk]) + query,
        back_url=reverse("dossiers:decision_detail", args=[pk]),
        signers=choice,
    )


@login_required
@require_GET
def decision_signed_copy(request, pk: int):
    """The decision (or correcting decision) as signed when it was recorded: the stored
    bytes; before it is signed, its page says why."""
    decision = visible_decision(request, pk)
    found = SignedDocument.objects.filter(key=issued.decision_key_of(decision.pk)).first()
    if found is None:
        state = issued.signed_state(issued.decision_key_of(decision.pk), decision.date)
        messages.warning(request, state.waiting_message())
        return redirect("dossiers:decision_detail", pk=pk)
    return pdf_response(bytes(found.pdf), found.filename, inline=False)

"""The tờ trình of a state-level proposal (III.2.1): the printable view, and the PDF
that files it with the achievement report of every nominee it names, in its order."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_GET

from dossiers.models import StateProposal
from dossiers.selectors import state_proposals_visible_to

from . import pdf
from .builders import achievement_report
from .builders.state_letter import state_letter
from .views import pdf_response
from .views_dossier import _respond


def _proposal(request, pk: int) -> StateProposal:
    try:
        return (
            state_proposals_visible_to(request.user)
            .select_related("state_plan", "letter")
            .get(pk=pk)
        )
    except StateProposal.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_GET
def state_letter_view(request, pk: int):
    proposal = _proposal(request, pk)
    return _respond(
        request,
        state_letter(proposal),
        fmt="html",
        pdf_url=reverse("documents:state_letter_pdf", args=[pk]),
        back_url=reverse("dossiers:state_proposal_detail", args=[pk]),
    )


@login_required
@require_GET
def state_letter_pdf(request, pk: int):
    """The tờ trình, then each nominee's achievement report (one PDF, as it is filed)."""
    proposal = _proposal(request, pk)
    documents = [state_letter(proposal)]
    for entry in proposal.entries.select_related("nominee__dossier").order_by("id"):
        documents.append(achievement_report(entry.nominee.dossier, entry.nominee))
    laid_out = [
        pdf.html_to_document(pdf.render_html(d.template, d.context, printable=False))
        for d in documents
    ]
    return pdf_response(pdf.join_documents(laid_out), f"{documents[0].filename}.pdf")

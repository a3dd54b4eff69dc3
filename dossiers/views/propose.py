"""A draft dossier from "who qualifies": the ticked units become its nominees
(:mod:`dossiers.services.proposals`). The page that lists them is the eligibility app's
(``rules:who_qualifies``); it posts here."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..services import DossierError, Invalid
from ..services.proposals import MAX_PICKS, dossier_from_qualifying, parse_picks

# the page's filters, kept when it is shown again
KEPT = ("vong", "nam", "ke_hoach", "huyen", "hien", "page")


def _back(request: HttpRequest, *, chosen: list[str]) -> HttpResponse:
    query = [(k, request.POST[k]) for k in KEPT if request.POST.get(k)]
    query += [("chon", value) for value in chosen[:MAX_PICKS]]
    return redirect(f"{reverse('rules:who_qualifies')}?{urlencode(query)}#de-nghi")


@login_required
@require_POST
def propose_qualifying(request: HttpRequest) -> HttpResponse:
    """Create the draft, then open it; a refusal goes back to the list, ticks kept."""
    if not request.user.has_perm("dossiers.create_dossier"):
        raise PermissionDenied
    chosen = request.POST.getlist("chon")
    year_text = request.POST.get("nam", "")
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    try:
        proposal = dossier_from_qualifying(
            by=request.user,  # type: ignore[arg-type]
            round=request.POST.get("vong", ""),
            year=year,
            picks=parse_picks(chosen),
        )
    except Invalid as exc:
        for message in exc.errors.values():
            messages.error(request, message)
        return _back(request, chosen=chosen)
    except DossierError as exc:
        messages.error(request, str(exc))
        return _back(request, chosen=chosen)
    dossier = proposal.dossier
    messages.success(
        request,
        _("Đã lập hồ sơ nháp %(r)s (%(round)s) với %(n)s đối tượng: %(names)s.")
        % {
            "r": dossier.reference,
            "round": dossier.round_label,
            "n": len(proposal.added),
            "names": ", ".join(proposal.added),
        },
    )
    for why in proposal.skipped:
        messages.warning(request, _("Không thêm %(why)s") % {"why": why})
    return redirect("dossiers:detail", pk=dossier.pk)

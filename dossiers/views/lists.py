"""The list of a district's (or agency's) dossiers, the province's queue, and the
queue's bulk moves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from communes.selectors import districts_visible_to

from .. import forms, selectors, services
from ..models import Status
from ..services import bulk
from ..workflow import TRANSITIONS
from .common import PAGE_SIZE


@login_required
@require_GET
def dossier_list(request):
    """A district's (or agency's) dossiers; for the province, the reviewer's queue."""
    user = request.user
    districts, communes = [], []
    if user.is_provincial:
        # the districts (the archive) and the commune-level units proposing from 1/7/2025
        districts = list(districts_visible_to(user))
        communes = list(selectors.communes_proposing(user))
    filter_form = forms.ListFilterForm(
        request.GET or None, districts=districts, communes=communes, queue=user.is_provincial
    )
    filters = filter_form.filters()
    qs = selectors.dossier_list(user, filters=filters)
    counts = selectors.status_counts(
        selectors.dossiers_filtered(
            user, filters={k: v for k, v in filters.items() if k != "status"}
        )
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "dossiers/list.html",
        {
            "page_obj": page,
            "filter_form": filter_form,
            "counts": [(s, label, counts[s]) for s, label in Status.choices],
            "total": sum(counts.values()),
            "current_status": filters.get("status", ""),
            "can_create": user.has_perm("dossiers.create_dossier"),
            "bulk_actions": services.bulk_actions_for(user),
            "sorting": _sorting(request, filters.get("sort", "")),
        },
    )


# The sortable columns: their key in ?sort= (the descending order is "-" + key).
SORTABLE = ("so", "don-vi", "dot", "trang-thai", "cap-nhat")


def _sorting(request, current: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the link that sorts by it (ascending, or descending
    when it is the ascending order now) and its aria-sort value."""
    out = {}
    for key in SORTABLE:
        query = request.GET.copy()
        query.pop("page", None)
        query["sort"] = f"-{key}" if current == key else key
        state = {key: "ascending", f"-{key}": "descending"}.get(current, "none")
        out[key.replace("-", "_")] = {"url": f"?{query.urlencode()}", "aria": state}
    return out


@login_required
@require_POST
def dossier_bulk(request):
    """Bulk receive / approve / appraise: first a preview listing exactly which dossiers
    the action touches (and which it skips, and why); only the confirmation applies it."""
    user = request.user
    action = request.POST.get("bulk_action", "")
    if not services.may_bulk(user, action):
        raise PermissionDenied
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][: bulk.MAX_DOSSIERS]
    chosen = services.chosen_dossiers(user, ids)
    if request.POST.get("confirm") == "1":
        done, refused = services.dossiers_bulk_apply(
            user=user, action=action, dossiers=chosen, note=request.POST.get("note", "")
        )
        if done:
            messages.success(
                request,
                _("Đã “%(a)s” %(n)s hồ sơ: %(refs)s.")
                % {
                    "a": TRANSITIONS[action].label,
                    "n": len(done),
                    "refs": ", ".join(d.reference for d in done),
                },
            )
        for d, reason in refused:
            messages.error(request, f"{d.reference}: {reason}")
        return redirect("dossiers:list")
    preview = services.dossiers_bulk_preview(user=user, action=action, dossiers=chosen)
    missing = len(set(ids)) - len(chosen)
    return render(
        request,
        "dossiers/bulk_preview.html",
        {
            "transition": preview.transition,
            "will": preview.will,
            "skip": preview.skip,
            "missing": missing,
        },
    )

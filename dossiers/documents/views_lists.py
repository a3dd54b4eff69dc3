"""Lists and batches beyond one dossier: the queue and a round's awards in Excel,
a round's reports as a ZIP (background), and the public list of awards (no login)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from communes.selectors import districts_visible_to
from dossiers.forms import ListFilterForm
from dossiers.models import RoundChoices
from dossiers.selectors import dossier_list, dossiers_visible_to
from emulation.labels import title_label
from emulation.plans import plan_spec_current

from . import archive, builders, excel, jobs, legal, verify
from .models import JobKind
from .public import public_awards


@login_required
@require_GET
def queue_xlsx(request):
    """The dossier list (the reviewer's queue) with the same filters as on screen."""
    user = request.user
    districts = list(districts_visible_to(user)) if user.is_provincial else []
    filters = ListFilterForm(request.GET or None, districts=districts).filters()
    return excel.xlsx_response(
        excel.queue_xlsx(dossier_list(user, filters=filters)),
        f"ho-so-{dt.date.today():%Y%m%d}.xlsx",
    )


def _round_year(request) -> tuple[str, int]:
    round_code = request.GET.get("dot") or request.POST.get("dot") or ""
    if round_code not in RoundChoices.values:
        raise Http404
    year_text = request.GET.get("nam") or request.POST.get("nam") or ""
    plan = plan_spec_current()
    year = plan.year_of(round_code) or (int(year_text) if year_text.isdigit() else 0)
    if not plan.first_year <= year <= max(plan.last_year, dt.date.today().year):
        raise Http404
    return round_code, year


@login_required
@require_GET
def round_awards_xlsx(request):
    round_code, year = _round_year(request)
    data = excel.round_awards_xlsx(
        round=round_code, year=year, visible=dossiers_visible_to(request.user)
    )
    return excel.xlsx_response(data, f"khen-thuong-{builders.round_slug(round_code)}-{year}.xlsx")


@login_required
@require_POST
def round_reports_start(request):
    """Every achievement report of a round (the dossiers the user may see) as one ZIP."""
    if not request.user.has_perm("documents.batch_reports"):
        raise PermissionDenied
    round_code, year = _round_year(request)
    job = jobs.job_start(
        kind=JobKind.ROUND_REPORTS,
        params={"round": round_code, "year": year},
        label=_("Báo cáo thành tích đợt %(r)s năm %(y)s (ZIP)")
        % {"r": RoundChoices(round_code).label, "y": year},
        by=request.user,
    )
    return redirect("documents:job", pk=job.pk)


@login_required
@require_POST
def round_archive_start(request):
    """A decided round's archive package (PDF/A-2b and metadata), in the background:
    the province's board and administrators, for a round with a decided dossier."""
    if not request.user.has_perm("documents.archive_round"):
        raise PermissionDenied
    round_code, year = _round_year(request)
    if not archive.round_is_decided(request.user, round_code, year):
        messages.error(
            request,
            _("Đợt %(r)s năm %(y)s chưa có hồ sơ nào đã có quyết định khen thưởng: "
              "chưa lập được gói nộp lưu.")
            % {"r": RoundChoices(round_code).label, "y": year},
        )  # fmt: skip
        return redirect("documents:rounds")
    job = jobs.job_start(
        kind=JobKind.ARCHIVE_PACKAGE,
        params={"round": round_code, "year": year},
        label=_("Gói hồ sơ nộp lưu đợt %(r)s năm %(y)s (PDF/A)")
        % {"r": RoundChoices(round_code).label, "y": year},
        by=request.user,
    )
    return redirect("documents:job", pk=job.pk)


@login_required
@require_GET
def rounds(request):
    """Batches of a round: Excel of decided awards; the reports ZIP (province)."""
    return render(
        request,
        "documents/rounds.html",
        {
            "rounds": RoundChoices.choices,
            "years": range(2021, min(dt.date.today().year, 2025) + 1),
            "can_batch": request.user.has_perm("documents.batch_reports"),
            "can_archive": request.user.has_perm("documents.archive_round"),
        },
    )


@require_GET
def public_list(request):
    """Decided awards, for everyone: searchable without diacritics, paginated."""
    q = request.GET.get("q", "")[:100]
    round_code = request.GET.get("dot", "")
    round_code = round_code if round_code in RoundChoices.values else ""
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() else None
    page = Paginator(public_awards(q=q, round=round_code, year=year), 50).get_page(
        request.GET.get("page")
    )
    labels = dict(RoundChoices.choices)
    for award in page.object_list:
        award.round_label = labels.get(award.round, award.round)
        award.title_label = title_label(award.title)
    return render(
        request,
        "documents/public_list.html",
        {
            "page_obj": page,
            "q": q,
            "round": round_code,
            "year": year,
            "rounds": RoundChoices.choices,
            "years": range(2021, 2026),
            "plan": legal.current_plan(),
        },
    )


@require_GET
def verify_certificate(request, token: str):
    """The public check of a Bằng khen (its QR code's address): no login."""
    found = verify.verified_certificate(token)
    if found is None:
        raise Http404
    response = render(request, "documents/verify.html", {"cert": found})
    response["X-Robots-Tag"] = "noindex"
    return response

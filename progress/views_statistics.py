"""The yearly statistical report of emulation and award work (forms 0601–0605.N/BNV-TĐKT,
:mod:`progress.award_statistics`): on screen, as a PDF and as a workbook, for the
provincial awards board and administrators. The PDF and the workbook are Vietnamese
whatever the interface language; the screen follows it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dossiers.documents import bodies, pdf
from dossiers.documents.language import official_language
from dossiers.selectors import dossiers_visible_to
from progress.award_statistics import (
    DUE,
    LAYOUT_NOTE,
    PERIOD_NOTE,
    form_tables,
    gather_statistics,
)
from progress.periods import plan_periods, year_asked
from progress.views import XLSX
from progress.views_export import attachment
from progress.workbook import award_statistics_xlsx

# Each form on its own landscape page.
STATISTICS_CSS = (
    "@page { size: A4 landscape; margin: 15mm 15mm 15mm 20mm; } "
    "table.list { width: 100%; font-size: 11pt; } "
    "section.form + section.form { page-break-before: always; } "
    ".form-head { width: 100%; font-size: 11pt; margin-bottom: 6pt; } "
    ".form-head td { vertical-align: top; } .form-head td.w30 { width: 30%; } "
    ".form-head td.w40 { width: 40%; } .form-head td.c { text-align: center; } "
    "table.list td.indent-1 { padding-left: 8mm; } "
    "table.list tr.heading td { font-style: italic; } "
    "table.list th:first-child { width: 45%; } "
    "p.note { font-size: 10pt; font-style: italic; margin-top: 4pt; }"
)


def _statistics(request, *, official: bool) -> dict:
    if not request.user.has_perm("progress.read_award_statistics"):
        raise PermissionDenied
    today = dt.date.today()
    periods = plan_periods(request.user, today)
    year = year_asked(request, periods)
    stats = gather_statistics(year, dossiers_visible_to(request.user))
    province = bodies.home_province(min(stats.period[1], today))
    reporter = bodies.province_committee(province)
    return {
        "year": year,
        "years": [y for p in periods for y in p.years],
        "stats": stats,
        "tables": form_tables(stats),
        "reporter": reporter.name,
        "due": dt.date(year, *DUE),
        "layout_note": LAYOUT_NOTE,
        "period_note": PERIOD_NOTE,
        "today": today,
        "official": official,
    }


def _file_name(context: dict, ext: str) -> str:
    return f"Thống kê thi đua khen thưởng năm {context['year']}.{ext}"


@login_required
@require_GET
def award_statistics(request):
    return render(request, "progress/award_statistics.html", _statistics(request, official=False))


@login_required
@require_GET
def award_statistics_pdf(request):
    with official_language():
        context = _statistics(request, official=True)
        data = pdf.render_pdf(
            "progress/award_statistics_document.html", context, extra_css=STATISTICS_CSS
        )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = attachment(_file_name(context, "pdf"), inline=True)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def award_statistics_workbook(request):
    with official_language():
        context = _statistics(request, official=True)
        data = award_statistics_xlsx(
            tables=context["tables"],
            year=context["year"],
            period=context["stats"].period,
            reporter=context["reporter"],
            due=context["due"],
        )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = attachment(_file_name(context, "xlsx"))
    response["Cache-Control"] = "private, no-store"
    return response

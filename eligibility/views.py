"""Rules screens: who qualifies (every role, data-scoped) and rule sets (admins only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from communes.selectors import districts_visible_to
from eligibility.agency import agency_offer
from eligibility.dryrun import dry_run
from eligibility.facts import round_review_date
from eligibility.forms import RuleSetForm, WhoQualifiesForm, default_effective_from
from eligibility.qualify import ELIGIBLE, NEAR, PENDING, who_qualifies
from eligibility.workbook import who_qualifies_xlsx
from emulation.fields import rebind_version
from emulation.labels import round_choice
from emulation.models import Plan, RuleSet
from emulation.permissions import has_agency_scope
from emulation.plans import plan_current, plan_get, plan_spec, plans_list
from emulation.rules import VALUE_SPECS, PlanSpec, Round, ValueSpec
from emulation.rulesets import (
    STALE_MESSAGE,
    complete_values,
    display_value,
    ruleset_change,
    ruleset_get,
    ruleset_in_force,
    ruleset_latest,
    values_diff,
)
from emulation.stale import StaleSave

PAGE_SIZE = 30


class WhoQualifiesView(PermissionRequiredMixin, View):
    """For a round and year: every commune and district in scope, titles and why."""

    permission_required = "eligibility.read_who_qualifies"

    def get(self, request: HttpRequest) -> HttpResponse:
        plan = _plan(request)
        spec = plan_spec(plan)
        # the districts of the plan's period (none for a plan from 1/7/2025 on)
        period = (dt.date(spec.first_year, 1, 1), dt.date(spec.last_year, 12, 31))
        districts = list(districts_visible_to(request.user, during=period).order_by("code"))
        data = None
        if request.GET:
            data = request.GET.copy()
            if plan is not None:  # the plan judged under, whether asked for or current
                data["ke_hoach"] = plan.code
        form = WhoQualifiesForm(
            data,
            initial={"ke_hoach": plan.code if plan else ""},
            districts=districts,
            plan=spec,
            plans=[(p.code, str(p)) for p in plans_list()],
        )
        if not districts:
            form.fields.pop("huyen")
        form_data = form.cleaned_data if request.GET and form.is_valid() else {}
        rnd = Round(form_data.get("vong") or Round.ANNUAL)
        year = _round_year(spec, rnd, form_data.get("nam"))
        # The plan's version in force on the round's review date (the directive's date
        # set on the plan's round, else 31/12 of the year or today), never before the
        # plan's first day: the same version the round's dossiers are judged with.
        review_on = max(round_review_date(spec, rnd, year), dt.date(spec.first_year, 1, 1))
        ruleset = ruleset_in_force(review_on, plan=plan)
        district_results, commune_results = who_qualifies(
            user=request.user,
            round=rnd,
            year=year,
            ruleset=ruleset,
            plan=spec,
            district_code=form_data.get("huyen") or None,
        )
        show = form_data.get("hien") or ""
        if show == "eligible":
            wanted = {ELIGIBLE, PENDING}
        elif show == "near":
            wanted = {NEAR}
        else:
            wanted = None
        if wanted is not None:
            district_results = [r for r in district_results if r.status in wanted]
            commune_results = [r for r in commune_results if r.status in wanted]
        counts = {
            "eligible": sum(1 for r in commune_results if r.status in (ELIGIBLE, PENDING)),
            "near": sum(1 for r in commune_results if r.status == NEAR),
            "total": len(commune_results),
        }
        if request.GET.get("xuat") == "xlsx":
            heading = _("Đơn vị đủ điều kiện khen thưởng: đợt %(r)s, năm %(y)s, ngày xét %(d)s") % {
                "r": round_choice(rnd, spec),
                "y": year,
                "d": review_on.strftime("%d/%m/%Y"),
            }
            response = HttpResponse(
                who_qualifies_xlsx(
                    heading=heading, districts=district_results, communes=commune_results
                ),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            name = f"du-dieu-kien-khen-{rnd.value}-{year}.xlsx"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        page = Paginator(commune_results, PAGE_SIZE).get_page(request.GET.get("page"))
        offer = None
        agency = getattr(request.user, "agency", None)
        if has_agency_scope(request.user) and agency is not None:
            offer = agency_offer(agency=agency, round=rnd, plan=spec, ruleset=ruleset)
        # a draft is filed under the current plan: proposing from another plan's list is not
        # offered; the dossiers app judges the ticked units again when it creates the draft
        may_propose = request.user.has_perm("dossiers.create_dossier") and (
            not request.GET.get("ke_hoach") or _is_current(plan)
        )
        return render(
            request,
            "rules/who_qualifies.html",
            {
                "form": form,
                "round": rnd,
                "round_label": round_choice(rnd, spec),
                "year": year,
                "ruleset": ruleset,
                "plan_code": spec.code,
                "review_on": review_on,
                "district_results": district_results,
                "page_obj": page,
                "counts": counts,
                "near_limit": ruleset.values["near_miss_criteria"],
                "has_districts": bool(districts),
                "offer": offer,
                "may_propose": may_propose,
                "chosen": set(request.GET.getlist("chon")),
                "export_query": _export_query(request),
            },
        )


def _is_current(plan: Plan | None) -> bool:
    current = plan_current()
    return current is None or plan is None or current.pk == plan.pk


def _export_query(request: HttpRequest) -> str:
    """The page's query string for its workbook (every filter, no page, no ticks)."""
    query = request.GET.copy()
    for key in ("page", "chon", "xuat"):
        query.pop(key, None)
    query["xuat"] = "xlsx"
    return query.urlencode()


def _plan_q(request: HttpRequest, plan: Plan | None) -> str:
    """The query string that keeps a rule-set page on the plan it was asked for (none for
    the installation's current plan)."""
    if plan is None or not request.GET.get("ke_hoach"):
        return ""
    return f"?ke_hoach={plan.code}"


def _plan(request: HttpRequest) -> Plan | None:
    """The plan asked for (?ke_hoach=CODE), else the installation's current plan."""
    code = request.GET.get("ke_hoach", "")
    return (plan_get(code) if code else None) or plan_current()


def _round_year(plan: PlanSpec, rnd: Round, chosen: int | None) -> int:
    """The annual round's chosen year (default this year, within the plan's period); the
    plan's year for the sơ kết and tổng kết rounds."""
    fixed = plan.year_of(rnd)
    if fixed is not None:
        return fixed
    return chosen or min(timezone.localdate().year, plan.last_year)


def _rows(
    values: Mapping[str, Any], compare: Mapping[str, Any] | None = None
) -> list[tuple[ValueSpec, str, str | None]]:
    """(spec, display value, display of the compared value or None) for each value."""
    rows = []
    for spec in VALUE_SPECS:
        old = None
        if compare is not None and compare.get(spec.key) != values.get(spec.key):
            old = display_value(spec, compare.get(spec.key))
        rows.append((spec, display_value(spec, values.get(spec.key)), old))
    return rows


class RuleSetListView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_rulesets"

    def get(self, request: HttpRequest) -> HttpResponse:
        plan = _plan(request)
        qs = (
            RuleSet.objects.filter(plan=plan)
            .select_related("created_by", "based_on")
            .order_by("-version")
        )
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        in_force = ruleset_in_force(plan=plan)
        items = []
        for rs in page:
            base = complete_values(rs.based_on.values) if rs.based_on else None
            changes = values_diff(base, complete_values(rs.values)) if base else []
            items.append((rs, changes))
        return render(
            request,
            "rules/ruleset_list.html",
            {
                "page_obj": page,
                "items": items,
                "in_force": in_force,
                "plan": plan,
                "plan_q": _plan_q(request, plan),
            },
        )


class RuleSetDetailView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_rulesets"

    def get(self, request: HttpRequest, version: int) -> HttpResponse:
        plan = _plan(request)
        rs = ruleset_get(version, plan=plan)
        if rs is None:
            raise Http404
        assert rs.record is not None  # a version read from the table has its row
        compare = None
        compare_to = request.GET.get("so_voi", "")
        if compare_to.isdigit():
            compare = ruleset_get(int(compare_to), plan=plan)
        elif rs.record.based_on is not None:
            compare = ruleset_get(rs.record.based_on.version, plan=plan)
        versions = list(
            RuleSet.objects.filter(plan=plan).order_by("-version").values_list("version", flat=True)
        )
        return render(
            request,
            "rules/ruleset_detail.html",
            {
                "rs": rs,
                "record": rs.record,
                "compare": compare,
                "rows": _rows(rs.values, compare.values if compare else None),
                "changes": values_diff(compare.values, rs.values) if compare else [],
                "in_force": ruleset_in_force(plan=plan),
                "versions": versions,
                "plan": plan,
                "plan_q": _plan_q(request, plan),
            },
        )


class RuleSetHistoryView(PermissionRequiredMixin, View):
    """Who changed what and when: each version against the one it was edited from."""

    permission_required = "emulation.manage_rulesets"

    def get(self, request: HttpRequest) -> HttpResponse:
        plan = _plan(request)
        qs = (
            RuleSet.objects.filter(plan=plan)
            .select_related("created_by", "based_on")
            .order_by("-created_at", "-version")
        )
        page = Paginator(qs, 20).get_page(request.GET.get("page"))
        entries = []
        for rs in page:
            base = complete_values(rs.based_on.values) if rs.based_on else None
            entries.append((rs, values_diff(base, complete_values(rs.values)) if base else None))
        return render(
            request,
            "rules/ruleset_history.html",
            {"page_obj": page, "entries": entries, "plan": plan, "plan_q": _plan_q(request, plan)},
        )


class RuleSetEditView(PermissionRequiredMixin, View):
    """Edit the values as a new version: preview (diff and dry run), then save."""

    permission_required = "emulation.manage_rulesets"
    template = "rules/ruleset_edit.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        plan = _plan(request)
        base = ruleset_latest(plan=plan)
        form = RuleSetForm(
            initial={"effective_from": default_effective_from(), "base_version": base.version},
            initial_values=base.values,
        )
        return render(
            request,
            self.template,
            {"form": form, "base": base, "plan": plan, "plan_q": _plan_q(request, plan)},
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        plan = _plan(request)
        base = ruleset_latest(plan=plan)
        form = RuleSetForm(request.POST, initial_values=base.values)
        context = {"form": form, "base": base, "plan": plan, "plan_q": _plan_q(request, plan)}
        if not form.is_valid():
            return render(request, self.template, context, status=200)
        new_values = form.values()
        changes = values_diff(base.values, new_values)
        opened_on = form.cleaned_data.get("base_version")
        if opened_on is not None and opened_on != base.version:
            return self.stale(request, context, opened_on, base)
        if request.POST.get("action") != "save":
            current = ruleset_in_force(form.cleaned_data["effective_from"], plan=plan)
            context.update(
                preview=True,
                changes=changes,
                dry=dry_run(
                    current.values,
                    new_values,
                    plan=plan_spec(plan),
                    province=plan.province_id if plan is not None else None,
                ),
                dry_base=current,
            )
            return render(request, self.template, context)
        try:
            record = ruleset_change(
                values=new_values,
                effective_from=form.cleaned_data["effective_from"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                plan=plan,
                expected_version=opened_on,
            )
        except StaleSave as exc:
            return self.stale(request, context, opened_on or 0, exc.latest or base)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for key, errs in exc.message_dict.items():
                    form.add_error(key if key in form.fields else None, errs)
            else:
                form.add_error(None, exc.messages)
            return render(request, self.template, context)
        messages.success(
            request,
            _("Đã lưu phiên bản %(v)s của bộ tiêu chuẩn; các phiên bản trước được giữ nguyên.")
            % {"v": record.version},
        )
        return redirect(
            reverse("rules:ruleset_detail", args=[record.version]) + _plan_q(request, plan)
        )

    def stale(
        self, request: HttpRequest, context: dict[str, Any], opened_on: int, latest: Any
    ) -> HttpResponse:
        """Refuse a save from a page opened on an older version (another tab saved since),
        as dossiers do: 409, what was typed kept, the other save's changes shown; the form
        now stands on the latest version, so saving again is a deliberate choice."""
        form = context["form"]
        opened = RuleSet.objects.filter(plan=context["plan"], version=opened_on).first()
        form.add_error(None, STALE_MESSAGE)
        rebind_version(form, "base_version", latest.version)
        context.update(
            base=latest,
            stale=True,
            stale_changes=values_diff(opened.values if opened else {}, latest.values),
            stale_opened=opened_on,
        )
        return render(request, self.template, context, status=409)

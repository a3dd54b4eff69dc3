"""Plans screens (admins only): the plans, a plan's head, its rounds and the titles each
round offers with the nominee kinds each title admits. The rule sets of a plan are edited
on the rule-set screens (``?ke_hoach=CODE``). Every change goes through the plan loader
(:mod:`emulation.plans`), which validates it as it validates a plan file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from communes.models import Province
from criteria.models import CriteriaSet
from eligibility.forms import PlanForm, PlanRoundForm
from emulation.labels import round_choice, title_label
from emulation.models import Plan
from emulation.plans import (
    PlanFileError,
    nominee_kind_choices,
    plan_create,
    plan_export,
    plan_get,
    plan_round_remove,
    plan_round_save,
    plan_spec,
    plan_update,
    plans_list,
)
from emulation.provinces import in_provinces, installation_provinces
from emulation.rules import Round, Title

ROUND_KINDS = {r.value for r in Round}


def _provinces() -> list[tuple[str, str]]:
    """The installation's province and its lineage: a plan of another province sharing
    the database is that installation's to write."""
    rows = Province.objects.filter(in_provinces("key", installation_provinces()))
    return [(p.code, p.name) for p in rows.order_by("code")]


def _plan_form(*args: Any, **kwargs: Any) -> PlanForm:
    """The plan form with its choices: the provinces and the stored criteria sets."""
    sets = [(s.code, f"{s.code} — {s}") for s in CriteriaSet.objects.order_by("code")]
    return PlanForm(*args, provinces=_provinces(), criteria_sets=sets, **kwargs)


def _plan_or_404(code: str) -> Plan:
    plan = plan_get(code)
    if plan is None:
        raise Http404
    return plan


def _problems(form: Any, exc: PlanFileError) -> None:
    for problem in exc.problems:
        form.add_error(None, problem)


class PlanListView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_plans"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "rules/plan_list.html", {"plans": plans_list()})


class PlanCreateView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_plans"
    template = "rules/plan_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = _plan_form()
        return render(request, self.template, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = _plan_form(request.POST)
        if form.is_valid():
            try:
                plan = plan_create(
                    code=form.cleaned_data["code"], head=form.head(), by=request.user
                )
            except PlanFileError as exc:
                _problems(form, exc)
            else:
                messages.success(request, _("Đã tạo kế hoạch %(c)s.") % {"c": plan.code})
                return redirect("rules:plan_detail", code=plan.code)
        return render(request, self.template, {"form": form})


class PlanEditView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_plans"
    template = "rules/plan_form.html"

    def _initial(self, plan: Plan) -> dict[str, Any]:
        return {
            "name": plan.name,
            "movement": plan.movement,
            "issuer": plan.issuer,
            "number": plan.number,
            "issued_on": plan.issued_on,
            "province": plan.province_id,
            "first_year": plan.first_year,
            "last_year": plan.last_year,
            "baseline_date": plan.baseline_date,
            "criteria_set": plan.criteria_set,
            "is_demo": plan.is_demo,
            "notes": plan.notes,
        }

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        plan = _plan_or_404(code)
        form = _plan_form(initial=self._initial(plan), editing=True)
        return render(request, self.template, {"form": form, "plan": plan})

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        plan = _plan_or_404(code)
        form = _plan_form(request.POST, editing=True)
        if form.is_valid():
            try:
                plan_update(plan=plan, head=form.head(), by=request.user)
            except PlanFileError as exc:
                _problems(form, exc)
            else:
                messages.success(request, _("Đã lưu kế hoạch %(c)s.") % {"c": plan.code})
                return redirect("rules:plan_detail", code=plan.code)
        return render(request, self.template, {"form": form, "plan": plan})


class PlanDetailView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_plans"

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        plan = _plan_or_404(code)
        kind, year = request.GET.get("dot", ""), request.GET.get("nam", "")
        if kind in ROUND_KINDS and year.isdigit():  # the "add or edit a round" form
            return redirect("rules:plan_round_edit", code=plan.code, kind=kind, year=int(year))
        data = plan_export(plan)
        spec = plan_spec(plan)
        kinds = dict(nominee_kind_choices())
        rounds = [
            {
                **r,
                **{
                    k: dt.date.fromisoformat(r[k]) if r.get(k) else None
                    for k in ("review_date", "opens_on", "closes_on")
                },
                "label": round_choice(r["kind"], spec)
                if r["kind"] != Round.ANNUAL
                else f"{round_choice(r['kind'], spec)} {r['year']}",
                "titles": [
                    {
                        "label": title_label(t["title"]),
                        "kinds": [kinds.get(k, k) for k in t["kinds"]],
                    }
                    for t in r["titles"]
                ],
            }
            for r in data["rounds"]
        ]
        return render(
            request,
            "rules/plan_detail.html",
            {
                "plan": plan,
                "data": data,
                "rounds": rounds,
                "years": range(plan.first_year, plan.last_year + 1),
                "round_kinds": [(r.value, round_choice(r.value, spec)) for r in Round],
            },
        )


class PlanRoundEditView(PermissionRequiredMixin, View):
    """Create (when the plan has no such round) or change one round of a plan."""

    permission_required = "emulation.manage_plans"
    template = "rules/plan_round_form.html"

    def _context(self, code: str, kind: str, year: int) -> tuple[Plan, dict[str, Any] | None]:
        plan = _plan_or_404(code)
        if kind not in ROUND_KINDS or not plan.first_year <= year <= plan.last_year:
            raise Http404
        existing = next(
            (r for r in plan_export(plan)["rounds"] if (r["kind"], r["year"]) == (kind, year)),
            None,
        )
        return plan, existing

    def _form(self, data: Any, existing: dict[str, Any] | None) -> PlanRoundForm:
        initial: dict[str, Any] = {}
        if existing:
            initial = {
                k: dt.date.fromisoformat(existing[k]) if existing.get(k) else None
                for k in ("review_date", "opens_on", "closes_on")
            }
            for t in existing["titles"]:
                initial[f"kinds_{t['title']}"] = t["kinds"]
        return PlanRoundForm(
            data,
            initial=initial,
            titles=[(t.value, title_label(t.value)) for t in Title],
            kinds=nominee_kind_choices(),
        )

    def _render(
        self, request: HttpRequest, plan: Plan, kind: str, year: int, form: PlanRoundForm, new: bool
    ) -> HttpResponse:
        label = round_choice(kind, plan_spec(plan))
        return render(
            request,
            self.template,
            {"plan": plan, "form": form, "kind": kind, "year": year, "label": label, "new": new},
        )

    def get(self, request: HttpRequest, code: str, kind: str, year: int) -> HttpResponse:
        plan, existing = self._context(code, kind, year)
        return self._render(request, plan, kind, year, self._form(None, existing), not existing)

    def post(self, request: HttpRequest, code: str, kind: str, year: int) -> HttpResponse:
        plan, existing = self._context(code, kind, year)
        form = self._form(request.POST, existing)
        if form.is_valid():
            try:
                plan_round_save(
                    plan=plan,
                    kind=kind,
                    year=year,
                    review_date=form.cleaned_data["review_date"],
                    opens_on=form.cleaned_data["opens_on"],
                    closes_on=form.cleaned_data["closes_on"],
                    titles=form.titles(),
                    by=request.user,
                )
            except PlanFileError as exc:
                _problems(form, exc)
            else:
                messages.success(request, _("Đã lưu đợt khen thưởng."))
                return redirect("rules:plan_detail", code=plan.code)
        return self._render(request, plan, kind, year, form, not existing)


class PlanRoundRemoveView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_plans"

    def post(self, request: HttpRequest, code: str, kind: str, year: int) -> HttpResponse:
        plan = _plan_or_404(code)
        try:
            plan_round_remove(plan=plan, kind=kind, year=year, by=request.user)
        except PlanFileError as exc:
            for problem in exc.problems:
                messages.error(request, problem)
        else:
            messages.success(request, _("Đã xoá đợt khen thưởng."))
        return redirect("rules:plan_detail", code=plan.code)

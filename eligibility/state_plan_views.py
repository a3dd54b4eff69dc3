"""National plans (kế hoạch thi đua cấp Nhà nước) and their award standards, entered by
administrators (III.2.1: the state-level awards a province proposes follow the national
plan's standards). Writes go through :mod:`emulation.state_plans`, audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from eligibility.forms import StatePlanForm, StateStandardForm
from emulation.models import StateAwardStandard, StatePlan
from emulation.plans import nominee_kind_choices
from emulation.state_plans import (
    PLAN_FIELDS,
    STANDARD_FIELDS,
    StatePlanError,
    state_plan_save,
    state_standard_remove,
    state_standard_save,
)


def _plan_or_404(code: str) -> StatePlan:
    plan = StatePlan.objects.filter(code=code).first()
    if plan is None:
        raise Http404
    return plan


def _apply(form: Any, exc: StatePlanError) -> None:
    for field, message in exc.errors.items():
        form.add_error(field if field in form.fields else None, message)


class StatePlanListView(PermissionRequiredMixin, View):
    """The national plans; the form to add one."""

    permission_required = "emulation.manage_plans"
    template = "rules/state_plan_list.html"

    def _render(self, request: HttpRequest, form: StatePlanForm, status: int = 200) -> HttpResponse:
        plans = StatePlan.objects.order_by("-first_year", "code").prefetch_related("standards")
        return render(request, self.template, {"plans": plans, "form": form}, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, StatePlanForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StatePlanForm(request.POST)
        if form.is_valid():
            try:
                plan = state_plan_save(
                    by=request.user,  # type: ignore[arg-type]
                    values=form.values(),
                    code=form.cleaned_data["code"],
                )
            except StatePlanError as exc:
                _apply(form, exc)
            else:
                messages.success(request, _("Đã tạo kế hoạch %(c)s.") % {"c": plan.code})
                return redirect("rules:state_plan_detail", code=plan.code)
        return self._render(request, form, status=400)


class StatePlanDetailView(PermissionRequiredMixin, View):
    """A national plan: its head (editable) and its award standards."""

    permission_required = "emulation.manage_plans"
    template = "rules/state_plan_detail.html"

    def _render(
        self, request: HttpRequest, plan: StatePlan, form: StatePlanForm, status: int = 200
    ) -> HttpResponse:
        kinds = dict(nominee_kind_choices())
        standards = [
            (s, [kinds.get(k, k) for k in s.kinds]) for s in plan.standards.order_by("position")
        ]
        return render(
            request,
            self.template,
            {"plan": plan, "form": form, "standards": standards},
            status=status,
        )

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        plan = _plan_or_404(code)
        initial = {f: getattr(plan, f) for f in PLAN_FIELDS}
        return self._render(request, plan, StatePlanForm(initial=initial, editing=True))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        plan = _plan_or_404(code)
        form = StatePlanForm(request.POST, editing=True)
        if form.is_valid():
            try:
                state_plan_save(by=request.user, values=form.values(), plan=plan)  # type: ignore[arg-type]
            except StatePlanError as exc:
                _apply(form, exc)
            else:
                messages.success(request, _("Đã lưu kế hoạch %(c)s.") % {"c": plan.code})
                return redirect("rules:state_plan_detail", code=plan.code)
        return self._render(request, plan, form, status=400)


class StateStandardEditView(PermissionRequiredMixin, View):
    """Add (``pk`` absent) or change one award standard of a national plan."""

    permission_required = "emulation.manage_plans"
    template = "rules/state_standard_form.html"

    def _objects(self, code: str, pk: int | None) -> tuple[StatePlan, StateAwardStandard | None]:
        plan = _plan_or_404(code)
        if pk is None:
            return plan, None
        standard = plan.standards.filter(pk=pk).first()
        if standard is None:
            raise Http404
        return plan, standard

    def _form(self, data: Any, standard: StateAwardStandard | None) -> StateStandardForm:
        initial = {f: getattr(standard, f) for f in STANDARD_FIELDS} if standard else {}
        return StateStandardForm(data, initial=initial, kinds=nominee_kind_choices())

    def _render(
        self, request: HttpRequest, plan: StatePlan, standard: Any, form: Any, status: int = 200
    ) -> HttpResponse:
        context = {"plan": plan, "standard": standard, "form": form}
        return render(request, self.template, context, status=status)

    def get(self, request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
        plan, standard = self._objects(code, pk)
        return self._render(request, plan, standard, self._form(None, standard))

    def post(self, request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
        plan, standard = self._objects(code, pk)
        form = self._form(request.POST, standard)
        if form.is_valid():
            try:
                state_standard_save(
                    by=request.user,  # type: ignore[arg-type]
                    plan=plan,
                    values=form.cleaned_data,
                    standard=standard,
                )
            except StatePlanError as exc:
                _apply(form, exc)
            else:
                messages.success(request, _("Đã lưu tiêu chuẩn khen thưởng."))
                return redirect("rules:state_plan_detail", code=plan.code)
        return self._render(request, plan, standard, form, status=400)


class StateStandardRemoveView(PermissionRequiredMixin, View):
    permission_required = "emulation.manage_plans"

    def post(self, request: HttpRequest, code: str, pk: int) -> HttpResponse:
        plan = _plan_or_404(code)
        standard = plan.standards.filter(pk=pk).first()
        if standard is None:
            raise Http404
        try:
            state_standard_remove(by=request.user, standard=standard)  # type: ignore[arg-type]
        except StatePlanError as exc:
            for message in exc.errors.values():
                messages.error(request, message)
        else:
            messages.success(request, _("Đã xoá tiêu chuẩn khen thưởng."))
        return redirect("rules:state_plan_detail", code=plan.code)

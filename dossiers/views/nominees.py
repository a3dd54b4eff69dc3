"""A dossier's nominees: choosing a kind, adding, editing, removing, the live verdict
while the form is filled in, and the villages of the chosen commune."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communes.models import Village
from emulation.collation import vietnamese_sorted
from emulation.labels import title_label

from .. import forms, services, verdicts
from ..duplicates import Duplicate, duplicates_for
from ..kinds import KINDS
from ..models import Dossier, Nominee
from .common import _dossier, _guard, _require_edit, confirm_removal, removed


def _nominee_initial(n: Nominee) -> dict:
    return {
        "title": n.title,
        "commune": n.commune_id,
        "village": n.village_id,
        "agency": n.agency_id,
        "name": n.name,
        "job_title": n.job_title,
        "tax_code": n.tax_code,
        "address": n.address,
        "infrastructure_value": n.infrastructure_value,
        "contribution_value": n.contribution_value,
        "mobilized_value": n.mobilized_value,
        "own_land_asset_value": n.own_land_asset_value,
        "achievements": n.achievements,
        "version": n.version,
    }


def _render_nominee_form(request, dossier, form, nominee=None, *, status=200, stale=False):
    return render(
        request,
        "dossiers/nominee_form.html",
        {
            "dossier": dossier,
            "form": form,
            "nominee": nominee,
            "kind": form.kind,
            "kind_label": KINDS[form.kind].label,
            "stale": stale,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@_guard
def nominee_add(request, pk: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    kind = request.GET.get("loai") or request.POST.get("loai")
    if kind not in services.kinds_for(dossier):
        return render(
            request,
            "dossiers/nominee_kind.html",
            {
                "dossier": dossier,
                "kinds": [
                    (
                        k,
                        KINDS[k].label,
                        [title_label(t) for t in services.titles_for(dossier, k)],
                    )
                    for k in services.kinds_for(dossier)
                ],
            },
        )
    form = forms.NomineeForm(request.POST or None, dossier=dossier, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            nominee = services.nominee_save(
                dossier=dossier, by=request.user, data=form.service_data()
            )
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(request, _("Đã thêm %(n)s.") % {"n": nominee.name})
            if request.POST.get("and_another"):
                return redirect(f"{request.path}?loai={kind}")
            return redirect("dossiers:detail", pk=dossier.pk)
    return _render_nominee_form(request, dossier, form)


@login_required
@require_http_methods(["GET", "POST"])
@_guard
def nominee_edit(request, pk: int, nid: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    nominee = get_object_or_404(dossier.nominees.select_related("commune", "agency"), pk=nid)
    form = forms.NomineeForm(
        request.POST or None,
        initial=_nominee_initial(nominee),
        dossier=dossier,
        kind=nominee.kind,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.nominee_save(
                dossier=dossier,
                by=request.user,
                data=form.service_data(),
                nominee=nominee,
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except services.StaleEdit as exc:
            form.add_error(None, str(exc))
            return _render_nominee_form(request, dossier, form, nominee, status=409, stale=True)
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        except services.WrongState as exc:
            messages.error(request, str(exc))
            return redirect("dossiers:detail", pk=dossier.pk)
        else:
            messages.success(request, _("Đã lưu %(n)s.") % {"n": nominee.name})
            return redirect("dossiers:detail", pk=dossier.pk)
    return _render_nominee_form(request, dossier, form, nominee)


@login_required
@require_http_methods(["GET", "POST"])
@_guard
def nominee_remove(request, pk: int, nid: int):
    """GET asks first (a page: no script needed); POST removes, to be restored until the
    dossier is submitted."""
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    nominee = get_object_or_404(dossier.nominees, pk=nid)
    if request.method == "GET":
        return confirm_removal(
            request,
            dossier,
            heading=_("Bỏ đối tượng khỏi hồ sơ"),
            question=_("Bỏ %(n)s khỏi hồ sơ?") % {"n": nominee.name},
            confirm=_("Bỏ khỏi hồ sơ"),
            files=list(nominee.attachments.all()),
        )
    services.nominee_remove(nominee=nominee, by=request.user)
    return removed(request, dossier, _("Đã bỏ %(n)s khỏi hồ sơ.") % {"n": nominee.name})


@login_required
@require_POST
def nominee_check(request, pk: int):
    """The live verdict while the form is filled in (htmx): nothing is saved."""
    dossier = _dossier(request, pk)
    if not request.user.has_perm("dossiers.edit_dossier", dossier):
        raise PermissionDenied
    kind = request.POST.get("loai", "")
    if kind not in services.kinds_for(dossier):
        raise Http404
    form = forms.NomineeForm(request.POST, dossier=dossier, kind=kind)
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    data["kind"] = kind
    spec = KINDS[kind]
    if spec.record == "district":
        data["district"] = dossier.district
    preview = services.nominee_preview(dossier, data)
    judged = verdicts.judge(dossier, [preview])[0] if preview is not None else None
    facts = (
        verdicts.facts_for_display(judged.case, baseline=dossier.plan_spec.baseline_on)
        if judged and spec.judged_on_records
        else []
    )
    return render(
        request,
        "dossiers/_verdict.html",
        {
            "judged": judged,
            "verdict_error": verdicts.readable_error(judged.verdict.error)
            if judged and judged.verdict.error
            else "",
            "facts": facts,
            "duplicates": _preview_duplicates(request, dossier, preview),
            "errors": [
                (form.fields[f].label if f in form.fields else "", e)
                for f, errs in form.errors.items()
                for e in errs
                if f != "name"
            ],
        },
    )


def _preview_duplicates(request, dossier: Dossier, preview: Nominee | None) -> list:
    """The same nominee elsewhere in this round and year, or already in this dossier."""
    if preview is None or not preview.identity:
        return []
    found = list(duplicates_for(dossier, [preview]).get(None, []))
    editing = request.POST.get("nid", "")
    same = dossier.nominees.filter(identity=preview.identity)
    if editing.isdigit():
        same = same.exclude(pk=int(editing))
    if same.exists():
        found.append(
            Duplicate(
                None, _("%(n)s đã có trong hồ sơ này.") % {"n": preview.name}, False, dossier.pk
            )
        )
    return found


@login_required
@require_GET
def village_options(request, pk: int):
    """<option>s of the chosen commune's villages (htmx)."""
    dossier = _dossier(request, pk)
    if not request.user.has_perm("dossiers.edit_dossier", dossier):
        raise PermissionDenied
    commune = request.GET.get("commune", "")
    villages: QuerySet[Village] | list[Village] = []
    if commune:
        villages = Village.objects.filter(commune_id=commune).order_by("name")
        if dossier.district_id:
            villages = villages.filter(commune__district_id=dossier.district_id)
        elif dossier.commune_id:
            villages = villages.filter(commune_id=dossier.commune_id)
    return render(
        request, "dossiers/_village_options.html", {"villages": vietnamese_sorted(villages)}
    )

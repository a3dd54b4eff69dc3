"""Screens of the dossiers: thin views over selectors (reads) and services (writes).

Every view starts from :func:`selectors.dossiers_visible_to`, so a dossier the user
may not see is a 404 whatever the URL; what the user may *do* is the workflow's.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communes.models import Village
from communes.selectors import districts_visible_to

from . import completeness, forms, selectors, services, verdicts, workflow
from .documents.outputs import outputs_for
from .duplicates import Duplicate, duplicates_for
from .models import Attachment, Dossier, Nominee, NomineeKind, Notification, Status
from .permissions import BULK_ACTIONS, is_proposer, may_bulk
from .uploads import SizeLimitHandler, human_size, max_bytes
from .workflow import TRANSITIONS

PAGE_SIZE = 50


def _dossier(request, pk: int) -> Dossier:
    try:
        return selectors.dossier_for_page(request.user, pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


def _require_edit(request, dossier: Dossier) -> None:
    if not is_proposer(request.user, dossier):
        raise PermissionDenied
    if not dossier.is_editable_state:
        messages.error(
            request,
            _("Hồ sơ đang ở trạng thái “%(s)s”: không sửa được.")
            % {"s": dossier.get_status_display()},
        )
        raise _Redirect(dossier)


class _Redirect(Exception):
    def __init__(self, dossier: Dossier):
        self.dossier = dossier


def _guard(view):
    """Turn a refused edit into a redirect to the dossier page with its message."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _Redirect as exc:
            return redirect("dossiers:detail", pk=exc.dossier.pk)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- list and queue ---------------------------------------------------------------


@login_required
@require_GET
def dossier_list(request):
    """A district's (or agency's) dossiers; for the province, the reviewer's queue."""
    user = request.user
    districts = list(districts_visible_to(user)) if user.is_provincial else []
    filter_form = forms.ListFilterForm(request.GET or None, districts=districts)
    filters = filter_form.filters()
    qs = selectors.dossier_list(user, filters=filters)
    counts = selectors.status_counts(
        selectors.dossiers_filtered(
            user, filters={k: v for k, v in filters.items() if k != "status"}
        )
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    bulk = [TRANSITIONS[a] for a in BULK_ACTIONS if may_bulk(user, a)]
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
            "bulk_actions": bulk,
        },
    )


@login_required
@require_POST
def dossier_bulk(request):
    """Bulk receive / approve / appraise: first a preview listing exactly which dossiers
    the action touches (and which it skips, and why); only the confirmation applies it."""
    user = request.user
    action = request.POST.get("bulk_action", "")
    if not may_bulk(user, action):
        raise PermissionDenied
    transition = TRANSITIONS[action]
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:500]
    chosen = list(selectors.dossiers_visible_to(user).filter(pk__in=ids).order_by("pk"))
    if request.POST.get("confirm") == "1":
        done, refused = [], []
        for d in chosen:
            try:
                services.ACTIONS[action](dossier=d, by=user, note=request.POST.get("note", ""))
                done.append(d)
            except services.DossierError as exc:
                refused.append((d, str(exc)))
        if done:
            messages.success(
                request,
                _("Đã “%(a)s” %(n)s hồ sơ: %(refs)s.")
                % {
                    "a": transition.label,
                    "n": len(done),
                    "refs": ", ".join(d.reference for d in done),
                },
            )
        for d, reason in refused:
            messages.error(request, f"{d.reference}: {reason}")
        return redirect("dossiers:list")
    pending = set()
    if action == "approve":  # approval waits for every judged standard to be judged
        pending = set(
            Nominee.objects.filter(
                dossier__in=chosen, verdict_eligible__isnull=True, verdict_error=""
            ).values_list("dossier_id", flat=True)
        )
    will, skip = [], []
    for d in chosen:
        if transition not in workflow.allowed_actions(user, d):
            skip.append((d, _("đang ở trạng thái “%(s)s”") % {"s": d.get_status_display()}))
        elif d.pk in pending:
            skip.append((d, _("còn đối tượng chưa được đánh giá tiêu chuẩn định tính")))
        else:
            will.append(d)
    missing = len(set(ids)) - len(chosen)
    return render(
        request,
        "dossiers/bulk_preview.html",
        {"transition": transition, "will": will, "skip": skip, "missing": missing},
    )


# --- one dossier -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request):
    if not request.user.has_perm("dossiers.create_dossier"):
        raise PermissionDenied
    form = forms.DossierForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(
                by=request.user,
                round=form.cleaned_data["round"],
                year=form.cleaned_data.get("year"),
                document_number=form.cleaned_data["document_number"],
                document_date=form.cleaned_data["document_date"],
                summary=form.cleaned_data["summary"],
            )
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(
                request, _("Đã tạo hồ sơ %(r)s. Thêm đối tượng đề nghị.") % {"r": dossier.reference}
            )
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/dossier_form.html", {"form": form, "dossier": None})


@login_required
@require_http_methods(["GET", "POST"])
@_guard
def dossier_edit(request, pk: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    initial = {
        "year": dossier.year,
        "document_number": dossier.document_number,
        "document_date": dossier.document_date,
        "summary": dossier.summary,
        "version": dossier.version,
    }
    form = forms.DossierForm(request.POST or None, initial=initial, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(
                dossier=dossier,
                by=request.user,
                expected_version=form.cleaned_data.get("version") or 0,
                year=form.cleaned_data.get("year"),
                document_number=form.cleaned_data["document_number"],
                document_date=form.cleaned_data["document_date"],
                summary=form.cleaned_data["summary"],
            )
        except services.StaleEdit as exc:
            form.add_error(None, str(exc))
            latest = Dossier.objects.get(pk=dossier.pk)
            return render(
                request,
                "dossiers/dossier_form.html",
                {"form": form, "dossier": dossier, "latest": latest, "stale": True},
                status=409,
            )
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/dossier_form.html", {"form": form, "dossier": dossier})


@login_required
@require_GET
def dossier_detail(request, pk: int):
    user = request.user
    dossier = _dossier(request, pk)
    nominees = list(selectors.nominees_of(dossier))
    attachments = list(dossier.attachments.select_related("nominee").order_by("kind", "id"))
    editable = user.has_perm("dossiers.edit_dossier", dossier)
    checklist = completeness.checklist(dossier, nominees, attachments)
    problems = (
        completeness.problems(dossier, nominees, attachments)
        if dossier.status in (Status.DRAFT, Status.RETURNED)
        else []
    )
    events = list(selectors.history_of(dossier))
    last_return = next((e for e in reversed(events) if e.action == "return"), None)
    last_resubmit = next((e for e in reversed(events) if e.action == "resubmit"), None)
    if dossier.status == Status.RETURNED and last_return is not None:
        changed = services.changes_since_return(dossier)
    elif last_resubmit is not None:
        changed = last_resubmit.details.get("changes", [])
    else:
        changed = None
    Notification.objects.filter(recipient=user, dossier=dossier, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    actions = workflow.allowed_actions(user, dossier)
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "attachments": attachments,
            "checklist": checklist,
            "problems": problems,
            "duplicates": duplicates_for(dossier, nominees),
            "events": events,
            "last_return": last_return,
            "changed": changed,
            "editable": editable,
            "actions": actions,
            "may_attest": user.has_perm("dossiers.attest_nominees", dossier),
            "attest_form": forms.AttestForm(),
            "upload_form": forms.AttachmentForm(nominees=nominees),
            "outputs": outputs_for(dossier, user),
            "kinds": [(k, NomineeKind(k).label) for k in services.kinds_for(dossier)],
        },
    )


# --- nominees ----------------------------------------------------------------------


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
            "kind_label": NomineeKind(form.kind).label,
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
                        NomineeKind(k).label,
                        [forms.title_label(t) for t in services.titles_for(dossier, k)],
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
@require_POST
@_guard
def nominee_remove(request, pk: int, nid: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    nominee = get_object_or_404(dossier.nominees, pk=nid)
    services.nominee_remove(nominee=nominee, by=request.user)
    messages.success(request, _("Đã bỏ %(n)s khỏi hồ sơ.") % {"n": nominee.name})
    return redirect("dossiers:detail", pk=dossier.pk)


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
    if kind == NomineeKind.DISTRICT:
        data["district"] = dossier.district
    preview = services.nominee_preview(dossier, data)
    judged = verdicts.judge(dossier, [preview])[0] if preview is not None else None
    facts = (
        verdicts.facts_for_display(judged.case)
        if judged and kind in (NomineeKind.COMMUNE, NomineeKind.DISTRICT)
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
    villages = Village.objects.filter(commune_id=commune).order_by("name") if commune else []
    if dossier.district_id and commune:
        villages = villages.filter(commune__district_id=dossier.district_id)
    return render(request, "dossiers/_village_options.html", {"villages": villages})


@login_required
@require_POST
def nominee_attest(request, pk: int, nid: int):
    dossier = _dossier(request, pk)
    nominee = get_object_or_404(dossier.nominees, pk=nid)
    form = forms.AttestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn Đạt / Không đạt và ghi nhận xét."))
        return redirect("dossiers:detail", pk=dossier.pk)
    try:
        services.nominee_attest(
            nominee=nominee,
            by=request.user,
            attested=form.cleaned_data["attested"],
            note=form.cleaned_data["note"],
        )
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    except services.DossierError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ghi đánh giá cho %(n)s.") % {"n": nominee.name})
    return redirect(f"{dossier_url(dossier)}#nominee-{nominee.pk}")


def dossier_url(dossier: Dossier) -> str:
    return reverse("dossiers:detail", args=[dossier.pk])


# --- attachments -------------------------------------------------------------------


@csrf_exempt  # only to install the size limit first: the view below is CSRF-protected
@login_required
@require_POST
def attachment_upload(request, pk: int):
    request.upload_handlers.insert(0, SizeLimitHandler(request))
    return _attachment_upload(request, pk)


@csrf_protect
@_guard
def _attachment_upload(request, pk: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    request.FILES  # noqa: B018 - parse the body now, through the size limit
    if getattr(request, "upload_too_large", False):
        messages.error(
            request,
            _("Tệp vượt quá dung lượng cho phép %(limit)s.") % {"limit": human_size(max_bytes())},
        )
        return redirect(f"{dossier_url(dossier)}#tai-lieu")
    nominees = list(dossier.nominees.all())
    form = forms.AttachmentForm(request.POST, request.FILES, nominees=nominees)
    if form.is_valid():
        nominee = next((n for n in nominees if n.pk == form.cleaned_data["nominee"]), None)
        try:
            a = services.attachment_upload(
                dossier=dossier,
                by=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                nominee=nominee,
            )
        except services.Invalid as exc:
            form.apply_errors(exc.errors)
        else:
            messages.success(request, _("Đã tải lên %(n)s.") % {"n": a.original_name})
            return redirect(f"{dossier_url(dossier)}#tai-lieu")
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect(f"{dossier_url(dossier)}#tai-lieu")


@login_required
@require_GET
def attachment_download(request, pk: int, aid: int):
    """Served only through here, to users who may see the dossier (never by the web server)."""
    dossier = _dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=aid, dossier=dossier)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@_guard
def attachment_remove(request, pk: int, aid: int):
    dossier = _dossier(request, pk)
    _require_edit(request, dossier)
    attachment = get_object_or_404(Attachment, pk=aid, dossier=dossier)
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("Đã gỡ %(n)s.") % {"n": attachment.original_name})
    return redirect(f"{dossier_url(dossier)}#tai-lieu")


# --- transitions ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def dossier_transition(request, pk: int, action: str):
    """Confirm and apply one workflow move; the service decides whether it is allowed."""
    dossier = _dossier(request, pk)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404
    if not request.user.has_perm(transition.permission, dossier):
        raise PermissionDenied
    nominees = list(selectors.nominees_of(dossier))
    data = request.POST if request.method == "POST" else None
    if action == "decide":
        form = forms.DecideForm(data, nominees=nominees)
    elif action == "return":
        form = forms.PerNomineeForm(
            data, nominees=nominees, label=_("Yêu cầu bổ sung"), required=True
        )
    elif action == "appraise":
        form = forms.PerNomineeForm(data, nominees=nominees, label=_("Ý kiến thẩm định"))
    else:
        form = forms.NoteForm(data, required=transition.note_required)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        kwargs = {"dossier": dossier, "by": request.user, "note": form.cleaned_data["note"]}
        if action == "decide":
            kwargs.update(
                decision_number=form.cleaned_data["decision_number"],
                decision_date=form.cleaned_data["decision_date"],
                outcomes=form.outcomes(),
            )
        elif action == "return":
            kwargs["comments"] = form.per_nominee()
        elif action == "appraise":
            kwargs["nominee_notes"] = form.per_nominee()
        try:
            services.ACTIONS[action](**kwargs)
        except services.NotAllowed as exc:
            raise PermissionDenied from exc
        except services.Invalid as exc:
            for field, message in exc.errors.items():
                if hasattr(form, "apply_errors"):
                    form.apply_errors({field: message})
                else:
                    form.add_error(field if field in form.fields else None, message)
        except services.Blocked as exc:
            problems = exc.problems
            form.add_error(None, str(exc))
        except services.WrongState as exc:
            messages.error(request, str(exc))
            return redirect("dossiers:detail", pk=dossier.pk)
        else:
            messages.success(
                request,
                _("Đã “%(a)s” hồ sơ %(r)s.") % {"a": transition.label, "r": dossier.reference},
            )
            return redirect("dossiers:detail", pk=dossier.pk)
    elif request.method == "GET" and dossier.status not in transition.sources:
        messages.error(
            request,
            _("Không thể “%(a)s”: hồ sơ đang ở trạng thái “%(s)s”.")
            % {"a": transition.label, "s": dossier.get_status_display()},
        )
        return redirect("dossiers:detail", pk=dossier.pk)
    elif request.method == "GET" and action in ("submit", "resubmit"):
        problems = services.dossier_problems(dossier, refresh=False)
    return render(
        request,
        "dossiers/transition.html",
        {
            "dossier": dossier,
            "transition": transition,
            "form": form,
            "problems": problems,
            "nominees": nominees,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- notifications ---------------------------------------------------------------------


@login_required
@require_GET
def notification_list(request):
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "dossiers/notifications.html", {"page_obj": page})


@login_required
@require_POST
def notification_read(request):
    with transaction.atomic():
        n = services.notifications_mark_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": n})
    return redirect("dossiers:notifications")

"""The signatories of the installation's bodies (issue 15, part 2), for its
administrators: the list by body (paginated, with their dates), a new one, an edit (a
form opened on an older version is refused, what was typed kept), the end of validity.
Another province's signatories answer 404; other roles 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emulation.fields import rebind_version
from emulation.stale import StaleSave

from .forms import SignatoryEndForm, SignatoryForm
from .models import Signatory
from .signatories import (
    body_names,
    signatories_visible_to,
    signatory_bodies,
    signatory_end,
    signatory_save,
    signed_bodies,
)

PAGE_SIZE = 25
BODY_PARAM = "co-quan"


def _require_admin(request) -> None:
    if not request.user.has_perm("documents.manage_signatories"):
        raise PermissionDenied


def _signatory(request, pk: int) -> Signatory:
    row = signatories_visible_to(request.user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


@login_required
@require_GET
def signatory_list(request):
    _require_admin(request)
    visible = signatories_visible_to(request.user)
    groups = signed_bodies(visible)
    names = body_names(groups)
    body = request.GET.get(BODY_PARAM, "")
    qs = visible.filter(body_key=body) if body in names else visible
    page = Paginator(qs.order_by("body_key", "-is_default", "full_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(row, names.get(row.body_key, row.body_key)) for row in page]
    return render(
        request,
        "documents/signatory_list.html",
        {"page_obj": page, "rows": rows, "groups": groups, "body": body if body in names else ""},
    )


def _save(request, signatory: Signatory | None):
    groups = signatory_bodies()
    instance = signatory or Signatory()
    form = SignatoryForm(request.POST or None, instance=instance, groups=groups)
    context: dict[str, object] = {"form": form, "signatory": signatory, "stale": None}
    if signatory is not None:
        context["end_form"] = SignatoryEndForm(initial={"version": signatory.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            row = signatory_save(
                by=request.user,
                values=form.cleaned_data,
                signatory=signatory,
                expected_version=form.cleaned_data.get("version"),
            )
        except StaleSave as exc:
            form.add_error(None, str(exc))
            rebind_version(form, "version", exc.latest.version)
            context["stale"] = exc.latest
            status = 409
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            status = 400
        else:
            messages.success(request, _("Đã lưu người ký “%(n)s”.") % {"n": row.full_name})
            return redirect(reverse("documents:signatories") + f"?{BODY_PARAM}={row.body_key}")
    elif request.method == "POST":
        status = 400
    return render(request, "documents/signatory_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def signatory_create(request):
    _require_admin(request)
    return _save(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def signatory_edit(request, pk: int):
    _require_admin(request)
    return _save(request, _signatory(request, pk))


@login_required
@require_POST
def signatory_end_view(request, pk: int):
    """End a signatory's validity (the form on the edit page)."""
    _require_admin(request)
    groups = signatory_bodies()
    signatory = _signatory(request, pk)
    end_form = SignatoryEndForm(request.POST)
    status = 400
    if end_form.is_valid():
        try:
            row = signatory_end(
                signatory=signatory,
                by=request.user,
                last_day=end_form.cleaned_data["last_day"],
                expected_version=end_form.cleaned_data["version"],
            )
        except StaleSave as exc:
            end_form.add_error(None, str(exc))
            rebind_version(end_form, "version", exc.latest.version)
            status = 409
        except ValidationError as exc:
            for message in exc.message_dict.get("last_day", []):
                end_form.add_error("last_day", message)
        else:
            messages.success(
                request,
                _("“%(n)s” ký văn bản đến hết ngày %(d)s.")
                % {"n": row.full_name, "d": f"{row.valid_to:%d/%m/%Y}"},
            )
            return redirect(reverse("documents:signatories") + f"?{BODY_PARAM}={row.body_key}")
    form = SignatoryForm(instance=signatory, groups=groups)
    context = {"form": form, "signatory": signatory, "stale": None, "end_form": end_form}
    return render(request, "documents/signatory_form.html", context, status=status)

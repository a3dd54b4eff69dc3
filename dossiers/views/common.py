"""What the dossier screens share: the dossier the user may see (else 404), the
proposer-only edit guard that turns a refusal into a redirect with its message, and the
dossier page's URL."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import selectors
from ..models import Dossier
from ..permissions import is_proposer

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


def dossier_url(dossier: Dossier) -> str:
    return reverse("dossiers:detail", args=[dossier.pk])


def confirm_removal(request, dossier: Dossier, **context):
    """The page that asks before a nominee or a document is removed (works without script)."""
    return render(request, "dossiers/confirm_remove.html", {"dossier": dossier, **context})


def removed(request, dossier: Dossier, message: str):
    """Back to the dossier after a removal, saying it can be undone and where."""
    messages.success(
        request,
        _("%(m)s Khôi phục được ở mục “Đã bỏ khỏi hồ sơ” cho đến khi nộp hồ sơ.") % {"m": message},
    )
    return redirect(f"{dossier_url(dossier)}#da-bo")

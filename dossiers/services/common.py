"""What every write on a dossier shares: the row lock, the check that the proposer may
edit, the version bump, and :func:`_log`, the one place a :class:`DossierEvent` (a line
of the dossier's history: who, when, why, from → to) is recorded."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.audit import log_action
from emulation.models import User
from emulation.text import nfc

from ..models import Dossier, DossierEvent
from ..permissions import is_proposer
from .errors import NotAllowed, WrongState


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("district", "commune", "agency")
        .get(pk=dossier.pk)
    )


def _log(
    dossier: Dossier,
    *,
    action: str,
    by: User,
    note: str = "",
    from_status: str | None = None,
    details: dict[str, Any] | None = None,
) -> DossierEvent:
    event = DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        from_status=from_status or dossier.status,
        to_status=dossier.status,
        by=by,
        note=nfc(note).strip(),
        details=details or {},
    )
    log_action(
        action=f"dossier.{action}",
        obj=dossier,
        by=by,
        before={"status": event.from_status},
        after={"status": event.to_status},
        reason=event.note,
        details=event.details,
        province=dossier.province_id,
    )
    return event


def _touch(dossier: Dossier, *, bump: bool = False) -> None:
    """Mark the dossier changed now (and increment its version for header edits)."""
    updates: dict[str, Any] = {"updated_at": timezone.now()}
    if bump:
        updates["version"] = F("version") + 1
    Dossier.objects.filter(pk=dossier.pk).update(**updates)
    dossier.updated_at = updates["updated_at"]
    if bump:
        dossier.version += 1


def _require_edit(by: User, dossier: Dossier) -> None:
    if not is_proposer(by, dossier):
        raise NotAllowed(_("Chỉ đơn vị lập hồ sơ mới được sửa hồ sơ này."))
    if not dossier.is_editable_state:
        raise WrongState(
            _("Hồ sơ đang ở trạng thái “%(s)s”: không sửa được.")
            % {"s": dossier.get_status_display()}
        )

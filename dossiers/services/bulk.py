"""One move applied to many dossiers at once (the queue's bulk receive / approve /
appraise): first a preview listing exactly which dossiers the move touches, which it
skips and why; only the confirmation applies it, dossier by dossier."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from emulation.models import User

from .. import selectors, workflow
from ..models import Dossier, Nominee
from ..permissions import BULK_ACTIONS, may_bulk
from ..workflow import TRANSITIONS, Transition
from .errors import DossierError
from .transitions import ACTIONS

MAX_DOSSIERS = 500


def bulk_actions_for(user: User) -> list[Transition]:
    """The moves this user may apply from the queue, for its buttons."""
    return [TRANSITIONS[a] for a in BULK_ACTIONS if may_bulk(user, a)]


def chosen_dossiers(user: User, ids: list[int]) -> list[Dossier]:
    """The chosen dossiers the user may see (the caller reads at most :data:`MAX_DOSSIERS`
    ids)."""
    return list(selectors.dossiers_visible_to(user).filter(pk__in=ids).order_by("pk"))


@dataclass
class BulkPreview:
    transition: Transition
    will: list[Dossier] = field(default_factory=list)
    skip: list[tuple[Dossier, str]] = field(default_factory=list)  # (dossier, why not)


def dossiers_bulk_preview(*, user: User, action: str, dossiers: list[Dossier]) -> BulkPreview:
    """Which of ``dossiers`` the move would touch, and which it would skip and why."""
    transition = TRANSITIONS[action]
    pending = set()
    if action == "approve":  # approval waits for every judged standard to be judged
        pending = set(
            Nominee.objects.filter(
                dossier__in=dossiers, verdict_eligible__isnull=True, verdict_error=""
            ).values_list("dossier_id", flat=True)
        )
    preview = BulkPreview(transition)
    for d in dossiers:
        if transition not in workflow.allowed_actions(user, d):
            preview.skip.append((d, _("đang ở trạng thái “%(s)s”") % {"s": d.get_status_display()}))
        elif d.pk in pending:
            preview.skip.append((d, _("còn đối tượng chưa được đánh giá tiêu chuẩn định tính")))
        else:
            preview.will.append(d)
    return preview


def dossiers_bulk_apply(
    *, user: User, action: str, dossiers: list[Dossier], note: str = ""
) -> tuple[list[Dossier], list[tuple[Dossier, str]]]:
    """Apply the move to each dossier in turn: (done, [(refused, why)])."""
    done, refused = [], []
    for d in dossiers:
        try:
            ACTIONS[action](dossier=d, by=user, note=note)
            done.append(d)
        except DossierError as exc:
            refused.append((d, str(exc)))
    return done, refused

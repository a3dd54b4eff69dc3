"""Every write on a dossier: one function per use case, one transaction, one history row.

One module per concern:

- :mod:`.editing`: the header (who files for which round; create, edit);
- :mod:`.nominees`: the nominees (kinds and titles a dossier may propose, their input,
  add, change, remove, the Ban TĐKT's judgement);
- :mod:`.uploads`: attached files (checked by content, stored, removed);
- :mod:`.removals`: what was removed, kept to be restored until the dossier is submitted;
- :mod:`.transitions`: the workflow's moves and what stops a submission;
- :mod:`.notifications`: who is told of a move, and how; marking notices read;
- :mod:`.bulk`: one move applied to many dossiers from the queue;
- :mod:`.changes`: what changed between two moments (snapshots and their difference);
- :mod:`.common`: the row lock, the edit check and :func:`.common._log`, the one place a
  :class:`DossierEvent` is recorded; :mod:`.errors`: why a write is refused.

Everything public is importable from here: ``from dossiers.services import dossier_submit``
or ``from dossiers import services; services.dossier_submit(...)``.
"""

from ..permissions import BULK_ACTIONS, may_bulk
from .bulk import (
    BulkPreview,
    bulk_actions_for,
    chosen_dossiers,
    dossiers_bulk_apply,
    dossiers_bulk_preview,
)
from .decisions import decision_correct, decision_record
from .editing import dossier_create, dossier_update, proposer_of, rounds_for
from .errors import (
    Blocked,
    DossierError,
    Invalid,
    NotAllowed,
    StaleEdit,
    StaleVerdicts,
    WrongState,
)
from .nominees import (
    NOMINEE_INPUT_FIELDS,
    TEXT_FIELDS,
    kinds_for,
    nominee_attest,
    nominee_errors,
    nominee_preview,
    nominee_remove,
    nominee_restriction_add,
    nominee_save,
    own_units,
    titles_for,
)
from .notifications import notifications_mark_read
from .removals import removed_item_restore
from .transitions import (
    ACTIONS,
    changes_since_return,
    dossier_appraise,
    dossier_approve,
    dossier_decide,
    dossier_problems,
    dossier_receive,
    dossier_resubmit,
    dossier_return,
    dossier_submit,
    dossier_withdraw,
)
from .uploads import attachment_remove, attachment_upload

__all__ = [
    "ACTIONS",
    "BULK_ACTIONS",
    "NOMINEE_INPUT_FIELDS",
    "TEXT_FIELDS",
    "Blocked",
    "BulkPreview",
    "DossierError",
    "Invalid",
    "NotAllowed",
    "StaleEdit",
    "StaleVerdicts",
    "WrongState",
    "attachment_remove",
    "attachment_upload",
    "bulk_actions_for",
    "changes_since_return",
    "chosen_dossiers",
    "decision_correct",
    "decision_record",
    "dossier_appraise",
    "dossier_approve",
    "dossier_create",
    "dossier_decide",
    "dossier_problems",
    "dossier_receive",
    "dossier_resubmit",
    "dossier_return",
    "dossier_submit",
    "dossier_update",
    "dossier_withdraw",
    "dossiers_bulk_apply",
    "dossiers_bulk_preview",
    "kinds_for",
    "may_bulk",
    "nominee_attest",
    "nominee_restriction_add",
    "nominee_errors",
    "own_units",
    "nominee_preview",
    "nominee_remove",
    "nominee_save",
    "notifications_mark_read",
    "proposer_of",
    "removed_item_restore",
    "rounds_for",
    "titles_for",
]

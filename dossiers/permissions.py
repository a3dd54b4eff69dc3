"""Who may do what with a dossier (role predicates: emulation/permissions.py).

The workflow's table (:data:`dossiers.workflow.TRANSITIONS`) says from which states a move
goes where; who may make it is :data:`MOVES` here, registered as
``dossiers.<action>_dossier``. ``dossiers.read_dossier`` holds exactly for the rows of
:func:`dossiers.selectors.dossiers_visible_to`: both follow :func:`dossier_scope`.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.core.exceptions import ImproperlyConfigured

from emulation.permissions import (
    has_agency_scope,
    has_commune_scope,
    has_district_scope,
    is_admin,
    is_agency_staff,
    is_appraiser,
    is_commune_staff,
    is_district_staff,
    is_reviewer,
    proposing_unit_in_office,
)
from emulation.provinces import installation_provinces

from .models import Status
from .workflow import TRANSITIONS

# --- which dossiers a user sees ----------------------------------------------------------


@dataclass(frozen=True)
class DossierScope:
    """The dossiers of the ``provinces`` (only those ever submitted, if ``submitted_only``), or
    of one ``district``, or of one ``commune`` (its key), or of one ``agency``, or none."""

    provinces: frozenset[str] = frozenset()
    submitted_only: bool = False
    district: str = ""
    commune: str = ""
    agency: int | None = None

    def covers(self, dossier) -> bool:
        if self.provinces:
            return dossier.province_id in self.provinces and (
                not self.submitted_only or dossier.first_submitted_at is not None
            )
        if self.district:
            return dossier.district_id == self.district
        if self.commune:
            return dossier.commune_id == self.commune
        if self.agency is not None:
            return dossier.agency_id == self.agency
        return False


def dossier_scope(user) -> DossierScope:
    """District staff: their district's dossiers (an abolished district's staff keep
    reading their archive); commune staff: their commune's; agency staff: their agency's;
    reviewers
    and appraisers: every dossier of the province (``PROVINCE_CODE`` and its lineage:
    :func:`emulation.provinces.installation_provinces`) that has ever been
    submitted (a draft is the proposer's own working copy); admins: every dossier of the
    province."""
    if is_admin(user):
        return DossierScope(provinces=installation_provinces())
    if is_reviewer(user) or is_appraiser(user):
        return DossierScope(provinces=installation_provinces(), submitted_only=True)
    if has_district_scope(user):
        return DossierScope(district=user.district_id)
    if has_commune_scope(user):
        return DossierScope(commune=user.commune_id)
    if has_agency_scope(user):
        return DossierScope(agency=user.agency_id)
    return DossierScope()


@rules.predicate
def dossier_in_scope(user, dossier) -> bool:
    return dossier is not None and dossier_scope(user).covers(dossier)


# --- the proposer and the dossier's state ------------------------------------------------


@rules.predicate
def is_proposer(user, dossier) -> bool:
    """Staff of the dossier's own district, commune or agency."""
    if dossier is None or not getattr(user, "is_authenticated", False):
        return False
    if dossier.district_id is not None:
        return bool(is_district_staff(user) and user.district_id == dossier.district_id)
    if dossier.commune_id is not None:
        return bool(is_commune_staff(user) and user.commune_id == dossier.commune_id)
    return bool(is_agency_staff(user) and user.agency_id == dossier.agency_id)


@rules.predicate
def proposer_in_office(user) -> bool:
    """The user's proposing unit exists today (not abolished, merged or dissolved)."""
    return bool(proposing_unit_in_office(user))


@rules.predicate
def is_editable(user, dossier) -> bool:
    """A draft, or returned for completion."""
    return dossier is not None and dossier.is_editable_state


@rules.predicate
def in_review(user, dossier) -> bool:
    """Received by the Ban TĐKT and not yet approved."""
    return dossier is not None and dossier.status in {Status.RECEIVED, Status.APPRAISED}


rules.add_perm("dossiers.read_dossier", dossier_in_scope)
# UBND cấp huyện (until 30/6/2025) and cấp xã (from 1/7/2025) at every round, provincial
# agencies at the mid-term and final rounds; a unit abolished, merged or dissolved files
# nothing new (its staff keep reading their archive)
rules.add_perm(
    "dossiers.create_dossier",
    (is_district_staff | is_commune_staff | is_agency_staff) & proposer_in_office,
)
# the header, nominees and attachments: only the proposer, only while a draft or
# returned, only while the proposing unit exists
rules.add_perm("dossiers.edit_dossier", is_proposer & is_editable & proposer_in_office)
# the Ban TĐKT judges the nominees' judged standards while the dossier is in review
rules.add_perm("dossiers.attest_nominees", is_reviewer & in_review)

# --- the workflow's moves: who may make each --------------------------------------------

MOVES = {
    "submit": is_proposer & proposer_in_office,
    "resubmit": is_proposer & proposer_in_office,
    "withdraw": is_proposer,
    "receive": is_reviewer,
    "appraise": is_appraiser,
    "return": is_reviewer,
    "approve": is_reviewer,
    "decide": is_reviewer,
}
if set(MOVES) != set(TRANSITIONS):
    raise ImproperlyConfigured("dossiers.permissions.MOVES must name every workflow action.")
for _action, _who in MOVES.items():
    rules.add_perm(TRANSITIONS[_action].permission, _who)

# The moves the queue applies to many dossiers at once, each by whoever may make it.
BULK_ACTIONS = ("receive", "approve", "appraise")


def may_bulk(user, action: str) -> bool:
    return action in BULK_ACTIONS and user.has_perm(TRANSITIONS[action].permission)

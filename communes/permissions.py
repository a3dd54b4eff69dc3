"""Who may do what with administrative units (predicates: emulation/permissions.py).

``communes.read_district`` / ``communes.read_commune`` hold exactly for the rows of
:func:`communes.selectors.districts_visible_to` / :func:`~communes.selectors.communes_visible_to`:
both come from :func:`emulation.permissions.unit_scope`.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from communes.selectors import commune_descends_from
from emulation.permissions import (
    has_commune_scope,
    is_admin,
    is_district_staff,
    own_district,
    scope_covers_district,
    unit_scope,
)


@rules.predicate
def commune_in_scope(user, commune) -> bool:
    """``commune`` is in the user's unit scope. A provincial scope also covers the units
    formed from its units after its province ended (the 37 units of Thái Nguyên formed from
    Bắc Kạn's on 1/7/2025): one query, for such a unit only."""
    if commune is None:
        return False
    scope = unit_scope(user)
    if scope.covers(
        district=commune.district_id, province=commune.province_id or "", commune=commune.pk
    ):
        return True
    return bool(scope.province) and commune_descends_from(commune, scope.province)


@rules.predicate
def commune_of_own_district(user, commune) -> bool:
    """``commune`` belongs to the district whose records the user writes (district staff)."""
    code = own_district(user)
    return bool(code) and commune is not None and commune.district_id == code


@rules.predicate
def is_own_commune(user, commune) -> bool:
    """``commune`` is the commune-level unit the user works for (commune staff)."""
    return bool(has_commune_scope(user)) and commune is not None and commune.pk == user.commune_id


@rules.predicate
def commune_in_office(user, commune) -> bool:
    """No commune asked about, or one that has not ended: the criteria of a unit merged
    away on 1/7/2025 stay as they were (its history), nobody records new ones."""
    return commune is None or commune.valid_to is None or commune.valid_to >= timezone.localdate()


rules.add_perm("communes.read_district", scope_covers_district)
rules.add_perm("communes.read_commune", commune_in_scope)
# the ĐBKK and roadmap flags of a commune
rules.add_perm("communes.edit_flags", is_admin)
# villages from a file: administrators anywhere, district staff into their own communes
rules.add_perm("communes.import_villages", is_admin | is_district_staff)

"""Who may do what with administrative units (predicates: emulation/permissions.py).

``communes.read_district`` / ``communes.read_commune`` hold exactly for the rows of
:func:`communes.selectors.districts_visible_to` / :func:`~communes.selectors.communes_visible_to`:
both come from :func:`emulation.permissions.unit_scope`.
"""

from __future__ import annotations

import rules

from emulation.permissions import (
    is_admin,
    is_district_staff,
    own_district,
    scope_covers_district,
    unit_scope,
)


@rules.predicate
def commune_in_scope(user, commune) -> bool:
    """``commune`` (with its district loaded) is in the user's unit scope."""
    if commune is None:
        return False
    return unit_scope(user).covers(
        district=commune.district_id, province=commune.province_id, commune=commune.pk
    )


@rules.predicate
def commune_of_own_district(user, commune) -> bool:
    """``commune`` belongs to the district whose records the user writes (district staff)."""
    code = own_district(user)
    return bool(code) and commune is not None and commune.district_id == code


rules.add_perm("communes.read_district", scope_covers_district)
rules.add_perm("communes.read_commune", commune_in_scope)
# the ĐBKK and roadmap flags of a commune
rules.add_perm("communes.edit_flags", is_admin)
# villages from a file: administrators anywhere, district staff into their own communes
rules.add_perm("communes.import_villages", is_admin | is_district_staff)

"""Who may read and record the criteria (predicates: emulation/permissions.py).

District staff record the facts of their own district and its communes, commune staff
(from 1/7/2025) those of their own commune, nobody those of a unit that has ended; the province
reads them; agency staff, who have no commune, do not. Asked without an object, a record
permission answers "may this user record at all" (the screens' 403); with a commune or a
district, "for this one" (404 elsewhere, refused by the services).
"""

from __future__ import annotations

import rules

from communes.permissions import commune_in_office, commune_of_own_district, is_own_commune
from emulation.permissions import (
    is_admin,
    is_agency_staff,
    is_commune_staff,
    is_district_staff,
    is_own_district,
    no_object,
)

# the matrix, its export and the debts (superusers read whatever their role)
rules.add_perm("criteria.read_criteria", (rules.is_authenticated & ~is_agency_staff) | is_admin)
# assessments, corrections, recognitions of a commune and of its villages; for exactly the
# communes of communes.selectors.communes_editable_by
rules.add_perm(
    "criteria.record_criteria",
    (
        (is_district_staff & (no_object | commune_of_own_district))
        | (is_commune_staff & (no_object | is_own_commune))
    )
    & commune_in_office,
)
# the district's own records: its recognition, its debts, the Excel import of its communes
rules.add_perm("criteria.record_district", is_district_staff & (no_object | is_own_district))
# criteria sets: their criteria and indicators (with each group's level) are read by those
# who read the criteria; administrators enter and correct the indicators and set the
# communes' groups (nhóm xã, Quyết định 51/2025/QĐ-TTg)
rules.add_perm(
    "criteria.read_criteria_sets", (rules.is_authenticated & ~is_agency_staff) | is_admin
)
rules.add_perm("criteria.manage_criteria_sets", is_admin)
rules.add_perm("criteria.set_commune_group", is_admin)

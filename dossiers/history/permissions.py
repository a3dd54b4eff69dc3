"""Who reads the award history and who records the awards of lower levels.

Reading: every role, each within its scope (the selectors scope the rows: reviewers,
appraisers and administrators the province; a district, commune or agency its own).
Recording (a form or a workbook): the staff of a district, commune or agency for the
awards their own unit made, while the unit exists; the province's roles record none
(administrators change settings, reviewers do not write a lower level's records).
"""

from __future__ import annotations

import rules

from emulation.permissions import (
    has_agency_scope,
    has_any_role,
    has_commune_scope,
    has_district_scope,
    proposing_unit_in_office,
)

rules.add_perm("history.read_award_history", has_any_role)
rules.add_perm(
    "history.record_lower_award",
    (has_district_scope | has_commune_scope | has_agency_scope) & proposing_unit_in_office,
)

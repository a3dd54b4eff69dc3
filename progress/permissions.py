"""Who may do what with the plan's progress (predicates: emulation/permissions.py).

Everybody reads the dashboard; the periodic report (V.2) is for district staff (their
district's, under a plan with districts), commune-level staff (their unit's, under a plan
of the two-level government, from 1/7/2025) and the province; administrators set the
plan's targets.
"""

from __future__ import annotations

import rules

from emulation.permissions import (
    is_admin,
    is_commune_staff,
    is_district_staff,
    is_provincial,
    is_reviewer,
)

rules.add_perm("progress.read_reports", is_district_staff | is_commune_staff | is_provincial)
rules.add_perm("progress.manage_targets", is_admin)
# the yearly statistics of emulation and award work (Thông tư 02/2023/TT-BNV): the
# provincial awards board, who reports them, and administrators
rules.add_perm("progress.read_award_statistics", is_reviewer | is_admin)

"""Who may do what with the plan's progress (predicates: emulation/permissions.py).

Everybody reads the dashboard; the district report (V.2) is for district staff and the
province; administrators set the plan's targets.
"""

from __future__ import annotations

import rules

from emulation.permissions import is_admin, is_district_staff, is_provincial

rules.add_perm("progress.read_reports", is_district_staff | is_provincial)
rules.add_perm("progress.manage_targets", is_admin)

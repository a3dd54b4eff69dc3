"""Who may see who qualifies (predicates: emulation/permissions.py). The rule-set screens
are ``emulation.manage_rulesets``: the rule sets and their service live in emulation."""

from __future__ import annotations

import rules

from emulation.permissions import has_any_role

# every role, each within its scope (the selectors scope the communes and districts)
rules.add_perm("eligibility.read_who_qualifies", has_any_role)

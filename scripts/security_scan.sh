#!/usr/bin/env bash
# Security scans: bandit over our own code (fails on a medium- or high-severity
# finding not marked `# nosec <id>` with its reason, see README), pip-audit over the installed
# packages (fails on a known vulnerability; says so and passes when the
# vulnerability service cannot be reached from this machine).
set -euo pipefail
cd "$(dirname "$0")/.."
# Medium and high severity fail the build; low-severity findings (a seeded random in demo
# data, say) are listed for review and explained in the README.
.venv/bin/bandit -q -c pyproject.toml -r . --severity-level medium
echo "bandit: no medium- or high-severity findings."
.venv/bin/bandit -q -c pyproject.toml -r . --severity-level low --exit-zero \
  -f custom --msg-template "bandit (low, see README): {relpath}:{line} {test_id} {msg}"
.venv/bin/python scripts/audit_dependencies.py

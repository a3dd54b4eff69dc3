#!/usr/bin/env bash
# Security scans: bandit over our own code (fails on any finding not marked
# `# nosec <id>` with its reason, see README), pip-audit over the installed
# packages (fails on a known vulnerability; says so and passes when the
# vulnerability service cannot be reached from this machine).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/bandit -q -c pyproject.toml -r .
echo "bandit: no findings."
.venv/bin/python scripts/audit_dependencies.py

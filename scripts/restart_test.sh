#!/usr/bin/env bash
# PostgreSQL restart test: gunicorn serves 2 readers and 1 writer while a
# private PostgreSQL cluster (on a free port, made and removed by the test; the
# machine's own cluster is never touched) stops, stays down 3 s and starts;
# once cleanly (-m fast) and once as in a crash (-m immediate).
# Passes when every answer is 200/302/503 without technical details, the app
# answers again once the database is back, and no confirmed write is lost.
# Writes the figures to docs/restart-test.md. Needs root or the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
RESTART_REPORT=docs/restart-test.md .venv/bin/pytest -q tests/system/test_db_restart.py "$@"
cat docs/restart-test.md

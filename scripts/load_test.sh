#!/usr/bin/env bash
# Load test (loopback only, bounded in time): gunicorn with several workers
# against PostgreSQL seeded with the demo data, locust headless with district
# and reviewer journeys. Prints throughput, p50/p95 and the error count and
# writes them to docs/load-test.md. Exits 1 on any failed request.
# LOAD_SECONDS (60) LOAD_USERS (30) LOAD_WORKERS (4) LOAD_PORT (0: a free port)
# TEST_DATABASE_URL (server on which the database <its database>_e2e_load is made
# and dropped).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ntm}
.venv/bin/python scripts/load_test.py

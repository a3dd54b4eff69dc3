#!/usr/bin/env bash
# Load test (loopback only, bounded in time): gunicorn with several workers
# against PostgreSQL seeded with the demo data, locust headless with commune
# staff filing and reviewers deciding (tests/load/locustfile.py). Prints throughput,
# p50/p95, the error count and each request's p95 against the trivial page's, and
# writes them to docs/load-test.md. Exits 1 on any failed request or a p95 over 5x.
# LOAD_SECONDS (180) LOAD_USERS (100) LOAD_SPAWN_RATE (2/s) LOAD_WORKERS (2 per core + 1)
# LOAD_PORT (0: a free port)
# TEST_DATABASE_URL (server on which the database <its database>_e2e_load is made
# and dropped).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ntm}
.venv/bin/python scripts/load_test.py

#!/usr/bin/env bash
# Set up from a fresh clone and run the whole test suite on PostgreSQL
# (unit, integration and headless-browser tests), plus the linters and mypy.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev

# PostgreSQL: start the local cluster if it is installed and down.
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
fi
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ntm}
dbname=${TEST_DATABASE_URL##*/}
psql "${TEST_DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$dbname'" | grep -q 1 \
  || psql "${TEST_DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$dbname\""

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache
.venv/bin/mypy
DJANGO_SETTINGS_MODULE=config.settings_test .venv/bin/python manage.py makemigrations --check --dry-run -v0
# Redis (the shared cache of the two-app-server test): start it if installed and down.
if command -v redis-server >/dev/null 2>&1 && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --save '' --daemonize yes >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
scripts/security_scan.sh
# One pytest worker per core (pytest-xdist; PYTEST_XDIST_AUTO_NUM_WORKERS=N for N of them,
# `scripts/test.sh -n 0` for none, e.g. with --pdb); the browser tests and the system tests
# are each run by one worker, one at a time (tests/conftest.py).
.venv/bin/pytest -n auto "$@"

#!/usr/bin/env bash
# The background worker: produces batches of documents (every certificate of a
# decision, every achievement report of a round as one ZIP) queued by the web app
# (django-tasks, database backend). scripts/run.sh starts it beside the server.
# Niced (WORKER_NICE, 10): rendering a round's certificates takes a core for minutes, and
# on the province's 2-core server the web workers' requests come first; the batch still
# gets every cycle they leave (docs/load-test.md).
set -euo pipefail
cd "$(dirname "$0")/.."
exec nice -n "${WORKER_NICE:-10}" .venv/bin/python manage.py db_worker --queue-name default --interval 1 --no-reload -v 1 "$@"

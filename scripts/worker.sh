#!/usr/bin/env bash
# The background worker: produces batches of documents (every certificate of a
# decision, every achievement report of a round as one ZIP) queued by the web app
# (django-tasks, database backend). scripts/run.sh starts it beside the server.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python manage.py db_worker --queue-name default --interval 1 --no-reload -v 1 "$@"

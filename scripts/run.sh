#!/usr/bin/env bash
# Set up from a fresh clone and serve the demo on http://127.0.0.1:8000
# (SQLite under var/, demo data, demo accounts printed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DEBUG=1 DEMO_MODE=1
export DJANGO_SETTINGS_MODULE=config.settings
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py seed_demo
if [ -f scripts/worker.sh ]; then
  scripts/worker.sh &
  worker=$!
  trap 'kill $worker 2>/dev/null || true' EXIT
fi
echo "Mở http://127.0.0.1:8000 và đăng nhập bằng một tài khoản ở trên."
.venv/bin/python manage.py runserver 127.0.0.1:8000

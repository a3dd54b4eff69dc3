#!/usr/bin/env bash
# Shared set-up: system packages (when missing and we may install them), the
# virtual environment in .venv, Python dependencies, translations.
# Usage: scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

want_dev=0
[ "${1:-}" = "--dev" ] && want_dev=1

# Fonts with every Vietnamese letter (Liberation Serif 2.x, Tinos), HarfBuzz's
# subsetter (WeasyPrint is 20x faster with it), gettext for translations, and
# Debian's Chromium + poppler for the browser and PDF tests, Redis for the
# two-app-server test.
pkgs="fonts-liberation2 fonts-croscore libharfbuzz-subset0 gettext"
[ $want_dev = 1 ] && pkgs="$pkgs chromium poppler-utils redis-server"
missing=""
for p in $pkgs; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Cài gói hệ thống:$missing"
    (apt-get install -y -q $missing >/dev/null 2>&1) || (apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null)
  else
    echo "Thiếu gói hệ thống:$missing (cần: sudo apt-get install$missing)" >&2
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha1sum | cut -c1-12)-$want_dev
if [ ! -f "$stamp" ]; then
  if [ $want_dev = 1 ]; then
    .venv/bin/pip install -q -e ".[dev]"
  else
    .venv/bin/pip install -q -e .
  fi
  touch "$stamp"
fi
if [ -d locale ] && command -v msgfmt >/dev/null 2>&1; then
  DEBUG=1 .venv/bin/python manage.py compilemessages -v0 >/dev/null
fi

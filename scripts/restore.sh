#!/usr/bin/env bash
# Restore a folder written by scripts/backup.sh into an EMPTY database and an
# empty (or missing) MEDIA_ROOT; refuses to overwrite anything.
# Usage: DATABASE_URL=postgres://…/csdl-moi MEDIA_ROOT=/srv/ntm/media scripts/restore.sh FOLDER
# See docs/operations.md.
set -euo pipefail
src=${1:?"Cách dùng: scripts/restore.sh THƯ-MỤC-SAO-LƯU"}
: "${DATABASE_URL:?DATABASE_URL phải được đặt (cơ sở dữ liệu rỗng để phục hồi vào)}"
: "${MEDIA_ROOT:?MEDIA_ROOT phải được đặt (thư mục tệp tải lên)}"

(cd "$src" && sha256sum --check --quiet SHA256SUMS) || {
  echo "Bản sao lưu $src bị hỏng (sai mã kiểm tra SHA-256)." >&2; exit 1; }
tables=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != 0 ]; then
  echo "Cơ sở dữ liệu đích đã có $tables bảng: chỉ phục hồi vào cơ sở dữ liệu rỗng." >&2
  exit 1
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  echo "Thư mục $MEDIA_ROOT không rỗng: chỉ phục hồi vào thư mục rỗng." >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$src/media.tar.gz"
echo "Đã phục hồi $src."

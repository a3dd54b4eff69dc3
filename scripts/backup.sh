#!/usr/bin/env bash
# Back up the database (pg_dump, custom format) and the uploaded files (tar of
# MEDIA_ROOT) into a new timestamped folder, with SHA-256 checksums.
# Usage: DATABASE_URL=postgres://… MEDIA_ROOT=/srv/ntm/media scripts/backup.sh [BACKUP_DIR]
# Prints the folder it wrote. See docs/operations.md.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL phải được đặt (postgres://người-dùng@máy:5432/csdl)}"
media=${MEDIA_ROOT:-$(dirname "$0")/../var/media}
root=${1:-${BACKUP_DIR:-backups}}
dest="$root/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$root"
mkdir "$dest"  # never overwrite an earlier backup

pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/media.tar.gz" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
(cd "$dest" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "$dest"

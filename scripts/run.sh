#!/usr/bin/env bash
# The main job: set up, build the sample archive, ingest it, and serve the web UI and API
# on http://127.0.0.1:8000 with the embedded search engine (Tantivy).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

export SULIEU_ARCHIVE="${SULIEU_ARCHIVE:-archive_data}"
SAMPLE_DIR="${SAMPLE_DIR:-build/sample}"

echo "==> Tạo bộ tài liệu mẫu trong $SAMPLE_DIR"
.venv/bin/sulieu sample "$SAMPLE_DIR"
for level in public internal restricted; do
  if [ -d "$SAMPLE_DIR/$level" ]; then
    echo "==> Nhập tài liệu mẫu ($level)"
    .venv/bin/sulieu ingest "$SAMPLE_DIR/$level" --access "$level" --no-progress || true
  fi
done

if ! .venv/bin/sulieu user list 2>/dev/null | grep -q '^admin\b'; then
  pw="${SULIEU_ADMIN_PASSWORD:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(9))')}"
  printf '%s\n' "$pw" | .venv/bin/sulieu user add admin --role admin --password-stdin >/dev/null
  echo "==> Tài khoản quản trị: admin / $pw"
fi

echo "==> Mở http://${SULIEU_HOST:-127.0.0.1}:${SULIEU_PORT:-8000}/"
exec .venv/bin/sulieu serve

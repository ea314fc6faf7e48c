#!/usr/bin/env bash
# Set up everything (system packages, Python deps, Chromium, Java/Maven), start a real OpenSearch node,
# run the whole test suite against Tantivy and OpenSearch, and stop the node.
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow".
# SULIEU_TEST_OPENSEARCH=0 runs without the node (its tests then skip and the summary says so).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

export OMP_THREAD_LIMIT=1
echo "==> ruff"
.venv/bin/ruff check .
echo "==> mypy"
.venv/bin/mypy  # strict on sulieu/ and search_engine/, non-strict on the rest: [tool.mypy] in pyproject.toml

if [ "${SULIEU_TEST_OPENSEARCH:-1}" = 1 ] && [ -z "${SULIEU_OPENSEARCH_URL:-}" ]; then
  echo "==> OpenSearch (một nút, loopback)"
  trap 'scripts/opensearch.sh stop --name test-run || true' EXIT
  if url="$(scripts/opensearch.sh start --name test-run)"; then
    export SULIEU_OPENSEARCH_URL="$url"
    echo "    $url"
  else
    echo "    Không khởi động được OpenSearch (lỗi ở trên): các bài kiểm thử OpenSearch sẽ bỏ qua." >&2
  fi
fi
echo "==> pytest"
.venv/bin/python -m pytest "$@"

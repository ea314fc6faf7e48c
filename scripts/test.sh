#!/usr/bin/env bash
# Set up everything (system packages, Python deps, Chromium) and run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

export HAYSTACK_TELEMETRY_ENABLED=False
export OMP_THREAD_LIMIT=1
echo "==> ruff"
.venv/bin/ruff check sulieu ingest search_api ui sulieu_cli tests bench
echo "==> pytest"
exec .venv/bin/python -m pytest "$@"

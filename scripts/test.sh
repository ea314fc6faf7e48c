#!/usr/bin/env bash
# Set up everything (system packages, Python deps, Chromium) and run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

export OMP_THREAD_LIMIT=1
echo "==> ruff"
.venv/bin/ruff check .
echo "==> mypy"
.venv/bin/mypy  # strict on sulieu/ and search_engine/, non-strict on the rest: [tool.mypy] in pyproject.toml
echo "==> pytest"
exec .venv/bin/python -m pytest "$@"

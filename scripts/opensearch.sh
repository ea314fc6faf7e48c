#!/usr/bin/env bash
# OpenSearch nodes on loopback for tests and benchmarks (no Docker): see scripts/opensearch.py.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/opensearch.py "$@"

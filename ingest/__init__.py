"""Ingest: Haystack components and pipeline that turn files into archive records."""

import os

# Every Haystack import in the product goes through this package: switch telemetry off once, before any.
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

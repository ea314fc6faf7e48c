"""The record cache returns the parsed record while the file is unchanged, and reads a rewrite at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.record_cache import RecordCache
from sulieu.errors import NotFound
from sulieu.store import ArchiveStore
from tests.support import archive_builder


def test_cached_until_the_record_is_rewritten(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    ids = archive_builder.build(root)
    store = ArchiveStore(root)
    cache = RecordCache(size=1)
    first = cache.read(store, ids["public"])
    assert cache.read(store, ids["public"]) is first
    changed = store.read_record(ids["public"])
    changed.metadata.title = "Tiêu đề mới"
    store.write_record(changed)
    again = cache.read(store, ids["public"])
    assert again is not first and again.metadata.title == "Tiêu đề mới"
    cache.read(store, ids["internal"])  # size 1: the other record is dropped
    assert cache.read(store, ids["public"]) is not again
    with pytest.raises(NotFound):
        cache.read(store, "0123456789abcdef")

"""Near-duplicates found after every change (``sulieu.near_duplicates`` holds the rules)."""

from __future__ import annotations

import logging

from sulieu.near_duplicates import DocKey, find_pairs, load_duplicates, merge_detected, save_duplicates
from sulieu.store import ArchiveStore

log = logging.getLogger("sulieu.services")


def refresh_duplicates(store: ArchiveStore, keys: list[DocKey]) -> set[str]:
    """Detect pairs among the live documents, keep editors' decisions, save; returns the documents whose
    copy status changed (to re-index)."""
    try:
        old = load_duplicates(store)
    except Exception as e:  # noqa: BLE001 - a broken file is kept for repair, never overwritten
        log.warning("%s", e)
        return set()
    new = merge_detected(old, find_pairs(keys), {k.id for k in keys})
    if new == old:
        return set()
    save_duplicates(store, new)
    return set(old.copies() ^ new.copies())

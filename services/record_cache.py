"""Recently read records kept parsed, keyed by the record file's own identity.

A viewer asks for dozens of image tiles and ``info.json`` files of one document in a burst, and
each request checks access on the whole record: reading and validating a 500-page record took
25-38 ms, more than rendering a tile. The key is the file's path, modification time and size, so a
record rewritten (atomically, by rename) is read afresh at once. Callers must not modify the
records they get.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

from sulieu.errors import NotFound
from sulieu.model import Record
from sulieu.store import ArchiveStore


class RecordCache:
    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[str, int, int], Record] = OrderedDict()

    def read(self, store: ArchiveStore, doc_id: str) -> Record:
        path = store.record_path(doc_id)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise NotFound(f"Không có tài liệu {doc_id}.") from None
        key = (str(path), st.st_mtime_ns, st.st_size)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        record = store.read_record(doc_id)
        with self._lock:
            self._items[key] = record
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return record

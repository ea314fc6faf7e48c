"""One SQLite file of the archive (users, workspace): its schema created at start, one connection per call.

A connection per call keeps the stores thread-safe without pooling (FastAPI runs plain handlers on a
thread pool); every block is one transaction, committed or rolled back, never a partial write.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class SqliteFile:
    """Base of a store kept in one SQLite file. ``serialize``: every block holds the store's lock, for
    stores whose writes read first (a count before an insert) and must not interleave in one process."""

    serialize = False

    def __init__(self, path: Path | str, schema: str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(schema)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            if self.serialize:
                with self._lock, db:
                    yield db
            else:
                with db:
                    yield db
        finally:
            db.close()

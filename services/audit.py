"""Audit log of every write (who, what, when) in ``<archive>/audit.sqlite``; append-only."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS events_target ON events(target);
"""


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    user: str
    action: str
    target: str | None
    detail: dict[str, Any] | None


class AuditLog:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def record(self, user: str, action: str, target: str | None = None, detail: dict[str, Any] | None = None) -> None:
        db = self._connect()
        try:
            with self._lock, db:
                db.execute(
                    "INSERT INTO events(at, user, action, target, detail) VALUES (?,?,?,?,?)",
                    (datetime.now(UTC).isoformat(), user, action, target,
                     json.dumps(detail, ensure_ascii=False, default=str) if detail is not None else None),
                )
        finally:
            db.close()

    def list(self, *, target: str | None = None, user: str | None = None, action: str | None = None,
             limit: int = 100, offset: int = 0) -> tuple[list[AuditEvent], int]:
        where, args = [], []
        for col, val in (("target", target), ("user", user), ("action", action)):
            if val is not None:
                where.append(f"{col} = ?")
                args.append(val)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        db = self._connect()
        try:
            total = db.execute(f"SELECT COUNT(*) FROM events{clause}", args).fetchone()[0]
            rows = db.execute(
                f"SELECT id, at, user, action, target, detail FROM events{clause} ORDER BY id DESC LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
        finally:
            db.close()
        return [AuditEvent(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], json.loads(r[5]) if r[5] else None)
                for r in rows], total

"""Provenance of a document: who brought it in, from which file, when, with which software,
and every change since.

Most of it is already in the archive (``Record.provenance``, the corrections layer,
``deleted_at``). Events that belong to no record field (an import from a BagIt package)
are appended to ``<archive>/provenance/<id>.json``, a list kept next to the record and
travelling with it in exported bags.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sulieu.errors import ArchiveError, NotFound
from sulieu.model import Record, utcnow
from sulieu.store import ArchiveStore, atomic_write_json, valid_id

EVENT_LABELS = {
    "ingested": "Nhập vào kho",
    "imported": "Nhập từ gói BagIt",
    "corrected": "Hiệu chỉnh",
    "deleted": "Đã xoá (xoá mềm)",
}


def events_path(store: ArchiveStore, doc_id: str) -> Path:
    if not valid_id(doc_id):
        raise NotFound(f"Mã tài liệu không hợp lệ: {doc_id!r}")
    return store.provenance_path(doc_id)


def read_events(store: ArchiveStore, doc_id: str) -> list[dict[str, Any]]:
    path = events_path(store, doc_id)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ArchiveError(f"Nhật ký nguồn gốc của {doc_id} không đọc được: {e}") from e
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ArchiveError(f"Nhật ký nguồn gốc của {doc_id} sai cấu trúc.")
    return data


def record_event(store: ArchiveStore, doc_id: str, event: str, *, by: str, at: datetime | None = None,
                 **details: Any) -> dict[str, Any]:
    """Append one event to the document's provenance log (atomic rewrite of a small file)."""
    entry = {"event": event, "at": (at or utcnow()).isoformat(), "by": by, **details}
    atomic_write_json(events_path(store, doc_id), read_events(store, doc_id) + [entry])
    return entry


def _iso(dt: datetime | str | None) -> str | None:
    if dt is None:
        return None
    return dt.isoformat() if isinstance(dt, datetime) else str(dt)


def _summary(ev: dict[str, Any]) -> str:
    kind = ev["event"]
    if kind == "ingested":
        sw = ev.get("software_version") or "?"
        return f"{ev.get('by') or '?'} nhập tệp {ev.get('file')} (Sử liệu {sw})"
    if kind == "imported":
        return f"{ev.get('by') or '?'} nhập từ gói {ev.get('bag') or '?'} (Sử liệu {ev.get('software_version') or '?'})"
    if kind == "corrected":
        note = f" — {ev['note']}" if ev.get("note") else ""
        return f"{ev.get('by') or '?'} sửa {ev.get('field')} = {json.dumps(ev.get('value'), ensure_ascii=False)}{note}"
    if kind == "deleted":
        return "Tài liệu đang ở trạng thái đã xoá"
    return kind


def provenance_events(store: ArchiveStore, doc_id: str, record: Record | None = None) -> list[dict[str, Any]]:
    """Every known event in the life of a document, oldest first, as JSON-ready dicts.

    Keys: ``event`` (ingested | imported | corrected | deleted | ...), ``at`` (ISO 8601),
    ``by``, ``label`` and ``summary`` (Vietnamese, for display), plus event details
    (``file``, ``source_path``, ``sha256``, ``size``, ``mime``, ``software_version``,
    ``extractors`` for ingest; ``field``, ``value``, ``note`` for corrections).
    """
    rec = record or store.read_record(doc_id)
    p = rec.provenance
    events: list[dict[str, Any]] = [
        {
            "event": "ingested",
            "at": _iso(p.ingested_at),
            "by": p.ingested_by,
            "file": p.original_name,
            "source_path": p.source_path,
            "sha256": p.sha256,
            "size": p.size,
            "mime": p.mime,
            "software_version": p.software_version,
            "extractors": dict(p.extractors),
            "extraction_version": rec.extraction_version,
        }
    ]
    for c in store.read_corrections(rec.id):
        events.append({"event": "corrected", "at": _iso(c.at), "by": c.by, "field": c.field, "value": c.value,
                       "note": c.note})
    events.extend(dict(e) for e in read_events(store, rec.id))
    if rec.deleted_at is not None:
        events.append({"event": "deleted", "at": _iso(rec.deleted_at), "by": None})
    events.sort(key=lambda e: e.get("at") or "")
    for ev in events:
        ev["label"] = EVENT_LABELS.get(ev["event"], ev["event"])
        ev["summary"] = _summary(ev)
    return events


def format_provenance(events: list[dict[str, Any]]) -> str:
    """Plain-text lines for ``sulieu show ID --provenance``."""
    lines = []
    for ev in events:
        at = (ev.get("at") or "")[:19].replace("T", " ")
        lines.append(f"{at}  {ev['label']:<20} {ev['summary']}")
        if ev["event"] == "ingested":
            if ev.get("source_path"):
                lines.append(f"{'':21}đường dẫn: {ev['source_path']}")
            lines.append(f"{'':21}sha256: {ev.get('sha256')}  ({ev.get('size')} byte, {ev.get('mime')})")
    return "\n".join(lines)

"""``sulieu show ID``: print a document record."""

from __future__ import annotations

import argparse
import json


def add_parser(sub) -> None:
    p = sub.add_parser("show", help="xem hồ sơ một tài liệu")
    p.add_argument("doc_id", metavar="MÃ")
    p.add_argument("--json", action="store_true", help="in toàn bộ hồ sơ dạng JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    from sulieu.model import effective_access, effective_metadata
    from sulieu.store import ArchiveStore

    store = ArchiveStore(settings.archive)
    rec = store.read_record(args.doc_id)
    corrections = store.read_corrections(rec.id)
    if args.json:
        data = rec.model_dump(mode="json")
        data["corrections"] = [c.model_dump(mode="json") for c in corrections]
        data["effective_metadata"] = effective_metadata(rec, corrections).model_dump(mode="json", exclude={"evidence"})
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    md = effective_metadata(rec, corrections)
    rows = [
        ("Mã", rec.id),
        ("Tệp gốc", rec.provenance.original_name),
        ("Mức truy cập", effective_access(rec, corrections)),
        ("Loại", md.doc_type),
        ("Số, ký hiệu", md.symbol),
        ("Cơ quan ban hành", md.issuer),
        ("Ngày", md.date),
        ("Trích yếu", md.subject),
        ("Người ký", md.signer.name if md.signer else None),
        ("Số trang", str(len(rec.pages))),
        ("Trích dẫn", str(len(rec.citations))),
    ]
    for k, v in rows:
        print(f"{k:>18}: {v or '—'}")
    return 0

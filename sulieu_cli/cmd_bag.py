"""``sulieu export PATH [--query Q]`` and ``sulieu import PATH``: BagIt packages of the archive."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(sub) -> None:
    e = sub.add_parser(
        "export",
        help="xuất gói BagIt (bản gốc, hồ sơ, hiệu chỉnh, ảnh trang; manifest sha256)",
        description="Xuất toàn bộ kho, hoặc các tài liệu khớp một truy vấn, thành một gói BagIt tại PATH "
        "(PATH chưa tồn tại hoặc là thư mục trống). Gói dở dang bị xoá nếu có lỗi (kể cả hết chỗ trên đĩa).",
    )
    e.add_argument("path", type=Path, metavar="PATH", help="thư mục gói sẽ tạo")
    e.add_argument("--query", "-q", metavar="Q", help="chỉ xuất tài liệu khớp truy vấn (mọi mức truy cập)")
    e.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    e.set_defaults(func=run_export)

    i = sub.add_parser(
        "import",
        help="nhập gói BagIt: kiểm tra toàn bộ gói trước, rồi nhập tất cả hoặc không gì cả",
        description="Kiểm tra gói (sha256, cấu trúc, phiên bản lược đồ, bản gốc của từng hồ sơ) rồi mới ghi. "
        "Giữ nguyên mã tài liệu, hiệu chỉnh, mức truy cập và trích dẫn; nhập lại cùng gói không thay đổi gì.",
    )
    i.add_argument("path", type=Path, metavar="PATH", help="thư mục gói BagIt")
    i.add_argument("--user", default="cli", help="người nhập, ghi vào nhật ký nguồn gốc (mặc định: cli)")
    i.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    i.set_defaults(func=run_import)


def matching_ids(settings, query: str) -> list[str]:
    """Every document matching ``query``, all access levels (an admin's command)."""
    from search_engine import open_backend
    from services.search import matching_ids as ids_for

    backend = open_backend(settings)
    try:
        return ids_for(backend, query)
    finally:
        backend.close()


def run_export(args: argparse.Namespace, settings) -> int:
    from services.preservation import export_bag
    from sulieu.errors import NotFound
    from sulieu.store import ArchiveStore

    store = ArchiveStore(settings.archive)
    if not store.records_dir.is_dir():
        raise NotFound(f"Không có kho lưu trữ tại {store.root}.")
    doc_ids = matching_ids(settings, args.query) if args.query is not None else None
    if doc_ids is not None and not doc_ids:
        print(f"Không có tài liệu nào khớp «{args.query}»; không tạo gói.", file=sys.stderr)
        return 1
    summary = export_bag(store, args.path, doc_ids=doc_ids, query=args.query)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"Đã xuất gói BagIt: {summary.path}")
    print(f"  Tài liệu: {summary.documents} (đã xoá: {summary.deleted})   Bản gốc: {summary.originals}   "
          f"Tệp trang: {summary.page_files}   Hiệu chỉnh: {summary.corrections}")
    print(f"  Dung lượng: {summary.payload_bytes / 1e6:.1f} MB   Thời gian: {summary.seconds:.2f} s")
    return 0


def run_import(args: argparse.Namespace, settings) -> int:
    from services.preservation import import_bag
    from sulieu.store import ArchiveStore

    store = ArchiveStore(settings.archive)
    summary = import_bag(store, args.path, settings=settings, user=args.user)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"Đã kiểm tra và nhập gói {summary.path} ({summary.documents} tài liệu)")
        print(f"  Mới nhập: {len(summary.imported)}   Đã có, giống hệt: {len(summary.unchanged)}   "
              f"Đã có, giữ bản trong kho: {len(summary.kept_local)}   "
              f"Hiệu chỉnh thêm: {sum(summary.corrections_added.values())}")
        if summary.kept_local:
            print("  Giữ hồ sơ trong kho (khác với gói): " + ", ".join(summary.kept_local[:20]))
        if summary.index_message:
            print(f"  Chỉ mục: {summary.index_message}", file=sys.stderr)
        elif summary.changed_ids:
            print("  Chỉ mục đã cập nhật.")
    return 0

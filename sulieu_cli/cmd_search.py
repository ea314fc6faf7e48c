"""``sulieu search QUERY``: search the archive from the command line (same JSON as the API)."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    p = sub.add_parser(
        "search",
        help="tìm kiếm trong kho",
        description=(
            "Tìm tài liệu. Cú pháp: từ (phải có đủ), \"cụm từ\", -từ (loại trừ), a OR b, "
            "loai:KH, so:193-KH/QU, co_quan:\"Thành ủy Hải Phòng\", noi:, nam:2020..2023, "
            "ngay:2024-01-01..2024-03-31, ky:, trich_dan:20-CT/TW."
        ),
    )
    p.add_argument("query", metavar="TRUY_VẤN", nargs="+", help="câu truy vấn")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="số kết quả (mặc định 10, tối đa 100)")
    p.add_argument("--page", type=int, default=1, metavar="TRANG", help="trang kết quả (bắt đầu từ 1)")
    p.add_argument("--sort", choices=("relevance", "date_desc", "date_asc"), default="relevance", help="thứ tự")
    p.add_argument(
        "--access",
        default="public,internal,restricted",
        help="các mức truy cập được xem, phân cách bởi dấu phẩy (mặc định: tất cả, vì dòng lệnh chạy trên chính kho)",
    )
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (giống API)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    from search_engine import ensure_index
    from search_engine.models import MAX_PAGE_SIZE, SearchRequest
    from services.search import search
    from sulieu.errors import InputError
    from sulieu.store import ArchiveStore

    if not 1 <= args.limit <= MAX_PAGE_SIZE:
        raise InputError(f"--limit phải từ 1 đến {MAX_PAGE_SIZE}.")
    if args.page < 1:
        raise InputError("--page phải từ 1 trở lên.")
    access = [a.strip() for a in args.access.split(",") if a.strip()]
    req = SearchRequest(
        q=" ".join(args.query), page=args.page, page_size=args.limit, sort=args.sort, allowed_access=access
    )
    store = ArchiveStore(settings.archive)
    backend = ensure_index(settings, store)
    try:
        result = search(backend, req)
    finally:
        backend.close()
    if args.json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return 0
    _print(result)
    return 0


def _strip_marks(html: str) -> str:
    import html as h
    import re

    return h.unescape(re.sub(r"</?mark>", "", html))


def _print(result) -> None:
    start = (result.page - 1) * result.page_size
    print(f"{result.total} tài liệu ({result.took_ms:.0f} ms)")
    for i, hit in enumerate(result.hits, start + 1):
        head = " · ".join(x for x in (hit.symbol, hit.issuer, hit.date) if x)
        print(f"\n{i}. {hit.title or hit.id}  [{hit.id}]")
        if head:
            print(f"   {head}")
        for s in hit.snippets[:2]:
            print(f"   tr. {s.page}: {_strip_marks(s.html)}")

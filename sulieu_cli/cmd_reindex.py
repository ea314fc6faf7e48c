"""``sulieu reindex``: drop the search index and rebuild it from the archive (the archive is the truth)."""

from __future__ import annotations

import argparse


def add_parser(sub) -> None:
    p = sub.add_parser("reindex", help="dựng lại chỉ mục tìm kiếm từ kho")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    from services.preservation import reindex

    stats, engine = reindex(settings)
    print(
        f"Đã dựng lại chỉ mục ({engine}): {stats['documents']} tài liệu, {stats['pages']} trang"
        f" trong {stats['seconds']:.1f} giây" + (f"; {stats['failed']} hồ sơ lỗi bị bỏ qua" if stats["failed"] else "")
    )
    return 0

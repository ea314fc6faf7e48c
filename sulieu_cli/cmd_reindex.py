"""``sulieu reindex``: drop the search index and rebuild it from the archive (the archive is the truth)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub) -> None:
    p = sub.add_parser("reindex", help="dựng lại chỉ mục tìm kiếm từ kho")
    p.add_argument("--no-progress", action="store_true", help="không hiện dòng tiến trình")
    p.set_defaults(func=run)


def _num(n: float) -> str:
    return f"{int(n):,}".replace(",", ".")  # Vietnamese thousands separator


def _duration(seconds: float) -> str:
    s = max(0, int(round(seconds)))
    if s >= 3600:
        return f"{s // 3600} giờ {s % 3600 // 60} phút"
    if s >= 60:
        return f"{s // 60} phút {s % 60} giây"
    return f"{s} giây"


def progress_line(p: dict[str, Any]) -> str:
    """One line after each batch: documents done of all, pages, pages/s, time left (estimated from the
    documents' rate so far)."""
    done, total, pages, secs = p["documents_done"], p["documents_total"], p["pages"], max(p["seconds"], 1e-9)
    left = (total - done) * secs / done if done else 0.0
    pct = 100 * done // total if total else 100
    return (f"Đang dựng chỉ mục: {_num(done)}/{_num(total)} tài liệu ({pct} %), {_num(pages)} trang, "
            f"{_num(pages / secs)} trang/giây, còn khoảng {_duration(left)}")


def run(args: argparse.Namespace, settings) -> int:
    from services.preservation import reindex

    tty = sys.stderr.isatty()

    def show(p: dict[str, Any]) -> None:
        print(("\r\x1b[2K" if tty else "") + progress_line(p), end="" if tty else "\n", file=sys.stderr, flush=True)

    stats, engine = reindex(settings, None if getattr(args, "no_progress", False) else show)
    if tty and not getattr(args, "no_progress", False):
        print(file=sys.stderr)
    print(
        f"Đã dựng lại chỉ mục ({engine}): {stats['documents']} tài liệu, {stats['pages']} trang"
        f" trong {stats['seconds']:.1f} giây" + (f"; {stats['failed']} hồ sơ lỗi bị bỏ qua" if stats["failed"] else "")
    )
    return 0

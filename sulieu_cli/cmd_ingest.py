"""``sulieu ingest PATH...``: bring files and folders into the archive."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser("ingest", help="nhập tệp/thư mục vào kho (PDF, ảnh quét, DOCX, TXT, HTML)")
    p.add_argument("paths", nargs="+", type=Path, metavar="ĐƯỜNG_DẪN")
    p.add_argument("--jobs", type=int, default=None, help="số tiến trình song song (mặc định: số lõi)")
    p.add_argument("--access", choices=["public", "internal", "restricted"], default=None,
                   help="mức truy cập của các tài liệu nhập (mặc định: public)")
    p.add_argument("--user", default="cli", help="người nhập, ghi vào nguồn gốc tài liệu")
    p.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến trình")
    p.add_argument("--book", action="store_true",
                   help="mỗi thư mục là một cuốn sách: các ảnh trang, sắp theo tên (trang_2 trước trang_10), "
                        "thành một tài liệu")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    from ingest.runner import FileResult, print_summary
    from services.ingest import ingest_paths

    show_bar = sys.stderr.isatty() and not args.no_progress
    progress_cb = None
    bar = None
    if show_bar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(TextColumn("[bold]Đang nhập"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       TextColumn("{task.description}"), transient=True)
        bar.start()
        task = bar.add_task("", total=None)

        def progress_cb(r: FileResult) -> None:
            bar.update(task, advance=1, description=r.name[:40])
    try:
        summary = ingest_paths(args.paths, settings, access=args.access, user=args.user, jobs=args.jobs,
                               progress=progress_cb, books=args.book)
    finally:
        if bar:
            bar.stop()
    print_summary(summary)
    return 1 if summary.failed else 0

"""``sulieu pipeline save FILE``: write the ingest pipeline as YAML, to edit and reuse
through ``SULIEU_PIPELINE``."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser("pipeline", help="lưu/xem pipeline nhập liệu (YAML)")
    p.add_argument("action", choices=["save", "show"])
    p.add_argument("file", nargs="?", type=Path, metavar="TỆP")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    from ingest.pipeline import load_pipeline, save_pipeline

    pipeline = load_pipeline(settings)
    if args.action == "show" or not args.file:
        print(pipeline.dumps())
        return 0
    save_pipeline(pipeline, args.file)
    print(f"Đã lưu pipeline vào {args.file}")
    return 0

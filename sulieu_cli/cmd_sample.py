"""``sulieu sample OUT_DIR``: write the sample archive (fictional Party and state documents) and its manifest."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "sample",
        help="tạo bộ tài liệu mẫu (văn bản Đảng, chính quyền, sách lịch sử, bản quét) để chạy thử",
        description=(
            "Tạo bộ tài liệu mẫu trong THƯ_MỤC: public/, internal/, restricted/ (nhập từng thư mục với "
            "--access tương ứng), ground_truth/ (văn bản gốc của các bản quét) và manifest.json "
            "(siêu dữ liệu và trích dẫn đúng của từng tệp). Chạy lại cho ra đúng các tệp như cũ."
        ),
    )
    p.add_argument("out_dir", metavar="THƯ_MỤC", type=Path)
    p.add_argument("--no-scans", action="store_true", help="bỏ qua 4 bản quét (nhanh hơn)")
    p.add_argument("--no-cache", action="store_true", help="dựng lại mọi tệp, không dùng bộ nhớ đệm")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    from sample_data import generate_sample
    from sulieu.errors import InputError

    out: Path = args.out_dir
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} không phải là thư mục", detail="Hãy chọn một thư mục (sẽ được tạo nếu chưa có).")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"Không tạo được thư mục {out}", detail=str(e)) from e
    started = time.perf_counter()
    manifest = generate_sample(out, scans=not args.no_scans, cache=not args.no_cache)
    elapsed = time.perf_counter() - started
    by_access = Counter(f.access for f in manifest.files)
    by_format = Counter(f.format for f in manifest.files)
    print(f"Đã tạo {len(manifest.files)} tài liệu mẫu trong {out} ({elapsed:.1f} giây).")
    print("  Mức truy cập: " + ", ".join(f"{k} {v}" for k, v in sorted(by_access.items())))
    print("  Định dạng:    " + ", ".join(f"{k} {v}" for k, v in sorted(by_format.items())))
    print(f"  Danh mục:     {out / 'manifest.json'}")
    print("Nhập vào kho:")
    for access in ("public", "internal", "restricted"):
        if by_access.get(access):
            print(f"  sulieu ingest {out / access} --access {access}")
    return 0

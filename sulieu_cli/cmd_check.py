"""``sulieu check [--repair] [--json]``: fixity of originals, validity of records, agreement of the index.

Exit status 0 when nothing is wrong (warnings allowed), 1 when a problem remains.
``--repair`` re-indexes what is missing, stale or extra (or rebuilds an index of another
schema), removes files a failed ingest left in ``tmp/`` more than a day ago, and never writes
originals, records or corrections.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub) -> None:
    p = sub.add_parser(
        "check",
        help="kiểm tra tính toàn vẹn: bản gốc (sha256), hồ sơ, chỉ mục",
        description="Kiểm tra mọi bản gốc theo sha256, mọi hồ sơ theo lược đồ, bản gốc của từng hồ sơ, "
        "và chỉ mục so với kho. Trả mã thoát khác 0 nếu có vấn đề.",
    )
    p.add_argument("--repair", action="store_true",
                   help="lập chỉ mục lại tài liệu thiếu/cũ/thừa trong chỉ mục (không bao giờ động tới bản gốc)")
    p.add_argument("--json", action="store_true", help="in báo cáo dạng JSON")
    p.add_argument("--quick", action="store_true",
                   help="chỉ so danh sách mã trong chỉ mục, không so nội dung từng tài liệu")
    p.set_defaults(func=run)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _print_report(report, stream=None) -> None:
    stream = stream or sys.stdout
    c = report.counts
    print(f"Kiểm tra kho: {report.archive}", file=stream)
    print(
        f"  Hồ sơ: {c.get('records', 0)} (đã xoá: {c.get('deleted', 0)})   "
        f"Bản gốc: {c.get('originals', 0)} ({_mb(report.original_bytes)})   "
        f"Tệp trang: {c.get('page_files', 0)}   Hiệu chỉnh: {c.get('corrections', 0)}",
        file=stream,
    )
    if report.index_checked:
        print(f"  Chỉ mục: {c.get('index_documents', 0)} tài liệu", file=stream)
    elif not any(p.kind.startswith("index_") for p in report.problems):
        print("  Chỉ mục: không kiểm tra được", file=stream)
    print(f"  Thời gian: {report.seconds:.2f} s", file=stream)
    if report.repaired:
        labels = {"index_missing": "thêm vào chỉ mục", "index_stale": "cập nhật", "index_extra": "gỡ khỏi chỉ mục",
                  "reindexed": "dựng lại chỉ mục", "staging_removed": "xoá tệp tạm"}
        done = ", ".join(f"{labels.get(k, k)}: {v}" for k, v in report.repaired.items())
        print(f"Đã sửa — {done}", file=stream)
    if report.problems:
        print(f"Vấn đề ({len(report.problems)}):", file=stream)
        for p in report.problems:
            tag = " [sửa được bằng --repair]" if p.repairable and not report.repaired else ""
            print(f"  ✗ {p.message}{tag}", file=stream)
    if report.warnings:
        print(f"Cảnh báo ({len(report.warnings)}):", file=stream)
        for p in report.warnings:
            print(f"  ! {p.message}", file=stream)
    if report.ok:
        print("Kết quả: ĐẠT — kho nguyên vẹn và chỉ mục khớp với kho.", file=stream)
    else:
        hint = ""
        if any(not p.repairable for p in report.problems):
            hint = " Bản gốc/hồ sơ hỏng cần khôi phục từ bản sao lưu (xem README, mục Backup and restore)."
        print(f"Kết quả: KHÔNG ĐẠT — {len(report.problems)} vấn đề.{hint}", file=stream)


def run(args: argparse.Namespace, settings) -> int:
    from services.preservation import check

    report = check(settings, repair=args.repair, quick=args.quick)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    return 0 if report.ok else 1

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
            hint = " Bản gốc/hồ sơ hỏng cần khôi phục từ bản sao lưu (xem README, mục Sao lưu)."
        print(f"Kết quả: KHÔNG ĐẠT — {len(report.problems)} vấn đề.{hint}", file=stream)


def run(args: argparse.Namespace, settings) -> int:
    from ingest.preservation.fixity import (
        INDEX_KINDS,
        check_archive,
        open_index,
        remove_staging_leftovers,
        repair_index,
    )
    from sulieu.store import ArchiveStore

    store = ArchiveStore(settings.archive)
    exists = (store.root / "archive.json").exists() or (store.root / "records").is_dir()
    # Opening the embedded index creates its folder: never do that where there is no archive.
    backend, index_problem = open_index(settings) if exists else (None, None)
    try:
        report = check_archive(store, backend, index_problem=index_problem, jobs=settings.jobs_effective,
                               deep_index=not args.quick)
        if args.repair and any(p.repairable for p in report.problems):
            repaired = repair_index(store, report, settings=settings, backend=backend)
            if backend is not None and "reindexed" in repaired:
                backend = None  # closed by repair_index
            # Re-verify the index only; originals were just hashed and repair never writes them.
            if backend is None:
                backend, index_problem = open_index(settings)
            after = check_archive(store, backend, index_problem=index_problem, jobs=settings.jobs_effective,
                                  deep_index=not args.quick, hash_originals=False)
            index_kinds = INDEX_KINDS | {"index_unavailable"}
            report.problems = [p for p in report.problems if p.kind not in index_kinds] + [
                p for p in after.problems if p.kind in index_kinds
            ]
            report.counts["index_documents"] = after.counts.get("index_documents", 0)
            report.index_checked = after.index_checked
        if args.repair and any(p.kind == "staging_leftover" for p in report.warnings):
            report.repaired["staging_removed"] = remove_staging_leftovers(store, report)
    finally:
        if backend is not None:
            backend.close()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    return 0 if report.ok else 1

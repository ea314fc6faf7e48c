"""``sulieu doctor``: check the installation and say how to fix what is missing."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass


@dataclass
class Check:
    name: str
    ok: bool
    message: str
    fix: str | None = None


def _archive_checks(settings) -> list[Check]:
    root = settings.archive
    if not root.exists():
        return [Check("Kho lưu trữ", True, f"{root} chưa có; sẽ được tạo khi nhập tài liệu đầu tiên.")]
    if not os.access(root, os.R_OK | os.W_OK | os.X_OK):
        return [Check("Kho lưu trữ", False, f"Không đọc/ghi được {root}.",
                      f"Cấp quyền cho người dùng hiện tại: chown -R $(whoami) {root}")]
    from sulieu.store import ArchiveStore

    try:
        n = ArchiveStore(root).count()
    except Exception as e:  # noqa: BLE001
        return [Check("Kho lưu trữ", False, f"Không đọc được {root}: {e}", "Chạy: sulieu check")]
    return [Check("Kho lưu trữ", True, f"{root}: {n} tài liệu.")]


def _index_checks(settings) -> list[Check]:
    from search_engine import describe_engine, index_present, open_backend
    from sulieu.errors import SulieuError

    engine = describe_engine(settings)
    if not index_present(settings):
        # A check must not create what it checks: opening Tantivy would make the folder.
        return [Check("Chỉ mục tìm kiếm", True, f"{engine}: chưa có chỉ mục (sẽ được tạo khi nhập).")]
    try:
        backend = open_backend(settings, repair=False)
    except SulieuError as e:
        return [Check("Chỉ mục tìm kiếm", False, f"{engine}: {e.message}", "Chạy: sulieu reindex")]
    try:
        stored = backend.stored_schema_version()
        if stored is None:
            return [Check("Chỉ mục tìm kiếm", True, f"{engine}: chưa có chỉ mục (sẽ được tạo khi nhập).")]
        if stored != backend.schema_version:
            return [Check("Chỉ mục tìm kiếm", False,
                          f"{engine}: lược đồ chỉ mục {stored}, phần mềm cần {backend.schema_version}.",
                          "Chạy: sulieu reindex")]
        unfinished = backend.unfinished()
        if unfinished:
            return [Check("Chỉ mục tìm kiếm", False,
                          f"{engine}: một lần ghi chỉ mục bị ngắt giữa chừng ({len(unfinished)} tài liệu).",
                          "Chạy: sulieu check --repair (hoặc khởi động lại máy chủ)")]
        return [Check("Chỉ mục tìm kiếm", True, f"{engine}: lược đồ {stored}, {len(backend.ids())} tài liệu.")]
    finally:
        backend.close()


def _ocr_checks(settings) -> list[Check]:
    from services.status import ocr_checks

    return [Check(c.name, c.ok, c.message_vi, getattr(c, "fix_vi", None)) for c in ocr_checks(settings)]


def collect(settings) -> list[Check]:
    checks = [Check("Python", sys.version_info >= (3, 11), f"Python {sys.version.split()[0]}",
                    "Cần Python 3.11 trở lên.")]
    checks += _ocr_checks(settings)
    checks += _archive_checks(settings)
    checks += _index_checks(settings)
    return checks


def add_parser(sub) -> None:
    p = sub.add_parser("doctor", help="kiểm tra cài đặt (Tesseract, kho lưu trữ, chỉ mục)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    checks = collect(settings)
    for c in checks:
        print(f"[{'OK' if c.ok else 'LỖI'}] {c.name}: {c.message}")
        if not c.ok and c.fix:
            print(f"       Cách khắc phục: {c.fix}")
    bad = [c for c in checks if not c.ok]
    print("\nMọi thứ sẵn sàng." if not bad else f"\nCó {len(bad)} vấn đề cần khắc phục.")
    return 1 if bad else 0

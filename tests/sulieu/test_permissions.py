"""Everything the project writes is its own account's only (issue 13, item 6): a real CLI run in a
child process, so the umask it sets cannot be the test runner's."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

NOTICE = """ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
QUẬN ỦY KIẾN AN
*
Số 41-TB/QU

ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 05 tháng 5 năm 2023

THÔNG BÁO

về lịch sinh hoạt chi bộ tháng 5 năm 2023

Các chi bộ trực thuộc sinh hoạt định kỳ vào ngày 3 hằng tháng.
"""


def _cli(archive: Path, *args: str, stdin: str | None = None) -> None:
    env = {**os.environ, "HAYSTACK_TELEMETRY_ENABLED": "False"}
    r = subprocess.run([sys.executable, "-m", "sulieu_cli", "--archive", str(archive), *args], input=stdin,
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr


def test_archive_files_are_private_after_ingest_and_user_add(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "tb41.txt").write_text(NOTICE, encoding="utf-8")
    archive = tmp_path / "archive"
    old = os.umask(0o022)  # the usual permissive default: the CLI must not inherit it
    try:
        _cli(archive, "ingest", str(src), "--access", "restricted", "--no-progress")
        _cli(archive, "user", "add", "lan", "--role", "editor", "--password-stdin", stdin="mot-mat-khau-dai\n")
    finally:
        os.umask(old)
    seen = {"originals": 0, "index": 0, "sqlite": 0}
    for path in [archive, *archive.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert not mode & 0o077, f"{path.relative_to(tmp_path)} is {oct(mode)}"
        rel = path.relative_to(archive).parts
        if path.is_file() and rel:
            if rel[0] == "originals":
                seen["originals"] += 1
                assert mode == 0o400
            seen["index"] += rel[0] == "index"
            seen["sqlite"] += path.suffix == ".sqlite"
    assert seen["originals"] == 1 and seen["index"] > 0 and seen["sqlite"] >= 1, seen

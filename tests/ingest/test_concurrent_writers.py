"""Two ``sulieu ingest`` runs on one archive at once (issue 13, item 1), as real child processes.

Before the writer lock, one run reported 30/30 restricted while a document ended up public, and two
files were reported "ingested" by both runs. Each trial here races a public and a restricted run over
the same folder and checks that every record carries the level of the run that wrote it, and that
each file was reported ingested by exactly one run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sulieu.store import ArchiveStore

TRIALS = int(os.environ.get("SULIEU_RACE_TRIALS", "20"))
FILES = 6

TEXT = """ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
ĐẢNG ỦY PHƯỜNG SỐ {n}
*
Số {n}-TB/ĐU

ĐẢNG CỘNG SẢN VIỆT NAM
Hải Phòng, ngày {d} tháng 3 năm 2024

THÔNG BÁO

về lịch sinh hoạt chi bộ đợt {n}

Các chi bộ sinh hoạt chuyên đề lịch sử Đảng bộ phường, đợt {n}.
"""

INGESTED = re.compile(r"Đã nhập: (\d+) tệp")


def _run(archive: Path, folder: Path, access: str) -> subprocess.Popen[str]:
    env = {**os.environ, "HAYSTACK_TELEMETRY_ENABLED": "False", "OMP_THREAD_LIMIT": "1"}
    return subprocess.Popen([sys.executable, "-m", "sulieu_cli", "--archive", str(archive), "ingest", str(folder),
                             "--access", access, "--user", f"run-{access}", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(TRIALS))
def test_two_ingests_with_different_access_keep_each_runs_promise(tmp_path, trial):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"tb{n}.txt").write_text(TEXT.format(n=100 * trial + n, d=n + 1), encoding="utf-8")
    archive = tmp_path / "archive"
    runs = {access: _run(archive, folder, access) for access in ("public", "restricted")}
    reported: dict[str, int] = {}
    for access, proc in runs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        m = INGESTED.search(out)
        assert m, out
        reported[access] = int(m.group(1))
    records = list(ArchiveStore(archive).iter_records())
    assert len(records) == FILES
    assert sum(reported.values()) == FILES, reported  # no file reported "ingested" by both runs
    for r in records:
        assert r.access == r.provenance.ingested_by.removeprefix("run-"), (r.id, r.access, r.provenance.ingested_by)
    for access, count in reported.items():
        assert sum(1 for r in records if r.access == access) == count

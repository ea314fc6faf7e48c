"""The archive's writer lock: another process waits, then gets a clear error; a killed holder frees it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from sulieu.errors import ArchiveBusy
from sulieu.writer_lock import writer_lock

HOLD = """
import sys, time
from pathlib import Path
from sulieu.writer_lock import writer_lock
with writer_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_second_process_is_told_the_archive_is_busy_and_a_killed_holder_releases_it(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        with pytest.raises(ArchiveBusy) as e, writer_lock(tmp_path, wait_s=0.3):
            pass
        assert time.monotonic() - t0 >= 0.3
        assert "đang được một tiến trình khác ghi" in e.value.message and e.value.http_status == 503
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        with writer_lock(tmp_path, wait_s=5):  # the kernel dropped the dead holder's lock
            with writer_lock(tmp_path, wait_s=0.1):  # re-entrant in one process
                pass
    finally:
        holder.kill()
        holder.wait(timeout=10)

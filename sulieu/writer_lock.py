"""One writer at a time per archive: an OS file lock (``flock``) on ``<archive>/writer.lock``.

Two ``sulieu ingest`` runs on one folder (one ``--access public``, one ``--access restricted``) used to
both see a file as new, both write its record and both report it "ingested"; the later write decided
its access level, so a run that promised "restricted" could leave a document public. Every step that
decides and writes a record, and every refresh of the graph and index, now holds this lock. The lock is
re-entrant inside one process (``flock`` locks belong to an open file, so a second ``open`` in the same
process would wait for itself) and is released by the kernel when the process dies, even by SIGKILL.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sulieu.errors import ArchiveBusy

LOCK_NAME = "writer.lock"
WAIT_S = 300.0  # the longest critical section is a refresh of the graph and index (seconds at 10k documents)
_POLL_S = 0.05


class _Held:
    def __init__(self) -> None:
        self.guard = threading.RLock()
        self.depth = 0
        self.fd: int | None = None


_held: dict[str, _Held] = {}
_registry = threading.Lock()


def _entry(root: Path) -> _Held:
    key = os.path.realpath(root)
    with _registry:
        return _held.setdefault(key, _Held())


@contextmanager
def writer_lock(root: Path, *, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold the archive's writer lock; wait up to ``wait_s`` for another process, then ``ArchiveBusy``."""
    held = _entry(root)
    if not held.guard.acquire(timeout=wait_s):
        raise ArchiveBusy(f"Kho {root} đang được ghi bởi một thao tác khác; hãy thử lại sau.")
    try:
        if held.depth == 0:
            held.fd = _acquire_file(root, wait_s)
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if held.depth == 0 and held.fd is not None:
                os.close(held.fd)  # closing the file releases the flock
                held.fd = None
    finally:
        held.guard.release()


def _acquire_file(root: Path, wait_s: float) -> int:
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise ArchiveBusy(
                    f"Kho {root} đang được một tiến trình khác ghi (ví dụ một lượt nhập khác) quá "
                    f"{int(wait_s)} giây; hãy thử lại khi lượt đó xong.") from None
            time.sleep(_POLL_S)


ACTIVE_NAME = "ingest.active"


@contextmanager
def ingest_activity(root: Path) -> Iterator[None]:
    """Held (shared) by every ingest run for its whole duration, so ``sulieu check`` can tell files an
    ingest is still staging from those a killed one left behind (a killed process's lock is freed by the
    kernel). Shared: many ingests may run at once; only the check asks for it exclusively."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / ACTIVE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def ingest_running(root: Path) -> bool:
    """Whether some process (this one included) is ingesting into the archive right now."""
    path = root / ACTIVE_NAME
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also drops the probe's lock

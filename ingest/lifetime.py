"""Worker processes die with the process that started them.

After SIGKILL of a ``sulieu ingest`` run its pool workers lived on (63 s seen) and kept writing
records nobody would report or index. On Linux the kernel can send a signal to a process when its
parent dies (``PR_SET_PDEATHSIG``); every worker asks for SIGKILL at start. Elsewhere this is a no-op.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies; exit now if it already has."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: nothing more to do
        return
    if os.getppid() != parent or parent == 1:  # the parent died before the request took effect
        os._exit(1)

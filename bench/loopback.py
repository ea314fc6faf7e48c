"""Loopback server helpers shared by the benchmarks that start a real server (``api_load``, ``soak``).

Imported as ``loopback`` because ``python bench/x.py`` puts ``bench/`` first on ``sys.path``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import httpx


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the benchmarks never listen anywhere else)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Block until ``GET /api/version`` answers 200; exit with a Vietnamese message if the server dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"máy chủ dừng ngay (mã {proc.returncode})")
        try:
            if httpx.get(base + "/api/version", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"máy chủ không sẵn sàng sau {timeout:.0f} giây")


def stop_group(proc: subprocess.Popen | None, first: int = signal.SIGINT, wait: float = 20.0) -> None:
    """Stop a process started in its own session: ``first`` (graceful), then SIGTERM, then SIGKILL."""
    if proc is None or proc.poll() is not None:
        return
    for sig, t in ((first, wait), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=t)
            return
        except subprocess.TimeoutExpired:
            continue

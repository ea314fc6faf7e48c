"""``sulieu user``, ``sulieu token`` and ``sulieu serve`` (a real uvicorn process on loopback)."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sulieu_cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_user_and_token_commands(archive_dir, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("mot-mat-khau-dai\n"))
    assert main(["--archive", str(archive_dir), "user", "add", "Lan", "--role", "editor", "--password-stdin"]) == 0
    assert main(["--archive", str(archive_dir), "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "Đã thêm người dùng lan (editor)." in out and "lan\teditor" in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("ngan\n"))
    assert main(["--archive", str(archive_dir), "user", "add", "hoa", "--role", "reader", "--password-stdin"]) == 1
    assert "Mật khẩu phải dài" in capsys.readouterr().err
    assert main(["--archive", str(archive_dir), "token", "create", "lan", "--label", "script"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("sl_")

    from search_api.app import create_app
    from sulieu.settings import Settings

    app = create_app(Settings(archive=archive_dir))
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        me = c.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me["user"]["name"] == "lan" and me["user"]["role"] == "editor"
        r = c.post("/api/auth/login", json={"name": "lan", "password": "mot-mat-khau-dai"})
        assert r.status_code == 200
    assert main(["--archive", str(archive_dir), "token", "list"]) == 0
    token_id = capsys.readouterr().out.split("\t")[0]
    assert main(["--archive", str(archive_dir), "token", "revoke", token_id]) == 0
    assert main(["--archive", str(archive_dir), "token", "revoke", token_id]) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_uvicorn(archive_dir):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sulieu_cli", "--archive", str(archive_dir), "serve", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "SULIEU_HOST": "127.0.0.1"},
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/version", timeout=2)
                body = r.json()
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert body is not None and body["name"] == "sulieu", proc.poll()
        r = httpx.get(f"http://127.0.0.1:{port}/api/nothing-here", timeout=5)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)

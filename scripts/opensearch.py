"""Run OpenSearch nodes on loopback for the tests and benchmarks, with no Docker and no tarball.

    scripts/opensearch.sh start [--nodes N] [--name NAME] [--heap 512m] [--http-port P]
    scripts/opensearch.sh stop [--name NAME]
    scripts/opensearch.sh status [--name NAME]
    scripts/opensearch.sh url [--name NAME]
    scripts/opensearch.sh kill NODE_INDEX [--name NAME]      (SIGKILL one node: the cluster test)
    scripts/opensearch.sh restart-node NODE_INDEX [--name NAME]

The launcher (``tools/opensearch``: a pom and one Java class) is built once by Maven into
``.cache/opensearch/launcher`` and rebuilt only when its sources change. Each node is its own JVM (so one
can be killed), its data under ``.cache/opensearch/<name>/node-<i>``; the cluster's state (ports, process
ids) is ``.cache/opensearch/<name>/state.json``. Only the standard library is used: the script runs before
the virtual environment exists and on machines without it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tools" / "opensearch"
CACHE = Path(os.environ.get("SULIEU_OPENSEARCH_CACHE", ROOT / ".cache" / "opensearch"))
LAUNCHER = CACHE / "launcher"
MAIN_CLASS = "vn.sulieu.opensearch.SulieuNode"


class LaunchError(Exception):
    """Something the user must fix (missing Java or Maven, a failed build, a node that never came up)."""


def _sources_digest() -> str:
    h = hashlib.sha256()
    for p in sorted(SOURCES.rglob("*")):
        if p.is_file() and "target" not in p.relative_to(SOURCES).parts:
            h.update(p.relative_to(SOURCES).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise LaunchError(
            f"Không tìm thấy lệnh '{tool}': cần OpenJDK 17 và Maven để chạy OpenSearch "
            "(apt-get install openjdk-17-jdk-headless maven, hoặc scripts/setup.sh --test)."
        )
    return path


def build_launcher() -> Path:
    """Build the launcher and copy its dependencies (Maven Central), unless the cached build is current."""
    digest = _sources_digest()
    stamp = LAUNCHER / "sources.sha256"
    if stamp.exists() and stamp.read_text() == digest and (LAUNCHER / "lib").is_dir():
        return LAUNCHER
    _need("java")
    mvn = _need("mvn")
    if LAUNCHER.exists():
        shutil.rmtree(LAUNCHER)
    (LAUNCHER / "lib").mkdir(parents=True)
    target = CACHE / "maven-target"
    cmd = [mvn, "-q", "-B", "-f", str(SOURCES / "pom.xml"), f"-Dsulieu.target={target}", "package",
           "dependency:copy-dependencies", f"-DoutputDirectory={LAUNCHER / 'lib'}"]
    print("==> Dựng trình chạy OpenSearch (Maven Central, một lần)", file=sys.stderr)
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise LaunchError("Maven không dựng được trình chạy OpenSearch:\n" + (res.stdout + res.stderr)[-3000:])
    jars = list(target.glob("*.jar"))
    if not jars:
        raise LaunchError(f"Maven chạy xong nhưng không có tệp jar trong {target}")
    shutil.copy(jars[0], LAUNCHER / "lib" / "sulieu-opensearch-node.jar")
    stamp.write_text(digest)
    return LAUNCHER


def free_ports(count: int) -> list[int]:
    """Distinct free loopback ports. All sockets stay bound until every port is chosen: closing each one
    before the next bind let the kernel hand out the same port twice, and a three-node start failed with
    one node's HTTP port already taken by another's transport (seen in bench/engines.py)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _state_path(name: str) -> Path:
    return CACHE / name / "state.json"


def load_state(name: str) -> dict:
    p = _state_path(name)
    if not p.exists():
        raise LaunchError(f"Cụm OpenSearch '{name}' chưa chạy (không có {p}).")
    return json.loads(p.read_text())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours is not alive
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def _spawn(state: dict, i: int) -> int:
    node = state["nodes"][i]
    home = Path(node["home"])
    home.mkdir(parents=True, exist_ok=True)
    seeds = ",".join(f"127.0.0.1:{n['transport']}" for n in state["nodes"])
    names = ",".join(n["name"] for n in state["nodes"]) if len(state["nodes"]) > 1 else ""
    args = [
        _need("java"), f"-Xms{state['heap']}", f"-Xmx{state['heap']}", "-XX:+UseSerialGC",
        "-Dlog4j2.disable.jmx=true", "-Djava.awt.headless=true",
        "-cp", str(Path(state["launcher"]) / "lib" / "*"), MAIN_CLASS,
        f"home={home}", f"name={node['name']}", f"cluster={state['cluster']}",
        f"http={node['http']}", f"transport={node['transport']}", f"seeds={seeds}", f"masters={names}",
    ]
    log = open(home / "stdout.log", "ab")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    node["pid"] = proc.pid
    return proc.pid


def _save(state: dict) -> None:
    p = _state_path(state["name"])
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2))
    tmp.replace(p)


def health(url: str, timeout: float = 2.0) -> dict | None:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as r:
            return json.loads(r.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def wait_status(state: dict, want: str, timeout: float) -> dict:
    """Wait until every live node answers and the cluster is at least ``want`` (yellow or green)."""
    order = {"red": 0, "yellow": 1, "green": 2}
    deadline = time.monotonic() + timeout
    last: dict | None = None
    while time.monotonic() < deadline:
        live = [n for n in state["nodes"] if n.get("pid") and _alive(n["pid"])]
        if not live:
            break
        last = health(f"http://127.0.0.1:{live[0]['http']}")
        if last and last.get("number_of_nodes") == len(live) and order.get(last.get("status", "red"), 0) >= order[want]:
            return last
        time.sleep(0.5)
    tails = []
    for n in state["nodes"]:
        log = Path(n["home"]) / "stdout.log"
        if log.exists():
            tails.append(f"--- {n['name']} ---\n" + log.read_text(errors="replace")[-1500:])
    raise LaunchError(f"Cụm OpenSearch không đạt trạng thái {want} sau {timeout:.0f} s (cuối cùng: {last}).\n"
                      + "\n".join(tails))


def start(name: str, nodes: int, heap: str, http_port: int | None, timeout: float) -> dict:
    if _state_path(name).exists():
        old = load_state(name)
        if any(n.get("pid") and _alive(n["pid"]) for n in old["nodes"]):
            raise LaunchError(f"Cụm OpenSearch '{name}' đang chạy: dừng trước (scripts/opensearch.sh stop --name {name}).")
    launcher = build_launcher()
    base = CACHE / name
    if base.exists():
        shutil.rmtree(base)  # a test cluster starts empty
    ports = iter(free_ports(2 * nodes))
    state = {
        "name": name, "cluster": f"sulieu-{name}", "heap": heap, "launcher": str(launcher),
        "nodes": [
            {"name": f"{name}-{i}", "home": str(base / f"node-{i}"),
             "http": http_port if (i == 0 and http_port) else next(ports), "transport": next(ports)}
            for i in range(nodes)
        ],
    }
    for i in range(nodes):
        _spawn(state, i)
    _save(state)
    try:
        wait_status(state, "green", timeout)
    except LaunchError:
        stop(name)
        raise
    return state


def stop(name: str, timeout: float = 30.0) -> int:
    """Stop every node by its own process id (SIGTERM, then SIGKILL); returns how many were running."""
    try:
        state = load_state(name)
    except LaunchError:
        return 0
    running = [n["pid"] for n in state["nodes"] if n.get("pid") and _alive(n["pid"])]
    for pid in running:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(_alive(p) for p in running) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in running:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    _state_path(name).unlink(missing_ok=True)
    return len(running)


def kill_node(name: str, i: int) -> None:
    state = load_state(name)
    pid = state["nodes"][i]["pid"]
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)


def restart_node(name: str, i: int, want: str, timeout: float) -> dict:
    state = load_state(name)
    if _alive(state["nodes"][i]["pid"]):
        raise LaunchError(f"Nút {i} của cụm '{name}' vẫn đang chạy.")
    _spawn(state, i)
    _save(state)
    return wait_status(state, want, timeout)


def urls(state: dict) -> str:
    return ",".join(f"http://127.0.0.1:{n['http']}" for n in state["nodes"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="scripts/opensearch.sh", description="Chạy OpenSearch trên máy này (loopback).")
    ap.add_argument("command", choices=["build", "start", "stop", "status", "url", "kill", "restart-node"])
    ap.add_argument("node", nargs="?", type=int, help="số thứ tự nút (kill, restart-node)")
    ap.add_argument("--name", default="test", help="tên cụm (mặc định: test)")
    ap.add_argument("--nodes", type=int, default=1)
    ap.add_argument("--heap", default=os.environ.get("SULIEU_OPENSEARCH_HEAP", "512m"))
    ap.add_argument("--http-port", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=180.0)
    ap.add_argument("--wait", default="green", choices=["yellow", "green"], help="restart-node: trạng thái chờ")
    a = ap.parse_args(argv)
    try:
        if a.command == "build":
            print(build_launcher())
        elif a.command == "start":
            state = start(a.name, a.nodes, a.heap, a.http_port, a.timeout)
            print(urls(state))
        elif a.command == "stop":
            print(f"Đã dừng {stop(a.name)} nút OpenSearch ({a.name}).", file=sys.stderr)
        elif a.command == "url":
            print(urls(load_state(a.name)))
        elif a.command == "status":
            state = load_state(a.name)
            for n in state["nodes"]:
                up = "đang chạy" if _alive(n["pid"]) else "đã dừng"
                print(f"{n['name']}: pid {n['pid']} {up}, http {n['http']}, transport {n['transport']}")
            print(json.dumps(health(f"http://127.0.0.1:{state['nodes'][0]['http']}")))
        elif a.command == "kill":
            kill_node(a.name, a.node or 0)
        elif a.command == "restart-node":
            print(json.dumps(restart_node(a.name, a.node or 0, a.wait, a.timeout)))
    except LaunchError as e:
        print(f"OpenSearch: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

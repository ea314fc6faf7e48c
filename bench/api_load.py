"""Load test of the API on loopback: requests/s and latency percentiles for search and document fetch.

    .venv/bin/python bench/api_load.py                     # sample archive (generated, ingested, no scans)
    .venv/bin/python bench/api_load.py --archive DIR       # an existing archive (left untouched)
    .venv/bin/python bench/api_load.py --synthetic 300     # generated records only (no ingest pipeline)

Starts ``uvicorn`` (one process, the real app) on 127.0.0.1 at a free port, then runs each
scenario with 20 concurrent clients (one ``httpx.AsyncClient`` each), bounded by a request
count and a time cap. Only loopback traffic. The server is stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from loopback import free_port, stop_group, wait_ready  # noqa: E402

QUERIES = [
    "lịch sử Đảng bộ", "lich su dang bo", "tuyên truyền", "Chỉ thị số 20-CT/TW", "20-CT/TW", "số hóa",
    "kỷ niệm 95 năm Ngày thành lập Đảng", "Kế hoạch số 215-KH/TU", "\"học tập và làm theo\"", "nghị quyết",
    "thành ủy hải phòng", "ban thường vụ", "công tác cán bộ nam:2020..2024", "loai:KH", "chuyển đổi số",
]


def build_sample_archive(work: Path) -> Path:
    """The project's sample archive: generated files ingested through the real pipeline (scans left out)."""
    from sample_data import generate_sample
    from services.ingest import ingest_paths
    from sulieu.settings import Settings

    files, archive = work / "sample", work / "archive"
    generate_sample(files, scans=False)
    settings = Settings(archive=archive)
    for access in ("public", "internal", "restricted"):
        if (files / access).is_dir():
            s = ingest_paths([files / access], settings, access=access, user="bench")
            print(f"  {access}: {len(s.ingested)} tài liệu nhập, {len(s.failed)} lỗi", flush=True)
    return archive


def build_synthetic_archive(work: Path, n: int) -> Path:
    """N one-page text records written straight through ArchiveStore (no ingest pipeline), then indexed."""
    from search_engine import open_backend
    from services.refresh import refresh_archive
    from sulieu.model import Citation, DocumentMetadata, Page, Provenance, Record, Signer
    from sulieu.settings import Settings
    from sulieu.store import ArchiveStore, doc_id_for
    from sulieu.symbols import symbol_key

    archive = work / "archive"
    store = ArchiveStore(archive).init()
    levels = ["public", "public", "internal", "restricted"]
    words = ["lịch sử Đảng bộ", "tuyên truyền", "số hóa", "kỷ niệm", "nghị quyết", "ban thường vụ", "cán bộ"]
    cited = Citation(text="Chỉ thị số 20-CT/TW ngày 05/01/2018", relation="implements", doc_type="Chỉ thị",
                     symbol="20-CT/TW", symbol_key=symbol_key("20-CT/TW"), number="20", date="2018-01-05", page=1)
    rnd = random.Random(7)
    ids = []
    for i in range(n):
        key, symbol = f"d{i}", f"{i + 1}-KH/TU"
        text = "\n".join(f"{rnd.choice(words)} {rnd.choice(words)} văn bản thứ {i}" for _ in range(12))
        data = text.encode("utf-8")
        sha = store.put_original_bytes(data)
        md = DocumentMetadata(
            system="party", issuer="Thành ủy Hải Phòng", issuer_code="QU", level="district", province="Hà Nội",
            doc_type="Kế hoạch", doc_type_code="KH", number=str(i + 1), symbol=symbol, symbol_key=symbol_key(symbol),
            place="Hà Nội", date=f"{2015 + i % 10}-0{1 + i % 9}-1{i % 9}", title=f"Kế hoạch {symbol} {key}",
            subject=f"về việc {key}", signer=Signer(authority="T/M", on_behalf_of="BAN THƯỜNG VỤ"),
        )
        rec = Record(id=doc_id_for(sha), access=levels[i % 4], pages=[Page(number=1, text=text, source="text")],  # type: ignore[arg-type]
                     metadata=md, citations=[cited.model_copy()],
                     provenance=Provenance(original_name=f"{key}-{symbol.replace('/', '_')}.text", mime="text/plain",
                                           size=len(data), sha256=sha))
        store.write_record(rec)
        ids.append(rec.id)
    backend = open_backend(Settings(archive=archive))
    try:
        refresh_archive(store, backend, ids)
    finally:
        backend.close()
    return archive


def start_server(archive: Path, port: int) -> subprocess.Popen:
    code = ("import uvicorn; from search_api.app import create_app; from sulieu.settings import Settings; "
            f"uvicorn.run(create_app(Settings(archive={str(archive)!r})), host='127.0.0.1', port={port}, "
            "log_level='warning', access_log=False)")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True)


async def run_scenario(base: str, make_url, *, clients: int, total: int, cap: float) -> dict:
    latencies: list[float] = []
    errors = 0
    issued = 0
    t_end = time.monotonic() + cap
    lock = asyncio.Lock()

    async def worker(seed: int) -> None:
        nonlocal issued, errors
        rnd = random.Random(seed)
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            while True:
                async with lock:
                    if issued >= total or time.monotonic() > t_end:
                        return
                    issued += 1
                url = make_url(rnd)
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                if not ok:
                    errors += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    wall = time.perf_counter() - t0
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 1) if lat else 0.0

    return {"requests": len(lat), "errors": errors, "seconds": round(wall, 2),
            "req_per_s": round(len(lat) / wall, 1) if wall else 0.0, "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "mean_ms": round(1000 * statistics.fmean(lat), 1) if lat else 0.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, help="an existing archive (default: build the sample archive)")
    ap.add_argument("--synthetic", type=int, metavar="N", help="build N generated records instead of the sample")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000, help="per scenario (bound)")
    ap.add_argument("--seconds", type=float, default=60.0, help="per scenario (time cap)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sulieu-load-"))
    proc = None
    try:
        if args.archive:
            archive, source = args.archive, f"archive {args.archive}"
        elif args.synthetic:
            print(f"Dựng kho tổng hợp {args.synthetic} tài liệu…", flush=True)
            archive, source = build_synthetic_archive(work, args.synthetic), f"synthetic {args.synthetic} records"
        else:
            print("Dựng kho mẫu (sinh tệp, nhập qua pipeline, không có bản quét)…", flush=True)
            t = time.perf_counter()
            archive, source = build_sample_archive(work), "sample archive (sample_data, scans=False)"
            print(f"  xong trong {time.perf_counter() - t:.0f} giây", flush=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(archive, port)
        wait_ready(base, proc)
        docs = httpx.get(base + "/api/documents", params={"page_size": 200}, timeout=30).json()
        ids = [d["id"] for d in docs["data"]]
        if not ids:
            raise SystemExit("kho không có tài liệu công khai nào để tải")
        print(f"Máy chủ {base} · {source} · {docs['count']} tài liệu công khai · {args.clients} client đồng thời")

        scenarios = {
            "search": lambda r: "/api/search?" + httpx.QueryParams({"q": r.choice(QUERIES)}).__str__(),
            "document": lambda r: f"/api/documents/{r.choice(ids)}",
        }
        results = {}
        for name, make in scenarios.items():
            asyncio.run(run_scenario(base, make, clients=args.clients, total=min(100, args.requests), cap=10))  # warm-up
            res = asyncio.run(run_scenario(base, make, clients=args.clients, total=args.requests, cap=args.seconds))
            results[name] = res
            print(f"  {name:9s} {res['requests']:5d} yêu cầu trong {res['seconds']:6.2f} s · {res['req_per_s']:7.1f} req/s · "
                  f"p50 {res['p50_ms']:6.1f} ms · p95 {res['p95_ms']:6.1f} ms · p99 {res['p99_ms']:6.1f} ms · "
                  f"lỗi {res['errors']}", flush=True)
        if args.json:
            args.json.write_text(json.dumps({"source": source, "clients": args.clients, "documents_public": docs["count"],
                                             "cpu_count": os.cpu_count(), "results": results}, indent=1))
        return 0 if all(r["errors"] == 0 for r in results.values()) else 1
    finally:
        stop_group(proc, signal.SIGTERM, 15)
        if not args.archive:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

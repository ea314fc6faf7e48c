"""OAI-PMH response times on loopback: one ListRecords page, and a whole harvest with Sickle.

    .venv/bin/python bench/oai_harvest.py                   # sample archive (generated, ingested, no scans)
    .venv/bin/python bench/oai_harvest.py --page-size 7     # records per page (SULIEU_OAI_PAGE_SIZE)
    .venv/bin/python bench/oai_harvest.py --synthetic 10000 # generated one-page records (no ingest pipeline)

The sample archive is built in a temporary folder (an admin token is added to it), never in yours.

Starts the real app with uvicorn on 127.0.0.1, then times (1) the first ListRecords page, fetched
``--repeat`` times, anonymously and with a token that sees every level, and (2) whole harvests
through resumption tokens with Sickle. Prints JSON. Only loopback traffic; the server is stopped at
the end, whatever happens.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from api_load import build_sample_archive, build_synthetic_archive, start_server  # noqa: E402
from loopback import free_port, stop_group, wait_ready  # noqa: E402


def _ms(values: list[float]) -> dict[str, float]:
    s = sorted(values)
    return {"median_ms": round(1000 * statistics.median(s), 1), "max_ms": round(1000 * s[-1], 1)}


def time_page(base: str, headers: dict[str, str], repeat: int) -> dict[str, object]:
    times, records = [], 0
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        for _ in range(repeat):
            t0 = time.perf_counter()
            r = client.get("/oai", params={"verb": "ListRecords", "metadataPrefix": "oai_dc"})
            times.append(time.perf_counter() - t0)
            records = r.text.count("<record>")
    return {"records": records, "bytes": len(r.content), **_ms(times)}


def time_harvest(base: str, headers: dict[str, str], repeat: int) -> dict[str, object]:
    from sickle import Sickle

    times, count = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        count = sum(1 for _ in Sickle(base + "/oai", max_retries=0, headers=headers)
                    .ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
        times.append(time.perf_counter() - t0)
    return {"records": count, **_ms(times)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page-size", type=int, default=100)
    ap.add_argument("--synthetic", type=int, metavar="N", help="N generated records instead of the sample archive")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    from services.users import UserStore

    work = Path(tempfile.mkdtemp(prefix="sulieu-oai-bench-"))
    # a temporary archive: the bench adds an admin token to it
    archive = build_synthetic_archive(work, args.synthetic) if args.synthetic else build_sample_archive(work)
    users = UserStore(archive / "users.sqlite")
    users.add_user("bench-oai", "admin", os.urandom(12).hex())
    token, _ = users.create_token("bench-oai", "bench")
    os.environ["SULIEU_OAI_PAGE_SIZE"] = str(args.page_size)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(archive, port)
    try:
        wait_ready(base, proc)
        out: dict[str, object] = {"page_size": args.page_size}
        for who, headers in (("anonymous", {}), ("token", {"Authorization": f"Bearer {token}"})):
            out[who] = {"first_page": time_page(base, headers, args.repeat),
                        "whole_harvest": time_harvest(base, headers, max(3, args.repeat // 4))}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    finally:
        stop_group(proc)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

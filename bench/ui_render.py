"""Server-side render time of the web UI's main pages (search, document, browse), p50/p95.

Runs the real app in process (httpx ASGITransport: routing, dependencies, search engine, Jinja
templates, no network), on an existing archive, e.g. the sample archive::

    .venv/bin/python bench/ui_render.py --archive archive_data --repeat 30

The first request of each kind (index opening, catalog loading) is reported separately as "cold".
Document pages are measured on the documents with the most pages, on scans (page image + hit boxes
from word boxes) and with a query (search inside the document, highlighting).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from search_api.state import app_state

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

QUERIES = ["lich su dang bo", "chỉ thị", "kế hoạch tuyên truyền", "so:20-CT/TW", "thực hiện nghị quyết",
           "cong tac can bo", '"ban thường vụ"', "nam:2020..2024"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def pick_docs(app, n: int) -> dict[str, list[str]]:
    docs = [d for d in app_state(app).catalog.all() if d.access == "public" and not d.deleted]
    by_pages = sorted(docs, key=lambda d: -d.pages)[:n]
    scans = [d for d in docs if d.mime.startswith("image/") or d.mime == "application/pdf"][:n]
    return {"many_pages": [d.id for d in by_pages], "scans": [d.id for d in scans]}


async def measure(app, urls: dict[str, list[str]], repeat: int) -> dict[str, dict[str, float]]:
    import httpx

    out: dict[str, dict[str, float]] = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as c:
        for kind, group in urls.items():
            times: list[float] = []
            cold = None
            for _ in range(repeat):
                for url in group:
                    t0 = time.perf_counter()
                    r = await c.get(url)
                    dt = (time.perf_counter() - t0) * 1000
                    if r.status_code != 200:
                        raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:300]}")
                    if cold is None:
                        cold = dt
                        continue
                    times.append(dt)
            out[kind] = {"n": len(times), "cold_ms": round(cold or 0, 1), "p50_ms": round(pct(times, .5), 1),
                         "p95_ms": round(pct(times, .95), 1), "max_ms": round(max(times), 1),
                         "mean_ms": round(statistics.fmean(times), 1)}
    return out


def engine_only(app, repeat: int) -> dict[str, float]:
    """The search engine alone (no routing, no templates): the part of a search page the UI does not own."""
    from search_engine.models import SearchRequest
    from search_engine.service import search

    backend = app_state(app).context.backend()
    times = []
    for _ in range(repeat):
        for q in QUERIES:
            t0 = time.perf_counter()
            search(backend, SearchRequest(q=q))
            times.append((time.perf_counter() - t0) * 1000)
    return {"n": len(times), "cold_ms": 0.0, "p50_ms": round(pct(times, .5), 1), "p95_ms": round(pct(times, .95), 1),
            "max_ms": round(max(times), 1), "mean_ms": round(statistics.fmean(times), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=Path(os.environ.get("SULIEU_ARCHIVE", "archive_data")))
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--docs", type=int, default=5, help="documents per document-page group")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    args = ap.parse_args(argv)
    if not (args.archive / "records").is_dir():
        print(f"{args.archive}: không phải thư mục kho lưu trữ (thiếu records/)", file=sys.stderr)
        return 2

    from search_api.app import create_app
    from sulieu.settings import Settings

    app = create_app(Settings(archive=args.archive))
    picked = pick_docs(app, args.docs)
    n_docs = len(app_state(app).catalog.all())
    urls = {
        "search: home (all documents, facets)": ["/"],
        "search: queries": ["/?" + urlencode({"q": q}) for q in QUERIES],
        "search: query + facet + date sort": ["/?" + urlencode({"q": "dang bo", "level": "district",
                                                                "sort": "date_desc"})],
        "search: no result (suggestions)": ["/?" + urlencode({"q": "xyzzy plugh", "level": "central"})],
        "document: most pages": [f"/doc/{i}" for i in picked["many_pages"]],
        "document: with query (inside search, highlight)": [f"/doc/{i}?q=dang" for i in picked["many_pages"]],
        "document: scans/PDF (image, hit boxes)": [f"/doc/{i}?q=dang" for i in picked["scans"]],
        "browse: issuer tree": ["/browse/issuers"],
        "browse: years timeline": ["/browse/years"],
        "citations: missing documents": ["/missing"],
    }
    urls = {k: v for k, v in urls.items() if v}
    load_before = os.getloadavg()[0]
    result = asyncio.run(measure(app, urls, args.repeat))
    result["engine only: service.search, same queries"] = engine_only(app, args.repeat)
    load_after = os.getloadavg()[0]
    print(f"Kho: {args.archive} ({n_docs} tài liệu), {args.repeat} lần mỗi trang, CPU: {os.cpu_count()} lõi, "
          f"tải hệ thống (loadavg 1 phút) {load_before:.1f} → {load_after:.1f}")
    print(f"{'trang':52} {'n':>4} {'lạnh':>8} {'p50':>8} {'p95':>8} {'max':>8}")
    for kind, m in result.items():
        print(f"{kind:52} {m['n']:>4} {m['cold_ms']:>7.1f} {m['p50_ms']:>7.1f} {m['p95_ms']:>7.1f} {m['max_ms']:>7.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"archive": str(args.archive), "documents": n_docs, "repeat": args.repeat,
                                         "loadavg": [load_before, load_after], "pages": result}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

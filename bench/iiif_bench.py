"""IIIF response times on the longest document of an archive: manifest, content search, image requests.

Runs the real app in process (httpx ASGITransport: routing, access checks, engine, Pillow; no
network) as an anonymous visitor, on the longest public document that has page images::

    .venv/bin/python bench/iiif_bench.py --archive archive_data --repeat 30
    .venv/bin/python bench/iiif_bench.py --archive /tmp/big --book-pages 500   # add a generated book first

``--book-pages N`` first ingests a generated born-digital book of N pages (chapters, sections, a
recurring word on every page) into the archive, through the normal ingest, so the figures also
cover a book far longer than the sample's. The first request of each kind is reported apart
("cold": PDF pages rendered, word boxes read from the text layer and cached).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINE = "Đảng bộ huyện lãnh đạo nhân dân xây dựng đê điều, phát triển sản xuất và giữ vững an ninh trật tự."


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def make_book(path: Path, pages: int) -> Path:
    """A book PDF: a chapter every 50 pages, a section every 10, about 30 lines a page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    for n in range(1, pages + 1):
        pdf.add_page()
        if n % 50 == 1:
            pdf.cell(0, 10, f"CHƯƠNG {n // 50 + 1}", new_x="LMARGIN", new_y="NEXT")
        elif n % 10 == 1:
            pdf.cell(0, 10, f"{n // 10 + 1}. GIAI ĐOẠN {2000 + n // 10}", new_x="LMARGIN", new_y="NEXT")
        for i in range(28):
            pdf.cell(0, 8, f"{LINE} Trang {n}, dòng {i + 1}.", new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))
    return path


def add_book(archive: Path, pages: int) -> None:
    from services.ingest import ingest_paths
    from sulieu.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        book = make_book(Path(tmp) / f"Lịch sử Đảng bộ huyện ({pages} trang).pdf", pages)
        t0 = time.perf_counter()
        summary = ingest_paths([book], Settings(archive=archive), jobs=2)
        if summary.failed:
            sys.exit(f"ingest failed: {[(r.name, r.message) for r in summary.failed]}")
        print(f"ingested a {pages}-page book in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def longest(app) -> tuple[str, int]:
    from search_api.state import app_state
    from services.page_images import has_page_images

    docs = [d for d in app_state(app).catalog.all()
            if d.access == "public" and not d.deleted and has_page_images(d.mime)]
    doc = max(docs, key=lambda d: (d.pages, d.id))
    return doc.id, doc.pages


async def _time(c, url: str, repeat: int, before=None) -> dict[str, float]:
    times, cold, size = [], None, 0
    for i in range(repeat + 1):
        if before is not None:
            before()
        t0 = time.perf_counter()
        r = await c.get(url)
        dt = (time.perf_counter() - t0) * 1000
        if r.status_code != 200:
            sys.exit(f"{url}: HTTP {r.status_code} {r.text[:300]}")
        size = len(r.content)
        if i == 0:
            cold = dt
        else:
            times.append(dt)
    return {"cold_ms": round(cold or 0.0, 1), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(pct(times, 0.95), 1), "bytes": size}


async def measure(app, doc_id: str, pages: int, query: str, repeat: int) -> dict[str, object]:
    import httpx

    from services import iiif_search

    mid = max(1, pages // 2)
    urls = {
        "manifest": f"/iiif/{doc_id}/manifest",
        "content_search_1": f"/iiif/{doc_id}/search/1?q={query}",
        "content_search_2": f"/iiif/{doc_id}/search/2?q={query}",
        "info_json": f"/iiif/3/{doc_id}-{mid}/info.json",
        "tile_512": f"/iiif/3/{doc_id}-{mid}/0,0,512,512/512,/0/default.jpg",
        "thumbnail": f"/iiif/3/{doc_id}-{mid}/full/^!240,240/0/default.jpg",
        "full_page": f"/iiif/3/{doc_id}-{mid}/full/max/0/default.jpg",
    }
    out: dict[str, object] = {"doc_id": doc_id, "pages": pages, "query": query}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as c:
        for kind, url in urls.items():
            out[kind] = await _time(c, url, repeat)
        # the hits of recent searches are kept (services.iiif_search): the cost of a search not seen before
        out["content_search_1_uncached"] = await _time(c, urls["content_search_1"], repeat,
                                                       before=iiif_search._CACHE.clear)
        hits = (await c.get(urls["content_search_1"])).json()
        out["search_hits"] = len(hits["hits"])
        out["search_pages"] = len({a["on"].split("#")[0] for a in hits["resources"]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--query", default="đảng bộ")
    ap.add_argument("--book-pages", type=int, default=0, help="ingest a generated book of N pages first")
    args = ap.parse_args()
    if args.book_pages:
        add_book(args.archive, args.book_pages)
    from search_api.app import create_app
    from sulieu.settings import Settings

    app = create_app(Settings(archive=args.archive, search_preload=False))
    doc_id, pages = longest(app)
    print(json.dumps(asyncio.run(measure(app, doc_id, pages, args.query, args.repeat)), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

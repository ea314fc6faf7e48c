"""Scale: build an embedded index of N pages and time a realistic query mix (facets + highlights on).

    .venv/bin/python bench/search_scale.py --pages 20000            # quick
    nice -n 10 .venv/bin/python bench/search_scale.py --pages 1000000 --threads 2 &   # the full run

The corpus is the real vbpl_central_2025 documents plus generated ones: page text sampled from
the syllable distribution of the real documents (unigram, with the real punctuation rate),
Party-style metadata (types, issuers, symbols, dates 1945-2025, 80/15/5 % public/internal/
restricted). Results go to ``bench/results/search_scale_<pages>.json``. ``--reindex`` also writes
every document into an ArchiveStore and times ``sulieu reindex`` from it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_engine.models import IndexDocument, IndexPage, SearchRequest  # noqa: E402
from search_engine.service import search  # noqa: E402
from search_engine.tantivy_backend import TantivyBackend  # noqa: E402
from sulieu.symbols import symbol_key  # noqa: E402
from sulieu.text import fold, normalize_text  # noqa: E402

WORD = re.compile(r"[^\W_]+")
PAGE_CHARS = 3000
SYLLABLES_PER_PAGE = 380
TYPES = [("Kế hoạch", "KH"), ("Chỉ thị", "CT"), ("Nghị quyết", "NQ"), ("Thông báo", "TB"), ("Báo cáo", "BC"),
         ("Công văn", "CV"), ("Quyết định", "QĐ"), ("Hướng dẫn", "HD"), ("Kết luận", "KL"), ("Tờ trình", "TTr")]  # fmt: skip
PLACES = ["Hải Phòng", "Kiến An", "An Lão", "Thủy Nguyên", "Hà Nội", "Nam Định", "Thái Bình", "Hưng Yên",
          "Quảng Ninh", "Hải Dương", "Nghệ An", "Thanh Hóa", "Huế", "Đà Nẵng", "Cần Thơ", "Đồng Tháp"]  # fmt: skip
BODIES = [("Thành ủy", "TU", "province"), ("Tỉnh ủy", "TU", "province"), ("Huyện ủy", "HU", "district"),
          ("Quận ủy", "QU", "district"), ("Đảng ủy xã", "ĐU", "commune")]  # fmt: skip


def real_documents(shared: Path) -> list[dict]:
    path = shared / "corpus" / "vbpl_central_2025" / "documents.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def paginate(text: str) -> list[str]:
    pages, cur = [], ""
    for para in text.split("\n"):
        if cur and len(cur) + len(para) > PAGE_CHARS:
            pages.append(cur)
            cur = ""
        cur += para + "\n"
    if cur.strip():
        pages.append(cur)
    return pages or [text]


class Generator:
    def __init__(self, texts: list[str], seed: int = 7) -> None:
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(WORD.findall(t))
        vocab = [w for w, c in counts.items() if c >= 2]
        freq = np.array([counts[w] for w in vocab], dtype=np.float64)
        self.vocab = np.array(vocab, dtype=object)
        self.p = freq / freq.sum()
        self.rng = np.random.default_rng(seed)
        self.random = random.Random(seed)
        order = np.argsort(-freq)
        self.common = [vocab[i] for i in order[:300]]
        self.mid = [vocab[i] for i in order[300:5000]]

    def page(self) -> str:
        words = self.rng.choice(self.vocab, size=SYLLABLES_PER_PAGE, p=self.p)
        out = []
        for i, w in enumerate(words):
            out.append(w)
            if i % 14 == 13:
                out.append(", " if i % 3 else ".\n")
            else:
                out.append(" ")
        return "".join(out)

    def document(self, i: int) -> IndexDocument:
        r = self.random
        dtype, code = r.choice(TYPES)
        body, body_code, level = r.choice(BODIES)
        place = r.choice(PLACES)
        issuer = f"{body} {place}"
        year = r.randint(1945, 2025)
        month, day = r.randint(1, 12), r.randint(1, 28)
        number = r.randint(1, 999)
        sym = f"{number}-{code}/{body_code}" if code != "CV" else f"{number}-CV/{body_code}"
        n_pages = max(1, min(40, int(r.expovariate(1 / 8)) + 1))
        access = r.choices(["public", "internal", "restricted"], [80, 15, 5])[0]
        date = f"{year}-{month:02d}-{day:02d}"
        pages = [IndexPage(number=n, text=self.page()) for n in range(1, n_pages + 1)]
        subject = " ".join(self.rng.choice(self.vocab, size=8, p=self.p))
        return IndexDocument(
            id=f"{i:016x}", access=access, title=f"{dtype} {subject}", subject=subject, doc_type=dtype,
            doc_type_code=code, number=str(number), symbol=sym, symbol_key=symbol_key(sym), issuer=issuer,
            issuer_parent=f"Tỉnh ủy {place}" if level != "province" else None,
            issuer_path=[x for x in (issuer, f"Tỉnh ủy {place}" if level != "province" else None) if x],
            level=level, place=place, province=place, date=date, year=year, date_from=date, date_to=date,
            signer=f"Nguyễn Văn {r.choice(self.common).title()}", pages=pages,
        )  # fmt: skip


def real_index_docs(rows: list[dict], start: int) -> list[IndexDocument]:
    docs = []
    for k, row in enumerate(rows):
        text = normalize_text(row["text"])
        docs.append(
            IndexDocument(
                id=f"{start + k:016x}",
                title=row.get("vbpl_title"),
                doc_type=(row.get("vbpl_title") or "Văn bản").split(" số ")[0][:40],
                level="central",
                pages=[IndexPage(number=n, text=p) for n, p in enumerate(paginate(text), 1)],
            )
        )
    return docs


def query_mix(gen: Generator, docs_sample: list[IndexDocument], n: int, seed: int = 11) -> list[tuple[str, dict]]:
    r = random.Random(seed)
    out = []
    kinds = ["and2", "and2_fold", "and3", "phrase", "symbol", "fields", "issuer", "long", "browse"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        if kind == "and2":
            q = f"{r.choice(gen.common)} {r.choice(gen.mid)}"
        elif kind == "and2_fold":
            q = fold(f"{r.choice(gen.common)} {r.choice(gen.mid)}")
        elif kind == "and3":
            q = f"{r.choice(gen.common)} {r.choice(gen.common)} {r.choice(gen.mid)}"
        elif kind == "phrase":
            d = r.choice(docs_sample)
            words = WORD.findall(d.pages[0].text)
            j = r.randrange(max(1, len(words) - 2))
            q = '"' + " ".join(words[j : j + 2]) + '"'
        elif kind == "symbol":
            d = r.choice([x for x in docs_sample if x.symbol])
            q = r.choice([d.symbol, d.symbol.lower(), d.symbol.replace("-", " ").replace("/", " ")])
        elif kind == "fields":
            lo = r.randint(1950, 2015)
            q = f"{r.choice(gen.mid)} loai:{r.choice(TYPES)[1]} nam:{lo}..{lo + 10}"
        elif kind == "issuer":
            q = f'{r.choice(gen.mid)} co_quan:"Tỉnh ủy {r.choice(PLACES)}"'
        elif kind == "long":
            q = " ".join(r.choice(gen.common + gen.mid) for _ in range(12))
        else:
            q = ""
        opts: dict = {"allowed_access": r.choice([["public"], ["public", "internal"]])}
        if kind == "browse":
            opts.update(sort="date_desc", year=[r.randint(1950, 2025)])
        out.append((kind, {"q": q, **opts}))
    return out


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(p * len(xs)))], 2)


def measure(
    backend, gen, sample, n_queries: int, pages: int, docs: int, build_s: float, index_dir: Path, seed: int = 11
) -> dict:
    """Latency of the query mix through the full service (parse, engine, facets, best pages, snippets)."""
    size = du(index_dir)
    mix = query_mix(gen, sample, n_queries, seed)
    for _kind, opts in mix[:20]:  # warm-up (page cache, first-use costs)
        search(backend, SearchRequest(**opts))
    lat: dict[str, list[float]] = {}
    all_ms: list[float] = []
    totals: dict[str, list[int]] = {}
    for kind, opts in mix:
        t = time.perf_counter()
        res = search(backend, SearchRequest(**opts))
        ms = (time.perf_counter() - t) * 1000
        lat.setdefault(kind, []).append(ms)
        totals.setdefault(kind, []).append(res.total)
        all_ms.append(ms)
    return {
        "pages": pages,
        "documents": docs,
        "loadavg_1m_after": round(os.getloadavg()[0], 1),  # the machine is shared: read latencies with this
        "index_build_s": round(build_s, 1),
        "pages_per_s": round(pages / build_s, 1),
        "index_mb": round(size / 1e6, 1),
        "queries": len(mix),
        "query_seed": seed,
        "latency_ms": {"p50": pct(all_ms, 0.5), "p95": pct(all_ms, 0.95), "max": round(max(all_ms), 2)},
        "by_kind": {
            k: {"p50": pct(v, 0.5), "p95": pct(v, 0.95), "median_total": int(statistics.median(totals[k]))}
            for k, v in lat.items()
        },
        "query_examples": {k: next(o["q"] for kk, o in mix if kk == k) for k in lat},
    }


def measure_only(args, real: list[IndexDocument], gen: Generator, index_dir: Path, out: Path) -> int:
    """Re-measure an index built by an earlier run; the query sample is regenerated the same way."""
    if not index_dir.is_dir():
        print(f"no index in {index_dir}", file=sys.stderr)
        return 2
    sample: list[IndexDocument] = []
    i = len(real)
    while len(sample) < 2000:  # the build keeps every 7th generated document, up to 2000
        d = gen.document(i)
        i += 1
        if i % 7 == 0:
            sample.append(d)
    backend = TantivyBackend(index_dir, heap_mb=args.heap_mb, threads=args.threads)
    docs = len(backend.ids())
    preload: dict = {}
    if args.preload:  # what `sulieu serve` does at start (settings.search_preload)
        t = time.perf_counter()
        preload = {"preloaded_mb": round(backend.preload() / 1e6, 1), "preload_s": round(time.perf_counter() - t, 1)}
    result = measure(backend, gen, sample, args.queries, args.pages, docs, float("nan"), index_dir, args.seed)
    result.update(preload)
    result.pop("index_build_s")
    result.pop("pages_per_s")
    result["measured_on_existing_index"] = str(index_dir)
    backend.close()
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def layout_check(args, real: list[IndexDocument], gen: Generator, work: Path, out: Path) -> int:
    """What the per-document entries cost: same documents indexed with and without them."""
    import search_engine.tantivy_backend as tb

    docs = list(real)
    pages = sum(len(d.pages) for d in docs)
    i = len(real)
    while pages < args.pages:
        d = gen.document(i)
        i += 1
        docs.append(d)
        pages += len(d.pages)
    result = {"pages": pages, "documents": len(docs)}
    original = tb._TantivyBatch.upsert
    for layout in ("doc_and_pages", "pages_only"):
        if layout == "pages_only":

            def pages_only(self, doc, _orig=original):  # the same page entries, no document entry
                self.delete(doc.id)
                for p in doc.pages:
                    views = tb.page_fields(p.text)
                    entry = {"rtype": "page", "id": doc.id, "page": p.number, **views, "text": p.text}
                    self.pages.add_document(tb.tantivy.Document.from_dict(tb._clean(entry)))

            tb._TantivyBatch.upsert = pages_only
        path = work / f"layout-{layout}"
        backend = TantivyBackend(path, heap_mb=args.heap_mb, threads=args.threads)
        t = time.perf_counter()
        with backend.batch() as b:
            for d in docs:
                b.upsert(d)
        result[layout] = {"build_s": round(time.perf_counter() - t, 1), "index_mb": round(du(path) / 1e6, 1)}
        backend.close()
    tb._TantivyBatch.upsert = original
    out = out.with_name(f"search_layout_{pages}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _reindex_progress(p: dict) -> None:
    if p["documents_done"] % 20_000 < 1000 or p["documents_done"] == p["documents_total"]:
        print(f"reindex {p['documents_done']}/{p['documents_total']} docs, {p['pages']} pages, {p['seconds']:.0f}s",
              file=sys.stderr, flush=True)


def time_reindex(args, rows: list[dict], real: list[IndexDocument], end: int, work: Path) -> dict:
    """Write the generated documents (``len(real)`` .. ``end``) as archive records, then time
    ``reindex`` from that archive into a fresh index (what ``sulieu reindex`` does)."""
    from search_engine.indexer import reindex
    from sulieu.model import DocumentMetadata, Page, Provenance, Record
    from sulieu.store import ArchiveStore

    result: dict = {}
    keep = getattr(args, "keep_archive", False) and (work / "archive" / "records").is_dir()
    store = ArchiveStore(work / "archive") if keep else ArchiveStore(work / "archive").init()
    t = time.perf_counter()
    gen2 = Generator([normalize_text(r["text"]) for r in rows])
    for k in range(len(real), len(real) if keep else end):
        d = gen2.document(k)
        md = DocumentMetadata(**d.model_dump(include=set(DocumentMetadata.model_fields) - {"signer"}))
        store.write_record(
            Record(
                id=d.id, access=d.access, metadata=md,
                provenance=Provenance(original_name=f"{d.id}.pdf", mime="application/pdf", size=1, sha256=d.id * 4),
                pages=[Page(number=p.number, text=p.text) for p in d.pages],
            )
        )  # fmt: skip
    result["archive_write_s"] = round(time.perf_counter() - t, 1)
    shutil.rmtree(work / "index2", ignore_errors=True)
    re_backend = TantivyBackend(work / "index2", heap_mb=args.heap_mb, threads=args.threads)
    result["reindex_jobs"] = args.jobs
    result["reindex_from_archive"] = reindex(store, re_backend, jobs=args.jobs, progress=_reindex_progress)
    re_backend.close()
    return result


def reindex_only(args, rows: list[dict], real: list[IndexDocument], gen: Generator, work: Path, out: Path) -> int:
    """Only the rebuild-from-archive timing, for the same documents a ``--pages`` build generates."""
    pages = sum(len(d.pages) for d in real)
    end = len(real)
    while pages < args.pages:
        pages += len(gen.document(end).pages)
        end += 1
    result = {"pages_generated": pages, "documents_generated": end - len(real), **time_reindex(args, rows, real, end, work)}
    result["loadavg_1m_after"] = round(os.getloadavg()[0], 1)
    out = out.with_name(f"search_reindex_{args.pages}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=450)
    ap.add_argument("--threads", type=int, default=2, help="index writer threads")
    ap.add_argument("--heap-mb", type=int, default=512)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--dir", type=Path, default=None, help="where to build (default: a temp folder, removed after)")
    ap.add_argument("--reindex", action="store_true", help="also time a rebuild from an ArchiveStore")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument(
        "--layout-check",
        action="store_true",
        help="only compare index size/build time with and without the per-document entries",
    )
    ap.add_argument(
        "--measure-only",
        action="store_true",
        help="time the query mix on the index already in --dir (built earlier, e.g. re-measure on a quiet machine)",
    )
    ap.add_argument("--seed", type=int, default=11, help="query mix seed (--measure-only: another mix, same kinds)")
    ap.add_argument(
        "--preload", action="store_true", help="--measure-only: read the index files once first, as `sulieu serve` does"
    )
    ap.add_argument(
        "--reindex-only",
        action="store_true",
        help="only write the generated documents as archive records in --dir and time reindex from them",
    )
    ap.add_argument("--jobs", type=int, default=2, help="reindex: worker processes reading and analysing records")
    ap.add_argument(
        "--keep-archive", action="store_true", help="--reindex-only: reuse the records already written in --dir"
    )
    ap.add_argument("--checkpoints", default="", help="page counts at which to measure on the way (e.g. 100000,300000)")
    args = ap.parse_args()
    checkpoints = sorted(int(x) for x in args.checkpoints.split(",") if x.strip())
    out = args.out or ROOT / "bench" / "results" / f"search_scale_{args.pages}.json"
    work = args.dir or Path(tempfile.mkdtemp(prefix="sulieu-scale-"))
    index_dir = work / "index"
    if not (args.measure_only or args.reindex_only):
        shutil.rmtree(index_dir, ignore_errors=True)

    rows = real_documents(args.shared)
    real = real_index_docs(rows, 0)
    gen = Generator([normalize_text(r["text"]) for r in rows])
    if args.layout_check:
        return layout_check(args, real, gen, work, out)
    if args.measure_only:
        return measure_only(args, real, gen, index_dir, out)
    if args.reindex_only:
        return reindex_only(args, rows, real, gen, work, out)
    backend = TantivyBackend(index_dir, heap_mb=args.heap_mb, threads=args.threads)
    pages = docs = 0
    sample: list[IndexDocument] = []
    t0 = time.perf_counter()
    i = len(real)
    batch: list[IndexDocument] = list(real)
    pages += sum(len(d.pages) for d in real)
    progress = time.perf_counter()

    def flush(batch: list[IndexDocument]) -> None:
        with backend.batch() as b:
            for d in batch:
                b.upsert(d)

    while pages < args.pages:
        d = gen.document(i)
        i += 1
        pages += len(d.pages)
        batch.append(d)
        if len(sample) < 2000 and i % 7 == 0:
            sample.append(d)
        if len(batch) >= 2000:
            flush(batch)
            docs += len(batch)
            batch = []
            if checkpoints and pages >= checkpoints[0]:
                checkpoints.pop(0)
                paused = time.perf_counter()
                part = measure(backend, gen, sample, args.queries // 2, pages, docs, paused - t0, index_dir)
                part["checkpoint_of_run"] = args.pages
                path = ROOT / "bench" / "results" / f"search_scale_{pages}_checkpoint.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(part, ensure_ascii=False, indent=1))
                print(f"checkpoint {pages}: {json.dumps(part['latency_ms'])}", file=sys.stderr, flush=True)
                t0 += time.perf_counter() - paused  # measuring is not building
            if time.perf_counter() - progress > 30:
                progress = time.perf_counter()
                print(f"{pages} pages, {time.perf_counter() - t0:.0f}s", file=sys.stderr, flush=True)
    if batch:
        flush(batch)
        docs += len(batch)
    build_s = time.perf_counter() - t0
    print(f"built {docs} docs / {pages} pages in {build_s:.0f}s", file=sys.stderr)

    result = measure(backend, gen, sample or real, args.queries, pages, docs, build_s, index_dir, args.seed)
    result.update(real_documents=len(real), writer_threads=args.threads, cpu_count=os.cpu_count())
    # Then as a running server sees it: index preloaded into the OS cache, a mix not run before.
    t = time.perf_counter()
    preloaded_mb = round(backend.preload() / 1e6, 1)
    preload_s = time.perf_counter() - t
    warm = measure(backend, gen, sample or real, args.queries, pages, docs, build_s, index_dir, args.seed + 1)
    result["preloaded"] = {
        "preload_s": round(preload_s, 1),
        "preloaded_mb": preloaded_mb,
        **{k: warm[k] for k in ("latency_ms", "by_kind", "query_seed", "loadavg_1m_after")},
    }
    if args.reindex:
        result.update(time_reindex(args, rows, real, i, work))
    backend.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

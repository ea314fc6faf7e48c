"""Ours vs plain tantivy-py vs SQLite FTS5 on the same pages and the same query mix, in one run.

    nice -n 10 .venv/bin/python bench/search_side_by_side.py --pages 20000      # a few minutes
    nice -n 10 .venv/bin/python bench/search_side_by_side.py --pages 200000     # issue 19's figures

Pages: the real vbpl_central_2025 documents plus generated ones (``search_scale.Generator``), exported
as plain (document, page, text, metadata) rows to the two baselines. Plain tantivy-py: one entry per page,
a text field (default tokenizer) and a folded one (lower-case + ASCII folding), facet fields fast; a query is
parsed over both, filtered by access, top 10 with ``SnippetGenerator`` snippets and three terms facets.
FTS5: pages(text) with ``unicode61 remove_diacritics 2``, ``snippet()`` on the top 10 and three GROUP BY
facets. Ours: the full service (three views, best pages, snippets, all facets, access filter). Latency:
the mix runs in rounds, each query on each engine in turn (rotating who goes first), so load hits all
alike. Results: ``bench/results/side_by_side_<pages>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tantivy  # noqa: E402
from search_scale import Generator, du, pct, query_mix, real_documents, real_index_docs  # noqa: E402

from search_engine.indexer import CHECKPOINT_SECONDS  # noqa: E402
from search_engine.models import IndexDocument, SearchRequest  # noqa: E402
from search_engine.service import search  # noqa: E402
from search_engine.tantivy_backend import TantivyBackend  # noqa: E402
from sulieu.text import normalize_text  # noqa: E402

BATCH = 1000
WORD = re.compile(r"[^\W_]+")
FIELD = re.compile(r"\w+:(\"[^\"]*\"|\S+)")
FACETS = ("doc_type", "issuer", "year")


def corpus(shared: Path, pages: int) -> tuple[list[IndexDocument], list[IndexDocument], Generator]:
    rows = real_documents(shared)
    docs = real_index_docs(rows, 0)
    gen = Generator([normalize_text(r["text"]) for r in rows])
    n = sum(len(d.pages) for d in docs)
    sample: list[IndexDocument] = []
    i = len(docs)
    while n < pages:
        d = gen.document(i)
        i += 1
        n += len(d.pages)
        docs.append(d)
        if len(sample) < 2000 and i % 7 == 0:
            sample.append(d)
    return docs, sample or docs[::7][:2000], gen


def plain_words(q: str) -> tuple[list[str], list[str]]:
    """The query's free words and quoted phrases, field syntax dropped (the baselines know no fields)."""
    rest = FIELD.sub(" ", q)
    phrases = re.findall(r'"([^"]*)"', rest)
    rest = re.sub(r'"[^"]*"', " ", rest)
    return WORD.findall(rest), [" ".join(WORD.findall(p)) for p in phrases if WORD.findall(p)]


# --- ours ---------------------------------------------------------------------------------------
def build_ours(docs: list[IndexDocument], path: Path, threads: int) -> tuple[float, TantivyBackend]:
    """Built as ``reindex`` builds (``backend.bulk()``: one writer pair, a commit per checkpoint, merges
    awaited once), analysis in this one process."""
    backend = TantivyBackend(path, heap_mb=512, threads=threads)
    t = time.perf_counter()
    last = t
    with backend.bulk() as b:
        for d in docs:
            b.upsert(d)
            if time.perf_counter() - last > CHECKPOINT_SECONDS:
                b.checkpoint()
                last = time.perf_counter()
    return time.perf_counter() - t, backend


# --- plain tantivy-py ---------------------------------------------------------------------------
def build_plain(docs: list[IndexDocument], path: Path, threads: int) -> tuple[float, tantivy.Index]:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("text", stored=True)
    sb.add_text_field("fold", tokenizer_name="fold")
    for f in ("id", "access", "doc_type", "issuer"):
        sb.add_text_field(f, stored=f == "id", fast=f != "id", tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("page", stored=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("date", fast=True)
    schema = sb.build()
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=str(path), reuse=False)
    fold = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    index.register_tokenizer("fold", fold.filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())
    t = time.perf_counter()
    for s in range(0, len(docs), BATCH):
        w = index.writer(512_000_000, threads)
        for d in docs[s : s + BATCH]:
            meta = {"id": d.id, "access": d.access, "doc_type": d.doc_type or "-", "issuer": d.issuer or "-",
                    "year": d.year or 0, "date": int((d.date_from or "0000").replace("-", "")[:8] or 0)}
            for p in d.pages:
                w.add_document(tantivy.Document.from_dict({**meta, "page": p.number, "text": p.text, "fold": p.text}))
        w.commit()
        w.wait_merging_threads()
    index.reload()
    return time.perf_counter() - t, index


def plain_query(index: tantivy.Index, opts: dict) -> int:
    words, phrases = plain_words(opts["q"])
    schema = index.schema
    Q = tantivy.Query
    acc = Q.term_set_query(schema, "access", list(opts["allowed_access"]))
    parts: list[tuple[tantivy.Occur, tantivy.Query]] = [(tantivy.Occur.Must, Q.const_score_query(acc, 0.0))]
    text_q = " ".join(words + [f'"{p}"' for p in phrases])
    if text_q:
        parts.append((tantivy.Occur.Must, index.parse_query_lenient(text_q, ["text", "fold"])[0]))
    if opts.get("year"):
        parts.append((tantivy.Occur.Must, Q.term_set_query(schema, "year", list(opts["year"]))))
    q = Q.boolean_query(parts)
    searcher = index.searcher()
    if text_q:
        res = searcher.search(q, 10, count=True)
        gen = tantivy.SnippetGenerator.create(searcher, q, schema, "text")
        for _, addr in res.hits:
            gen.snippet_from_doc(searcher.doc(addr)).to_html()
    else:
        res = searcher.search(q, 10, count=True, order_by_field="date", order=tantivy.Order.Desc)
        for _, addr in res.hits:
            searcher.doc(addr)
    searcher.aggregate(q, {f: {"terms": {"field": f, "size": 20}} for f in FACETS})
    return int(res.count or 0)


# --- SQLite FTS5 --------------------------------------------------------------------------------
def build_fts(docs: list[IndexDocument], path: Path) -> tuple[float, sqlite3.Connection]:
    db = sqlite3.connect(path, check_same_thread=False)
    db.executescript("""
        PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
        CREATE TABLE pages(id INTEGER PRIMARY KEY, doc TEXT, page INT, access TEXT, doc_type TEXT, issuer TEXT,
                           year INT, date INT);
        CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='unicode61 remove_diacritics 2');
    """)
    t = time.perf_counter()
    k = 0
    for s in range(0, len(docs), BATCH):
        rows, texts = [], []
        for d in docs[s : s + BATCH]:
            date = int((d.date_from or "0000").replace("-", "")[:8] or 0)
            for p in d.pages:
                k += 1
                rows.append((k, d.id, p.number, d.access, d.doc_type or "-", d.issuer or "-", d.year or 0, date))
                texts.append((k, p.text))
        with db:
            db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?)", rows)
            db.executemany("INSERT INTO fts(rowid, text) VALUES (?,?)", texts)
    db.execute("CREATE INDEX pages_year ON pages(year, date)")
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    return time.perf_counter() - t, db


def fts_query(db: sqlite3.Connection, opts: dict) -> int:
    words, phrases = plain_words(opts["q"])
    acc = list(opts["allowed_access"])
    marks = ",".join("?" * len(acc))
    match = " ".join([f'"{w}"' for w in words] + [f'"{p}"' for p in phrases])
    if match:
        base = f"FROM fts JOIN pages p ON p.id = fts.rowid WHERE fts MATCH ? AND p.access IN ({marks})"
        args: list = [match, *acc]
        db.execute(f"SELECT snippet(fts, 0, '<mark>', '</mark>', '…', 24) {base} ORDER BY rank LIMIT 10",
                   args).fetchall()
    else:
        years = list(opts.get("year") or [0])
        base = f"FROM pages p WHERE p.access IN ({marks}) AND p.year IN ({','.join('?' * len(years))})"
        args = [*acc, *years]
        db.execute(f"SELECT p.doc {base} ORDER BY p.date DESC LIMIT 10", args).fetchall()
    n = db.execute(f"SELECT count(*) {base}", args).fetchone()[0]
    for f in FACETS:
        db.execute(f"SELECT p.{f}, count(*) c {base} GROUP BY p.{f} ORDER BY c DESC LIMIT 20", args).fetchall()
    return int(n)


# --- run ----------------------------------------------------------------------------------------
def timed_rounds(engines: dict[str, Callable[[dict], object]], mix: list[tuple[str, dict]]) -> dict[str, list[float]]:
    names = list(engines)
    lat: dict[str, list[float]] = {n: [] for n in names}
    for k, (_kind, opts) in enumerate(mix):
        order = names[k % len(names) :] + names[: k % len(names)]
        for n in order:
            t = time.perf_counter()
            engines[n](opts)
            lat[n].append((time.perf_counter() - t) * 1000)
    return lat


def field_bytes(path: Path) -> dict[str, int]:
    """Bytes per Tantivy file kind (postings .idx, positions .pos, terms .term, stored .store, fast .fast...)."""
    out: dict[str, int] = {}
    for f in path.rglob("*"):
        if f.is_file():
            out[f.suffix or f.name] = out.get(f.suffix or f.name, 0) + f.stat().st_size
    return dict(sorted(out.items(), key=lambda x: -x[1]))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=450)
    ap.add_argument("--threads", type=int, default=2, help="index writer threads (ours and plain)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    if not (args.shared / "corpus" / "vbpl_central_2025").is_dir():
        print(f"no corpus in {args.shared}/corpus", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="sulieu-sbs-"))
    docs, sample, gen = corpus(args.shared, args.pages)
    pages = sum(len(d.pages) for d in docs)
    print(f"{len(docs)} documents, {pages} pages", file=sys.stderr, flush=True)
    ours_s, backend = build_ours(docs, work / "ours", args.threads)
    print(f"ours built in {ours_s:.0f}s", file=sys.stderr, flush=True)
    plain_s, plain = build_plain(docs, work / "plain", args.threads)
    fts_s, db = build_fts(docs, work / "fts.db")
    del docs
    mix = query_mix(gen, sample, args.queries)
    engines: dict[str, Callable[[dict], object]] = {
        "ours": lambda o: search(backend, SearchRequest(**o)),
        "plain_tantivy": lambda o: plain_query(plain, o),
        "fts5": lambda o: fts_query(db, o),
    }
    timed_rounds(engines, mix[:30])  # warm-up
    lat = timed_rounds(engines, mix)
    sizes = {"ours": du(work / "ours"), "plain_tantivy": du(work / "plain"),
             "fts5": sum(f.stat().st_size for f in work.glob("fts.db*"))}
    builds = {"ours": ours_s, "plain_tantivy": plain_s, "fts5": fts_s}
    res: dict = {"pages": pages, "queries": len(mix), "cpu_count": os.cpu_count(),
                 "loadavg_1m_after": round(os.getloadavg()[0], 1), "engines": {}}
    for n in engines:
        res["engines"][n] = {
            "build_pages_per_s": round(pages / builds[n], 1),
            "mb_per_1000_pages": round(sizes[n] / 1e6 / pages * 1000, 2),
            "p50_ms": pct(lat[n], 0.5),
            "p95_ms": pct(lat[n], 0.95),
        }
    o = res["engines"]["ours"]
    for n in ("plain_tantivy", "fts5"):
        b = res["engines"][n]
        res[f"ours_vs_{n}"] = {
            "build_speed": round(o["build_pages_per_s"] / b["build_pages_per_s"], 3),
            "size": round(o["mb_per_1000_pages"] / b["mb_per_1000_pages"], 2),
            "p50": round(o["p50_ms"] / b["p50_ms"], 2),
            "p95": round(o["p95_ms"] / b["p95_ms"], 2),
        }
    res["ours_bytes_by_file_kind"] = field_bytes(work / "ours")
    backend.close()
    db.close()
    out = args.out or ROOT / "bench" / "results" / f"side_by_side_{pages // 1000 * 1000}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

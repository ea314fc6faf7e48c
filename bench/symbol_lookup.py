"""Symbol look-up: every vbpl_central_2025 document found at rank 1 by its symbol in any spelling.

    .venv/bin/python bench/symbol_lookup.py [--shared ../shared] [--out bench/results/symbol_lookup.json]

The symbol comes from the document's own header (``ingest.understand.extract.understand`` when
it is installed, else a ``Số:`` regex). Each symbol is queried six ways: as printed, lower
case, ``/`` and ``-`` swapped, separators as spaces, with a ``Số:`` prefix, without diacritics.
Two documents can share a symbol (an amended text re-published): "strict" counts only the
document itself at rank 1, "any_with_symbol" a document carrying that symbol.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_engine.models import IndexDocument, IndexPage, SearchRequest  # noqa: E402
from search_engine.service import search  # noqa: E402
from search_engine.tantivy_backend import TantivyBackend  # noqa: E402
from sulieu.symbols import symbol_key  # noqa: E402
from sulieu.text import fold, normalize_text  # noqa: E402

_SO = re.compile(r"S[ốố]\s*(?:hiệu)?\s*[:.]?\s*([0-9][^\s,;]*[/-][^\s,;]+)", re.IGNORECASE)
PAGE_CHARS = 3000


def header_symbol(text: str) -> tuple[str | None, str]:
    try:
        from ingest.understand.extract import understand

        md = understand([text[:6000]]).metadata
        if md.symbol:
            return md.symbol, "understand"
    except ImportError:
        pass
    m = _SO.search(text[:1500])
    return (m.group(1).strip(".") if m else None), "regex"


def spellings(sym: str) -> dict[str, str]:
    swapped = sym.translate(str.maketrans({"/": "-", "-": "/"}))
    return {
        "as_is": sym,
        "lower": sym.lower(),
        "swap_slash_dash": swapped,
        "spaces": re.sub(r"[/\-.]+", " ", sym),
        "so_prefix": f"Số: {sym}",
        "no_diacritics": fold(sym).upper(),
    }


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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "symbol_lookup.json")
    args = ap.parse_args()
    path = args.shared / "corpus" / "vbpl_central_2025" / "documents.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tmp = tempfile.mkdtemp(prefix="sulieu-symbols-")
    backend = TantivyBackend(Path(tmp) / "index", threads=2)
    docs: list[tuple[str, str]] = []
    sources: Counter[str] = Counter()
    by_key: dict[str, set[str]] = defaultdict(set)
    no_symbol = 0
    t0 = time.perf_counter()
    with backend.batch() as b:
        for i, row in enumerate(rows):
            text = normalize_text(row["text"])
            sym, how = header_symbol(text)
            doc_id = f"{i:016x}"
            if not sym:
                no_symbol += 1
            else:
                sources[how] += 1
                docs.append((doc_id, sym))
                by_key[symbol_key(sym)].add(doc_id)
            pages = [IndexPage(number=n, text=p) for n, p in enumerate(paginate(text), 1)]
            b.upsert(
                IndexDocument(
                    id=doc_id,
                    title=row.get("vbpl_title"),
                    symbol=sym,
                    symbol_key=symbol_key(sym) if sym else None,
                    pages=pages,
                )
            )
    build_s = time.perf_counter() - t0
    strict: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    unique_hits = unique_queries = 0  # documents whose symbol no other document carries
    failures = []
    t0 = time.perf_counter()
    n_queries = 0
    for doc_id, sym in docs:
        for name, q in spellings(sym).items():
            n_queries += 1
            hits = search(backend, SearchRequest(q=q, page_size=3, facets=False)).hits
            top = hits[0].id if hits else None
            if top == doc_id:
                strict[name] += 1
            if len(by_key[symbol_key(sym)]) == 1:
                unique_queries += 1
                unique_hits += top == doc_id
            if top in by_key[symbol_key(sym)]:
                loose[name] += 1
            elif len(failures) < 20:
                failures.append({"symbol": sym, "query": q, "top": top})
    query_ms = (time.perf_counter() - t0) / max(1, n_queries) * 1000
    n = len(docs)
    result = {
        "corpus": "vbpl_central_2025/documents.jsonl",
        "documents": len(rows),
        "with_symbol": n,
        "without_symbol_in_header": no_symbol,
        "symbol_source": dict(sources),
        "shared_symbols": sum(1 for v in by_key.values() if len(v) > 1),
        "queries": n_queries,
        "index_build_s": round(build_s, 2),
        "ms_per_query": round(query_ms, 2),
        "rank1_strict": {k: round(strict[k] / n, 4) for k in spellings("1/A-B")},
        "rank1_any_with_symbol": {k: round(loose[k] / n, 4) for k in spellings("1/A-B")},
        "rank1_strict_all": round(sum(strict.values()) / n_queries, 4),
        "rank1_strict_unique_symbols": round(unique_hits / max(1, unique_queries), 4),
        "unique_symbol_queries": unique_queries,
        "rank1_any_with_symbol_all": round(sum(loose.values()) / n_queries, 4),
        "failures_sample": failures,
    }
    backend.close()
    shutil.rmtree(tmp, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

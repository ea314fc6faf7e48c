"""Retrieval quality on ALQAC 2023: our search vs a plain BM25 over whitespace tokens, same run.

    .venv/bin/python bench/search_quality.py [--shared ../shared] [--grid | --min-share] [--out bench/results/search_quality.json]

Articles are the documents (title = the article's first line), the competition statements are
the queries, the organisers' judgments are the qrels. Every query is also run with all its
diacritics stripped. ``--grid`` also scores ranking variants (the weights in
``search_engine/plan.py`` were chosen from this grid, not guessed).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_engine import plan as plan_mod  # noqa: E402
from search_engine.models import IndexDocument, IndexPage, SearchRequest  # noqa: E402
from search_engine.service import search  # noqa: E402
from search_engine.tantivy_backend import TantivyBackend  # noqa: E402
from sulieu.errors import QuerySyntaxError  # noqa: E402
from sulieu.text import fold  # noqa: E402

K = 10


def load(shared: Path):
    base = shared / "corpus" / "alqac2023" / "release_2023-10"
    laws = json.loads((base / "legal_passages.json").read_text(encoding="utf-8"))
    articles = []
    for law in laws:
        for art in law["articles"]:
            articles.append(((law["id"], str(art["id"])), art["text"]))
    queries = []
    for name in ("train.json", "test.json"):
        for item in json.loads((base / name).read_text(encoding="utf-8")):
            rel = {(p["law_id"], str(p["article_id"])) for p in item["legal_passages"]}
            queries.append((item["statement"], rel))
    return articles, queries


# --- baseline: plain BM25 over lower-cased whitespace tokens ------------------------------------
_PUNCT = re.compile(r"^\W+|\W+$")


def ws_tokens(text: str) -> list[str]:
    return [t for t in (_PUNCT.sub("", w) for w in text.lower().split()) if t]


class BM25:
    def __init__(self, docs: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.tfs = [Counter(ws_tokens(d)) for d in docs]
        self.lens = [sum(tf.values()) for tf in self.tfs]
        self.avg = sum(self.lens) / len(self.lens)
        df: Counter[str] = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.post: dict[str, list[int]] = defaultdict(list)
        for i, tf in enumerate(self.tfs):
            for t in tf:
                self.post[t].append(i)
        self.k1, self.b = k1, b

    def top(self, query: str, k: int = K) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        for t in set(ws_tokens(query)):
            idf = self.idf.get(t)
            if idf is None:
                continue
            for i in self.post[t]:
                f = self.tfs[i][t]
                scores[i] += idf * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * self.lens[i] / self.avg))
        return [i for i, _ in sorted(scores.items(), key=lambda x: -x[1])[:k]]


# --- metrics ------------------------------------------------------------------------------------
def metrics(ranked: list[list[int]], rels: list[set[int]]) -> dict[str, float]:
    rec = mrr = 0.0
    for r, rel in zip(ranked, rels, strict=True):
        top = r[:K]
        rec += len(rel & set(top)) / len(rel)
        for pos, d in enumerate(top, 1):
            if d in rel:
                mrr += 1 / pos
                break
    n = len(rels)
    return {"recall@10": round(rec / n, 4), "mrr@10": round(mrr / n, 4)}


def safe_query(q: str) -> tuple[str, bool]:
    """Statements are not written in our query language: neutralise what would parse as syntax."""
    from search_engine.query import parse_query

    try:
        parse_query(q)
        return q, False
    except QuerySyntaxError:
        return re.sub(r"[\"“”:]", " ", q), True


def run_ours(backend, queries: list[str], id_of: dict[str, int]) -> tuple[list[list[int]], float]:
    out, t0 = [], time.perf_counter()
    for q in queries:
        res = search(backend, SearchRequest(q=q, page_size=K, facets=False))
        out.append([id_of[h.id] for h in res.hits])
    return out, (time.perf_counter() - t0) / max(1, len(queries)) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--grid", action="store_true", help="also score ranking variants")
    ap.add_argument("--min-share", action="store_true",
                    help="only the shares of words a long query must match (Weights.long_min_should)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "search_quality.json")
    args = ap.parse_args()
    articles, queries = load(args.shared)
    key_index = {key: i for i, (key, _) in enumerate(articles)}
    rels = [{key_index[k] for k in rel if k in key_index} for _, rel in queries]
    keep = [i for i, r in enumerate(rels) if r]
    queries = [queries[i] for i in keep]
    rels = [rels[i] for i in keep]
    accented = [q for q, _ in queries]
    stripped = [fold(q) for q in accented]

    t0 = time.perf_counter()
    bm25 = BM25([text for _, text in articles])
    base = {
        "accented": metrics([bm25.top(q) for q in accented], rels),
        "stripped": metrics([bm25.top(q) for q in stripped], rels),
    }
    print(f"baseline BM25 built+run in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    tmp = tempfile.mkdtemp(prefix="sulieu-quality-")
    backend = TantivyBackend(Path(tmp) / "index", threads=2)
    id_of: dict[str, int] = {}
    t0 = time.perf_counter()
    with backend.batch() as b:
        for i, ((law, art), text) in enumerate(articles):
            doc_id = f"{i:016x}"
            id_of[doc_id] = i
            title = text.split("\n", 1)[0]
            b.upsert(IndexDocument(id=doc_id, title=f"Điều {art}. {title}", subject=law, pages=[IndexPage(number=1, text=text)]))
    build_s = time.perf_counter() - t0
    fixed = [safe_query(q) for q in accented]
    acc_q = [q for q, _ in fixed]
    str_q = [safe_query(q)[0] for q in stripped]

    def score(w: plan_mod.Weights) -> dict[str, dict[str, float]]:
        plan_mod.WEIGHTS = w
        r_acc, ms_acc = run_ours(backend, acc_q, id_of)
        r_str, ms_str = run_ours(backend, str_q, id_of)
        a, s = metrics(r_acc, rels), metrics(r_str, rels)
        s["mrr_vs_accented"] = round(s["mrr@10"] / a["mrr@10"], 4) if a["mrr@10"] else 0.0
        return {"accented": a, "stripped": s, "ms_per_query": round((ms_acc + ms_str) / 2, 2)}

    default = plan_mod.WEIGHTS
    result = {
        "corpus": "alqac2023/release_2023-10 (articles as documents)",
        "documents": len(articles),
        "queries": len(queries),
        "queries_rewritten_for_syntax": sum(1 for _, f in fixed if f),
        "index_build_s": round(build_s, 2),
        "bm25_whitespace_baseline": base,
        "sulieu": score(default),
        "weights": dataclasses.asdict(default),
    }
    if args.min_share:
        result["grid"] = {f"min_should_{x}": score(dataclasses.replace(default, long_min_should=x))
                          for x in (0.0, 0.3, 0.35, 0.4, 0.45, 0.5)}
        plan_mod.WEIGHTS = default
    if args.grid:
        variants = {
            "and_always": dataclasses.replace(default, long_query_terms=10_000),
            "min_should_0.3": dataclasses.replace(default, long_min_should=0.3),
            "no_bigram": dataclasses.replace(default, bigram=0.0),
            "bigram_1.5": dataclasses.replace(default, bigram=1.5),
            "bigram_5": dataclasses.replace(default, bigram=5.0),
            "long_fold_only": dataclasses.replace(default, long_fold_only=True),
            "long_common_0.2": dataclasses.replace(default, long_common_share=0.2),
            "long_common_0.5": dataclasses.replace(default, long_common_share=0.5),
            "long_common_0.8": dataclasses.replace(default, long_common_share=0.8),
            "long_common_0.4": dataclasses.replace(default, long_common_share=0.4),
            "long_common_0.6": dataclasses.replace(default, long_common_share=0.6),
            "bigram_1": dataclasses.replace(default, bigram=1.0),
            "bigram_2": dataclasses.replace(default, bigram=2.0),
            "bigram_1.5_title_0.5": dataclasses.replace(default, bigram=1.5, title=0.5),
            "bigram_2_title_0.5": dataclasses.replace(default, bigram=2.0, title=0.5),
            "title_0.5": dataclasses.replace(default, title=0.5),
            "title_2": dataclasses.replace(default, title=2.0),
            "title_3": dataclasses.replace(default, title=3.0),
            "fold_accented_0.6": dataclasses.replace(default, fold_accented=0.6),
            "fold_accented_0.1": dataclasses.replace(default, fold_accented=0.1),
        }
        result["grid"] = {name: score(w) for name, w in variants.items()}
        plan_mod.WEIGHTS = default
    backend.close()
    shutil.rmtree(tmp, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

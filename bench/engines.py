"""Side by side in one run: the same pages and the same query mix through the same search service, on
embedded Tantivy, OpenSearch on one node and OpenSearch on three nodes (3 shards, 1 replica).

    .venv/bin/python bench/engines.py --pages 100000          # the README's figures
    .venv/bin/python bench/engines.py --pages 5000 --queries 90   # a quick check

Pages: the real vbpl_central_2025 documents of ../shared/corpus plus pages generated from their syllable
distribution (``search_scale.Generator``: Party-style metadata, access levels 80/15/5 %). The OpenSearch
nodes are started and stopped by ``scripts/opensearch.sh``. Latency: the mix is run in rounds, each query
on every engine in turn, so a noisy minute hits all engines alike. Throughput: 20 client threads through
the service for a fixed time per engine. Results: ``bench/results/engines_<pages>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_scale import Generator, du, pct, query_mix, real_documents, real_index_docs  # noqa: E402

from search_engine.es_backend import OpenSearchBackend  # noqa: E402
from search_engine.models import IndexDocument, SearchRequest  # noqa: E402
from search_engine.service import search  # noqa: E402
from search_engine.tantivy_backend import TantivyBackend  # noqa: E402
from sulieu.text import normalize_text  # noqa: E402

OS = str(ROOT / "scripts" / "opensearch.sh")
BATCH = 500


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


def start_cluster(name: str, nodes: int, heap: str) -> str:
    r = subprocess.run([OS, "start", "--name", name, "--nodes", str(nodes), "--heap", heap],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(r.stderr)
    return r.stdout.strip()


def jvm_rss_mb(name: str) -> float:
    state = json.loads((ROOT / ".cache" / "opensearch" / name / "state.json").read_text())
    total = 0
    for n in state["nodes"]:
        try:
            for line in Path(f"/proc/{n['pid']}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def store_mb(url: str, index: str) -> dict:
    with urllib.request.urlopen(f"{url.split(',')[0]}/{index}/_stats/store") as r:
        stats = json.loads(r.read())["_all"]
    return {"primaries": round(stats["primaries"]["store"]["size_in_bytes"] / 1e6, 1),
            "with_replicas": round(stats["total"]["store"]["size_in_bytes"] / 1e6, 1)}


def build(backend, docs: list[IndexDocument]) -> float:
    t = time.perf_counter()
    for k in range(0, len(docs), BATCH):
        with backend.batch() as b:
            for d in docs[k : k + BATCH]:
                b.upsert(d)
    return time.perf_counter() - t


def latencies(engines: dict, mix: list[tuple[str, dict]]) -> dict:
    for _kind, opts in mix[:20]:  # warm-up on every engine
        for backend in engines.values():
            search(backend, SearchRequest(**opts))
    lat: dict[str, dict[str, list[float]]] = {e: {} for e in engines}
    totals: dict[str, list[int]] = {e: [] for e in engines}
    for kind, opts in mix:
        for name, backend in engines.items():
            t = time.perf_counter()
            res = search(backend, SearchRequest(**opts))
            lat[name].setdefault(kind, []).append((time.perf_counter() - t) * 1000)
            totals[name].append(res.total)
    out = {}
    for name, kinds in lat.items():
        every = [x for v in kinds.values() for x in v]
        out[name] = {"p50": pct(every, 0.5), "p95": pct(every, 0.95),
                     "by_kind": {k: {"p50": pct(v, 0.5), "p95": pct(v, 0.95)} for k, v in kinds.items()}}
    names = list(engines)
    out["same_totals_as_tantivy"] = {n: sum(a == b for a, b in zip(totals[n], totals[names[0]], strict=True))
                                     for n in names[1:]}
    # where the engines disagree, by query kind, with a few examples to look at
    out["different_totals"] = {
        n: [{"kind": kind, "q": opts["q"], "access": opts["allowed_access"], names[0]: a, n: b}
            for (kind, opts), a, b in zip(mix, totals[names[0]], totals[n], strict=True) if a != b]
        for n in names[1:]}
    out["queries"] = len(mix)
    return out


def throughput(backend, mix: list[tuple[str, dict]], clients: int, seconds: float) -> float:
    done = [0] * clients
    stop = time.monotonic() + seconds

    def worker(k: int) -> None:
        j = k
        while time.monotonic() < stop:
            search(backend, SearchRequest(**mix[j % len(mix)][1]))
            done[k] += 1
            j += clients

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return round(sum(done) / seconds, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=450)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0, help="throughput run per engine")
    ap.add_argument("--heap", default="1g", help="JVM heap per OpenSearch node")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    if not (args.shared / "corpus").is_dir():
        raise SystemExit(f"cần {args.shared}/corpus (tài liệu thật để sinh trang)")
    out = args.out or ROOT / "bench" / "results" / f"engines_{args.pages}.json"
    docs, sample, gen = corpus(args.shared, args.pages)
    pages = sum(len(d.pages) for d in docs)
    work = Path(tempfile.mkdtemp(prefix="sulieu-engines-"))
    result: dict = {"pages": pages, "documents": len(docs), "loadavg_1m_start": round(os.getloadavg()[0], 1)}
    clusters = {"opensearch_1": ("bench-1", 1, 1, 0), "opensearch_3": ("bench-3", 3, 3, 1)}
    engines: dict = {"tantivy": TantivyBackend(work / "tantivy")}
    try:
        for key, (name, nodes, shards, replicas) in clusters.items():
            url = start_cluster(name, nodes, args.heap)
            engines[key] = OpenSearchBackend(url, index="sulieu-bench", shards=shards, replicas=replicas)
            result.setdefault("shape", {})[key] = {"nodes": nodes, "shards": shards, "replicas": replicas}
        for key, backend in engines.items():
            s = build(backend, docs)
            result.setdefault("build", {})[key] = {"seconds": round(s, 1), "pages_per_s": round(pages / s, 1)}
            print(f"built {key}: {pages / s:.0f} pages/s", file=sys.stderr, flush=True)
        result["index_mb"] = {"tantivy": round(du(work / "tantivy") / 1e6, 1)}
        for key, backend in engines.items():
            if key != "tantivy":
                result["index_mb"][key] = store_mb(backend.url, backend.index)
        mix = query_mix(gen, sample, args.queries)
        result["latency_ms"] = latencies(engines, mix)
        result["throughput_qps"] = {k: throughput(b, mix, args.clients, args.seconds) for k, b in engines.items()}
        result["throughput_clients"] = args.clients
        result["jvm_rss_mb"] = {k: jvm_rss_mb(clusters[k][0]) for k in clusters}
        result["jvm_heap_per_node"] = args.heap
        result["loadavg_1m_end"] = round(os.getloadavg()[0], 1)
    finally:
        for backend in engines.values():
            backend.close()
        for name, *_ in clusters.values():
            subprocess.run([OS, "stop", "--name", name], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

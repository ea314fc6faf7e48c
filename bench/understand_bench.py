"""Benchmark of document understanding on real documents written by others.

    .venv/bin/python bench/understand_bench.py [--shared ../shared] [--show-disagreements N]

1. vbpl_central_2025 (574 central legal documents): type and number/symbol against the site's
   title (``vbpl_title``), fill rates of date/issuer/signer, extraction time per document.
   Disagreements are listed with the header line we read, so site errors can be told apart.
2. Citation resolution inside the corpus: a citation's true target is the corpus document
   whose *site* label has the same symbol key; we report recall and precision of the graph.
3. The five seeds: a one-line summary each.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.understand import understand  # noqa: E402
from sulieu.citation_graph import CitationGraph, GraphDoc  # noqa: E402
from sulieu.symbols import parse_symbol, symbol_key  # noqa: E402
from sulieu.text import fold  # noqa: E402

TITLE_SYMBOL = re.compile(r"(\d{1,5}(?:\.\d{1,3})?(?:\s*[/-]\s*[0-9A-Za-zĐđ]+)+)")


LABEL_SYMBOL = re.compile(
    r"(?:^|\s)(?:số|SỐ|Số)\s*(?:Số:?\s*)?(?P<sym>\d{1,5}(?:\.\d{1,3})?(?:\s*[/-]\s*[0-9A-Za-zĐđ\u0400-\u04ff]+)+)"
)


def vbpl_label(title: str) -> tuple[str, str | None]:
    """(type as the site writes it, symbol key) from '<Type> số <symbol> <subject>'.

    The symbol is the last "số <symbol>" in the title ("Luật sửa đổi, bổ sung một số điều của
    Luật Giáo dục số 43/2019/QH14. số 123/2025/QH15" is law 123/2025/QH15); titles without
    "số" ("Nghị định 43/2008/NĐ-CP") give the first symbol-looking token.
    """
    t = " ".join(title.split())
    matches = list(LABEL_SYMBOL.finditer(t))
    if matches:
        # a law's own name may contain "số" and an older law: its symbol is the last one
        sym = matches[-1 if fold(t).startswith("luat") else 0].group("sym")
        typ = t[: matches[0].start()].strip()
    else:
        sm = TITLE_SYMBOL.search(t)
        sym = sm.group(1) if sm else None
        typ = t[: sm.start()].strip() if sm else t
    key = None
    if sym:
        p = parse_symbol(sym)
        key = p.key if p else symbol_key(sym)
    return typ or t, key


def type_agrees(ours: str | None, site_type: str) -> bool:
    if not ours:
        return False
    f, s = fold(ours), fold(site_type)
    # ours may be more specific ("Nghị quyết liên tịch" for the site's "Nghị quyết"); a law's
    # site title carries its name ("Luật Trẻ em")
    return s == f or f.startswith(s + " ") or (f == "luat" and s.startswith("luat"))


HOMOGLYPHS = re.compile(r"[\u0400-\u04ff\u0370-\u03ff]")  # Cyrillic or Greek letters in a Latin title
LOOKALIKES = str.maketrans("АВСЕНКМОРТХасеорху", "ABCEHKMOPTXaceopxy")
VIET_MARKS = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
TCVN3 = re.compile(r"[§©®µ¸¹»¼½¾ÆÇÌÎÏÝÞß]")


def classify(r: dict, md, site_key: str | None) -> str:
    """Why our reading and the site's title may disagree, with the evidence we can check."""
    head = r["text"][:600]
    if len(VIET_MARKS.findall(head)) < 5:
        return (
            "site: body is not Vietnamese text (an English translation)"
            if not TCVN3.search(head)
            else "site: body in legacy TCVN3 encoding"
        )
    if HOMOGLYPHS.search(r["vbpl_title"]):
        chars = sorted({f"U+{ord(c):04X}" for c in HOMOGLYPHS.findall(r["vbpl_title"])})
        return "site: title uses Cyrillic/Greek look-alike letters " + ",".join(chars)
    if not re.search(r"(?m)^\s*(?:\w+\s+)?[Ss]ố\s*:?", r["text"][:800]) and md.symbol is None:
        return "site: body has no header (no 'Số' line): number not in the text"
    if md.symbol_key and site_key and md.symbol_key != site_key and md.symbol and md.evidence.get("symbol"):
        ev = md.evidence["symbol"]
        line = r["text"].splitlines()[ev.line - 1] if ev.line else ""
        if md.symbol in line:  # our symbol is literally what the document's own "Số" line says
            return "site: the document's own 'Số' line differs from the site title"
    return "ours"


def run_vbpl(shared: Path, show: int) -> dict:
    path = shared / "corpus" / "vbpl_central_2025" / "documents.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    results = []
    times = []
    cpu0 = time.process_time()
    for r in rows:
        t0 = time.perf_counter()
        u = understand([r["text"]])
        times.append(time.perf_counter() - t0)
        results.append(u)
    cpu = time.process_time() - cpu0
    n = len(rows)
    type_ok = sym_ok = sym_n = both_ok = 0
    dis: dict[str, list] = {}
    for r, u in zip(rows, results, strict=True):
        md = u.metadata
        site_type, site_key = vbpl_label(r["vbpl_title"])
        t_ok = type_agrees(md.doc_type, site_type)
        s_ok = site_key is None or site_key == md.symbol_key
        type_ok += t_ok
        if site_key is not None:
            sym_n += 1
            sym_ok += site_key == md.symbol_key
        both_ok += t_ok and s_ok
        if not (t_ok and s_ok):
            why = classify(r, md, site_key)
            dis.setdefault(why, []).append(
                (
                    r["doc_id"],
                    r["vbpl_title"][:80],
                    md.doc_type,
                    md.symbol,
                    (md.evidence.get("symbol").line if md.evidence.get("symbol") else None),
                )
            )
    site_errors = sum(len(v) for k, v in dis.items() if k.startswith("site:"))
    fill = {
        f: sum(bool(getattr(u.metadata, f)) for u in results) / n
        for f in ("date", "issuer", "signer", "doc_type", "symbol", "subject", "place", "level", "system")
    }
    print(f"vbpl_central_2025: {n} documents")
    print(f"  type agrees with vbpl_title:           {type_ok / n:.1%} ({type_ok}/{n})")
    print(f"  number/symbol agrees (titles with one): {sym_ok / max(sym_n, 1):.1%} ({sym_ok}/{sym_n})")
    print(f"  type AND symbol agree:                 {both_ok / n:.1%} ({both_ok}/{n})")
    print(
        f"  ... excluding {site_errors} documents with a site-side problem (below): {both_ok / max(n - site_errors, 1):.1%} ({both_ok}/{n - site_errors})"
    )
    print("  fill rates (all 574): " + ", ".join(f"{k} {v:.1%}" for k, v in fill.items()))
    viet = [u for r, u in zip(rows, results, strict=True) if not classify(r, u.metadata, None).startswith("site: body")]
    fill_v = {f: sum(bool(getattr(u.metadata, f)) for u in viet) / len(viet) for f in fill}
    print(
        f"  fill rates ({len(viet)} Vietnamese documents whose body has its header): "
        + ", ".join(f"{k} {v:.1%}" for k, v in fill_v.items())
    )
    chars = sum(len(r["text"]) for r in rows)
    print(
        f"  CPU time: {cpu / n * 1000:.1f} ms per document, {cpu / chars * 2500 * 1000:.2f} ms per 2,500-character page "
        f"(wall time below depends on machine load)"
    )
    print(
        f"  time per document: mean {statistics.mean(times) * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.0f} ms; chars/doc mean {statistics.mean(len(r['text']) for r in rows):.0f}"
    )
    print(f"  disagreements: {sum(len(v) for v in dis.values())}")
    for why, items in sorted(dis.items(), key=lambda kv: -len(kv[1])):
        print(f"  [{len(items)}] {why}")
        for d in items[:show]:
            print(f"     {d[0]} | site: {d[1]} | ours: {d[2]} {d[3]} (line {d[4]})")
    import random

    print("  spot check (10 random documents: date / issuer / signer as read, then the lines they came from):")
    for r, u in random.Random(7).sample(list(zip(rows, results, strict=True)), 10):
        md = u.metadata
        lines = r["text"].splitlines()

        def src(f: str, md=md, lines=lines) -> str:
            ev = md.evidence.get(f)
            return lines[ev.line - 1][:60] if ev and ev.line and ev.line <= len(lines) else "-"

        sig = f"{md.signer.authority or ''} {md.signer.position} {md.signer.name}" if md.signer else None
        print(f"   {r['doc_id']}: {md.date} [{src('date')}] | {md.issuer} [{src('issuer')}] | {sig} [{src('signer')}]")
    missing = {
        f: [r["doc_id"] for r, u in zip(rows, results, strict=True) if not getattr(u.metadata, f)]
        for f in ("date", "issuer", "signer")
    }
    for f, ids in missing.items():
        print(f"  {f} missing in {len(ids)}: {ids[:show]}")
    return {"rows": rows, "results": results}


def run_citations(rows: list[dict], results: list) -> None:
    docs = []
    label_key: dict[str, str] = {}
    for r, u in zip(rows, results, strict=True):
        docs.append(GraphDoc(id=r["doc_id"], metadata=u.metadata, citations=u.citations))
        # the site's Cyrillic look-alikes (TT-BTС) are mapped to Latin for the truth labels only
        _, key = vbpl_label(r["vbpl_title"].translate(LOOKALIKES))
        if key:
            label_key.setdefault(key, r["doc_id"])
    t0 = time.perf_counter()
    g = CitationGraph.build(docs)
    build_s = time.perf_counter() - t0
    total = sum(len(u.citations) for u in results)
    labelled = set(label_key.values())
    truth = resolved = correct = unlabelled = 0
    wrong = []
    for d in docs:
        for rc in g.targets(d.id):
            true_target = label_key.get(rc.citation.symbol_key or "")
            if true_target == d.id:
                true_target = None
            truth += true_target is not None
            if rc.target_id:
                if rc.target_id not in labelled:
                    unlabelled += 1  # the site gives no usable label for the target: not scored
                    continue
                resolved += 1
                if rc.target_id == true_target:
                    correct += 1
                else:
                    wrong.append((d.id, rc.citation.text[:80], rc.target_id, true_target))
    print(f"citations: {total} extracted in {len(docs)} documents; graph built in {build_s * 1000:.0f} ms")
    print(f"  with a target in the corpus (by site label): {truth}; resolved: {resolved}; correct: {correct}")
    by_id = {d.id: d for d in docs}
    missed: dict[str, int] = {}
    for d in docs:
        for rc in g.targets(d.id):
            t = label_key.get(rc.citation.symbol_key or "")
            if t and t != d.id and rc.target_id is None:
                tm = by_id[t].metadata
                why = (
                    "target's own text has no symbol (English translation or body without header)"
                    if not tm.symbol_key
                    else "target's own header symbol differs from its site title"
                    if tm.symbol_key != rc.citation.symbol_key and not tm.symbol_key.endswith(rc.citation.symbol_key)
                    else f"not matched ({rc.reason})"
                )
                missed[why] = missed.get(why, 0) + 1
    print(
        f"  recall {correct / max(truth, 1):.1%}, precision {correct / max(resolved, 1):.1%} "
        f"({unlabelled} more resolved to targets whose site title has no usable symbol, not scored)"
    )
    for why, k in sorted(missed.items(), key=lambda kv: -kv[1]):
        print(f"   missed {k}: {why}")
    for w in wrong[:10]:
        print("   resolved against the site label (citing id, citation, our target, label target):", w)
    missing = g.unresolved_ranked()
    print(f"  unresolved cited documents: {len(missing)}; most cited:")
    for m in missing[:5]:
        print(f"   {m.count:3d} × {m.doc_type} {m.symbol} {m.date or ''} ({m.example[:70]})")


def run_seeds(shared: Path) -> None:
    seeds = sorted((shared / "seeds").glob("*.txt"))
    for p in seeds:
        t0 = time.perf_counter()
        u = understand([p.read_text(encoding="utf-8")])
        ms = (time.perf_counter() - t0) * 1000
        md = u.metadata
        print(
            f"  {p.name[:3]} {md.system} | {md.issuer} < {md.issuer_parent} | {md.doc_type} {md.symbol_normalized} | {md.date} | "
            f"{md.signer.name if md.signer else None} | {len(u.citations)} citations | {ms:.1f} ms"
        )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show-disagreements", type=int, default=80)
    a = ap.parse_args()
    out = run_vbpl(a.shared, a.show_disagreements)
    run_citations(out["rows"], out["results"])
    print("seeds:")
    run_seeds(a.shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Precision and recall of near-duplicate detection (``sulieu.near_duplicates``) on generated pairs.

    .venv/bin/python bench/near_dup_bench.py --archive build/sample-archive [--seed 7]

From the born-digital documents of an archive (the sample archive: ``sulieu sample`` then ``sulieu
ingest``), each document gets OCR-like copies: characters substituted, diacritics dropped, words split
or joined, lines lost at the top and bottom, at three noise levels; half of the copies also lose their
symbol and date (a scan whose header OCR could not read). Negatives are every pair of two different
documents, plus hard negatives: each document paired with every other one given its symbol and date
but its own issuer (two committees numbering two plans alike), and the same with the copy's text
noised; and each copy that lost its symbol and date paired with every other document of its committee
(periodic reports of one committee look alike). A threshold sweep of the text rule's shingle Jaccard shows where ``TEXT_THRESHOLD`` sits.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sulieu.model import effective_metadata  # noqa: E402
from sulieu.near_duplicates import (  # noqa: E402
    DocKey,
    duplicate_reason,
    find_pairs,
    jaccard,
    shingles,
)
from sulieu.store import ArchiveStore  # noqa: E402

LEVELS = {"light": 0.01, "moderate": 0.04, "heavy": 0.10}  # share of characters touched
_CONFUSE = {"e": "c", "c": "e", "n": "u", "u": "n", "l": "1", "o": "0", "h": "b", "i": "l", "m": "rn"}


def _strip_marks(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def ocr_noise(text: str, rate: float, rng: random.Random) -> str:
    """Text as a poor OCR might read it: substitutions, lost diacritics, split/joined words, lost lines."""
    lines = text.splitlines()
    cut = max(0, int(len(lines) * rate * 2))
    lines = lines[rng.randint(0, cut):len(lines) - rng.randint(0, cut)] or lines
    out = []
    for ch in "\n".join(lines):
        r = rng.random()
        if r < rate * 0.4 and ch.lower() in _CONFUSE:
            out.append(_CONFUSE[ch.lower()])
        elif r < rate * 0.8 and ch.isalpha():
            out.append(_strip_marks(ch))
        elif r < rate * 0.9 and ch == " ":
            continue
        elif r < rate and ch.isalpha():
            out.append(ch + " ")
        else:
            out.append(ch)
    return "".join(out)


def load_docs(archive: Path) -> list[DocKey]:
    store = ArchiveStore(archive)
    docs = []
    for rec in store.iter_records(include_deleted=False):
        if any(p.source == "ocr" for p in rec.pages):
            continue  # the archive's own scans are copies already; originals only
        md = effective_metadata(rec, store.read_corrections(rec.id))
        docs.append(DocKey.of(rec.id, md, "\n".join(p.text for p in rec.pages), True, rec.provenance.ingested_at.isoformat()))
    return docs


def positives(docs: list[DocKey], rng: random.Random) -> list[tuple[DocKey, DocKey, str]]:
    out = []
    for d in docs:
        for level, rate in LEVELS.items():
            for blind in (False, True):
                copy = replace(d, id=d.id + f"-{level}-{int(blind)}", text=ocr_noise(d.text, rate, rng),
                               born_digital=False, symbol_key=None if blind else d.symbol_key,
                               date=None if blind else d.date)
                out.append((d, copy, f"{level}{' (no symbol, date)' if blind else ''}"))
    return out


def negatives(docs: list[DocKey], rng: random.Random,
              pos: list[tuple[DocKey, DocKey, str]]) -> tuple[list[tuple[DocKey, DocKey]], list[tuple[DocKey, DocKey]]]:
    plain = [(a, b) for i, a in enumerate(docs) for b in docs[i + 1:]]
    # a scan whose symbol and date were not read, against every other document of the same committee
    plain += [(c, d) for src, c, kind in pos if "no symbol" in kind for d in docs
              if d.id != src.id and d.issuer == src.issuer]
    hard = []
    for a in docs:
        for b in docs:
            if a.id != b.id and a.issuer != b.issuer:
                twin = replace(b, id=f"{b.id}-same-symbol-{a.id}", symbol_key=a.symbol_key, date=a.date)
                hard.append((a, twin))
                hard.append((a, replace(twin, id=twin.id + "-noisy", text=ocr_noise(b.text, 0.04, rng))))
    return plain, hard


def judged(x: DocKey, y: DocKey) -> bool:
    return duplicate_reason(x, y, jaccard(shingles(x.text), shingles(y.text))) is not None


def sweep(pos: list[tuple[DocKey, DocKey, str]], neg: list[tuple[DocKey, DocKey]]) -> None:
    ps = [jaccard(shingles(a.text), shingles(b.text)) for a, b, _ in pos]
    ns = [jaccard(shingles(a.text), shingles(b.text)) for a, b in neg]
    print("\nText rule alone (shingle Jaccard >= t), all positives vs all negatives:")
    print("  t     recall  false positives")
    for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        print(f"  {t:.1f}   {sum(s >= t for s in ps) / len(ps):.3f}   {sum(s >= t for s in ns)} / {len(ns)}")
    print(f"  highest negative Jaccard {max(ns):.3f}; lowest positive {min(ps):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = load_docs(args.archive)
    pos = positives(docs, rng)
    plain, hard = negatives(docs, rng, pos)
    print(f"{len(docs)} born-digital documents; {len(pos)} positive pairs, {len(plain)} negative pairs, "
          f"{len(hard)} hard negatives (same symbol and date, another committee); plain negatives include each "
          "copy without symbol and date against the other documents of its committee")
    by_kind: dict[str, list[bool]] = {}
    for a, b, kind in pos:
        by_kind.setdefault(kind, []).append(judged(a, b))
    tp = sum(sum(v) for v in by_kind.values())
    fp_plain = sum(judged(a, b) for a, b in plain)
    fp_hard = sum(judged(a, b) for a, b in hard)
    print("\nRecall per noise level:")
    for kind, v in by_kind.items():
        print(f"  {kind:28s} {sum(v)}/{len(v)} = {sum(v) / len(v):.3f}")
    print(f"\nAll rules: recall {tp}/{len(pos)} = {tp / len(pos):.3f}; precision {tp}/{tp + fp_plain + fp_hard} = "
          f"{tp / max(1, tp + fp_plain + fp_hard):.3f}; false merges: {fp_plain} plain, {fp_hard} hard")
    sweep(pos, plain + hard)
    t0 = time.perf_counter()
    everything = docs + [b for _, b, _ in pos]
    found = find_pairs(everything)
    print(f"\nfind_pairs over {len(everything)} documents (candidates by symbol and MinHash bands): {len(found)} pairs "
          f"in {time.perf_counter() - t0:.2f} s")
    def source(x: str) -> str:
        return x.split("-")[0]

    ids = [d.id for d in everything]
    truth = {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:] if source(a) == source(b)}
    got = {frozenset((p.a, p.b)) for p in found}
    print(f"  recall {len(truth & got)}/{len(truth)} = {len(truth & got) / len(truth):.3f}; "
          f"precision {len(truth & got)}/{len(got)} = {len(truth & got) / max(1, len(got)):.3f}")

if __name__ == "__main__":
    main()

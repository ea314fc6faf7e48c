"""The cited-but-missing list on real paper: the sample archive + the 17 Công báo PDFs + the 5 seeds,
ingested by the real pipeline into a fresh archive, then every entry checked for the faults the list
used to show (issue 14): gazette running headers, OCR variants listed beside their real symbol, a
document citing itself, issuers cut at a line end or before "và", names missing.

    .venv/bin/python bench/missing_list_quality.py            # prints counts and every suspicious entry
    .venv/bin/python bench/missing_list_quality.py --json out.json

The checks are independent of the code that builds the list (they look at the entries as a reader
would), so a count above 0 is a real fault to look at, not a tuned figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from sample_data.generate import generate_sample  # noqa: E402
from services.catalog import Catalog  # noqa: E402
from services.citations import missing_documents  # noqa: E402
from services.ingest import ingest_paths  # noqa: E402
from sulieu.citation_graph import load_graph  # noqa: E402
from sulieu.doctypes import issuer_names  # noqa: E402
from sulieu.model import ACCESS_LEVELS  # noqa: E402
from sulieu.ocr_confusions import one_confusion_away  # noqa: E402
from sulieu.settings import Settings  # noqa: E402
from sulieu.store import ArchiveStore  # noqa: E402
from sulieu.text import fold  # noqa: E402

# A name cut short: a bare head ("Ban", "Bộ trưởng Bộ", "Bộ Chính") or the start of a listed body's longer name
# ("Bộ Khoa học" of "Bộ Khoa học và Công nghệ", "Bộ Văn hóa" of "Bộ Văn hóa, Thể thao và Du lịch").
HEADS = {"ban", "bo", "uy ban", "hoi dong", "bo chinh", "ban bi", "ban chap hanh", "ban thuong", "chinh", "van phong"}
LISTED = {fold(n) for n in issuer_names()} | {"bo chinh tri", "ban bi thu"}


def cut_issuer(issuer: str) -> bool:
    name = fold(issuer).strip(" ,.")
    for title in ("bo truong ", "thu truong ", "chu tich ", "truong ban "):
        name = name.removeprefix(title)
    if name in HEADS:
        return True
    return name not in LISTED and any(n.startswith(name + " ") or n.startswith(name + ",") for n in LISTED)


HEADER = re.compile(r"^\d+/ngày\b", re.IGNORECASE)


def build(archive: Path, shared: Path) -> int:
    src = archive.parent / "src"
    generate_sample(src)
    settings = Settings(archive=archive, jobs=1)
    n = 0
    for access in ACCESS_LEVELS:
        if (src / access).is_dir():
            n += len(ingest_paths([src / access], settings, access=access, jobs=2).ingested)
    extra = sorted((shared / "corpus" / "congbao_pdf").rglob("*.pdf")) + sorted((shared / "seeds").glob("*.txt"))
    if extra:
        n += len(ingest_paths(extra, settings, jobs=2).ingested)
    return n


def variant_pairs(symbols: list[str]) -> list[tuple[str, str]]:
    """Pairs of listed symbols one OCR confusion apart (same number, codes differing by one confusion)."""
    seen = {s.upper(): s for s in symbols}
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for s in symbols:
        for v in one_confusion_away(s):
            if v.upper() in seen and seen[v.upper()] != s:
                pairs.setdefault(frozenset((s, seen[v.upper()])), (s, seen[v.upper()]))
    return list(pairs.values())


def check(archive: Path) -> dict:
    store = ArchiveStore(archive)
    catalog = Catalog(store)
    entries = missing_documents(catalog, load_graph(store), list(ACCESS_LEVELS))
    own = {fold(d.metadata.symbol or "") for d in catalog.all() if d.metadata.symbol}
    report: dict[str, list] = {"running_headers": [], "ocr_variants": [], "self_citations": [], "cut_issuers": [],
                               "unnamed": []}
    for m in entries:
        if m.symbol and HEADER.match(m.symbol):
            report["running_headers"].append(m.text)
        if m.symbol and fold(m.symbol) in own:
            cited_by_itself = [d for d in m.cited_by if fold(d.symbol or "") == fold(m.symbol)]
            if cited_by_itself:
                report["self_citations"].append(m.text)
        if m.issuer and cut_issuer(m.issuer):
            report["cut_issuers"].append(f"{m.issuer!r} in {m.text!r}")
        if m.identified and not m.symbol and not re.search(r"\w+\s+\w+", re.sub(r"ngày.*", "", m.text)):
            report["unnamed"].append(m.text)
    report["ocr_variants"] = [f"{a} beside {b}" for a, b in variant_pairs([m.symbol for m in entries if m.symbol])]
    return {"entries": len(entries), "documents": len(catalog.all()),
            "counts": {k: len(v) for k, v in report.items()}, "faults": report}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--archive", type=Path, default=None, help="check an existing archive instead of building one")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    t0 = time.perf_counter()
    if a.archive is None:
        if not (a.shared / "corpus" / "congbao_pdf").is_dir():
            print(f"bỏ qua: không có {a.shared}/corpus/congbao_pdf", file=sys.stderr)
        tmp = Path(tempfile.mkdtemp(prefix="sulieu-missing-"))
        a.archive = tmp / "archive"
        build(a.archive, a.shared)
    result = check(a.archive)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    print(f"{result['documents']} tài liệu, {result['entries']} mục còn thiếu; lỗi: {result['counts']}")
    for kind, items in result["faults"].items():
        for item in items:
            print(f"  {kind}: {item}")
    if a.json:
        a.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"archive: {a.archive}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

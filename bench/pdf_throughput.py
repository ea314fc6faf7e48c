"""PDF conversion throughput: pages/s and peak RSS, 1 and 2 worker processes.

Measures what born-digital ingest spends before OCR and understanding: FileSniffer
(sha256 of the file) -> PdfConverter -> TextNormalizer, per file, in worker processes
(the way ``sulieu ingest --jobs 2`` runs). Inputs: the 17 Công báo PDFs in
../shared/corpus/congbao_pdf (179 pages) and generated multi-page directives.

    .venv/bin/python bench/pdf_throughput.py [--repeat 3] [--generated 20] [--jobs 1 2]
    .venv/bin/python bench/pdf_throughput.py --stages   # CPU per stage of the full default pipeline
    .venv/bin/python bench/pdf_throughput.py --end-to-end [--generated 40]
        # ``sulieu ingest --jobs 2`` as users run it: sniff, convert, understand, write the archive,
        # index (Tantivy) and rebuild the citation graph; wall-clock pages/s and peak RSS
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SULIEU_SHARED", ROOT.parent / "shared"))

_converter = None
_sniffer = None
_normalizer = None


def _init(settings: dict) -> None:
    global _converter, _sniffer, _normalizer
    from ingest.components.file_sniffer import FileSniffer
    from ingest.components.pdf_converter import PdfConverter
    from ingest.components.text_normalizer import TextNormalizer

    _sniffer = FileSniffer()
    _converter = PdfConverter(**settings)
    _normalizer = TextNormalizer()


def _work(path: str) -> tuple[int, int, int, float]:
    cpu0 = time.process_time()
    source = _sniffer.run(path)["pdf"]
    doc = _converter.run(source)["document"]
    doc = _normalizer.run(doc)["document"]
    cpu = time.process_time() - cpu0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return len(doc.pages), sum(len(p.text) for p in doc.pages), rss_kb, cpu


def _generate(folder: Path, count: int, pages: int) -> list[Path]:
    from sample_data.directive_pdf import make_directive_pdf

    return [make_directive_pdf(folder / f"gen_{i:03d}.pdf", pages=pages) for i in range(count)]


def run(files: list[Path], jobs: int, settings: dict, repeat: int) -> dict:
    work = [str(f) for f in files] * repeat
    ctx = get_context("fork")
    with ctx.Pool(jobs, initializer=_init, initargs=(settings,)) as pool:
        pool.map(_work, work[:jobs])  # warm-up: imports, pdfium init
        t0 = time.perf_counter()
        results = pool.map(_work, work, chunksize=1)
        elapsed = time.perf_counter() - t0
    pages = sum(r[0] for r in results)
    cpu_ms = 1000 * sum(r[3] for r in results) / pages
    return {
        "cpu_ms_per_page": cpu_ms,
        "pages": pages,
        "seconds": elapsed,
        "pages_per_s": pages / elapsed,
        "chars": sum(r[1] for r in results),
        "peak_rss_mb": max(r[2] for r in results) / 1024,
    }


def stages(files: list[Path]) -> None:
    """CPU ms/page of each stage of ingest.pipeline.build_pipeline on born-digital PDFs, one process."""
    from ingest.pipeline import build_pipeline
    from sulieu.settings import Settings
    from sulieu.store import ArchiveStore

    with tempfile.TemporaryDirectory(prefix="sulieu-stages-") as tmp:
        settings = Settings(archive=Path(tmp) / "archive")
        ArchiveStore(settings.archive).init()
        pipe = build_pipeline(settings)
        names = ["sniffer", "pdf", "ocr", "normalizer", "understand", "writer"]
        comps = {n: pipe.get_component(n) for n in names}
        cpu = dict.fromkeys(names, 0.0)
        pages = 0
        for f in files:
            doc = None
            for n in names:
                t = time.process_time()
                if n == "sniffer":
                    doc = comps[n].run(str(f))["pdf"]
                elif n == "writer":
                    comps[n].run(doc, access="public", user="bench", archive=str(settings.archive))
                else:
                    doc = comps[n].run(doc)["document"]
                cpu[n] += time.process_time() - t
            pages += len(doc.pages)
    total = sum(cpu.values())
    print(f"full default pipeline, {len(files)} born-digital PDFs, {pages} pages, 1 process")
    for n in names:
        print(f"  {n:<11} {1000 * cpu[n] / pages:7.2f} CPU ms/page")
    print(f"  {'total':<11} {1000 * total / pages:7.2f} CPU ms/page -> {pages / total:.1f} pages/s per core, "
          f"{2 * pages / total:.1f} on 2 cores")


def end_to_end(files: list[Path], jobs: int) -> dict:
    """The whole ``ingest_paths`` run (the code behind ``sulieu ingest``) into a fresh archive."""
    from services.ingest import ingest_paths
    from sulieu.settings import Settings

    with tempfile.TemporaryDirectory(prefix="sulieu-e2e-") as tmp:
        settings = Settings(archive=Path(tmp) / "archive", jobs=jobs)
        before_self = resource.getrusage(resource.RUSAGE_SELF)
        before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        summary = ingest_paths(files, settings)
        elapsed = time.perf_counter() - t0
        after_self = resource.getrusage(resource.RUSAGE_SELF)
        after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        from sulieu.store import ArchiveStore

        store = ArchiveStore(settings.archive)
        pages = sum(len(store.read_record(i).pages) for i in store.iter_ids())
    cpu = sum(
        (a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime)
        for a, b in ((after_self, before_self), (after_children, before_children))
    )
    return {
        "files": len(files),
        "ingested": len(summary.ingested),
        "failed": [(f.name, f.message) for f in summary.failed],
        "pages": pages,
        "seconds": round(elapsed, 2),
        "pages_per_s": round(pages / elapsed, 1),
        "cpu_ms_per_page": round(1000 * cpu / pages, 2),
        "two_core_capacity_pages_per_s": round(2 * pages / cpu, 1),
        "peak_rss_mb_main": round(after_self.ru_maxrss / 1024, 1),
        "peak_rss_mb_worker": round(after_children.ru_maxrss / 1024, 1),
        "loadavg_1m_after": round(os.getloadavg()[0], 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="passes over each file set")
    ap.add_argument("--generated", type=int, default=20, help="number of generated PDFs")
    ap.add_argument("--generated-pages", type=int, default=10)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--stages", action="store_true", help="per-stage CPU of the full pipeline instead")
    ap.add_argument("--end-to-end", action="store_true", help="whole ingest incl. understanding and indexing")
    args = ap.parse_args()
    if args.end_to_end:
        import json

        with tempfile.TemporaryDirectory(prefix="sulieu-bench-") as tmp:
            files = _generate(Path(tmp), args.generated, args.generated_pages)
            for i, f in enumerate(files):  # the generator is deterministic: make each file its own
                with f.open("ab") as fh:
                    fh.write(f"\n% ban so {i}\n".encode())
            meta = SHARED / "corpus" / "congbao_pdf" / "meta.jsonl"
            if meta.is_file():  # the real gazettes that need no OCR
                born = [json.loads(line) for line in meta.read_text("utf-8").splitlines() if line.strip()]
                files += [SHARED / "corpus" / "congbao_pdf" / m["pdf_file"] for m in born
                          if m["set"] != "scanned_no_gt" and m["text_layer_chars"] >= 2000]
            result = end_to_end(files, max(args.jobs))
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    if args.stages:
        import json

        meta = SHARED / "corpus" / "congbao_pdf" / "meta.jsonl"
        born = [json.loads(line) for line in meta.read_text("utf-8").splitlines() if line.strip()]
        files = [SHARED / "corpus" / "congbao_pdf" / m["pdf_file"] for m in born
                 if m["set"] != "scanned_no_gt" and m["text_layer_chars"] >= 2000]
        stages(files)
        return 0

    sets: dict[str, list[Path]] = {}
    corpus = SHARED / "corpus" / "congbao_pdf" / "pdf"
    if corpus.is_dir():
        sets["congbao (17 PDFs)"] = sorted(corpus.glob("*.pdf"))
    tmp = tempfile.TemporaryDirectory(prefix="sulieu-bench-")
    if args.generated:
        sets[f"generated ({args.generated}x{args.generated_pages} p)"] = _generate(
            Path(tmp.name), args.generated, args.generated_pages
        )
    configs = {
        "pdfium header (default)": {"header_engine": "pdfium"},
        "pdfplumber header": {"header_engine": "pdfplumber"},
        "no word boxes": {"header_engine": "pdfium", "word_boxes": False},
    }
    print(f"cpu_count={os.cpu_count()}  repeat={args.repeat}")
    print("pages/s = wall clock; cpu ms/p = worker CPU time per page (robust to other load on the")
    print("machine); 2-core capacity = 2 * 1000 / (cpu ms/p), the rate two idle cores would reach.")
    header = (f"{'file set':<26} {'config':<24} {'jobs':>4} {'pages':>6} {'s':>7} {'pages/s':>8} "
              f"{'cpu ms/p':>8} {'2-core cap':>10} {'peak RSS MB':>11}")
    print(header)
    print("-" * len(header))
    for set_name, files in sets.items():
        for cfg_name, settings in configs.items():
            for jobs in args.jobs:
                r = run(files, jobs, settings, args.repeat)
                print(f"{set_name:<26} {cfg_name:<24} {jobs:>4} {r['pages']:>6} {r['seconds']:>7.2f} "
                      f"{r['pages_per_s']:>8.1f} {r['cpu_ms_per_page']:>8.2f} "
                      f"{2000 / r['cpu_ms_per_page']:>10.1f} {r['peak_rss_mb']:>11.1f}", flush=True)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

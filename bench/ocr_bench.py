"""OCR benchmark: accuracy, speed against plain Tesseract, memory on a long book, real PDFs.

Run on demand (not part of the test suite); the machine is shared, so run it once:

    .venv/bin/python bench/ocr_bench.py --cer --pages 8            # CER + s/page vs raw tesseract CLI
    .venv/bin/python bench/ocr_bench.py --ablation --pages 4       # which preprocessing steps help
    .venv/bin/python bench/ocr_bench.py --memory --book-pages 300  # peak RSS ingesting a scanned book
    .venv/bin/python bench/ocr_bench.py --congbao                  # the 17 real Công báo PDFs
    .venv/bin/python bench/ocr_bench.py --all

Pages are rendered from ../shared/seeds and ../shared/corpus/vbpl_central_2025 texts (read at run
time) with ``sample_data.scans``, degraded at four levels, and read twice: by plain ``tesseract FILE
stdout -l vie`` (no preprocessing) and by our pipeline (``PageOcr``: preprocessing, TSV, viewer
image and thumbnail). CER is taken after NFC with whitespace runs made one space, with OCR lines
put in the ground truth's line order first (``reading_order_cer``: the two header columns may be
read in either order); plain CER is shown too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ["OMP_THREAD_LIMIT"] = "1"

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("SULIEU_SHARED", ROOT.parent / "shared"))

from sample_data.scans import LEVELS, cer, degrade, ground_truth, reading_order_cer, render_pages, write_pdf  # noqa: E402

SIGNATURE = ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An"]


# --- corpus ---------------------------------------------------------------------------------


def source_texts(limit: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    docs = SHARED / "corpus/vbpl_central_2025/documents.jsonl"
    if docs.exists():
        with open(docs, encoding="utf-8") as f:
            for line in f:
                if len(texts) >= limit:
                    break
                t = json.loads(line).get("text") or ""
                if len(t) > 1500:
                    texts.append(t[:6000])
    if not texts:
        sys.exit(f"no texts under {SHARED}")
    return texts[:limit]


def make_pages(n: int, out: Path) -> list[tuple[Path, str, str]]:
    """n first pages of distinct documents at every level: (file, level, truth)."""
    out.mkdir(parents=True, exist_ok=True)
    items = []
    for i, text in enumerate(source_texts(n)):
        pages = render_pages(text, signature=SIGNATURE)
        page = pages[0]
        for level in LEVELS:
            img = degrade(page, level, seed=i)
            path = out / f"d{i:02d}-{level}.{'png' if level == 'clean' else 'jpg'}"
            if level == "clean":
                img.save(path, dpi=img.info["dpi"])
            else:
                img.convert("RGB").save(path, "JPEG", quality=92, dpi=img.info["dpi"])
            items.append((path, level, ground_truth(img)))
    return items


# --- runners --------------------------------------------------------------------------------


def _cpu() -> float:
    import resource

    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def raw_cli(paths: list[Path], jobs: int) -> tuple[list[str], float, float]:
    """Plain Tesseract, one single-threaded process per core: texts, wall s, CPU s (all pages)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(p: Path) -> str:
        return subprocess.run(["tesseract", str(p), "stdout", "-l", "vie"], capture_output=True, text=True,
                              env=env, check=False).stdout

    c, t = _cpu(), time.perf_counter()
    with ThreadPoolExecutor(jobs) as ex:
        texts = list(ex.map(one, paths))
    return texts, time.perf_counter() - t, _cpu() - c


def ours(paths: list[Path], jobs: int, staging: Path, steps: list[str] | None = None) -> tuple[list, float, float]:
    """Our PageOcr on the same files (outside staging, so not consumed): pages, wall s, CPU s.

    CPU is exact with ``jobs=1`` (everything runs in this process and its Tesseract children);
    pool workers are the forkserver's children, so their CPU is not counted here."""
    from ingest.components.page_ocr import PageOcr
    from ingest.types import ConvertedDoc, PageDraft, SourceFile

    src = SourceFile(path=str(paths[0]), original_name="bench", sha256=hashlib.sha256(b"bench").hexdigest(),
                     mime="image/jpeg", size=0, kind="image")
    doc = ConvertedDoc(source=src, pages=[PageDraft(number=i + 1, needs_ocr=True, image_file=str(p))
                                          for i, p in enumerate(paths)])
    ocr = PageOcr(staging_dir=str(staging), jobs=jobs, steps=steps)
    c, t = _cpu(), time.perf_counter()
    doc = ocr.run(doc)["document"]
    return doc.pages, time.perf_counter() - t, _cpu() - c


def bench_cer(n: int, jobs: int, rounds: int) -> dict:
    """Per level: CER and CPU seconds per page, one page at a time (CPU time is what a shared,
    loaded machine does not distort); then wall-clock throughput with ``jobs`` processes,
    raw and ours alternating, over all levels together."""
    from ingest.ocr import tesseract as ts

    ts.ensure_available("tesseract", "vie")  # warm the version cache outside the timings
    work = Path(tempfile.mkdtemp(prefix="ocrbench-"))
    try:
        t = time.perf_counter()
        items = make_pages(n, work / "pages")
        print(f"generated {len(items)} page images from {n} documents in {time.perf_counter() - t:.0f} s", flush=True)
        report: dict = {"documents": n, "jobs": jobs, "levels": {}}
        for level in LEVELS:
            sel = [(p, tr) for p, lv, tr in items if lv == level]
            paths, truths = [p for p, _ in sel], [tr for _, tr in sel]
            raw_texts, _, raw_cpu = raw_cli(paths, 1)
            pages, _, our_cpu = ours(paths, 1, work / "staging")
            shutil.rmtree(work / "staging", ignore_errors=True)
            row = {
                "cer_raw": statistics.fmean(reading_order_cer(t, h) for t, h in zip(truths, raw_texts, strict=True)),
                "cer_ours": statistics.fmean(reading_order_cer(t, p.text) for t, p in zip(truths, pages, strict=True)),
                "cer_raw_max": max(reading_order_cer(t, h) for t, h in zip(truths, raw_texts, strict=True)),
                "cer_ours_max": max(reading_order_cer(t, p.text) for t, p in zip(truths, pages, strict=True)),
                "plain_cer_raw": statistics.fmean(cer(t, h) for t, h in zip(truths, raw_texts, strict=True)),
                "plain_cer_ours": statistics.fmean(cer(t, p.text) for t, p in zip(truths, pages, strict=True)),
                "cpu_s_per_page_raw": raw_cpu / len(paths),
                "cpu_s_per_page_ours": our_cpu / len(paths),
                "mean_conf": statistics.fmean(p.confidence or 0 for p in pages),
                "needs_review": sum(p.needs_review for p in pages),
                "steps": sorted({s.split(":")[0] for p in pages for s in (p.ocr or {}).get("preprocessing", [])}),
            }
            report["levels"][level] = row
            print(f"{level:9s} CER ours {row['cer_ours']:.4f} (max {row['cer_ours_max']:.4f}) raw {row['cer_raw']:.4f} "
                  f"(max {row['cer_raw_max']:.4f}) | plain CER ours {row['plain_cer_ours']:.4f} raw "
                  f"{row['plain_cer_raw']:.4f} | CPU s/page ours {row['cpu_s_per_page_ours']:.2f} raw "
                  f"{row['cpu_s_per_page_raw']:.2f} | conf {row['mean_conf']:.1f} review "
                  f"{row['needs_review']}/{len(paths)} | {','.join(row['steps'])}", flush=True)
        levels = report["levels"].values()
        report["cpu_ratio_ours_over_raw"] = (sum(r["cpu_s_per_page_ours"] for r in levels)
                                             / sum(r["cpu_s_per_page_raw"] for r in levels))
        print(f"CPU per page, all levels: ours/raw = {report['cpu_ratio_ours_over_raw']:.3f}", flush=True)
        for level_set in (("clean", "moderate"),):
            paths = [p for p, lv, _ in items if lv in level_set]
            raw_w, our_w = [], []
            for _ in range(rounds):  # alternate so both see the same machine load
                raw_w.append(raw_cli(paths, jobs)[1])
                our_w.append(ours(paths, jobs, work / "staging")[1])
                shutil.rmtree(work / "staging", ignore_errors=True)
            key = "+".join(level_set)
            report[f"wall_{key}"] = {"s_per_page_raw": min(raw_w) / len(paths), "s_per_page_ours": min(our_w) / len(paths),
                                     "ratio": min(our_w) / min(raw_w), "pages": len(paths), "rounds": rounds}
            print(f"wall, {jobs} jobs, {key} ({len(paths)} pages): ours {min(our_w) / len(paths):.2f} s/page, raw CLI "
                  f"{min(raw_w) / len(paths):.2f} s/page, ratio {min(our_w) / min(raw_w):.3f} "
                  f"(best of {rounds}, load {os.getloadavg()[0]:.1f})", flush=True)
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_ablation(n: int, jobs: int) -> dict:
    from ingest.ocr import preprocess as pp

    configs: dict[str, list[str]] = {"default": list(pp.DEFAULT_STEPS), "all": list(pp.ALL_STEPS),
                                     "none": ["exif"], "resample_only": ["exif", "resample"]}
    for step in pp.DEFAULT_STEPS:
        if step not in ("exif", "blank"):
            configs[f"-{step}"] = [s for s in pp.DEFAULT_STEPS if s != step]
    for step in ("contrast", "border"):
        configs[f"+{step}"] = [*pp.DEFAULT_STEPS, step]
    work = Path(tempfile.mkdtemp(prefix="ocrabl-"))
    try:
        items = [it for it in make_pages(n, work / "pages") if it[1] in ("moderate", "heavy")]
        out: dict = {}
        for level in ("moderate", "heavy"):
            sel = [(p, tr) for p, lv, tr in items if lv == level]
            for name, steps in configs.items():
                pages, dt, _ = ours([p for p, _ in sel], jobs, work / "staging", steps=steps)
                c = statistics.fmean(reading_order_cer(tr, pg.text) for (_, tr), pg in zip(sel, pages, strict=True))
                out[f"{level}/{name}"] = {"cer": c, "s_per_page": dt / len(sel)}
                print(f"{level:9s} {name:16s} CER {c:.4f}  {dt / len(sel):.2f} s/page", flush=True)
                shutil.rmtree(work / "staging", ignore_errors=True)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- memory on a long book ------------------------------------------------------------------


def _tree_mem(pid: int) -> tuple[int, int, dict[str, int]]:
    """(sum of PSS, sum of RSS, RSS by process name) over the process and its descendants.

    PSS splits pages shared between forked workers fairly, so it is the honest total;
    the RSS sum double-counts them and is shown as an upper bound."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0, {}
    pss = rss = 0
    names: dict[str, int] = {}
    for p in procs:
        try:
            info = p.memory_full_info()
            pss += getattr(info, "pss", info.rss)
            rss += info.rss
            name = p.name()
            names[name] = names.get(name, 0) + info.rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return pss, rss, names


def make_book(pages: int, path: Path, distinct: int = 12) -> Path:
    """A scanned book: ``distinct`` rendered pages, lightly degraded, cycled to ``pages``."""
    texts = source_texts(max(distinct, 3))
    base = []
    for i, text in enumerate(texts):
        for pg in render_pages(text)[:2]:
            base.append(degrade(pg, "light", seed=i).convert("L"))
            if len(base) >= distinct:
                break
        if len(base) >= distinct:
            break
    write_pdf((base[i % len(base)] for i in range(pages)), path, quality=75)
    return path


def book_child(pdf: str, staging: str, jobs: int) -> None:
    """Runs in a child process: PdfConverter → PageOcr on the whole book, like an ingest."""
    from ingest.components.page_ocr import PageOcr
    from ingest.components.pdf_converter import PdfConverter
    from ingest.types import SourceFile

    data_sha = hashlib.sha256(Path(pdf).read_bytes()).hexdigest()
    src = SourceFile(path=pdf, original_name="book.pdf", sha256=data_sha, mime="application/pdf",
                     size=Path(pdf).stat().st_size, kind="pdf")
    t = time.perf_counter()
    doc = PdfConverter().run(src)["document"]
    doc = PageOcr(staging_dir=staging, jobs=jobs).run(doc)["document"]
    ocrd = sum(p.source == "ocr" for p in doc.pages)
    print(json.dumps({"pages": len(doc.pages), "ocr_pages": ocrd, "seconds": time.perf_counter() - t,
                      "chars": sum(len(p.text) for p in doc.pages)}), flush=True)


def bench_memory(pages: int, jobs: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="ocrbook-"))
    try:
        t = time.perf_counter()
        pdf = make_book(pages, work / "book.pdf")
        print(f"book of {pages} pages written ({pdf.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s",
              flush=True)
        staging = work / "staging"
        proc = subprocess.Popen([sys.executable, __file__, "--book-child", str(pdf), str(staging), str(jobs)],
                                stdout=subprocess.PIPE, text=True)
        samples: list[tuple[float, int, int, int]] = []
        by_name_peak: dict[str, int] = {}
        stop = threading.Event()

        def sample() -> None:
            t0 = time.perf_counter()
            while not stop.is_set():
                n_done = len(list(staging.glob("*.thumb.jpg"))) if staging.exists() else 0
                pss, rss, names = _tree_mem(proc.pid)
                samples.append((time.perf_counter() - t0, pss, n_done, rss))
                for k, v in names.items():
                    by_name_peak[k] = max(by_name_peak.get(k, 0), v)
                stop.wait(0.5)

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        out, _ = proc.communicate()
        stop.set()
        th.join()
        result = json.loads(out.strip().splitlines()[-1])
        peak = max(s[1] for s in samples)
        peak_rss = max(s[3] for s in samples)
        quarters = {}
        for q in (0.25, 0.5, 0.75, 1.0):
            within = [s[1] for s in samples if s[2] <= q * pages]
            quarters[f"peak_pss_mb_until_{int(q * 100)}pct"] = round(max(within) / 2**20) if within else None
        result.update({"peak_pss_mb": round(peak / 2**20), "peak_rss_sum_mb": round(peak_rss / 2**20), **quarters,
                       "peak_rss_mb_by_process": {k: round(v / 2**20) for k, v in by_name_peak.items()},
                       "s_per_page": result["seconds"] / max(1, result["ocr_pages"])})
        print(json.dumps(result, indent=1), flush=True)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- the real Công báo PDFs -----------------------------------------------------------------


def bench_congbao(jobs: int) -> dict:
    import re
    import unicodedata

    from ingest.components.page_ocr import PageOcr
    from ingest.components.pdf_converter import PdfConverter
    from ingest.types import SourceFile

    folder = SHARED / "corpus/congbao_pdf"
    meta = {}
    with open(folder / "meta.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            meta[d["slug"]] = d
    vbpl: dict[str, str] = {}
    with open(SHARED / "corpus/vbpl_central_2025/documents.jsonl", encoding="utf-8") as f:
        wanted = {m["vbpl_match"]["doc_id"] for m in meta.values() if m.get("vbpl_match")}
        for line in f:
            d = json.loads(line)
            if d["doc_id"] in wanted:
                vbpl[d["doc_id"]] = d["text"]

    def words(t: str) -> list[str]:
        return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", t).lower())

    rows = []
    staging = Path(tempfile.mkdtemp(prefix="congbao-"))
    try:
        for pdf in sorted((folder / "pdf").glob("*.pdf")):
            data = pdf.read_bytes()
            src = SourceFile(path=str(pdf), original_name=pdf.name, sha256=hashlib.sha256(data).hexdigest(),
                             mime="application/pdf", size=len(data), kind="pdf")
            t = time.perf_counter()
            doc = PdfConverter().run(src)["document"]
            doc = PageOcr(staging_dir=str(staging), jobs=jobs).run(doc)["document"]
            dt = time.perf_counter() - t
            ocr = [p for p in doc.pages if p.source == "ocr"]
            row = {"pdf": pdf.stem, "pages": len(doc.pages), "text_layer": sum(p.source == "text_layer" for p in doc.pages),
                   "ocr": len(ocr), "review": sum(p.needs_review for p in doc.pages), "seconds": round(dt, 1),
                   "mean_conf": round(statistics.fmean(p.confidence for p in ocr if p.confidence), 1) if ocr else None}
            m = meta.get(pdf.stem, {}).get("vbpl_match") or {}
            if ocr and m.get("doc_id") in vbpl:
                truth = words(vbpl[m["doc_id"]])
                got = set(words(doc.text))
                row["vbpl_word_recall"] = round(sum(w in got for w in truth) / len(truth), 4)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"files": rows, "pages": sum(r["pages"] for r in rows), "ocr_pages": sum(r["ocr"] for r in rows)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cer", action="store_true")
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument("--memory", action="store_true")
    ap.add_argument("--congbao", action="store_true")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--pages", type=int, default=8, help="documents (first pages) per degradation level")
    ap.add_argument("--book-pages", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2, help="alternating raw/ours wall-clock rounds (best kept)")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--book-child", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.book_child:
        book_child(a.book_child[0], a.book_child[1], int(a.book_child[2]))
        return
    results: dict = {"machine": {"cpus": os.cpu_count(), "load_avg": os.getloadavg()}}
    if a.cer or a.all:
        results["cer"] = bench_cer(a.pages, a.jobs, a.rounds)
    if a.ablation or a.all:
        results["ablation"] = bench_ablation(max(2, a.pages // 2), a.jobs)
    if a.congbao or a.all:
        results["congbao"] = bench_congbao(a.jobs)
    if a.memory or a.all:
        results["memory"] = bench_memory(a.book_pages, a.jobs)
    results["machine"]["load_avg_end"] = os.getloadavg()
    if a.json:
        a.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()

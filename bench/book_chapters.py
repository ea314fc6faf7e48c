"""Scanned local-history books against their own text: metadata fields and chapters, per level, in one run.

    nice -n 10 .venv/bin/python bench/book_chapters.py [--books 6] [--seed 3000] [--levels clean,moderate,heavy]
        [--dpi 300] [--jobs 1] [--ocr-cache F.json] [--show 5]

Each book is ``sample_data.book.generated_book(seed)`` (district, eras, chapter count, title wrapping,
credits layout, contents before or after the body, "CHƯƠNG" or "Chương": all drawn from the seed; the
rules were developed on seeds 2000-2003 and the tests use 0-7, so the default 3000 is held out) drawn by
``sample_data.render_book_scan`` (title page, credits, MỤC LỤC with dot leaders, running headers,
footnotes under a rule, printed page numbers), aged by ``sample_data.scans.degrade`` and read by the
real OCR component (``PageOcr``) and the real understanding component (``MetadataExtractor``). The
same pages' ground-truth text is the baseline.

Scored: the metadata fields a book's title and credits pages give; every chapter (whole title, period,
scan page and printed page all right), every section heading, the contents entries, the printed page
number of every body page, headings that are no chapter or section (a running header taken for one is
counted apart), and footnote citations (page and footnote number).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ["OMP_THREAD_LIMIT"] = "1"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.components.metadata_extractor import MetadataExtractor  # noqa: E402
from ingest.types import ConvertedDoc, PageDraft, SourceFile  # noqa: E402
from sample_data.book import GeneratedBook, generated_book  # noqa: E402
from sample_data.render_book_scan import BookTruth, render_book  # noqa: E402
from sample_data.scans import degrade  # noqa: E402

LEVELS = ("clean", "moderate", "heavy")


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip().casefold()


def book_fields(book: GeneratedBook) -> dict[str, Any]:
    """What the title and credits pages print, as ``DocumentMetadata`` should hold it."""
    roles = dict(book.credits)
    return {
        "doc_type": "sách",
        "title": norm(book.title),
        "issuer": norm(book.body),
        "publisher": norm(re.sub(r"^NHÀ XUẤT BẢN", "Nhà xuất bản", book.publisher)),
        "place": norm(book.place),
        "date": str(book.year),
        "period": book.period,
        "editor_in_chief": norm(roles["Chủ biên"][0]),
        "compilers": [norm(n) for n in roles["Biên soạn"]],
    }


def got_fields(md: Any) -> dict[str, Any]:
    return {
        "doc_type": norm(md.doc_type),
        "title": norm(md.title),
        "issuer": norm(md.issuer),
        "publisher": norm(md.publisher),
        "place": norm(md.place),
        "date": md.date,
        "period": (md.period.start, md.period.end) if md.period else None,
        "editor_in_chief": norm(md.editor_in_chief),
        "compilers": [norm(n) for n in md.compilers],
    }


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}
        self.misses: dict[str, list[str]] = {}

    def add(self, name: str, ok: bool, miss: str) -> None:
        t = self.counts.setdefault(name, [0, 0])
        t[0] += ok
        t[1] += 1
        if not ok:
            self.misses.setdefault(name, []).append(miss)


def _heading_text(h: Any) -> str:
    return norm(h.title)


def score_book(doc: ConvertedDoc, book: GeneratedBook, truth: BookTruth, tally: Tally, label: str) -> None:
    md = doc.metadata
    want, got = book_fields(book), got_fields(md)
    for name in want:
        tally.add(f"field.{name}", got[name] == want[name], f"{label}: {got[name]!r} != {want[name]!r}")
    chapters = [h for h in doc.structure if h.kind == "chapter"]
    for t in truth.chapters:
        title = norm(f"{t.label}: {t.title}")
        h = next((h for h in chapters if _heading_text(h) == title), None)
        near = h or next((h for h in chapters if _heading_text(h).startswith(norm(t.label) + ":")), None)
        ok = (h is not None and h.period is not None and (h.period.start, h.period.end) == t.period
              and h.page == t.page and h.printed_page == t.printed_page)
        shown = (near.title, near.period, near.page, near.printed_page) if near else None
        tally.add("chapter", ok, f"{label}: {shown!r} != {(title, t.period, t.page, t.printed_page)!r}")
    sections = {(p, norm(s)) for p, s in truth.sections}
    found = {(h.page, _heading_text(h)) for h in doc.structure if h.kind == "numbered"}
    for p, s in sorted(sections):
        near = sorted(f for f in found if f[0] == p)
        tally.add("section", (p, s) in found, f"{label}: p{p} {s!r} not in {near!r}")
    wanted = {norm(f"{t.label}: {t.title}") for t in truth.chapters} | {s for _, s in sections}
    headers = {p: norm(h) for p, h in truth.running_headers.items()}
    for h in doc.structure:
        text = _heading_text(h)
        if text in wanted:
            continue
        header = h.page in headers and (text in headers[h.page] or headers[h.page] in text)
        tally.add("no running header as heading", not header, f"{label}: p{h.page} {h.title!r}")
        tally.add("no other extra heading", header, f"{label}: p{h.page} {h.title!r}")
    listed = [(norm(e.title), e.printed_page) for e in doc.contents]
    for k, t in enumerate(truth.chapters):
        got_entry = listed[k] if k < len(listed) and len(listed) == len(truth.chapters) else None
        want_title = norm(f"{t.label}: {t.title}")
        tally.add("contents title", got_entry is not None and got_entry[0] == want_title,
                  f"{label}: {got_entry!r} != {want_title!r}")
        tally.add("contents page", got_entry is not None and got_entry[1] == t.printed_page,
                  f"{label}: {got_entry[1] if got_entry else None!r} != {t.printed_page!r}")
    for number, printed in truth.printed_pages.items():
        have = doc.pages[number - 1].printed_number
        tally.add("printed page", have == printed, f"{label}: p{number} {have!r} != {printed!r}")
    notes = {(c.page, c.footnote, c.symbol) for c in doc.citations if c.footnote is not None}
    for page, number, symbol in truth.footnote_citations:
        tally.add("footnote citation", (page, number, symbol) in notes,
                  f"{label}: p{page} ({number}) {symbol} not in {sorted(n for n in notes if n[0] == page)!r}")


def understood(texts: list[str], name: str) -> ConvertedDoc:
    src = SourceFile(path=name, original_name=name, sha256=hashlib.sha256(name.encode()).hexdigest(),
                     mime="application/pdf", size=0, kind="image")
    doc = ConvertedDoc(source=src, pages=[PageDraft(number=i + 1, text=t, source="ocr") for i, t in enumerate(texts)])
    return MetadataExtractor().run(doc)["document"]


def ocr_pages(paths: list[Path], staging: Path, jobs: int) -> list[str]:
    from ingest.components.page_ocr import PageOcr

    src = SourceFile(path=str(paths[0]), original_name="bench", sha256=hashlib.sha256(b"bench").hexdigest(),
                     mime="image/jpeg", size=0, kind="image")
    doc = ConvertedDoc(source=src, pages=[PageDraft(number=i + 1, needs_ocr=True, image_file=str(p))
                                          for i, p in enumerate(paths)])
    doc = PageOcr(staging_dir=str(staging), jobs=jobs).run(doc)["document"]
    return [p.text or "" for p in doc.pages]


def _line(name: str, tally: Tally) -> str:
    per = "  ".join(f"{k} {a}/{b}" for k, (a, b) in tally.counts.items() if not k.startswith("field."))
    fields = [v for k, v in tally.counts.items() if k.startswith("field.")]
    ok, n = sum(a for a, _ in fields), sum(b for _, b in fields)
    return f"{name:10s} fields {ok / max(n, 1):6.1%} ({ok}/{n})   {per}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--books", type=int, default=6)
    ap.add_argument("--seed", type=int, default=3000, help="first book seed (development: 2000-2003, tests: 0-7)")
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--show", type=int, default=5)
    ap.add_argument("--ocr-cache", type=Path, default=None,
                    help="a JSON of the OCR texts: read if it exists (understanding re-scored without OCR), else written")
    a = ap.parse_args()
    levels = tuple(x for x in a.levels.split(",") if x)
    books = []
    for i in range(a.books):
        book = generated_book(a.seed + i)
        pages, truth = render_book(book, dpi=a.dpi)
        books.append((book, pages, truth))
    results: dict[str, Tally] = {"text": Tally()}
    for i, (book, pages, truth) in enumerate(books):
        doc = understood([p.info["ground_truth"] for p in pages], f"text-{i}")
        score_book(doc, book, truth, results["text"], f"b{i}")
    cache_file: Path | None = a.ocr_cache
    cached: dict[str, str] = json.loads(cache_file.read_text()) if cache_file and cache_file.exists() else {}
    work = Path(tempfile.mkdtemp(prefix="bookbench-"))
    try:
        names: list[str] = []
        paths: list[Path] = []
        for i, (_book, pages, _truth) in enumerate(books):
            for level in levels:
                for k, page in enumerate(pages):
                    name = f"b{a.seed + i}-{a.dpi}-{level}-{k}"
                    names.append(name)
                    if name in cached:
                        continue
                    img = degrade(page, level, seed=(a.seed + i) * 97 + k)  # type: ignore[arg-type]
                    path = work / f"{name}.jpg"
                    img.convert("RGB").save(path, "JPEG", quality=90, dpi=img.info["dpi"])
                    paths.append(path)
        t0 = time.perf_counter()
        if paths:
            texts = ocr_pages(paths, work / "staging", a.jobs)
            cached.update({p.stem: t for p, t in zip(paths, texts, strict=True)})
            print(f"OCR {len(paths)} pages in {time.perf_counter() - t0:.0f} s", flush=True)
            if cache_file:
                cache_file.write_text(json.dumps(cached, ensure_ascii=False))
        for i, (book, pages, truth) in enumerate(books):
            for level in levels:
                texts = [cached[f"b{a.seed + i}-{a.dpi}-{level}-{k}"] for k in range(len(pages))]
                doc = understood(texts, f"{level}-{i}")
                score_book(doc, book, truth, results.setdefault(level, Tally()), f"b{a.seed + i}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n_ch = sum(len(t.chapters) for _, _, t in books)
    print(f"{len(books)} books, {sum(len(p) for _, p, _ in books)} pages, {n_ch} chapters")
    for name, tally in results.items():
        print(_line(name, tally))
    for name, tally in results.items():
        for f, items in tally.misses.items():
            for m in items[: a.show]:
                print(f"  miss [{name}] {f}: {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Search by chapter period (giai_doan:) on generated books: exactness against a brute-force answer, latency.

    python bench/period_search.py [--books 1000] [--queries 200] [--seed 7]

Each book gets its own chapter boundaries (2-6 chapters between 1930 and 2020, some leaving years out
between them, some "(... - nay)", some
inside parts that carry the period while their chapters do not), a preface, sections, 2-8 pages a chapter,
and a sentence or two of Party-history prose a page. The expected answer of each random year range is
worked out here, apart from ``sulieu.chapters``: the books with a chapter overlapping it, and for the period
alone the first pages of those chapters. Reported: queries whose total or hit pages differ (must be 0), how
many books a single start/end pair per book would have matched wrongly, and latency (ms) of the period
alone and with two words, on the real Tantivy index.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search_engine.indexer import build_index_document  # noqa: E402
from search_engine.models import SearchRequest  # noqa: E402
from search_engine.service import search  # noqa: E402
from search_engine.tantivy_backend import TantivyBackend  # noqa: E402
from sulieu.model import DocumentMetadata, Heading, Page, Period, Provenance, Record  # noqa: E402

SENTENCES = [
    "Đảng bộ huyện lãnh đạo Nhân dân khôi phục sản xuất, ổn định đời sống.",
    "Các chi bộ ở cơ sở được củng cố, nhiều quần chúng ưu tú được kết nạp vào Đảng.",
    "Phong trào hợp tác xã nông nghiệp phát triển rộng khắp các xã trong huyện.",
    "Lực lượng dân quân du kích phối hợp với bộ đội chủ lực đánh địch, bảo vệ quê hương.",
    "Công tác tuyên truyền, giáo dục truyền thống cách mạng được chú trọng.",
    "Thực hiện công cuộc đổi mới, cơ cấu kinh tế chuyển dịch theo hướng công nghiệp, dịch vụ.",
    "Cuộc kháng chiến trường kỳ đòi hỏi sự đóng góp sức người, sức của của toàn dân.",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
BOOK_YEAR = 2024


def make_book(rnd: random.Random, n: int) -> tuple[Record, list[tuple[int, int, int, int]]]:
    """A record and its chapters as (first page, last page, start year, end year), worked out here."""
    k = rnd.randint(2, 6)
    cuts = sorted(rnd.sample(range(1931, 2020), k - 1))
    bounds = [1930, *cuts, 2020]
    open_end = rnd.random() < 0.2
    in_parts = rnd.random() < 0.25 and k >= 4
    pages: list[str] = ["LỊCH SỬ ĐẢNG BỘ HUYỆN\nBAN CHẤP HÀNH ĐẢNG BỘ", "LỜI NÓI ĐẦU\n" + rnd.choice(SENTENCES)]
    heads = [Heading(level=1, kind="preface", title="Lời nói đầu", page=2)]
    truth = []
    half = k // 2
    for i in range(k):
        a, b = bounds[i], bounds[i + 1]
        last = i == k - 1
        if not last and not in_parts and b - a > 4 and rnd.random() < 0.3:
            b = a + (b - a) // 2  # the book skips years: the next chapter starts later
        shown_end = "nay" if (last and open_end) else str(b)
        if in_parts and i in (0, half):
            pa, pb = (bounds[0], bounds[half]) if i == 0 else (bounds[half], bounds[k])
            pend = "nay" if (open_end and i == half) else str(pb)
            heads.append(Heading(level=1, kind="part", title=f"Phần thứ {'nhất' if i == 0 else 'hai'} ({pa} - {pend})",
                                 page=len(pages) + 1, period=Period(start=pa, end=None if pend == "nay" else pb)))
        title = f"Chương {ROMAN[i]}: Thời kỳ {a} - {shown_end}" if not in_parts else f"Chương {ROMAN[i]}: Một thời kỳ"
        if not in_parts:
            title = f"Chương {ROMAN[i]}: Đảng bộ lãnh đạo ({a} - {shown_end})"
        period = None if in_parts else Period(start=a, end=None if shown_end == "nay" else b)
        first = len(pages) + 1
        heads.append(Heading(level=2, kind="chapter", title=title, page=first, period=period))
        for j in range(rnd.randint(2, 8)):
            if j == 1 and rnd.random() < 0.5:
                heads.append(Heading(level=3, kind="section", title="I. Bối cảnh", page=len(pages) + 1))
            pages.append((title + "\n" if j == 0 else "") + " ".join(rnd.sample(SENTENCES, 2)))
        if in_parts:  # the chapter takes its part's period
            a, b = (bounds[0], bounds[half]) if i < half else (bounds[half], bounds[k])
            if open_end and i >= half:
                b = BOOK_YEAR
        elif last and open_end:
            b = BOOK_YEAR
        truth.append((first, len(pages), a, b))
    doc_id = f"{n:016x}"
    rec = Record(id=doc_id, provenance=Provenance(original_name=f"{doc_id}.txt", mime="text/plain", size=1,
                                                   sha256=doc_id * 4),
                 pages=[Page(number=i + 1, text=t) for i, t in enumerate(pages)],
                 metadata=DocumentMetadata(doc_type="Sách", date=str(BOOK_YEAR), title=f"Lịch sử Đảng bộ {n}"),
                 structure=heads)
    return rec, truth


def random_range(rnd: random.Random) -> tuple[str, int | None, int | None]:
    r = rnd.random()
    lo = rnd.randint(1920, 2030)
    if r < 0.25:
        return f"{lo}", lo, lo
    if r < 0.35:
        return f"{lo}..", lo, None
    if r < 0.45:
        return f"..{lo}", None, lo
    hi = lo + rnd.randint(0, 30)
    return (f"{lo}..{hi}" if rnd.random() < 0.5 else f"{lo}-{hi}"), lo, hi


def overlaps(a: int, b: int, lo: int | None, hi: int | None) -> bool:
    return (lo is None or b >= lo) and (hi is None or a <= hi)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--books", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    books = [make_book(rnd, i + 1) for i in range(args.books)]
    n_pages = sum(len(r.pages) for r, _ in books)
    with tempfile.TemporaryDirectory() as tmp:
        b = TantivyBackend(Path(tmp) / "index")
        t0 = time.perf_counter()
        with b.batch() as bt:
            for rec, _ in books:
                bt.upsert(build_index_document(rec, []))
        build_s = time.perf_counter() - t0
        truth = {rec.id: chs for rec, chs in books}
        wrong_total = wrong_pages = naive_false = 0
        alone: list[float] = []
        words: list[float] = []
        for _ in range(args.queries):
            text, lo, hi = random_range(rnd)
            want = {d for d, chs in truth.items() if any(overlaps(a, e, lo, hi) for _, _, a, e in chs)}
            naive = {d for d, chs in truth.items() if overlaps(chs[0][2], max(c[3] for c in chs), lo, hi)}
            naive_false += len(naive - want)
            t = time.perf_counter()
            res = search(b, SearchRequest(q=f"giai_doan:{text}", page_size=10))
            alone.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search(b, SearchRequest(q=f"giai_doan:{text} hợp tác xã", page_size=10))
            words.append((time.perf_counter() - t) * 1000)
            full = search(b, SearchRequest(q=f"giai_doan:{text}", page_size=100, facets=False))
            got = {h.id for h in full.hits}
            if full.total != len(want) or not got <= want:
                wrong_total += 1
            for h in res.hits:
                firsts = [f for f, _, a, e in truth[h.id] if overlaps(a, e, lo, hi)][:5]
                if [p.page for p in h.pages] != firsts:
                    wrong_pages += 1
        print(f"books {args.books}, pages {n_pages}, built in {build_s:.1f} s ({n_pages / build_s:.0f} pages/s)")
        print(f"queries {args.queries}: wrong totals {wrong_total}, hits with wrong pages {wrong_pages}")
        print(f"one start/end pair per book would have matched {naive_false} wrong books in all")
        print(f"giai_doan alone: p50 {statistics.median(alone):.1f} ms, p95 {pct(alone, .95):.1f} ms")
        print(f"giai_doan + 3 words: p50 {statistics.median(words):.1f} ms, p95 {pct(words, .95):.1f} ms")
        b.close()


if __name__ == "__main__":
    main()

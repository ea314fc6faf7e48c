"""How long does ``sulieu check`` take per 10,000 documents?

Builds a synthetic archive of N documents (each: one original of --size bytes, one record,
optionally one page image), then times ``check_archive`` without and with the index. Hashing
the originals dominates, so the report gives time per 10,000 documents, total bytes hashed,
and the hashing rate (MB/s) to extrapolate to real archives (scans are larger than text files).

    .venv/bin/python bench/check_bench.py --docs 10000 --size 20000
    .venv/bin/python bench/check_bench.py --docs 10000 --size 20000 --keep /tmp/chk   # reuse the archive

The page cache is warm after generation; on a cold disk the rate is bounded by the disk.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.preservation import check_archive  # noqa: E402
from sulieu.model import DocumentMetadata, Page, Provenance, Record  # noqa: E402
from sulieu.settings import Settings  # noqa: E402
from sulieu.store import ArchiveStore, doc_id_for  # noqa: E402

WORDS = ("Đảng bộ Quận ủy Kiến An kế hoạch thông báo chỉ thị công tác lịch sử tổng kết xây dựng tư liệu "
         "Ban Thường vụ Huyện ủy Thành ủy nghị quyết thực hiện sơ kết năm giai đoạn phường xã").split()


def generate(root: Path, n: int, size: int, page_image: int) -> ArchiveStore:
    """Synthetic documents in the archive layout. Plain writes, no fsync: durability is not measured here."""
    store = ArchiveStore(root).init()
    have = store.count()
    rnd = random.Random(42)
    for i in range(have, n):
        body = f"Tài liệu số {i}-KH/QU\n" + " ".join(rnd.choice(WORDS) for _ in range(size // 6))
        data = body.encode("utf-8")[:size]
        sha = hashlib.sha256(data).hexdigest()
        doc_id = doc_id_for(sha)
        orig = store.original_path(sha)
        orig.parent.mkdir(parents=True, exist_ok=True)
        orig.write_bytes(data)
        page = Page(number=1, text=body[:2000], source="text")
        if page_image:
            rel = f"pages/{doc_id}/0001.png"
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(os.urandom(page_image))
            page.image = rel
        rec = Record(
            id=doc_id,
            provenance=Provenance(original_name=f"doc{i}.txt", mime="text/plain", size=len(data), sha256=sha),
            pages=[page],
            metadata=DocumentMetadata(doc_type="Kế hoạch", symbol=f"{i}-KH/QU", date="2024"),
        )
        path = store.record_path(doc_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rec.model_dump(mode="json"), ensure_ascii=False, indent=1), encoding="utf-8")
        if (i + 1) % 2000 == 0:
            print(f"  tạo {i + 1}/{n} tài liệu", file=sys.stderr)
    return store


def timed(label: str, fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"{label}: {dt:.2f} s", file=sys.stderr)
    return dt, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--size", type=int, default=20_000, help="bytes per original (default 20 kB)")
    ap.add_argument("--page-image", type=int, default=0, help="bytes of one page image per document (0 = none)")
    ap.add_argument("--jobs", type=int, default=0, help="hashing threads (0 = CPU count)")
    ap.add_argument("--keep", type=Path, help="archive folder to create or reuse")
    ap.add_argument("--no-index", action="store_true", help="skip the index part")
    args = ap.parse_args()

    tmp = None
    if args.keep:
        root = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="sulieu-check-bench-")
        root = Path(tmp.name) / "archive"
    gen_s, store = timed(f"tạo kho {args.docs} tài liệu", lambda: generate(root, args.docs, args.size, args.page_image))
    jobs = args.jobs or os.cpu_count() or 1
    results: dict[str, object] = {"docs": store.count(), "size_per_original": args.size, "jobs": jobs,
                                  "cpu_count": os.cpu_count(), "generate_s": round(gen_s, 2)}

    dt, report = timed("check (không chỉ mục)", lambda: check_archive(store, jobs=jobs))
    assert report.ok, report.to_dict()["problems"][:3]
    n = report.counts["records"]
    results |= {
        "check_archive_only_s": round(dt, 2),
        "per_10k_docs_s": round(dt * 10_000 / n, 2),
        "bytes_hashed": report.original_bytes,
        "hash_rate_mb_s": round(report.original_bytes / 1e6 / dt, 1),
    }
    if not args.no_index:
        from search_engine import connect, open_backend
        from search_engine.indexer import reindex
        from sulieu.errors import SchemaMismatch

        settings = Settings(archive=root)
        try:
            backend = open_backend(settings)
        except SchemaMismatch:  # an index kept from an older run: rebuild it
            backend = connect(settings)
            backend.clear()
        try:
            if backend.ids() != set(store.iter_ids()):
                timed("dựng chỉ mục", lambda: reindex(store, backend))
            dq, rq = timed("check --quick (so mã trong chỉ mục)", lambda: check_archive(store, backend, jobs=jobs,
                                                                                     deep_index=False))
            dd, rd = timed("check (so nội dung từng tài liệu)", lambda: check_archive(store, backend, jobs=jobs))
        finally:
            backend.close()
        assert rq.ok and rd.ok, (rq.problems[:3], rd.problems[:3])
        results |= {
            "check_quick_index_s": round(dq, 2),
            "check_full_s": round(dd, 2),
            "check_full_per_10k_docs_s": round(dd * 10_000 / n, 2),
        }
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

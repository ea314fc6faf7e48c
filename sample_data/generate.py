"""Write the sample archive and its ground truth: ``generate_sample(out_dir)``.

Layout of ``out_dir``::

    public/<trung-uong|hai-phong|hung-yen|ha-noi>/<key>.<ext>   ingest with --access public
    internal/...                                                ingest with --access internal
    restricted/...                                              ingest with --access restricted
    ground_truth/<key>.txt    text drawn on each scan (kept out of the ingested folders)
    manifest.json             SampleManifest: expected metadata and citations of every file

Same files, same bytes, every run.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sample_data.catalog import Prepared, all_docs, prepared_all, symbol_as_printed, targets
from sample_data.manifest import (
    MANIFEST_NAME,
    ExpectedCitation,
    ExpectedHeading,
    ExpectedMetadata,
    ExpectedSigner,
    MissingDoc,
    SampleFile,
    SampleManifest,
    load_manifest,
)
from sample_data.render_text import plain_lines, to_html, to_markdown, to_txt
from sample_data.spec import iso_date
from sulieu.symbols import symbol_key
from sulieu.text import fold

AUTHORITIES = ("T/M", "T/L", "K/T", "TM.", "KT.", "TL.", "TUQ.", "Q.")
SEARCH_PHRASES = (
    "lịch sử Đảng bộ",
    "tuyên truyền",
    "Chỉ thị số 20-CT/TW",
    "Chỉ thị số 41-CT/TW",
    "số hóa",
    "kỷ niệm 95 năm Ngày thành lập Đảng",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Kế hoạch số 215-KH/TU",
)


def parse_signer(lines: tuple[str, ...]) -> ExpectedSigner | None:
    if not lines:
        return None
    first = lines[0]
    authority = on_behalf = None
    for a in AUTHORITIES:
        if first.startswith(a + " "):
            authority, on_behalf = a, first[len(a) + 1 :]
            break
    position = lines[-2] if len(lines) >= 2 and (authority is None or len(lines) >= 3) else None
    return ExpectedSigner(authority=authority, on_behalf_of=on_behalf, position=position, name=lines[-1], lines=list(lines))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _expected(p: Prepared) -> ExpectedMetadata:
    d = p.doc
    b = d.body
    sym = d.symbol
    return ExpectedMetadata(
        system=b.system,
        level=b.level,
        province=b.province,
        issuer=d.organ if d.book else b.name,
        issuer_header=[] if d.book else list(b.header),
        issuer_parent=b.parent,
        issuer_code=b.code,
        organ=d.organ,
        doc_type=d.doc_type,
        doc_type_code=d.type_code,
        number=d.number,
        symbol=sym,
        symbol_written=None if d.book else symbol_as_printed(d),
        symbol_key=symbol_key(sym) if sym else None,
        date=iso_date(d.date),
        place=b.place,
        subject=p.subject,
        title=d.book.title if d.book else None,
        signer=parse_signer(d.signer),
        recipients=[r.lstrip("- ").rstrip(",;.") for r in d.recipients],
        distribution=[r.lstrip("- ").rstrip(",;.") for r in d.distribution],
        period=list(d.book.period) if d.book else None,
        draft=d.number is None and not d.book,
        header=d.header_style == "full" and not d.book,
    )


def _clear_previous(out_dir: Path) -> None:
    """Remove the files a previous run wrote (and only those), so a smaller run leaves no strays."""
    if not (out_dir / MANIFEST_NAME).is_file():
        return
    try:
        old = load_manifest(out_dir)
    except ValueError:
        return
    for f in old.files:
        for rel in (f.path, f.ground_truth):
            if rel:
                (out_dir / rel).unlink(missing_ok=True)


def _render_binary(p: Prepared, path: Path, truth_path: Path) -> dict:
    """Render a PDF, DOCX or scan to ``path``; return what the manifest needs to know about it."""
    from sample_data import render_docx, render_pdf

    fmt = p.doc.fmt
    if fmt == "pdf":
        info = render_pdf.write_book_pdf(p, path) if p.doc.book else render_pdf.write_directive_pdf(p, path)
        return {"pages": info.pages, "printed": info.printed_pages, "headings": info.headings}
    if fmt == "docx":
        render_docx.write_docx(p, path)
        return {}
    from sample_data.render_scan import write_scan

    pages = write_scan(p, path, truth_path)
    return {"pages": pages, "truth": truth_path.read_text(encoding="utf-8")}


def _fingerprint_content(p: Prepared) -> str:
    return repr((p.doc, p.subject, p.blocks, p.left, p.left_note, p.right, p.date_line, p.title, p.recipients))


def _write_file(
    p: Prepared, out_dir: Path, use_cache: bool
) -> tuple[int | None, list[str | None] | None, list[dict], str | None]:
    from sample_data import cache

    path = out_dir / p.rel_path
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = p.doc.fmt
    if fmt in ("txt", "md", "html"):
        render = {"txt": to_txt, "md": to_markdown, "html": to_html}[fmt]
        path.write_text(render(p), encoding="utf-8")
        return None, None, [], None
    truth_rel = f"ground_truth/{p.doc.key}.txt" if p.is_scan else None
    truth_path = out_dir / truth_rel if truth_rel else out_dir / "ground_truth" / "unused"
    fp = cache.fingerprint(_fingerprint_content(p)) if use_cache else ""
    hit = cache.get(fp) if use_cache else None
    if hit:
        data, meta = hit
        path.write_bytes(data)
        if truth_rel:
            truth_path.parent.mkdir(parents=True, exist_ok=True)
            truth_path.write_text(meta["truth"], encoding="utf-8")
    else:
        meta = _render_binary(p, path, truth_path)
        if use_cache:
            cache.put(fp, path.read_bytes(), meta)
    return meta.get("pages"), meta.get("printed"), meta.get("headings", []), truth_rel


def _search_index(files: list[SampleFile], texts: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for phrase in SEARCH_PHRASES:
        needle = " ".join(fold(phrase).split())
        out[phrase] = [f.key for f in files if needle in texts[f.key]]
    return out


def generate_sample(out_dir: Path, *, scans: bool = True, cache: bool = True) -> SampleManifest:
    """Write the sample archive under ``out_dir`` and return its manifest (also written as manifest.json).

    ``scans=False`` leaves out the four scanned files (the slow part); citations to them are
    then reported as not in the sample. ``cache=False`` renders everything afresh instead of
    copying identical bytes from the render cache (see ``sample_data.cache``).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir)
    prepared = [p for p in prepared_all() if scans or not p.is_scan]
    present = {p.doc.key: p for p in prepared}
    tmap = targets(all_docs())

    files: list[SampleFile] = []
    texts: dict[str, str] = {}
    cited_missing: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    # Scans spend their time in numpy and Pillow, which release the GIL: draw them in a second
    # thread while the PDFs and DOCX files are written here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = {p.doc.key: pool.submit(_write_file, p, out_dir, cache) for p in prepared if p.is_scan}
        written = {p.doc.key: _write_file(p, out_dir, cache) for p in prepared if not p.is_scan}
        written.update({k: f.result() for k, f in pending.items()})
    for p in prepared:
        pages, printed, headings, truth = written[p.doc.key]
        path = out_dir / p.rel_path
        cits = []
        for c in p.citations:
            in_sample = c.target in present
            cits.append(
                ExpectedCitation(
                    text=c.text,
                    relation=c.relation,
                    doc_type=c.doc_type,
                    doc_type_code=c.doc_type_code,
                    number=c.number,
                    symbol=c.symbol,
                    date=c.date,
                    issuer=c.issuer,
                    target=c.target,
                    in_sample=in_sample,
                    target_path=present[c.target].rel_path if in_sample else None,
                    mentions=c.mentions,
                )
            )
            if not in_sample:
                cited_missing[c.target].append((p.doc.key, c.symbol))
        kind = "book" if p.doc.book else "scan" if p.is_scan else "directive"
        files.append(
            SampleFile(
                key=p.doc.key,
                path=p.rel_path,
                access=p.doc.access,
                format=p.doc.fmt,
                kind=kind,
                topics=list(p.doc.topics),
                pages=pages,
                printed_pages=printed,
                headings=[ExpectedHeading(**h) for h in headings],
                ground_truth=truth,
                sha256=_sha256(path),
                size=path.stat().st_size,
                expected=_expected(p),
                citations=cits,
            )
        )
        texts[p.doc.key] = " ".join(fold(" ".join(plain_lines(p))).split())

    missing = []
    for key, refs in cited_missing.items():
        t = tmap[key]
        citing = sorted({k for k, _ in refs})
        missing.append(
            MissingDoc(
                key=key,
                doc_type=t.doc_type,
                symbol=t.symbol,
                symbols_written=sorted({s for _, s in refs if s}),
                date=iso_date(t.date),
                issuer=t.organ,
                count=len(citing),
                cited_by=citing,
            )
        )
    missing.sort(key=lambda m: (-m.count, m.key))
    manifest = SampleManifest(files=files, missing=missing, search=_search_index(files, texts))
    manifest.write(out_dir)
    return manifest


_SYMBOL_RE = re.compile(
    r"\b\d{1,4}\s?-[A-ZĐa-z]{1,6}/[A-ZĐ]{2,8}\b"  # Party: 215-KH/TU, 52 -BC/ĐU
    r"|\b\d{1,4}/(?:\d{4}/)?[A-ZĐ]{1,6}-[A-ZĐa-z0-9]{1,8}\b"  # state: 286/KH-UBND, 4127/UBND-VX, 30/2020/NĐ-CP
    r"|\b\d{1,4}/\d{4}/[A-ZĐ]{2,4}\d{0,2}\b"  # laws: 33/2024/QH15
    r"|\b\d{1,4}-[A-ZĐ]{4,8}\b"  # abbreviated: 2517-HVCTQG
)


def symbols_in_text(text: str) -> list[str]:
    """Every number-symbol written in ``text`` (used by the tests to check no citation is untracked)."""
    return _SYMBOL_RE.findall(text)

"""The sample archive: deterministic, readable by each format's library, and its manifest exactly right."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from sample_data import generate_sample, load_manifest
from sample_data.catalog import prepared_all
from sample_data.generate import symbols_in_text
from sample_data.render_text import plain_lines
from sulieu.symbols import symbol_key
from sulieu.text import fold


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- determinism and the manifest ------------------------------------------------------------


@pytest.mark.slow
def test_two_fresh_runs_give_the_same_bytes(sample, tmp_path):
    out1, m1 = sample
    out2 = tmp_path / "again"
    m2 = generate_sample(out2, cache=False)  # render everything again, no cache
    assert [f.path for f in m1.files] == [f.path for f in m2.files]
    for f1, f2 in zip(m1.files, m2.files, strict=True):
        assert f1.sha256 == f2.sha256, f"{f1.path} differs between runs"
        if f1.ground_truth:
            assert (out1 / f1.ground_truth).read_bytes() == (out2 / f2.ground_truth).read_bytes()
    assert (out1 / "manifest.json").read_bytes() == (out2 / "manifest.json").read_bytes()


def test_cached_run_gives_the_same_bytes(sample, tmp_path, sample_cache):
    out1, m1 = sample
    assert any(sample_cache.glob("*.bin")), "the first run should have filled the render cache"
    m3 = generate_sample(tmp_path / "cached")
    assert [(f.path, f.sha256) for f in m3.files] == [(f.path, f.sha256) for f in m1.files]
    assert (tmp_path / "cached" / "manifest.json").read_bytes() == (out1 / "manifest.json").read_bytes()


def test_manifest_describes_the_files_on_disk(sample):
    out, manifest = sample
    assert load_manifest(out) == manifest
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    listed = {f.path for f in manifest.files} | {f.ground_truth for f in manifest.files if f.ground_truth}
    assert on_disk == listed | {"manifest.json"}
    for f in manifest.files:
        path = out / f.path
        assert _sha(path) == f.sha256 and path.stat().st_size == f.size
        assert f.path.startswith(f.access + "/"), "each access level has its own folder"
        assert not (f.ground_truth or "").startswith(("public/", "internal/", "restricted/"))


def test_counts_per_type_level_access_and_format(sample):
    _, m = sample
    files = m.files
    assert 40 <= len(files) <= 60
    access = Counter(f.access for f in files)
    assert access["public"] > len(files) * 0.75
    assert 2 <= access["internal"] <= 6 and 1 <= access["restricted"] <= 2
    types = Counter(f.expected.doc_type for f in files)
    for t in ("Chỉ thị", "Kết luận", "Nghị quyết", "Kế hoạch", "Thông báo", "Hướng dẫn", "Công văn", "Báo cáo",
              "Quyết định", "Chương trình"):
        assert types[t] >= 1, t
    assert types["Kế hoạch"] >= 10 and types["Báo cáo"] >= 5
    levels = Counter(f.expected.level for f in files)
    assert set(levels) == {"central", "province", "district", "commune"} and min(levels.values()) >= 5
    provinces = Counter(f.expected.province for f in files if f.expected.province)
    assert set(provinces) == {"Hải Phòng", "Hưng Yên", "Hà Nội"}
    systems = Counter(f.expected.system for f in files)
    assert systems["state"] >= 6
    state_issuers = {f.expected.issuer for f in files if f.expected.system == "state"}
    assert {"Ủy ban nhân dân thành phố Hải Phòng", "Ủy ban nhân dân quận Lê Chân"} <= state_issuers
    fmts = Counter(f.format for f in files)
    assert fmts["pdf"] >= 10 and fmts["docx"] >= 8 and fmts["txt"] >= 5 and fmts["md"] >= 3 and fmts["html"] == 1
    assert {fmts[k] for k in ("jpeg", "png", "tiff", "scan-pdf")} == {1}
    assert Counter(f.kind for f in files)["book"] >= 1


# --- each format opens with its library ------------------------------------------------------


def test_pdfs_open_and_carry_the_symbol(sample):
    import pdfplumber

    out, m = sample
    pdfs = [f for f in m.files if f.format == "pdf"]
    for f in pdfs:
        with pdfplumber.open(out / f.path) as pdf:
            assert len(pdf.pages) == f.pages
            first = _squash(pdf.pages[0].extract_text() or "")
            if f.kind == "book":
                assert "LỊCH SỬ" in first and "(2005 - 2020)" in first
                continue
            assert f"Số {f.expected.symbol}" in first or f"Số: {f.expected.symbol}" in first, f.path
            assert f.expected.signer and f.expected.signer.name in _squash(pdf.pages[-1].extract_text() or "")
            assert pdf.metadata["CreationDate"].startswith("D:" + f.expected.date.replace("-", ""))


def test_pdf_header_is_two_columns_side_by_side(sample):
    import pdfplumber

    out, m = sample
    for key in ("hp-tu-kh215", "hp-ub-kh286"):
        f = m.by_key(key)
        with pdfplumber.open(out / f.path) as pdf:
            page = pdf.pages[0]
            words = page.extract_words()
            mid = page.width * 0.45
            so = next(w for w in words if w["text"] in ("Số", "Số:"))
            right_title = next(w for w in words if w["text"] in ("ĐẢNG", "CỘNG") and w["x0"] > mid)
            date_word = next(w for w in words if w["text"] == "ngày")
            assert so["x1"] < mid < date_word["x0"]
            assert abs(right_title["top"] - words[0]["top"]) < 3, "both columns start on the same line"


def test_book_has_structure_and_printed_page_numbers(sample):
    import pdfplumber

    out, m = sample
    book = next(f for f in m.files if f.kind == "book")
    assert 8 <= book.pages <= 15
    assert book.expected.period == [2005, 2020] and book.expected.date == "2023"
    kinds = Counter(h.kind for h in book.headings)
    assert kinds["Lời nói đầu"] == 1 and kinds["Phần"] == 2 and kinds["Chương"] == 3 and kinds["Mục"] >= 6
    printed = book.printed_pages
    assert printed[0] is None
    assert [int(x) for x in printed[1:]] == list(range(5, 5 + book.pages - 1))
    with pdfplumber.open(out / book.path) as pdf:
        for h in book.headings:
            text = _squash(pdf.pages[h.page - 1].extract_text() or "")
            assert _squash(h.label or h.title)[:25] in text, h
            assert h.printed_page == printed[h.page - 1]
        for i, n in enumerate(printed):
            if n:
                last_line = (pdf.pages[i].extract_text() or "").strip().splitlines()[-1]
                assert last_line.strip() == n


def test_docx_open_with_two_column_header_table(sample):
    import docx

    out, m = sample
    for f in (f for f in m.files if f.format == "docx"):
        d = docx.Document(str(out / f.path))
        header = d.tables[0]
        assert len(header.columns) == 2
        left, right = (c.text for c in header.rows[0].cells)
        assert (f.expected.symbol_written or "") in left
        assert all(line in left for line in f.expected.issuer_header)
        assert right.startswith(("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        body = "\n".join(p.text for p in d.paragraphs)
        assert _squash(f.expected.subject) in _squash(left + " " + body)
        assert d.core_properties.created.date().isoformat().startswith(f.expected.date[:4])


def test_text_markdown_and_html_files(sample):
    from bs4 import BeautifulSoup

    out, m = sample
    for f in (f for f in m.files if f.format in ("txt", "md", "html")):
        raw = (out / f.path).read_text(encoding="utf-8")
        text = BeautifulSoup(raw, "html.parser").get_text("\n") if f.format == "html" else raw
        text = _squash(text.replace("*", " "))
        assert _squash(f.expected.symbol_written or "") in text
        assert f.expected.signer.name in text
        if not f.expected.header:
            assert text.startswith(f"{f.expected.place}, ngày"), "header-less file starts at place and date"
            assert f.expected.issuer.upper() not in text


def test_scans_open_and_have_ground_truth(sample):
    import pdfplumber
    from PIL import Image

    out, m = sample
    scans = [f for f in m.files if f.kind == "scan"]
    assert {f.format for f in scans} == {"jpeg", "png", "tiff", "scan-pdf"}
    for f in scans:
        truth = (out / f.ground_truth).read_text(encoding="utf-8")
        assert truth.count("\f") == f.pages - 1
        assert f.expected.symbol_written in truth and f.expected.signer.name in truth
        if f.format == "scan-pdf":
            with pdfplumber.open(out / f.path) as pdf:
                assert len(pdf.pages) == f.pages >= 2
                assert not (pdf.pages[0].extract_text() or "").strip(), "an image-only PDF has no text layer"
                assert len(pdf.pages[0].images) == 1
            continue
        with Image.open(out / f.path) as img:
            assert getattr(img, "n_frames", 1) == f.pages
            assert round(img.info["dpi"][0]) == 300
            if f.format == "tiff":
                assert f.pages >= 2 and img.mode == "1"


# --- citations -------------------------------------------------------------------------------


def test_citations_point_at_documents_that_exist(sample):
    _, m = sample
    keys = {f.key: f for f in m.files}
    for f in m.files:
        for c in f.citations:
            if c.in_sample:
                target = keys[c.target]
                assert c.target_path == target.path
                assert symbol_key(target.expected.symbol) == symbol_key(c.symbol) or c.symbol in (
                    target.expected.symbol.replace(f"-{target.expected.doc_type_code}/", "-"),
                ), (f.key, c.symbol)
                assert c.doc_type == target.expected.doc_type
                if c.date:
                    assert c.date == target.expected.date
                assert target.expected.date <= f.expected.date or len(f.expected.date) == 4, "cites the past"
            else:
                assert c.target not in keys and c.target_path is None
                assert c.target in {x.key for x in m.missing}


def test_no_symbol_in_the_text_is_left_out_of_the_manifest(sample):
    _, m = sample
    for p in prepared_all():
        text = "\n".join(plain_lines(p))
        known = {symbol_key(c.symbol) for c in p.citations}
        if p.doc.symbol:
            known.add(symbol_key(p.doc.symbol))
        untracked = [s for s in symbols_in_text(text) if symbol_key(s) not in known]
        assert not untracked, (p.doc.key, untracked)
        for c in m.by_key(p.doc.key).citations:
            assert c.text in text


def test_required_citation_cases(sample):
    _, m = sample
    by_symbol: dict[str, list] = {}
    for f in m.files:
        if f.expected.symbol:
            by_symbol.setdefault(f.expected.symbol, []).append(f)
    # The same symbol in two provinces, each cited from its own province.
    same = [s for s, fs in by_symbol.items() if len({f.expected.province for f in fs}) > 1]
    assert "215-KH/TU" in same
    for f in by_symbol["215-KH/TU"]:
        citing = [g for g in m.files for c in g.citations if c.target == f.key]
        assert citing and all(g.expected.province == f.expected.province for g in citing)
    # A citation with no date must be resolved by the citing document's province.
    undated = [(g, c) for g in m.files for c in g.citations if c.in_sample and c.symbol == "215-KH/TU" and not c.date]
    assert undated
    # Abbreviated symbol (type part dropped), once to a sample file and once to a missing one.
    abbr = [c for g in m.files for c in g.citations if c.symbol and re.fullmatch(r"\d+-[A-ZĐ]+", c.symbol)]
    assert {c.in_sample for c in abbr} == {True, False}
    # A draft with a blank number, and a numbered document with day and month left blank.
    drafts = [f for f in m.files if f.expected.draft]
    assert drafts and drafts[0].expected.symbol_written == "/UBND-VX" and drafts[0].expected.number is None
    partial = [f for f in m.files if f.expected.date == "2023" and f.expected.number]
    assert partial and "ngày     tháng     năm 2023" in (Path(sample[0]) / partial[0].ground_truth).read_text()
    # A stray space in a printed symbol.
    assert any(f.expected.symbol_written == "52 -BC/ĐU" for f in m.files)
    # The chain central -> province -> district -> commune.
    chain = ["tw-ct41", "hp-tu-kh215", "lc-qu-kh142", "vn-du-bc38"]
    for upper, lower in zip(chain, chain[1:], strict=False):
        assert any(c.target == upper for c in m.by_key(lower).citations), (lower, upper)
    assert m.by_key("vn-du-bc38").expected.level == "commune"


def test_missing_documents_are_ranked(sample):
    _, m = sample
    assert len(m.missing) >= 5
    counts = [x.count for x in m.missing]
    assert counts == sorted(counts, reverse=True)
    assert m.missing[0].symbol == "20-CT/TW" and m.missing[0].count >= 3
    kl = next(x for x in m.missing if x.symbol == "2517-KL/HVCTQG")
    assert set(kl.symbols_written) == {"2517-KL/HVCTQG", "2517-HVCTQG"}
    for x in m.missing:
        citing = [f for f in m.files if any(c.target == x.key for c in f.citations)]
        assert sorted(f.key for f in citing) == x.cited_by and len(citing) == x.count


def test_search_phrases_find_several_documents(sample):
    out, m = sample
    assert len(m.search["lịch sử Đảng bộ"]) >= 10
    assert len(m.search["tuyên truyền"]) >= 10
    assert len(m.search["Chỉ thị số 20-CT/TW"]) >= 3
    assert len(m.search["kỷ niệm 95 năm Ngày thành lập Đảng"]) >= 3
    # The floor holds on the files themselves (text formats checked directly).
    for key in m.search["Chỉ thị số 20-CT/TW"]:
        f = m.by_key(key)
        if f.format in ("txt", "md"):
            assert fold("chỉ thị số 20-ct/tw") in fold(_squash((out / f.path).read_text(encoding="utf-8")))


def test_without_scans_citations_to_scans_become_missing(sample, tmp_path):
    out_full, full = sample
    m = generate_sample(tmp_path / "noscan", scans=False)
    assert len(m.files) == len(full.files) - 4 and not any(f.kind == "scan" for f in m.files)
    bm = next(c for c in m.by_key("bm-du-kh08").citations if c.target == "kc-hu-kh131")
    assert not bm.in_sample and any(x.key == "kc-hu-kh131" for x in m.missing)
    # Non-scan files are byte-identical to the full run.
    assert {f.path: f.sha256 for f in m.files}.items() <= {f.path: f.sha256 for f in full.files}.items()


def test_rerun_in_the_same_folder_removes_its_old_files(tmp_path, sample_cache):
    out = tmp_path / "s"
    generate_sample(out, scans=True)
    generate_sample(out, scans=False)
    assert not list(out.rglob("*.tif")) and not list((out / "ground_truth").glob("*.txt"))
    keep = out / "public" / "notes.txt"
    keep.write_text("của người dùng", encoding="utf-8")
    generate_sample(out, scans=False)
    assert keep.read_text(encoding="utf-8") == "của người dùng", "files not written by the sample are left alone"


def test_document_specs_write_issuers_only_through_citation_markers():
    """A hand-written "của ..." right after a citation would be an issuer the manifest does not record."""
    from sample_data.catalog import all_docs

    for d in all_docs():
        for text in [d.subject, *d.blocks, *(d.book.blocks if d.book else [])]:
            assert not re.search(r"\]\]\s*(,\s*)?(của|ngày)\b", text), (d.key, text[:80])

"""A scanned local-history book through ``sulieu ingest --book``: real rendering, ageing, Tesseract and
pipeline; the record's chapters, contents, printed pages and footnote citations are checked against
what the generator printed."""

from __future__ import annotations

import shutil

import pytest

from sample_data.book import generated_book
from sample_data.render_book_scan import render_book
from sample_data.scans import degrade
from sulieu.text import fold

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _norm(s: str | None) -> str:
    return " ".join(fold(s or "").split())


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_scanned_book_ingested_with_its_chapters_contents_and_footnotes(tmp_path, capsys):
    from sulieu.store import ArchiveStore
    from sulieu_cli.main import main

    seed = 3  # not a development seed of the book rules (2000-2003)
    book = generated_book(seed)
    pages, truth = render_book(book, dpi=300)
    folder = tmp_path / "Lịch sử Đảng bộ (bản chụp)"
    folder.mkdir()
    for k, page in enumerate(pages):
        img = degrade(page, "moderate", seed=seed * 97 + k)
        img.convert("RGB").save(folder / f"trang_{k + 1}.jpg", "JPEG", quality=90, dpi=img.info["dpi"])
    archive = tmp_path / "kho"
    args = ["ingest", "--book", str(folder), "--archive", str(archive), "--no-progress", "--jobs", "2"]
    assert main(args) == 0, capsys.readouterr()
    store = ArchiveStore(archive)
    (doc_id,) = store.iter_ids()
    rec = store.read_record(doc_id)
    md = rec.metadata
    assert md.doc_type == "Sách" and _norm(md.title) == _norm(book.title)
    assert _norm(md.publisher) == _norm(book.publisher) and md.date == str(book.year)
    assert _norm(md.editor_in_chief) == _norm(dict(book.credits)["Chủ biên"][0])

    chapters = [h for h in rec.structure if h.kind == "chapter"]
    got = [(_norm(h.title), (h.period.start, h.period.end) if h.period else None, h.page, h.printed_page)
           for h in chapters]
    want = [(_norm(f"{t.label}: {t.title}"), t.period, t.page, t.printed_page) for t in truth.chapters]
    assert got == want
    headers = {p: _norm(h) for p, h in truth.running_headers.items()}
    assert not [h.title for h in rec.structure if h.page in headers and headers[h.page] in _norm(h.title)]
    sections = [(h.page, _norm(h.title)) for h in rec.structure if h.kind == "numbered"]
    assert sections == [(p, _norm(s)) for p, s in truth.sections]
    # the contents page is parsed into entries, never listed as headings itself
    assert len(rec.contents) == len(truth.chapters)
    assert all(e.page == truth.contents_page for e in rec.contents)
    assert truth.contents_page not in {h.page for h in rec.structure}
    # its entries, read with the dot leaders wiped, give each chapter's title and printed page
    assert [(_norm(e.title), e.printed_page) for e in rec.contents] == [
        (_norm(f"{t.label}: {t.title}"), t.printed_page) for t in truth.chapters]
    for number, printed in truth.printed_pages.items():
        assert rec.pages[number - 1].printed_number == printed, number
    for number, header in truth.running_headers.items():  # marked in the page text, never a heading
        marked = [m.text for m in rec.pages[number - 1].marks if m.kind == "running_header"]
        assert [_norm(t) for t in marked] == [_norm(header)], number
    notes = {(c.page, c.footnote, c.symbol) for c in rec.citations if c.footnote is not None}
    assert set(truth.footnote_citations) <= notes

"""RIS, CSL-JSON and BibTeX files read back by the libraries reference managers' users rely on: rispy
(RIS), citeproc-py rendering a citation with a CSL style shipped in ``tests/services/styles``, and
bibtexparser with LaTeX decoding. Vietnamese titles and names must come back exactly as written, and
characters special to a format must not break the file."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from services import bib_formats
from services.bibliography import BibRecord

STYLE = Path(__file__).parent / "styles" / "sulieu-test.csl"

DIRECTIVE = BibRecord(
    id="a06d1cac938332d1", kind="document", title="Kế hoạch tổ chức kỷ niệm 95 năm Ngày thành lập Đảng",
    authors=("Ban Thường vụ Huyện ủy Thủy Nguyên",), date="2024-01-08", genre="Kế hoạch", number="193-KH/HU",
    place="Thủy Nguyên", abstract="về việc tổ chức các hoạt động kỷ niệm", keywords=("Kế hoạch", "Lập Lễ"),
    url="http://kho.example/doc/a06d1cac938332d1", pages=3,
    citation="Kế hoạch số 193-KH/HU ngày 08/01/2024 của Ban Thường vụ Huyện ủy Thủy Nguyên",
)
BOOK = BibRecord(
    id="0f1e2d3c4b5a6978", kind="book", title="Lịch sử Đảng bộ xã An Lư (1930 - 2020)",
    authors=("Đảng ủy xã An Lư",), date="2021", genre="Sách", number=None, place="Hải Phòng", abstract=None,
    keywords=(), url="http://kho.example/doc/0f1e2d3c4b5a6978", pages=412,
    citation="Đảng ủy xã An Lư, Lịch sử Đảng bộ xã An Lư (1930 - 2020), 2021",
)
# Characters special to LaTeX/BibTeX, RIS and JSON, and a line break, inside a Vietnamese title.
AWKWARD = BibRecord(
    id="1111222233334444", kind="document", title='Báo cáo 50% & {dự thảo} #2 a_b $ ~ \\ "trích" dòng\nhai',
    authors=("Ủy ban nhân dân xã Đồng Tâm",), date="2023-11", genre="Báo cáo", number="12-BC/UBND",
    place=None, abstract=None, keywords=(), url="http://kho.example/doc/1111222233334444", pages=1,
    citation="Báo cáo số 12-BC/UBND",
)
ALL = [DIRECTIVE, BOOK, AWKWARD]
ONE_LINE = {r.id: " ".join(r.title.split()) for r in ALL}  # the formats are line-based: a line break is a space


def test_ris_read_back_by_rispy() -> None:
    entries = rispy.loads(bib_formats.ris(ALL))
    assert [e["accession_number"] for e in entries] == [r.id for r in ALL]
    by_id = {e["accession_number"]: e for e in entries}
    d = by_id[DIRECTIVE.id]
    assert d["type_of_reference"] == "GOVDOC"
    assert d["title"] == DIRECTIVE.title
    assert d["authors"] == ["Ban Thường vụ Huyện ủy Thủy Nguyên"]
    assert d["year"] == "2024" and d["date"] == "2024/01/08/"
    assert d["note"] == "193-KH/HU" and d["type_of_work"] == "Kế hoạch" and d["place_published"] == "Thủy Nguyên"
    assert d["keywords"] == ["Kế hoạch", "Lập Lễ"]
    assert d["notes"] == [DIRECTIVE.citation] and d["urls"] == [DIRECTIVE.url] and d["language"] == "vi"
    assert by_id[BOOK.id]["type_of_reference"] == "BOOK" and by_id[BOOK.id]["date"] == "2021///"
    assert by_id[AWKWARD.id]["title"] == ONE_LINE[AWKWARD.id]
    assert by_id[AWKWARD.id]["date"] == "2023/11//"


def _render(items: list[dict]) -> tuple[list[str], list[str]]:
    style = CitationStylesStyle(str(STYLE), validate=True)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citations = [Citation([CitationItem(i["id"])]) for i in items]
    for c in citations:
        bib.register(c)
    return [str(bib.cite(c, lambda _item: None)) for c in citations], [str(b) for b in bib.bibliography()]


def test_csl_json_rendered_by_citeproc() -> None:
    items = json.loads(bib_formats.csl_json(ALL))
    assert [i["id"] for i in items] == [r.id for r in ALL]
    cites, entries = _render(items)
    assert cites[0] == "(Ban Thường vụ Huyện ủy Thủy Nguyên, 193-KH/HU)"
    assert ("Ban Thường vụ Huyện ủy Thủy Nguyên. Kế hoạch tổ chức kỷ niệm 95 năm Ngày thành lập Đảng. "
            "Kế hoạch số 193-KH/HU. Thủy Nguyên, 08/01/2024. Sử liệu.") in entries
    book = next(i for i in items if i["id"] == BOOK.id)
    assert book["type"] == "book" and book["issued"] == {"date-parts": [[2021]]} and book["number-of-pages"] == 412
    awkward = next(i for i in items if i["id"] == AWKWARD.id)
    assert awkward["title"] == AWKWARD.title and awkward["issued"] == {"date-parts": [[2023, 11]]}


def _bibtex_entries(text: str) -> dict[str, dict]:
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: {"@kind": e.entry_type, **e.fields_dict} for e in library.entries}


def test_bibtex_read_back_by_bibtexparser() -> None:
    entries = _bibtex_entries(bib_formats.bibtex(ALL))
    assert sorted(entries) == sorted(f"sulieu-{r.id}" for r in ALL)
    d = entries[f"sulieu-{DIRECTIVE.id}"]
    assert d["@kind"] == "misc" and d["type"].value == "Kế hoạch"
    assert d["title"].value == DIRECTIVE.title
    assert d["author"].value == ["Ban Thường vụ Huyện ủy Thủy Nguyên"]  # one institution, not split in names
    assert d["year"].value == "2024" and d["date"].value == "2024-01-08" and d["number"].value == "193-KH/HU"
    assert d["note"].value == DIRECTIVE.citation
    assert entries[f"sulieu-{BOOK.id}"]["@kind"] == "book"
    assert entries[f"sulieu-{AWKWARD.id}"]["title"].value == ONE_LINE[AWKWARD.id]
    assert entries[f"sulieu-{AWKWARD.id}"]["date"].value == "2023-11"


@pytest.mark.parametrize("fmt", bib_formats.FORMATS)
def test_no_records_is_an_empty_but_valid_file(fmt: str) -> None:
    text = bib_formats.write(fmt, [])
    if fmt == "csl-json":
        assert json.loads(text) == []
    elif fmt == "ris":
        assert rispy.loads(text) == []
    else:
        assert _bibtex_entries(text) == {}

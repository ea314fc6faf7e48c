"""Understanding one document: metadata, citations and structure from its page texts.

Rules only, each in a small module a reviewer can read:

    lines.py      page texts → numbered lines (page, line) with a folded view for matching
    gazetteer.py  provinces and districts (pre-2025 map), for places and citation context
    casing.py     ``QUẬN ỦY KIẾN AN`` → ``Quận ủy Kiến An``; ``TP`` → ``thành phố``
    dates.py      ``<place>, ngày dd tháng mm năm yyyy`` (blanks kept blank), numeric dates
    header.py     national motto → system, left column → issuing bodies, Số, type line, subject
    issuer.py     issuer, superior body, level, province (also for documents without a header)
    signer.py     signature block (T/M, T/L, K/T, TM., KT., TL., TUQ., Q.) and Nơi nhận
    citations.py  cited documents with their relation, date and issuer
    structure.py  PHẦN / CHƯƠNG / Mục / numbered headings, printed page numbers
    entities.py   period covered, places and people named
    extract.py    ``understand(pages) -> Understanding`` putting it all together
"""

from ingest.understand.extract import EXTRACTOR_VERSION, Understanding, understand
from ingest.understand.structure import printed_page_numbers

__all__ = ["EXTRACTOR_VERSION", "Understanding", "printed_page_numbers", "understand"]

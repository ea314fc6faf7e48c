"""A book's page furniture, told apart before its headings are looked for: the contents page (MỤC LỤC),
running headers, printed page numbers and footnotes.

Without it a running header "Chương II: 1945 - 1954" or a contents line "Chương I: ... 7" is taken for a
chapter, and a footnote citing a directive reads as body text. Each rule looks at what a printer makes,
not at one layout: a running header is the short first line of a page that repeats on other pages (or
repeats the book's title, or is a chapter label with only its period); the printed numbers are the ones
read at the foot or the head of a page, kept when most of them agree on one offset from the scan order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.ocr.word_repair import repaired_line
from ingest.understand.entities import mend_year_span
from ingest.understand.lines import Line, fold_same
from sulieu.model import Citation, PageMark

CONTENTS_TITLE = re.compile(r"^\W*muc\s*luc\W*$")
# "Chương I: LÃNH ĐẠO ... (1945 - 1954) .......... 27": a dot leader (OCR reads it as dots, commas,
# bullets or underscores, with or without spaces) and the printed page number last.
LEADER = re.compile(r"^(?P<title>.*?\S)\s*(?:[.…·•_,:;]\s?){3,}[\s.…]*(?P<n>\d{1,4})\s*$")
LEADER_RUN = re.compile(r"\s*(?:[.…·•_]\s?){3,}")
# The leader read as specks, letters and digits: the number, when read at all, is the line's last word.
TAIL = re.compile(r"^(?P<body>.*\S)\s+(?P<n>[1-9]\d{0,2})$")
PERIOD_OPEN = re.compile(r"\(\s*\d{4}")
PERIOD_CLOSED = re.compile(r"\(\s*\d{4}[^)]*\)\W*$")
# "(1954-1975)", "(1975:- 1986)": a period as the contents prints it, "(1954 - 1975)"
PERIOD_SPACING = re.compile(r"\(\s*(?P<a>\d{4})\s*[:.,]?\s*[-–]\s*(?P<b>\d{4})\s*\)")
ORPHAN = re.compile(r"(?:^|[\s.:;,-])(?P<n>[1-9]\d{0,2})\s*$")
# A contents entry opens with a heading word ("Chương II", "Phần thứ nhất", "Lời nói đầu").
ENTRY_START = re.compile(r"^(?:\d{1,2}[.)]\s*)?(?:phan|chuong|muc|loi|ket luan|phu luc|tai lieu)\b")
# A bare printed page number; OCR reads "10" as "1O" or "l0" now and then.
BARE_NUMBER = re.compile(r"^[-–—\s]*(?P<n>\d{1,4}|[ivxlc]{1,7})[-–—\s]*$", re.IGNORECASE)
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
# "Chương II" or "PHẦN THỨ NHẤT" alone: the label of a heading whose title follows on the next lines.
LABEL_ALONE = re.compile(r"^(?:phan|chuong)\s+(?:[ivxlc1|]+|\d{1,3}|thu\s+\w+(?:\s+\w+)?)\s*[:.]?$")
# "Chương II: 1945 - 1954": a running header naming the chapter by its period only.
LABEL_PERIOD = re.compile(r"^(?:phan|chuong)\s+\S{1,8}\s*[:.,–-]?\s*\(?\s*\d{4}\s*[-–]\s*\d{4}\s*\)?\s*$")
# "(1) Chỉ thị số 07-CT/HU ..." at the foot of a page: a footnote and its number.
NOTE_START = re.compile(r"^[(\[{]\s*(?P<n>\d{1,2}|[lI])\s*[)\]}]\s*(?P<rest>\S.*)$")
MAX_HEADER_CHARS = 90
LIKE = 0.85  # a header read twice by OCR differs by a letter or two; two different headers by words


@dataclass
class ContentsLine:
    title: str  # "Chương I: LÃNH ĐẠO ... (1945 - 1954)", its lines joined
    printed_page: str | None  # the number the leader points to (None: the leader was misread)
    page: int  # scan page of the contents line


@dataclass
class Footnote:
    number: int
    text: str
    lines: list[Line]


@dataclass
class BookLayout:
    contents_pages: set[int] = field(default_factory=set)
    contents: list[ContentsLine] = field(default_factory=list)
    running_headers: dict[int, Line] = field(default_factory=dict)  # scan page -> its header line
    page_number_lines: dict[int, Line] = field(default_factory=dict)
    footnotes: dict[int, list[Footnote]] = field(default_factory=dict)

    def marks(self) -> dict[int, list[PageMark]]:
        """Per scan page, its furniture lines as marks of the page text."""
        out: dict[int, list[PageMark]] = {}
        for kind, lines in (
            ("running_header", list(self.running_headers.values())),
            ("page_number", list(self.page_number_lines.values())),
            ("footnote", [ln for notes in self.footnotes.values() for n in notes for ln in n.lines]),
        ):
            for ln in lines:
                out.setdefault(ln.page, []).append(PageMark(kind=kind, line=ln.line, text=ln.text))
        return {p: sorted(m, key=lambda x: x.line) for p, m in out.items()}

    def furniture(self) -> set[tuple[int, int]]:
        """(page, line) of every line that is no part of the body: never a heading."""
        out = {(ln.page, ln.line) for ln in self.running_headers.values()}
        out |= {(ln.page, ln.line) for ln in self.page_number_lines.values()}
        out |= {(ln.page, ln.line) for notes in self.footnotes.values() for n in notes for ln in n.lines}
        return out


def by_page(nb: list[Line]) -> dict[int, list[Line]]:
    out: dict[int, list[Line]] = {}
    for ln in nb:
        out.setdefault(ln.page, []).append(ln)
    return out


def _similar(a: str, b: str) -> bool:
    return bool(a and b) and SequenceMatcher(None, a, b, autojunk=False).ratio() >= LIKE


def _key(ln: Line) -> str:
    return re.sub(r"\W+", " ", ln.fold.lower()).strip()


@dataclass
class _Entry:
    parts: list[str]
    number: str | None = None
    sure: bool = True  # read off a clean leader; a number off a garbled leader is checked by its order
    page: int = 0


def _tail(text: str) -> tuple[str, str] | None:
    """A line whose leader OCR read as letters and digits ("(1975 - 1986) ....Lcc Q1 HE 15"): the
    number is still its last word, after a run of dots or a period's opening parenthesis."""
    m = TAIL.match(text)
    if m and (LEADER_RUN.search(m.group("body")) or PERIOD_OPEN.search(m.group("body"))):
        return m.group("body"), m.group("n")
    return None


def _entries(pages: dict[int, list[Line]], found: set[int], skip: set[tuple[int, int]]) -> tuple[list[_Entry], list[str]]:
    """The entries of the contents pages in order, and the numbers read apart from any entry (a leader
    lost, its number read as a line of its own or after specks)."""
    entries: list[_Entry] = []
    orphans: list[str] = []
    pending: list[str] = []

    def close(number: str | None = None, sure: bool = True) -> None:
        nonlocal pending
        if pending:
            entries.append(_Entry(pending, number, sure, p))
        pending = []

    for p in sorted(found):
        for ln in pages[p]:
            text = ln.text.strip()
            if CONTENTS_TITLE.match(ln.fold) or (ln.page, ln.line) in skip:
                continue
            m = LEADER.match(text)
            if BARE_NUMBER.match(text) or (not m and sum(c.isalpha() for c in text) < 3 and not PERIOD_OPEN.search(text)):
                if (o := ORPHAN.search(text)) is not None:
                    orphans.append(o.group("n"))
                close()  # a leader read as digits and specks: the entry ends, its number unknown
                continue
            if ENTRY_START.match(ln.fold):
                close()  # a new entry: the one before lost its leader
            elif not pending and entries and entries[-1].number is None:
                pending = entries.pop().parts  # a misread leader inside an entry: it goes on
            if m:
                pending = [*pending, m.group("title")]
                close(m.group("n"))
            elif tail := _tail(text):
                pending = [*pending, tail[0]]
                close(tail[1], sure=False)
            elif pending and PERIOD_CLOSED.search(pending[-1]) and (o := ORPHAN.search(text)) is not None:
                close(o.group("n"), sure=False)  # the title ended with its period: specks, then its number
            else:
                pending = [*pending[-3:], text]  # an entry runs over four lines at most
        close()
    return entries, orphans


def _rising(entries: list[_Entry]) -> set[int]:
    """Indexes of the entries whose numbers make the longest rising run (a clean leader's number
    weighs more than one read off specks)."""
    idx = [k for k, e in enumerate(entries) if e.number is not None and e.number.isdigit()]
    best: dict[int, tuple[float, list[int]]] = {}
    for k in idx:
        w = 1.5 if entries[k].sure else 1.0
        prev = [best[j] for j in best if int(entries[j].number or 0) < int(entries[k].number or 0)]
        top = max(prev, key=lambda b: b[0], default=(0.0, []))
        best[k] = (top[0] + w, [*top[1], k])
    return set(max(best.values(), key=lambda b: b[0], default=(0.0, []))[1])


def _order_numbers(entries: list[_Entry], orphans: list[str]) -> None:
    """Contents numbers rise. A number off a garbled leader outside the longest rising run is dropped;
    orphan numbers go to the entries without one (see below)."""
    run = _rising(entries)
    for k, e in enumerate(entries):
        if not e.sure and k not in run:
            e.number = None
    # the entries without a number between two numbers of the run take the orphans read between those
    # two numbers, only when there are as many of each: else which is whose is a guess, and none is given
    anchors = [-1, *sorted(run), len(entries)]
    for a, b in zip(anchors, anchors[1:], strict=False):
        lo = int(entries[a].number or 0) if a >= 0 else 0
        hi = int(entries[b].number or 0) if b < len(entries) else 10**6
        missing = [e for e in entries[a + 1 : b] if e.number is None]
        fits = [o for o in orphans if lo < int(o) < hi]
        if missing and len(fits) == len(missing) and fits == sorted(fits, key=int):
            for e, o in zip(missing, fits, strict=True):
                e.number, e.sure = o, False


def find_contents(pages: dict[int, list[Line]], skip: set[tuple[int, int]] | None = None) -> tuple[set[int], list[ContentsLine]]:
    """Pages opening with "MỤC LỤC" (and the pages after them still full of leaders), and their entries.
    ``skip``: (page, line) of the pages' own printed numbers, which are no entry's."""
    found: set[int] = set()
    for p, lines in pages.items():
        if any(CONTENTS_TITLE.match(ln.fold) for ln in lines[:3]):
            found.add(p)
            q = p + 1
            while q in pages and sum(bool(LEADER.match(ln.text)) for ln in pages[q]) * 2 >= len(pages[q]):
                found.add(q)
                q += 1
    entries, orphans = _entries(pages, found, skip or set())
    _order_numbers(entries, orphans)
    return found, [ContentsLine(_title_of(e.parts), e.number, e.page) for e in entries]


def _title_of(parts: list[str]) -> str:
    """An entry's lines joined, without what a misread leader left after the title: the dots and what
    follows them, or digits and specks after the closing parenthesis of a period."""
    text = LEADER_RUN.split(repaired_line(" ".join(x.strip() for x in parts)), maxsplit=1)[0]
    close = text.rfind(")")
    if close >= 0 and (re.search(r"\d", text[close + 1 :]) or not re.search(r"[a-zà-ỹđ]{2,}", text[close + 1 :])):
        text = text[: close + 1]
    text = re.sub(r"[\s.…·•_,:;]+$", "", text)
    return mend_year_span(PERIOD_SPACING.sub(lambda m: f"({m.group('a')} - {m.group('b')})", text))


def _read_number(text: str) -> str | None:
    m = BARE_NUMBER.match(text)
    if m:
        return m.group("n")
    if len(text.strip()) <= 4 and any(c.isdigit() for c in text):
        m = BARE_NUMBER.match(text.translate(_DIGIT_LIKE))
        return m.group("n") if m and m.group("n").isdigit() else None
    return None


def printed_numbers(
    pages: dict[int, list[Line]], n_pages: int, infer: bool = True
) -> tuple[list[str | None], dict[int, Line]]:
    """The number printed on each page (index 0 is scan page 1) and the lines that print it.

    A number is read as the last or first line of a page. When most digit readings agree on one offset
    from the scan order (at least three pages), every page between the first and the last agreeing page
    gets that offset: a misread number is mended and an unnumbered page between numbered ones is given
    its place. Pages outside that span keep what was read."""
    read: list[str | None] = [None] * n_pages
    where: dict[int, Line] = {}
    for p, lines in pages.items():
        for ln, beside in ((lines[-1], lines[-2:-1]), (lines[0], lines[1:2])) if lines else ():
            if beside and abs(beside[0].line - ln.line) == 1 and BARE_NUMBER.match(beside[0].text.strip()):
                continue  # one of a column of numbers (a contents page's, its leaders wiped): no page's own
            n = _read_number(ln.text)
            if n is not None and 1 <= p <= n_pages:
                read[p - 1], where[p] = n, ln
                break
    offsets = Counter(int(n) - i for i, n in enumerate(read, start=1) if n and n.isdigit())
    if not offsets or not infer:
        return read, where
    off, count = offsets.most_common(1)[0]
    if count < 2 or count * 2 < sum(offsets.values()) or (count == 2 and len(offsets) > 1):
        return read, where
    agree = [i for i, n in enumerate(read, start=1) if n and n.isdigit() and int(n) - i == off]
    lo, hi = agree[0], agree[-1]
    while lo - 1 >= 1 and lo - 1 + off >= 1 and _prose(pages.get(lo - 1, [])):
        lo -= 1  # a chapter's opening page, its number lost, before the first one read
    while hi + 1 <= n_pages and _prose(pages.get(hi + 1, [])):
        hi += 1
    for i in range(lo, hi + 1):
        read[i - 1] = str(i + off)
    return read, where


def _prose(lines: list[Line]) -> bool:
    """A page of running text (not a title, credits or blank page): several long lines."""
    return len(lines) >= 6 and sum(len(ln.text) > 40 for ln in lines) >= 3


def _header_candidate(lines: list[Line]) -> Line | None:
    """The page's first line that is more than a speck read as letters ("TT" above a rule)."""
    first = next((ln for ln in lines[:3] if sum(c.isalnum() for c in ln.text) >= 4), None)
    if first is None:
        return None
    if len(first.text) > MAX_HEADER_CHARS or BARE_NUMBER.match(first.text) or LABEL_ALONE.match(first.fold.strip()):
        return None
    return first


def find_running_headers(pages: dict[int, list[Line]], title: str | None, skip: set[int]) -> dict[int, Line]:
    """The first line of a page when it is a running header (see the module's docstring)."""
    cands = {p: c for p, ls in pages.items() if p not in skip and ls and (c := _header_candidate(ls)) is not None}
    keys = {p: _key(c) for p, c in cands.items()}
    book = re.sub(r"\W+", " ", re.sub(r"\(.*?\)", " ", fold_same(title or "").lower())).strip()
    out: dict[int, Line] = {}
    for p, ln in cands.items():
        k = keys[p]
        repeated = any(q != p and _similar(k, keys[q]) for q in cands)
        if LABEL_PERIOD.match(ln.fold.strip()) or _similar(k, book) or (repeated and (ln.is_upper or len(k) < 60)):
            out[p] = ln
    return out


def find_footnotes(lines: list[Line]) -> list[Footnote]:
    """Footnotes at the foot of a page's body lines (page number left out): from the first line in the
    lower half that opens with a note number and a capital, every line to the end."""
    start = next(
        (
            i
            for i in range(len(lines) // 2, len(lines))
            if (m := NOTE_START.match(lines[i].text)) and m.group("rest")[:1].isupper() and len(m.group("rest").split()) >= 3
        ),
        None,
    )
    if start is None:
        return []
    notes: list[Footnote] = []
    for ln in lines[start:]:
        m = NOTE_START.match(ln.text)
        if m and m.group("rest")[:1].isupper():
            n = m.group("n")
            number = int(n) if n.isdigit() else 1
            notes.append(Footnote(number, m.group("rest").strip(), [ln]))
        elif notes:
            notes[-1].text += " " + ln.text.strip()
            notes[-1].lines.append(ln)
    return notes


def book_layout(nb: list[Line], n_pages: int, title: str | None) -> tuple[BookLayout, list[str | None]]:
    """The furniture of a book's non-blank lines ``nb``, and the printed number of each page."""
    pages = by_page(nb)
    layout = BookLayout()
    printed, layout.page_number_lines = printed_numbers(pages, n_pages)
    own = {(ln.page, ln.line) for ln in layout.page_number_lines.values()}
    layout.contents_pages, layout.contents = find_contents(pages, own)
    layout.running_headers = find_running_headers(pages, title, layout.contents_pages | {1})
    for p, lines in pages.items():
        if p in layout.contents_pages:
            continue
        number = layout.page_number_lines.get(p)
        body = [ln for ln in lines if ln is not number and ln is not layout.running_headers.get(p)]
        notes = find_footnotes(body)
        if notes:
            layout.footnotes[p] = notes
    return layout, printed


def footnoted(citations: list[Citation], layout: BookLayout) -> list[Citation]:
    """Citations printed in a footnote carry its number (a compiler cites "p. 12, note 3")."""
    for c in citations:
        key = re.sub(r"\s+", "", c.symbol or "").lower()
        for note in layout.footnotes.get(c.page or 0, []):
            if key and key in re.sub(r"\s+", "", note.text).lower():
                c.footnote = note.number
                break
    return citations

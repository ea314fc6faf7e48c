"""Book and plan structure: PHẦN, CHƯƠNG, Mục, Roman-numbered headings, Lời nói đầu, Lời kết.

Each heading keeps the period it covers when it ends with one (``... (2015-2020)``).
``printed_page_numbers`` tells the page number printed on each page (a bare number as the
first or last line) from the scan order.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from ingest.ocr.word_repair import repaired_line
from ingest.understand.book_layout import BookLayout, by_page, printed_numbers
from ingest.understand.entities import mend_year_span, period_in
from ingest.understand.lines import Line, fold_same, nonblank, split_lines
from ingest.understand.numerals import renumber
from sulieu.model import Heading
from sulieu.text import fold

# Optional enumerator before a heading word: "1. Chương I: ..." in a plan listing chapters.
_ENUM = r"(?:\d{1,2}[.)]\s*)?"
_ROMAN = r"[ivxlc]+"
_NUM = rf"(?:{_ROMAN}|\d{{1,3}}|thu\s+\w+(?:\s+\w+)?)"
# (regex on the folded line, level, kind)
HEADINGS: list[tuple[re.Pattern[str], int, str]] = [
    (re.compile(rf"^{_ENUM}phan\s+{_NUM}\b\s*[:.–-]?\s*"), 1, "part"),
    (re.compile(rf"^{_ENUM}chuong\s+{_NUM}\b\s*[:.–-]?\s*"), 2, "chapter"),
    (re.compile(rf"^{_ENUM}muc\s+(?:{_ROMAN}|\d{{1,3}})\b\s*[:.–-]?\s*"), 3, "section"),
    (re.compile(rf"^{_ENUM}(?:phan\s+)?(?:loi noi dau|loi gioi thieu|loi mo dau|loi tua)\b\s*[:.]?\s*"), 1, "preface"),
    (re.compile(rf"^{_ENUM}(?:phan\s+)?(?:loi ket|ket luan chung|loi bat)\b\s*[:.]?\s*"), 1, "conclusion"),
    (re.compile(rf"^{_ENUM}(?:phu luc|tai lieu tham khao|muc luc)\b\s*[:.]?\s*"), 1, "appendix"),
]
# "I. MỤC ĐÍCH, YÊU CẦU": a Roman numeral and a title in capitals.
ROMAN_HEADING = re.compile(r"^(?P<n>[IVXLC]{1,6})\s*[.)/-]\s+(?P<title>\S.*)$")
MAX_HEADING_CHARS = 220


def _is_heading_text(ln: Line) -> bool:
    t = ln.text
    return 0 < len(t) <= MAX_HEADING_CHARS and not t.endswith((",", ";"))


def find_structure(lines: list[Line], layout: BookLayout | None = None) -> list[Heading]:
    """Headings in reading order. With a book's ``layout`` its furniture (contents pages, running
    headers, page numbers, footnotes) is never a heading, titles run over every line printed for them,
    and misread numerals are mended by their place in the sequence."""
    if layout is not None:
        return _book_structure(lines, layout)
    out: list[Heading] = []
    nb = [ln for ln in lines if ln.text]
    for i, ln in enumerate(nb):
        if not _is_heading_text(ln):
            continue
        for pat, level, kind in HEADINGS:
            m = pat.match(ln.fold)
            if not m:
                continue
            title = ln.text.strip()
            # "CHƯƠNG I" alone: the title is the next line (in capitals in most books).
            if m.end() >= len(ln.fold.rstrip(" :.")) and i + 1 < len(nb) and kind in ("part", "chapter", "section"):
                nxt = nb[i + 1]
                if _is_heading_text(nxt) and (nxt.is_upper or len(nxt.text) < 120):
                    title = f"{title.rstrip(' :.')}: {nxt.text.strip()}"
            out.append(Heading(level=level, kind=kind, title=title, page=ln.page, period=period_in(title)))
            break
        else:
            rm = ROMAN_HEADING.match(ln.text)
            if rm and (Line(0, 0, rm.group("title"), "").is_upper) and len(ln.text) <= 150:
                out.append(
                    Heading(level=2, kind="numbered", title=ln.text.strip(), page=ln.page, period=period_in(ln.text))
                )
    return out


# A book's numbered section as OCR reads it: "I." also as "1.", "l.", "|."; "III." as "Ill.", "111.".
BOOK_SECTION = re.compile(r"^(?P<n>[IVXLC1l|!H]{1,5})\s*[.,)/:-]\s*(?P<title>\S.*)$")
# "II CÔNG TÁC QUÂN SỰ ĐỊA PHƯƠNG": the "." lost; the title then has three words or more, no lower case
# (told by ``str.islower``: the class "à-ỹ" holds "Ự", "Ị", "Ư", so a regex class lost this very title).
BOOK_SECTION_BARE = re.compile(r"^(?P<n>[IVX]{1,5}|I{0,2}H)\s+(?P<title>[^\W\d_]\S*(?:\s+\S+){2,})$")
BOOK_SECTION_L = re.compile(r"^(?P<n>[IVXC1|!H]{1,4})[Ll]\s+(?P<title>\S.*)$")  # "IIIL CÔNG TÁC": its "." read "L"
# "Chương IH": OCR reads "III" as "IH" or "Il", "II" as "H" or "11".
BOOK_CHAPTER = re.compile(r"^chuong\s+(?P<n>[ivxlc1|!ht]{1,6})\b\s*[:.–-]?\s*")
PERIOD_LINE = re.compile(r"^\(?\s*\d{4}\s*[-–]\s*\d{4}\s*\)?\.?$")
MAX_TITLE_LINES = 8  # three printed lines, each broken again on a narrow page, and the period
MAX_TITLE_CHARS = 300
DASH = re.compile(r"[-–—]")


def _title_lines(nb: list[Line], i: int, skip: set[tuple[int, int]]) -> list[Line]:
    """The lines of the title under (or beside) a label on line ``i``: capitals or a period, on the same
    page, until a section heading, body text or ``MAX_TITLE_LINES``."""
    out: list[Line] = []
    for ln in nb[i + 1 : i + 1 + MAX_TITLE_LINES]:
        if ln.page != nb[i].page or (ln.page, ln.line) in skip or BOOK_SECTION.match(ln.text):
            break
        open_period = " ".join(x.text for x in [nb[i], *out]).count("(") > " ".join(x.text for x in [nb[i], *out]).count(")")
        closes = open_period and re.fullmatch(r"[\d\s)\-–.]{1,12}", ln.text.strip())  # "(1975 -" then "1986)"
        if not (ln.is_upper or PERIOD_LINE.match(mend_year_span(ln.text.strip())) or closes) or len(ln.text) > 120:
            break
        if sum(len(x.text) for x in out) + len(ln.text) > MAX_TITLE_CHARS:
            break
        out.append(ln)
        if period_in(ln.text):  # the period closes the title
            break
    return out


def _book_structure(lines: list[Line], layout: BookLayout) -> list[Heading]:
    skip = layout.furniture()
    nb = [ln for ln in lines if ln.text and ln.page not in layout.contents_pages and (ln.page, ln.line) not in skip]
    out: list[Heading] = []
    i = 0
    while i < len(nb):
        ln = nb[i]
        i += 1
        if not _is_heading_text(ln):
            continue
        head = _book_heading(nb, i - 1, skip)
        if head is not None:
            heading, used = head
            out.append(heading)
            i += used
    _renumber(out)
    _reconcile(out, layout, Counter(_bare(w) for ln in lines for w in ln.text.split()))
    _mend_by_body(out, lines)
    return out


def _renumber(headings: list[Heading]) -> None:
    """Chapter numerals through the book, section numerals within each chapter (``numerals.renumber``)."""
    groups: list[list[Heading]] = [[h for h in headings if h.kind == "chapter"], []]
    for h in headings:
        if h.kind == "chapter":
            groups.append([])
        elif h.kind == "numbered":
            groups[-1].append(h)
    for group in groups:
        split = [_numeral_of(h) for h in group]
        for h, (before, numeral, after), new in zip(group, split, renumber([n for _, n, _ in split]), strict=True):
            if new != numeral:
                h.title = f"{before}{new}{after}"


def _numeral_of(h: Heading) -> tuple[str, str, str]:
    """A heading's title cut around its numeral: ("Chương ", "IH", ": ...") or ("", "1", ". BỐI CẢNH")."""
    if h.kind == "numbered":
        n, dot, rest = h.title.partition(".")
        return "", n, dot + rest
    label, sep, rest = h.title.partition(": ")
    word, space, n = label.rpartition(" ")
    return word + space, n, sep + rest


def _bare(word: str) -> str:
    return word.strip(",.;:()\"'").lower()


def _alike(x: str, y: str) -> bool:
    return SequenceMatcher(None, fold_same(x).lower(), fold_same(y).lower(), autojunk=False).ratio() >= 0.6


def _reconcile(headings: list[Heading], layout: BookLayout, vocab: Counter[str]) -> None:
    """A chapter title read twice, on its opening page and in the contents: where the two readings of a
    word differ ("THỤC DÂN" / "THỰC DÂN", "QUYỂÊN" / "QUYỀN"), the one the book uses more often wins
    (its body text is the tie-breaker). On a tie the contents' reading wins: its regular type keeps tone
    marks that large bold capitals lose (every tie on the development books: "TIẾN TUYỂN MIỄN" in the
    heading, "TIỀN TUYẾN MIỀN" in the contents)."""
    chapters = [h for h in headings if h.kind == "chapter"]
    entries = [e for e in layout.contents if fold_same(e.title).lower().startswith("chuong")]
    if len(chapters) != len(entries):
        return
    for h, e in zip(chapters, entries, strict=True):
        label, sep, title = h.title.partition(": ")
        other = e.title.partition(": ")[2] or e.title
        a, b = title.split(), other.split()
        key = [fold_same(w).lower() for w in a], [fold_same(w).lower() for w in b]
        sm = SequenceMatcher(None, *key, autojunk=False)
        if not sep or sm.ratio() < 0.6:
            continue
        words: list[str] = []
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "insert" and all(DASH.fullmatch(w) for w in b[j1:j2]):
                words += b[j1:j2]  # "KINH TẾ - XÃ HỘI": a dash is small print OCR loses more than it invents
            elif op in ("equal", "replace"):  # word by word while the two readings look alike
                pairs = list(zip(a[i1:i2], b[j1:j2], strict=False))
                words += [y if _alike(x, y) and vocab[_bare(y)] >= vocab[_bare(x)] else x for x, y in pairs]
                words += a[i1 + len(pairs) : i2]
            else:
                words += a[i1:i2]
        h.title = f"{label}: {' '.join(words)}"
        h.period = period_in(h.title)


def _mend_by_body(headings: list[Heading], lines: list[Line]) -> None:
    """A heading word whose marks bold capitals lost, put right by the rest of the book: where the word
    stands beside a neighbour nowhere but in this heading ("xây dụng") and a spelling with the same
    letters stands beside that neighbour twice or more ("xây dựng"), that spelling is the word (a section
    "XÂY DỤNG ĐẢNG" on a moderate scan, "XÂY DỰNG" in four other headings and contents lines). Counted
    on one side at a time: summing both sides let one misread contents line ("THỤC HIỆN") outvote a
    right heading."""
    pairs: Counter[tuple[str, str]] = Counter()
    spellings: dict[str, set[str]] = {}
    for ln in lines:
        words = [_bare(w) for w in ln.text.split()]
        pairs.update(zip(words, words[1:], strict=False))
        for w in words:
            spellings.setdefault(fold(w), set()).add(w)
    for h in headings:
        words = h.title.split()
        low = [_bare(w) for w in words]
        for i, w in enumerate(low):
            prev, nxt = (low[i - 1] if i else ""), (low[i + 1] if i + 1 < len(low) else "")
            seen = max(pairs[(prev, w)], pairs[(w, nxt)]) - 1  # besides the heading itself
            best = max(((max(pairs[(prev, v)], pairs[(v, nxt)]), v) for v in spellings.get(fold(w), ()) if v != w),
                       default=(0, ""))
            if seen <= 0 and best[0] >= 2:
                core = words[i].strip(",.;:()\"'")
                words[i] = words[i].replace(core, best[1].upper() if core.isupper() else best[1])
        h.title = " ".join(words)


def _book_heading(nb: list[Line], i: int, skip: set[tuple[int, int]]) -> tuple[Heading, int] | None:
    """The heading that starts on line ``i`` and how many more lines it takes, or None."""
    ln = nb[i]
    for pat, level, kind in HEADINGS + BOOK_HEADINGS:
        m = pat.match(ln.fold)
        if not m:
            continue
        label, rest = ln.text[: m.end()].strip().rstrip(" :.–-"), ln.text[m.end() :].strip()
        more: list[Line] = []
        if kind in ("part", "chapter"):
            more = _title_lines(nb, i, skip) if not period_in(rest) else []
        title = mend_year_span(repaired_line(" ".join([rest, *(x.text.strip() for x in more)])).strip())
        full = f"{label}: {title}" if title else label
        return Heading(level=level, kind=kind, title=full, page=ln.page, period=period_in(full)), len(more)
    bare = BOOK_SECTION_BARE.match(ln.text)
    sm = (BOOK_SECTION.match(ln.text) or BOOK_SECTION_L.match(ln.text)
          or (bare if bare and not any(c.islower() for c in bare.group("title")) else None))
    if sm and Line(0, 0, sm.group("title"), "").is_upper and len(ln.text) <= 150:
        title = f"{sm.group('n')}. {sm.group('title').strip()}"
        return Heading(level=3, kind="numbered", title=title, page=ln.page, period=period_in(title)), 0
    return None


BOOK_HEADINGS = [(BOOK_CHAPTER, 2, "chapter")]


def printed_page_numbers(pages: list[str]) -> list[str | None]:
    """The page number printed on each page: a bare number as its first or last non-blank line (what is
    read, nothing inferred: a book's numbers are inferred in ``book_layout``)."""
    return printed_numbers(by_page(nonblank(split_lines(pages))), len(pages), infer=False)[0]

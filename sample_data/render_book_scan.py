"""A generated book (``sample_data.book.generated_book``) drawn as A5 page images, with its ground truth.

The pages are what a printer of a local Party history makes: title page, credits, MỤC LỤC with dot
leaders, chapters opening on a new page, running headers (book title on even pages, the chapter on odd
ones) above a rule, footnotes under a short rule, the printed page number at the foot. Each image
carries its text in ``info["ground_truth"]`` (read order) so ``sample_data.scans.degrade`` and the OCR
bench can age it; ``BookTruth`` says where every chapter really starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from sample_data.book import Chapter, GeneratedBook
from sample_data.scans import _font, _justify, _wrap

A5 = (148.0, 210.0)


@dataclass
class ChapterTruth:
    label: str  # "Chương II"
    title: str  # whole title, period included, as printed
    period: tuple[int, int]
    page: int  # scan page (1-based)
    printed_page: str


@dataclass
class BookTruth:
    chapters: list[ChapterTruth] = field(default_factory=list)
    running_headers: dict[int, str] = field(default_factory=dict)  # scan page -> header line
    contents_page: int = 0
    footnotes: dict[int, list[str]] = field(default_factory=dict)  # scan page -> footnote lines
    sections: list[tuple[int, str]] = field(default_factory=list)  # (scan page, "I. BỐI CẢNH ...")
    printed_pages: dict[int, str] = field(default_factory=dict)  # scan page -> number printed at its foot
    footnote_citations: list[tuple[int, int, str]] = field(default_factory=list)  # (scan page, note no., symbol)

    def shift(self, by: int) -> None:
        """Every scan page moved on by ``by`` (a contents page put in front of the body)."""
        for t in self.chapters:
            t.page += by
        self.running_headers = {p + by: h for p, h in self.running_headers.items()}
        self.footnotes = {p + by: n for p, n in self.footnotes.items()}
        self.sections = [(p + by, s) for p, s in self.sections]
        self.printed_pages = {p + by: n for p, n in self.printed_pages.items()}
        self.footnote_citations = [(p + by, n, s) for p, n, s in self.footnote_citations]


class _Book:
    def __init__(self, dpi: int) -> None:
        self.dpi = dpi
        self.mm = dpi / 25.4
        self.pw, self.ph = round(A5[0] * self.mm), round(A5[1] * self.mm)
        self.ml, self.mr, self.mt, self.mb = 18 * self.mm, 15 * self.mm, 16 * self.mm, 16 * self.mm
        self.width = self.pw - self.ml - self.mr
        self.body_px = round(11 * dpi / 72)
        self.step = round(self.body_px * 1.45)
        self.pages: list[Image.Image] = []
        self.truth: list[list[str]] = []
        self.y = 0.0
        self.draw: ImageDraw.ImageDraw

    def font(self, pt: float, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
        return _font(round(pt * self.dpi / 72), bold=bold, italic=italic)

    def new_page(self) -> None:
        img = Image.new("L", (self.pw, self.ph), 255)
        img.info["dpi"] = (self.dpi, self.dpi)
        self.draw = ImageDraw.Draw(img)
        self.pages.append(img)
        self.truth.append([])
        self.y = self.mt

    def centred(self, text: str, font: ImageFont.FreeTypeFont, gap: float = 1.35) -> None:
        x = self.ml + (self.width - self.draw.textlength(text, font=font)) / 2
        self.draw.text((x, self.y), text, font=font, fill=0)
        self.truth[-1].append(text)
        self.y += font.size * gap

    def left(self, text: str, font: ImageFont.FreeTypeFont, x: float | None = None) -> None:
        self.draw.text((self.ml if x is None else x, self.y), text, font=font, fill=0)
        self.truth[-1].append(text)
        self.y += self.step

    @property
    def bottom(self) -> float:
        return self.ph - self.mb - 1.6 * self.body_px  # room for the page number


def _title_page(bk: _Book, book: GeneratedBook) -> None:
    bk.new_page()
    bk.y = bk.mt + 6 * bk.mm
    bk.centred(book.body, bk.font(10.5, bold=True))
    bk.y = bk.ph * 0.33
    for i, ln in enumerate(book.title_lines):
        bk.centred(ln, bk.font(22 if i < 2 else 16, bold=True), 1.5)
    bk.y = bk.ph - bk.mb - 22 * bk.mm
    bk.centred(book.publisher, bk.font(9.5, bold=True), 2.2)
    bk.centred(f"{book.place} - {book.year}", bk.font(10))


def _credits_page(bk: _Book, book: GeneratedBook) -> None:
    bk.new_page()
    bk.y = bk.ph * 0.3
    label_font, name_font = bk.font(10.5, italic=True), bk.font(10.5, bold=True)
    for label, names in book.credits:
        if book.credits_inline:
            bk.centred(f"{label}: {', '.join(names)}", name_font, 1.8)
            continue
        bk.centred(f"{label}:", label_font, 1.5)
        for name in names:
            bk.centred(name, name_font, 1.5)
        bk.y += bk.body_px * 0.8


def _contents_page(bk: _Book, book: GeneratedBook, truth: BookTruth, printed: str | None) -> None:
    bk.new_page()
    truth.contents_page = len(bk.pages)
    bk.y = bk.mt + 8 * bk.mm
    bk.centred("MỤC LỤC", bk.font(14, bold=True), 2.5)
    font = bk.font(10.5)
    num_w = bk.draw.textlength("000", font=font)
    for ch, t in zip(book.chapters, truth.chapters, strict=True):
        text = f"{t.label}: {ch.title}"
        lines = _wrap(bk.draw, text, font, bk.width - num_w - 14 * bk.mm, 0)
        for ln in lines[:-1]:
            bk.left(ln, font)
        last = lines[-1]
        x_end = bk.ml + bk.width - bk.draw.textlength(t.printed_page, font=font)
        x_dots = bk.ml + bk.draw.textlength(last + " ", font=font)
        dots = "." * max(3, int((x_end - x_dots - bk.mm * 2) / bk.draw.textlength(".", font=font)))
        bk.draw.text((bk.ml, bk.y), f"{last} {dots}", font=font, fill=0)
        bk.draw.text((x_end, bk.y), t.printed_page, font=font, fill=0)
        bk.truth[-1].append(f"{last} {dots} {t.printed_page}")
        bk.y += bk.step * 1.3
    if printed:
        _page_number(bk, printed)


def _page_number(bk: _Book, printed: str) -> None:
    bk.y = bk.ph - bk.mb - bk.body_px
    bk.centred(printed, bk.font(10))


def _running_header(bk: _Book, text: str, truth: BookTruth) -> None:
    bk.y = bk.mt
    bk.centred(text, bk.font(8.5, italic=True), 1.2)
    bk.draw.line((bk.ml, bk.y, bk.ml + bk.width, bk.y), fill=0, width=max(1, bk.dpi // 150))
    truth.running_headers[len(bk.pages)] = text
    bk.y += bk.step


class _Flow:
    """Body pages: lines flow down, a new page (running header, then text) when one is full."""

    def __init__(self, bk: _Book, book: GeneratedBook, truth: BookTruth) -> None:
        self.bk, self.book, self.truth = bk, book, truth
        self.printed = book.first_printed - 1
        self.chapter: ChapterTruth | None = None
        self.notes: list[str] = []  # footnote lines of the current page
        self.note_symbols: list[str] = []  # the directive each of the page's notes cites

    def label(self, ch: Chapter) -> str:
        return ch.label.upper() if self.book.chapter_caps else ch.label

    def finish_page(self) -> None:
        bk = self.bk
        if self.notes:
            font = bk.font(8.5)
            y = bk.bottom - len(self.notes) * font.size * 1.3 - bk.mm * 2
            bk.draw.line((bk.ml, y, bk.ml + 30 * bk.mm, y), fill=0, width=max(1, bk.dpi // 150))
            bk.y = y + bk.mm * 1.5
            for ln in self.notes:
                bk.draw.text((bk.ml, bk.y), ln, font=font, fill=0)
                bk.truth[-1].append(ln)
                bk.y += font.size * 1.3
            self.truth.footnotes[len(bk.pages)] = list(self.notes)
            self.truth.footnote_citations += [(len(bk.pages), k + 1, s) for k, s in enumerate(self.note_symbols)]
            self.notes, self.note_symbols = [], []
        _page_number(bk, str(self.printed))
        self.truth.printed_pages[len(bk.pages)] = str(self.printed)

    def page(self, opening: bool) -> None:
        if self.bk.pages and self.printed >= self.book.first_printed:
            self.finish_page()
        self.bk.new_page()
        self.printed += 1
        if not opening and self.chapter is not None:
            text = self.book.running_title if self.printed % 2 == 0 else (
                f"{self.chapter.label}: {self.chapter.period[0]} - {self.chapter.period[1]}")
            _running_header(self.bk, text, self.truth)
        else:
            self.bk.y = self.bk.mt + 10 * self.bk.mm

    def room(self, lines: int, note_lines: int = 0) -> None:
        bk = self.bk
        notes = (len(self.notes) + note_lines) * bk.body_px * 1.1 + (4 * bk.mm if self.notes or note_lines else 0)
        if bk.y + lines * bk.step + notes > bk.bottom:
            self.page(opening=False)

    def chapter_start(self, ch: Chapter) -> None:
        bk = self.bk
        self.page(opening=True)
        label = self.label(ch)
        self.chapter = ChapterTruth(label, ch.title, ch.period, len(bk.pages), str(self.printed))
        self.truth.chapters.append(self.chapter)
        bk.centred(label, bk.font(14, bold=True), 1.8)
        font = bk.font(12, bold=True)
        printed = [part for ln in ch.title_lines for part in _wrap(bk.draw, ln, font, bk.width - 6 * bk.mm, 0)]
        for ln in printed:  # a line too long for A5 is broken again, as a typesetter would
            bk.centred(ln, font, 1.45)
        bk.y += bk.step

    def paragraph(self, text: str, note: str | None) -> None:
        bk = self.bk
        font = bk.font(11)
        lines = _wrap(bk.draw, text + (" (1)" if note else ""), font, bk.width, 8 * bk.mm)
        note_lines = _wrap(bk.draw, f"(1) {note}", bk.font(8.5), bk.width, 0) if note else []
        for i, ln in enumerate(lines):
            last = i == len(lines) - 1
            self.room(1, len(note_lines) if last and note else 0)
            x = bk.ml + (8 * bk.mm if i == 0 else 0)
            if last:
                bk.draw.text((x, bk.y), ln, font=font, fill=0)
            else:
                _justify(bk.draw, (x, bk.y), ln, font, bk.width - (x - bk.ml))
            bk.truth[-1].append(ln)
            bk.y += bk.step
        self.notes.extend(note_lines)  # chapters open a page and carry one note each: always (1)
        if note and (m := re.search(r"\d+-[A-Z]+/[A-Z]+", note)):
            self.note_symbols.append(m.group(0))
        bk.y += bk.step * 0.3


def render_book(book: GeneratedBook, dpi: int = 300) -> tuple[list[Image.Image], BookTruth]:
    """The book's pages (mode ``L``, ground truth in ``info``) and where its chapters start."""
    bk = _Book(dpi)
    truth = BookTruth()
    _title_page(bk, book)
    _credits_page(bk, book)
    front = 3 if not book.contents_last else 2
    flow = _Flow(bk, book, truth)
    # Chapters' pages are known once laid out: lay the body out first, then put the contents where it goes.
    body_start = len(bk.pages)
    for ch in book.chapters:
        flow.chapter_start(ch)
        for s, (heading, paragraphs) in enumerate(zip(ch.sections, ch.paragraphs, strict=True)):
            flow.room(3)
            truth.sections.append((len(bk.pages), heading))
            bk.left(heading, bk.font(11, bold=True))
            notes = dict(ch.footnotes)
            for k, para in enumerate(paragraphs):
                flow.paragraph(para, notes.get(s) if k == 0 and s in notes else None)
    flow.finish_page()
    if not book.contents_last:
        truth.shift(1)
        _contents_page(bk, book, truth, None)
        bk.pages.insert(body_start, bk.pages.pop())
        bk.truth.insert(body_start, bk.truth.pop())
        truth.contents_page = front
    else:
        _contents_page(bk, book, truth, str(flow.printed + 1))
        truth.printed_pages[len(bk.pages)] = str(flow.printed + 1)
    for img, lines in zip(bk.pages, bk.truth, strict=True):
        img.info["ground_truth"] = "\n".join(lines)
    return bk.pages, truth

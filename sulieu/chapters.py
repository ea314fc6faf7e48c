"""Which chapter each page of a book belongs to, and the years that chapter covers.

One rule for the index (period search), the page viewer and the table of contents: a heading covers its
page up to the page before the next heading at its level or above (the rule of the IIIF ranges too), front
and back matter ("Lời nói đầu", "Kết luận", "Phụ lục") up to the next chapter or part. A
page's chapter is the innermost covering heading of level 1 or 2 (Phần, Chương, Lời nói đầu, a Roman-numbered
plan heading); sections (level 3) stay inside their chapter. A chapter without a period takes the period of
the part around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sulieu.model import Heading, Period

CHAPTER_LEVEL = 2  # headings at this level or above are chapters (a section is level 3)
MAX_PERIOD_YEARS = 300  # a "(1700 - nay)" misread stays a bounded list of years
# Front and back matter hold no chapters: "Lời nói đầu" is a level-1 heading as a part is, but the level-2
# chapters after it are not inside it (its own numbered sections are).
MATTER_KINDS = frozenset({"preface", "conclusion", "appendix"})
# A Roman-numbered heading ("I. BỐI CẢNH ...", level 2 as in a plan) after a chapter or part is a section of it:
# without this the sample book's chapters would end on their first page and their pages lose the period.
HOLDS_NUMBERED = frozenset({"chapter", "part"})


def holds(outer: Heading, inner: Heading) -> bool:
    """``inner``, coming after ``outer``, is inside it: a deeper level (never a chapter inside front matter),
    or a numbered section after a chapter or part."""
    if inner.kind == "numbered" and outer.kind in HOLDS_NUMBERED | MATTER_KINDS:
        return True
    return inner.level > outer.level and (outer.kind not in MATTER_KINDS or inner.level > CHAPTER_LEVEL)


@dataclass(frozen=True)
class Chapter:
    title: str
    kind: str
    level: int
    first_page: int
    last_page: int
    period: Period | None

    @property
    def label(self) -> str:
        """The title as printed, with its period when the title does not already show it."""
        p = self.period
        if p is None or str(p.start) in self.title:
            return self.title
        return f"{self.title} ({p.start} - {p.end if p.end is not None else 'nay'})"


def _spans(headings: list[Heading], pages: list[int]) -> list[tuple[Heading, int, int, list[Heading]]]:
    """Each heading with its first and last page and the headings around it, outermost first."""
    last = max(pages) if pages else 0
    known = [h for h in headings if not pages or h.page <= last]
    out = []
    stack: list[Heading] = []
    for i, h in enumerate(known):
        end = next((k.page - 1 for k in known[i + 1:] if not holds(h, k)), last)
        while stack and not holds(stack[-1], h):
            stack.pop()
        out.append((h, h.page, max(end, h.page), list(stack)))
        stack.append(h)
    return out


def chapters(headings: list[Heading], pages: list[int]) -> list[Chapter]:
    """The book's chapters in order, each with its page span and its (inherited) period."""
    out: list[Chapter] = []
    for h, first, last, around in _spans(headings, pages):
        if h.level > CHAPTER_LEVEL or (h.kind == "numbered" and around):
            continue
        period = h.period
        if period is None:  # a chapter without a period: that of the part around it
            period = next((o.period for o in reversed(around) if o.period is not None), None)
        out.append(Chapter(title=h.title, kind=h.kind, level=h.level, first_page=first, last_page=last, period=period))
    return out


def trail(headings: list[Heading], pages: list[int], page: int) -> list[Heading]:
    """Every heading covering ``page``, outermost first (Phần › Chương › Mục)."""
    return [h for h, first, last, _ in _spans(headings, pages) if first <= page <= last]


def chapter_of(chs: list[Chapter], page: int) -> Chapter | None:
    """The innermost chapter covering ``page`` (None before the first heading)."""
    found = None
    for c in chs:
        if c.first_page <= page <= c.last_page and (found is None or c.level >= found.level):
            found = c
    return found


def period_years(period: Period | None, until: int | None = None) -> list[int]:
    """Every year a period covers; an open period ("1930 - nay") runs to ``until`` (the book's year)
    or this year. A list of years, not two bounds, lets an index test overlap with one range query on a
    multi-valued field: with start and end fields apart, a book with chapters 1930-1945 and 1975-1986
    would match 1950..1960 (one chapter's start, another's end)."""
    if period is None:
        return []
    end = period.end if period.end is not None else (until or date.today().year)
    end = min(max(end, period.start), period.start + MAX_PERIOD_YEARS)
    return list(range(period.start, end + 1))

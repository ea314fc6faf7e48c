"""Period covered, places and people named in a document.

* Period: ``(2013 - 2023)`` / ``(2013-2023)`` in a title, subject or heading; a bare
  ``giai đoạn 2013-2023`` counts too. One year alone is not a period.
* Places: provinces and districts of the gazetteer named after an administrative word
  (``quận Long Biên``, ``thành phố Hải Phòng``) or anywhere for provinces, and the place
  of issue.
* People: personal names after ``đồng chí``/``ông``/``bà`` or with a common surname and at
  least three capitalised syllables (``Nguyễn Xuân Thắng``), plus the signer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.understand.gazetteer import gazetteer
from ingest.understand.lines import fold_same
from sulieu.model import Period

PERIOD_PAREN = re.compile(r"\(\s*(?P<a>(?:1[89]|20)\d\d)\s*[-–—]\s*(?P<b>(?:1[89]|20)\d\d|nay)\s*\)")
PERIOD_PHRASE = re.compile(r"giai đoạn\s+(?P<a>(?:1[89]|20)\d\d)\s*[-–—]\s*(?P<b>(?:1[89]|20)\d\d)", re.IGNORECASE)


# Two years whose dash OCR lost: "(1975 1986)", "(19301945)", "giai đoạn 2024 2026".
_YEARS_NO_DASH = re.compile(
    r"(?P<pre>\(\s*|(?:giai đoạn|nhiệm kỳ)\s+)(?P<a>(?:1[89]|20)\d\d)\s*(?P<b>(?:1[89]|20)\d\d)(?!\d)", re.IGNORECASE
)


def mend_year_span(text: str) -> str:
    """The dash put back between two years of a period, when the second is the later one."""

    def dash(m: re.Match[str]) -> str:
        a, b = int(m.group("a")), int(m.group("b"))
        return f"{m.group('pre')}{a} - {b}" if a < b <= a + 100 else m.group(0)

    return _YEARS_NO_DASH.sub(dash, text)


def period_in(text: str | None) -> Period | None:
    if not text:
        return None
    m = PERIOD_PAREN.search(text) or PERIOD_PHRASE.search(text)
    if not m:
        return None
    a = int(m.group("a"))
    b = m.group("b")
    end = int(b) if b.isdigit() else None
    if end is not None and end < a:
        return None
    return Period(start=a, end=end)


SURNAMES = frozenset(
    s
    for s in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương Lương Trịnh "
        "Đào Cao Lâm Tô Tạ Chu Châu Quách Kiều Thái Lưu Phùng Hứa Tăng Triệu Mạc Lã Khúc Nông Hà Văn Vương Tôn "
        "Thân Từ Viên Doãn Khổng Kim Lục Mai Nghiêm Ông Trình Tống Hầu Giang Đồng Âu Ninh Vi Lò Bế"
    ).split()
)
_CAP = r"[A-ZÀ-ỸĐ][a-zà-ỹđ]+"
NAME = re.compile(rf"(?<![\w])(?P<name>{_CAP}(?:[ ]+{_CAP}){{1,3}})(?![\w])")
HONORIFIC = re.compile(r"(?:đồng chí|ông|bà|Đồng chí|Ông|Bà|Bác|Chủ tịch|Tổng Bí thư|Bí thư)\s+$")
# Words before "Hồ Chí Minh" etc. that make it an organisation or a place, not a person.
NOT_PERSON_BEFORE = re.compile(r"(?:quốc gia|thành phố|TP\.?|Cộng sản|Tp\.?|tư tưởng|Lăng|Khu)\s+$", re.IGNORECASE)
ADMIN_WORD = re.compile(
    r"\b(?P<unit>tỉnh|thành phố|TP\.?|quận|huyện|thị xã|thị trấn|xã|phường)\s+(?P<name>[A-ZÀ-ỸĐ][\wÀ-ỹ]*(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*){0,3})"
)


def people_in(text: str, extra: list[str] | None = None) -> list[str]:
    seen: dict[str, None] = {}
    for m in NAME.finditer(text):
        name = m.group("name")
        words = name.split()
        before = text[max(0, m.start() - 30) : m.start()]
        if NOT_PERSON_BEFORE.search(before):
            continue
        honor = bool(HONORIFIC.search(before))
        if words[0] not in SURNAMES:
            continue
        if len(words) < 3 and not honor:
            continue
        gaz = gazetteer()
        if gaz.province(name) or gaz.districts.get(fold_same(name)):
            continue
        seen.setdefault(name, None)
    for e in extra or []:
        if e:
            seen.setdefault(e, None)
    return list(seen)


def places_in_text(text: str, extra: list[str] | None = None, folded: str | None = None) -> list[str]:
    gaz = gazetteer()
    seen: dict[str, None] = {}
    for e in extra or []:
        if e:
            seen.setdefault(e, None)
    for m in ADMIN_WORD.finditer(text):
        words = m.group("name").split()
        # longest prefix that the gazetteer knows; otherwise the capitalised run (a commune)
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n])
            key = fold_same(cand)
            if key in gaz.provinces:
                seen.setdefault(gaz.provinces[key], None)
                break
            if key in gaz.districts:
                seen.setdefault(gaz.districts[key][0].name, None)
                break
    folded = folded if folded is not None else fold_same(text)
    for m in _province_regex().finditer(folded):
        name = gaz.provinces[m.group()]
        if text[m.start() : m.end()] == name:  # with its diacritics: "Hà Nam", not "hà năm"
            seen.setdefault(name, None)
    return list(seen)


@lru_cache(maxsize=1)
def _province_regex() -> re.Pattern[str]:
    # "Hồ Chí Minh" alone is mostly the person or the Academy: only "thành phố Hồ Chí Minh" counts.
    keys = sorted(
        (k for k, v in gazetteer().provinces.items() if len(k) > 4 and v != "Hồ Chí Minh"), key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b")

"""Citations of other documents, found around each symbol in the text.

For every symbol (``328-KH/TU``, ``63/2025/QH15``) the rules look back for the type
(``Kế hoạch số``, ``Luật Tổ chức Chính phủ số``) and the verb that governs it (the
relation), and forward for the date (``ngày 12/01/2024``, day first: a symbol followed by
a date is never one date) and the issuer (``của Ban Thường vụ Thành ủy``). Matching runs
on the folded page text, so offsets are those of the page text as given.
"""

from __future__ import annotations

import re

from ingest.understand.dates import date_at
from ingest.understand.lines import fold_same
from sulieu.doctypes import all_type_names, issuer_names, type_code, type_name
from sulieu.model import Citation
from sulieu.symbols import parse_symbol, plausible_codes
from sulieu.text import normalize_text

# A symbol with a number: 328-KH/TU, 193 -KH/QU, 249/2025/nd-cp, 2517-hvctqg (folded text).
SYMBOL = re.compile(r"(?<![\w/.-])(?P<sym>\d{1,5}(?:\s?[-/–]\s?(?:\d{4}|[a-z][a-z0-9.&]*))+)")
_TYPES_ALT = "|".join(re.escape(fold_same(n)) for n in all_type_names() + ["Bộ luật"])
# Type directly before the symbol: "Kế hoạch số 328-KH/TU", "Nghị định 43/2008/NĐ-CP".
TYPE_BEFORE = re.compile(rf"\b(?P<type>{_TYPES_ALT})\s*(?:so\s*[:.]?\s*)?$")
# Named laws: "Luật Tổ chức Chính phủ số 63/2025/QH15" (the name sits between type and "số").
NAMED_BEFORE = re.compile(
    r"\b(?P<type>luat|bo luat|phap lenh|hien phap|nghi quyet|quyet dinh|thong tu|nghi dinh)\b(?P<name>[^;\n]{1,140}?)\s+so\s*[:.]?\s*$"
)
BARE_SO = re.compile(r"\bso\s*[:.]?\s*$")
# "Ban Tuyên giáo Thành ủy ban hành Công văn số ...": issuer written before the type.
ISSUER_BEFORE = re.compile(r"(?P<iss>[^,;.\n]{3,70}?)\s+ban hanh\s+$")
# "của Ban Thường vụ Thành ủy về ...": the issuer ends at a preposition, a quote or punctuation.
ISSUER_AFTER = re.compile(
    r"^\s*,?\s*(?:cua|do)\s+(?P<iss>.+?)(?=\s+(?:ve|quy\s+dinh|huong\s+dan|ban\s+hanh|tai(?!\s+(?:chinh|nguyen))|nham|voi|va(?!\s+xa\s+hoi)|sua\s+doi|phe\s+duyet|thong\s+qua|ngay|tren\s+dia\s+ban)\b|\s*[,;:.\n“”\"(]|$)"
)

# A body's name broken at a line end ("của Ban\nBí thư", "của Bộ Chính\ntrị"): the line's last word
# cannot end a name, so the name goes on after the break.
_UNFINISHED = re.compile(r"(?:^|\s)(?:ban|bo|chinh|uy ban|uy|thuong|hoi dong|hoi|nhan|bo truong|truong|lao dong|-"
                         r"|va|hoc|vien|toa|kiem|van|tuyen|cong|quoc|trung|thanh|tinh|huyen|quan|dang)$")


# Listed bodies whose names go on past "và" or a comma, where ISSUER_AFTER stops: (head, rest), folded,
# e.g. ("bo giao duc", " va dao tao"), ("bo van hoa", ", the thao va du lich").
_NAME_TAILS = sorted(
    {(name[: m.start()], name[m.start():]) for name in map(fold_same, issuer_names())
     for m in re.finditer(r",\s| va ", name)},
    key=lambda ht: -len(ht[1]),
)


_LISTED = [fold_same(n) for n in issuer_names()]


def _runs_on(iss: str, after: str) -> bool:
    """A listed body's name spans the line end ("của Thủ" / "tướng Chính phủ", "Bộ Tài" / "chính")."""
    joined = iss + " " + after[:60]
    cut = len(iss)
    for name in _LISTED:
        i = joined.find(name, max(0, cut - len(name)))
        if 0 <= i < cut < i + len(name):
            return True
    return False


_LISTED_RE = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(_LISTED, key=len, reverse=True)) + r")\b")


def _trimmed(issuer: str) -> str:
    """A listed body's name followed by running words is cut after the name ("Bộ Tài chính được ...",
    "Quốc hội thí điểm một số chính sách"): lower-case words after a national body's full name are the
    sentence going on, except its term ("khóa XV")."""
    folded = fold_same(issuer)
    for m in _LISTED_RE.finditer(folded):
        rest = issuer[m.end():]
        if rest[:1] == " " and rest[1:2].islower() and not folded[m.end():].startswith(" khoa "):
            return issuer[: m.end()]
    return issuer


def _raw_length(raw: str, issuer: str) -> int:
    """Length in ``raw`` (which may hold line breaks and double spaces) of its first words making ``issuer``."""
    words = len(issuer.split())
    m = re.match(r"\s*(?:\S+\s+){" + str(words - 1) + r"}\S+", raw)
    return m.end() if m else len(raw)


def _issuer_after(window: str) -> tuple[int, int] | None:
    """Span of the issuer named after a citation: ISSUER_AFTER, joining the next line when the name was cut
    at a line end, then run on to the end of a listed body's name ("của Bộ Giáo dục và Đào tạo": the rule
    alone stopped at "và"). Same offsets as ``window``."""
    im = ISSUER_AFTER.match(window)
    for _ in range(2):
        if im is None or window[im.end("iss") : im.end("iss") + 1] != "\n":
            break
        if not _UNFINISHED.search(im.group("iss")) and not _runs_on(im.group("iss"), window[im.end("iss") + 1 :]):
            break
        cut = im.end("iss")
        window = window[:cut] + " " + window[cut + 1 :]
        im = ISSUER_AFTER.match(window)
    if im is None:
        return None
    start, end = im.span("iss")
    flat = window.replace("\n", " ")
    for head, rest in _NAME_TAILS:
        if flat[start:end].endswith(head) and flat.startswith(rest, end):
            return start, end + len(rest)
    return start, end


# Verbs that set the relation (folded), checked nearest-first before the citation.
RELATIONS: list[tuple[str, re.Pattern[str]]] = [
    ("based_on", re.compile(r"\bcan cu\b")),
    ("reviews", re.compile(r"\b(?:so ket|tong ket)\b")),
    ("implements", re.compile(r"\b(?:thuc hien|trien khai|quan triet|cu the hoa|thi hanh)\b")),
    ("amends", re.compile(r"\b(?:sua doi|bo sung|dinh chinh)\b")),
    ("replaces", re.compile(r"\bthay the\b")),
    ("repeals", re.compile(r"\b(?:bai bo|het hieu luc|huy bo)\b")),
    ("per", re.compile(r"\btheo\b")),
]
# Only connectors between two citations: the second shares the first one's verb.
CONNECTOR_ONLY = re.compile(r"^[\s,;]*(?:va|hoac|cung)?[\s,;]*$")
SENTENCE_END = re.compile(r"[.!?]\s+(?=[a-z0-9])|\n|:\s")
_RANK = {
    "based_on": 0,
    "implements": 1,
    "reviews": 1,
    "amends": 1,
    "replaces": 1,
    "repeals": 1,
    "per": 2,
    "mentions": 3,
}


def _relation(window: str) -> str | None:
    best: tuple[int, str] | None = None
    for rel, pat in RELATIONS:
        for m in pat.finditer(window):
            if best is None or m.start() > best[0]:
                best = (m.start(), rel)
    if best is None:
        return None
    rel = best[1]
    if rel == "implements" and re.search(r"\b(?:so ket|tong ket)\b", window[max(0, best[0] - 40) : best[0]]):
        rel = "reviews"  # "sơ kết 05 năm thực hiện Chỉ thị ..." reviews the directive
    return rel


def find_citations(pages: list[str], own_key: str | None = None, system: str | None = None) -> list[Citation]:
    found: list[Citation] = []
    for pno, raw in enumerate(pages, start=1):
        text = normalize_text(raw or "")
        folded = fold_same(text)
        prev_end = 0
        prev_rel: str | None = None
        for m in SYMBOL.finditer(folded):
            sym_text = text[m.start("sym") : m.end("sym")].rstrip(".")
            parsed = parse_symbol(sym_text)
            if parsed is None or parsed.number is None or not (parsed.type_code or parsed.issuer_code):
                continue
            if own_key and parsed.key == own_key:
                continue
            if not plausible_codes(parsed):
                continue  # "271/Ngày 12-05-2026" (a gazette's running header), "Dự án 1 – Phòng …"
            before = folded[max(0, m.start() - 220) : m.start()]
            start = m.start()
            tname: str | None = None
            tm = TYPE_BEFORE.search(before)
            if tm:
                tname = _type_from_fold(tm.group("type"))
                start = m.start() - len(before) + tm.start()
            else:
                nm = NAMED_BEFORE.search(before[-160:])
                if nm and not re.search(rf"\b(?:{_TYPES_ALT})\b", nm.group("name")):
                    tname = _type_from_fold(nm.group("type"))
                    start = m.start() - len(before[-160:]) + nm.start()
                elif not BARE_SO.search(before) and not parsed.type_code:
                    continue  # a bare "123-ABC" without type or "số" is too weak to be a citation
            if tname is None:
                tname = type_name(parsed.type_code, parsed.system)
            end = m.end()
            date = None
            d = date_at(folded, end)
            if d and d.start - end <= 12:
                date, end = d.iso, d.end
            issuer = None
            span = _issuer_after(folded[end : end + 160])
            if span and 2 < span[1] - span[0] <= 100:
                issuer = _trimmed(" ".join(text[end + span[0] : end + span[1]].split()))
                end = end + span[0] + _raw_length(text[end + span[0] : end + span[1]], issuer)
            else:
                ib = ISSUER_BEFORE.search(folded[max(0, start - 90) : start])
                if ib:
                    off = max(0, start - 90)
                    issuer = text[off + ib.start("iss") : off + ib.end("iss")].strip(" ,")
            if date is None and parsed.year:
                date = str(parsed.year)
            # Relation: the nearest verb in this sentence, or the previous citation's when only
            # connectors separate the two ("Thực hiện Kế hoạch A; Kế hoạch B ...").
            sent_start = 0
            for sm in SENTENCE_END.finditer(folded, max(0, start - 300), start):
                sent_start = sm.end()
            same_sentence = prev_rel is not None and prev_end >= sent_start
            gap = folded[max(prev_end, sent_start) : start]
            if same_sentence and CONNECTOR_ONLY.match(gap):
                rel = prev_rel
            else:
                window = gap[-200:] if same_sentence else folded[max(sent_start, start - 200) : start]
                rel = _relation(window) or (prev_rel if same_sentence else None) or "mentions"
            prev_end, prev_rel = end, rel
            found.append(
                Citation(
                    text=" ".join(text[start:end].split()),
                    relation=rel,
                    doc_type=tname,
                    doc_type_code=parsed.type_code
                    or type_code(tname, system if parsed.system is None else parsed.system),
                    number=parsed.number,
                    symbol=parsed.normalized,
                    symbol_key=parsed.key,
                    date=date,
                    issuer=issuer,
                    province=_province_named(issuer),
                    page=pno,
                    start=start,
                    end=end,
                )
            )
        found.extend(_named_without_number(text, folded, pno))
    return _merge(found)


# Laws cited by name and date only: "Căn cứ Luật Nghĩa vụ quân sự ngày 19 tháng 6 năm 2015".
NAMED_LAW = re.compile(
    r"\b(?P<type>Bộ luật|Luật|Pháp lệnh)\s+(?P<name>(?:[A-ZĐÀ-Ỹ]|sửa đổi)[^;:\n]{2,120}?)\s+ngày\s+(?=\d)"
)


# Another document named inside the name ("Luật X, Nghị định Y ngày ..."): a capitalised type word.
_CAPITAL_TYPE = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in all_type_names() + ["Bộ luật"]) + r")\b")


def _named_without_number(text: str, folded: str, pno: int) -> list[Citation]:
    out: list[Citation] = []
    for m in NAMED_LAW.finditer(text):
        name = m.group("name")
        if re.search(r"\bsố\s*\d|\d+/\d{4}/", name) or _CAPITAL_TYPE.search(name):
            continue  # numbered (handled above) or another document's name inside
        d = date_at(folded, m.end() - len("ngày ") - 1)
        if d is None or d.start > m.end() + 2:
            continue
        sent = max(folded.rfind("\n", 0, m.start()), folded.rfind(". ", 0, m.start())) + 1
        rel = _relation(folded[max(sent, m.start() - 200) : m.start()]) or "mentions"
        out.append(
            Citation(
                text=" ".join(text[m.start() : d.end].split()),
                relation=rel,
                doc_type=m.group("type"),
                doc_type_code=type_code(m.group("type")),
                date=d.iso,
                issuer="Quốc hội" if m.group("type") != "Pháp lệnh" else "Ủy ban Thường vụ Quốc hội",
                page=pno,
                start=m.start(),
                end=d.end,
            )
        )
    return out


def _province_named(issuer: str | None) -> str | None:
    if not issuer:
        return None
    from ingest.understand.issuer import places_in

    return places_in(issuer)[0]


_TYPE_BY_FOLD = {fold_same(n): n for n in all_type_names()}
_TYPE_BY_FOLD["bo luat"] = "Bộ luật"


def _type_from_fold(f: str) -> str | None:
    return _TYPE_BY_FOLD.get(f)


def _merge(cits: list[Citation]) -> list[Citation]:
    """One citation per cited document: first occurrence, completed by later ones."""
    by_key: dict[str, Citation] = {}
    order: list[str] = []
    for c in cits:
        key = c.symbol_key or c.text
        cur = by_key.get(key)
        if cur is None:
            by_key[key] = c
            order.append(key)
            continue
        update: dict[str, object] = {}
        if _RANK[c.relation] < _RANK[cur.relation]:
            update["relation"] = c.relation
        for f in ("date", "issuer", "doc_type"):
            if getattr(cur, f) is None and getattr(c, f) is not None:
                update[f] = getattr(c, f)
        if cur.date and c.date and len(c.date) > len(cur.date):
            update["date"] = c.date
        if update:
            by_key[key] = cur.model_copy(update=update)
    return [by_key[k] for k in order]

"""The search query language, parsed into an engine-neutral form both backends compile.

    words              all must match (short queries); long natural-language queries are scored
                       by how many words match (see ``LONG_QUERY_TERMS``, chosen on the benchmark)
    "a phrase"         adjacent syllables, in order
    -word, -"phrase"   must not match
    a OR b             either
    loai:KH  loai:"Kế hoạch"       type (code or name)
    so:193-KH/QU  Số: 193-KH/QU    number or symbol, any spelling
    co_quan:"Thành ủy Hải Phòng"   issuer, including its subordinate bodies
    noi:"Hải Phòng"                place or province
    nam:2020  nam:2020..2023       year or range of years (either end may be left open)
    ngay:2024-01-01..2024-03-31    date or range (YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY)
    ky:"Nguyễn Văn A"              signer
    giai_doan:1945..1954           books: pages of a chapter whose period overlaps these years (also
                                   1945-1954, one year 1954, or open 1975..), and the books holding one
    trich_dan:20-CT/TW             documents citing this symbol

Field names may be typed with or without diacritics (``loại:``, ``số:``, ``năm:``...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sulieu.dates import BadDate, day_number
from sulieu.doctypes import all_type_names, is_type_code
from sulieu.errors import QuerySyntaxError
from sulieu.issuers import committee_name
from sulieu.symbols import symbol_key
from sulieu.text import fold, has_diacritics, normalize_text, query_terms

MAX_QUERY_CHARS = 4000
MAX_TERMS = 256

FIELDS: dict[str, str] = {
    "loai": "loai",
    "so": "so",
    "so_hieu": "so",
    "ky_hieu": "so",
    "co_quan": "co_quan",
    "noi": "noi",
    "nam": "nam",
    "ngay": "ngay",
    "ky": "ky",
    "nguoi_ky": "ky",
    "trich_dan": "trich_dan",
    "giai_doan": "giai_doan",
}
FIELD_HELP = "loai:, so:, co_quan:, noi:, nam:, ngay:, ky:, trich_dan:, giai_doan:"

_QUOTES = {'"': '"', "“": "”", "”": "”", "„": "“"}
_FIELD_NAME = re.compile(r"([^\W\d][\w]*):", re.UNICODE)
_SYMBOLISH = re.compile(r"\d")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class TextTerm:
    """A word or phrase; ``exact``/``fold`` are its syllable keys as the index stores them."""

    text: str
    phrase: bool
    exact: tuple[str, ...]
    fold: tuple[str, ...]
    accented: bool

    @property
    def multi(self) -> bool:
        return len(self.exact) > 1


@dataclass(frozen=True)
class FieldTerm:
    field: str
    value: str
    key: str = ""
    fold: tuple[str, ...] = ()
    lo: int | None = None
    hi: int | None = None


Item = TextTerm | FieldTerm


@dataclass
class Clause:
    items: list[Item]
    negated: bool = False


@dataclass
class ParsedQuery:
    text: str = ""
    clauses: list[Clause] = field(default_factory=list)
    symbol_keys: list[str] = field(default_factory=list)
    type_numbers: list[tuple[str, str]] = field(default_factory=list)  # ("kh", "215") from "Kế hoạch 215", "KH215"

    @property
    def empty(self) -> bool:
        return not self.clauses

    def positive_text_terms(self) -> list[TextTerm]:
        return [i for c in self.clauses if not c.negated for i in c.items if isinstance(i, TextTerm)]

    @property
    def has_positive(self) -> bool:
        return any(not c.negated for c in self.clauses)


# --- tokenising ------------------------------------------------------------------------------
@dataclass
class _Tok:
    text: str
    quoted: bool = False
    negated: bool = False
    field: str | None = None
    is_or: bool = False


def _read_quoted(q: str, i: int) -> tuple[str, int]:
    close = _QUOTES[q[i]]
    j = i + 1
    while j < len(q) and q[j] not in (close, '"', "”"):
        j += 1
    if j >= len(q):
        raise QuerySyntaxError(
            "Câu truy vấn thiếu dấu ngoặc kép đóng: mỗi cụm từ cần nằm giữa hai dấu \" \".",
            detail=q[i:][:80],
        )
    return q[i + 1 : j], j + 1


def _tokenize(q: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(q)
    while i < n:
        if q[i].isspace():
            i += 1
            continue
        negated = False
        if q[i] == "-" and i + 1 < n and not q[i + 1].isspace() and not q[i + 1].isdigit():
            negated = True
            i += 1
        fld = None
        m = _FIELD_NAME.match(q, i)
        if m:
            name = fold(m.group(1)).lower()
            after = m.end()
            value_follows = after < n and not q[after].isspace()
            if name in FIELDS:
                fld = FIELDS[name]
                i = after
                if not value_follows and fld == "so":  # "Số: 249/2025/NĐ-CP", as documents print it
                    while i < n and q[i].isspace():
                        i += 1
                if i >= n or q[i].isspace():
                    raise QuerySyntaxError(
                        f"Trường “{m.group(1)}:” thiếu giá trị (viết liền sau dấu hai chấm, ví dụ nam:2020).",
                        detail=q,
                    )
            elif value_follows and re.fullmatch(r"[a-z_]{2,16}", name):
                raise QuerySyntaxError(
                    f"Không có trường tìm kiếm “{m.group(1)}:”. Các trường hợp lệ: {FIELD_HELP}",
                    detail=q,
                )
        if i < n and q[i] in _QUOTES:
            text, i = _read_quoted(q, i)
            toks.append(_Tok(text, quoted=True, negated=negated, field=fld))
            continue
        j = i
        while j < n and not q[j].isspace():
            if q[j] in _QUOTES and j > i:
                break
            j += 1
        word = q[i:j]
        i = j
        if fld == "so":  # "Số: 04 /2026/TT-BCT", "73 / 2025": a printed symbol may hold stray spaces
            while True:
                k = i
                while k < n and q[k].isspace():
                    k += 1
                m2 = re.match(r"[^\s\"“”]+", q[k:])
                if not m2 or not (word.endswith(("/", "-")) or m2.group().startswith(("/", "-"))):
                    break
                word += m2.group()
                i = k + m2.end()
        if negated and fld is None and "/" in word and toks and toks[-1].text[-1:].isdigit() and not toks[-1].quoted:
            toks[-1].text += "-" + word  # "Số 193 -KH/QU": a stray space inside a symbol, not an exclusion
            continue
        if word == "OR" and not negated and fld is None:
            toks.append(_Tok(word, is_or=True))
        else:
            toks.append(_Tok(word, negated=negated, field=fld))
    return toks


# --- values ----------------------------------------------------------------------------------
def text_term(text: str, phrase: bool) -> TextTerm | None:
    sylls = query_terms(text)
    if not sylls:
        return None
    return TextTerm(
        text=text,
        phrase=phrase,
        exact=tuple(s.exact for s in sylls),
        fold=tuple(s.fold for s in sylls),
        accented=has_diacritics(text),
    )


def parse_day(s: str, end: bool, raw: str) -> int:
    """A (partial) date as YYYYMMDD: the first day it spans, or the last when ``end``."""
    try:
        return day_number(s, end=end)
    except BadDate as e:
        if e.malformed:
            raise QuerySyntaxError(
                f"Ngày “{s}” không hợp lệ: dùng dạng 2024-03-31, 2024-03, 2024 hoặc 31/03/2024.", detail=raw
            ) from None
        raise QuerySyntaxError(f"Ngày “{s}” không tồn tại.", detail=raw) from None


def _split_range(value: str, raw: str) -> tuple[str, str, bool]:
    if ".." in value:
        lo, _, hi = value.partition("..")
        if ".." in hi or (not lo and not hi):
            raise QuerySyntaxError(f"Khoảng “{value}” không hợp lệ: dùng dạng đầu..cuối, ví dụ 2020..2023.", detail=raw)
        return lo.strip(), hi.strip(), True
    return value, value, False


_PERIOD = re.compile(r"^(\d{4})?\s*(?:\.\.|[-–—])\s*(\d{4})?$")


def period_range(value: str, raw: str | None = None) -> tuple[int | None, int | None]:
    """Years of ``giai_doan:`` (and the ``period`` filter): ``1945..1954``, ``1945-1954``, ``1954``,
    ``1975..`` or ``..1954``; anything else is an error, never a silent empty result."""
    v = normalize_text(value).strip()
    example = "dùng dạng giai_doan:1945..1954, giai_doan:1945-1954 hoặc giai_doan:1954"
    if _YEAR.match(v):
        return int(v), int(v)
    m = _PERIOD.match(v)
    if not m or not (m.group(1) or m.group(2)):
        raise QuerySyntaxError(f"Giai đoạn “{value}” không hợp lệ: {example}.", detail=raw or value)
    lo = int(m.group(1)) if m.group(1) else None
    hi = int(m.group(2)) if m.group(2) else None
    if lo is not None and hi is not None and lo > hi:
        raise QuerySyntaxError(f"Giai đoạn {lo}..{hi} bị ngược: năm đầu phải không lớn hơn năm cuối.",
                               detail=raw or value)
    return lo, hi


def _field_term(fld: str, value: str, raw: str) -> FieldTerm:
    value = normalize_text(value).strip()
    if not value:
        raise QuerySyntaxError(f"Trường {fld}: thiếu giá trị.", detail=raw)
    if fld == "nam":
        lo_s, hi_s, _ = _split_range(value, raw)
        for s in (lo_s, hi_s):
            if s and not _YEAR.match(s):
                raise QuerySyntaxError(f"Năm “{s}” không hợp lệ: dùng 4 chữ số, ví dụ nam:2020..2023.", detail=raw)
        lo = int(lo_s) if lo_s else None
        hi = int(hi_s) if hi_s else None
        if lo is not None and hi is not None and lo > hi:
            raise QuerySyntaxError(f"Khoảng năm {lo}..{hi} bị ngược: năm đầu phải không lớn hơn năm cuối.", detail=raw)
        return FieldTerm(fld, value, lo=lo, hi=hi)
    if fld == "giai_doan":
        lo, hi = period_range(value, raw)
        return FieldTerm(fld, value, lo=lo, hi=hi)
    if fld == "ngay":
        lo_s, hi_s, _ = _split_range(value, raw)
        lo = parse_day(lo_s, False, raw) if lo_s else None
        hi = parse_day(hi_s, True, raw) if hi_s else None
        if lo is not None and hi is not None and lo > hi:
            raise QuerySyntaxError(f"Khoảng ngày {lo_s}..{hi_s} bị ngược: ngày đầu phải trước ngày cuối.", detail=raw)
        return FieldTerm(fld, value, lo=lo, hi=hi)
    if fld in ("so", "trich_dan"):
        key = symbol_key(value)
        if not key:
            raise QuerySyntaxError(f"Số, ký hiệu “{value}” không hợp lệ.", detail=raw)
        return FieldTerm(fld, value, key=key)
    named = (committee_name(value) or value) if fld == "co_quan" else value  # "Đảng bộ huyện X" = "Huyện ủy X"
    folded = tuple(s.fold for s in query_terms(named))
    if not folded:
        raise QuerySyntaxError(f"Trường {fld}: giá trị “{value}” không có chữ nào để tìm.", detail=raw)
    key = " ".join(folded) if fld == "loai" else ""
    return FieldTerm(fld, value, key=key, fold=folded)


def parse_query(q: str) -> ParsedQuery:
    """Parse ``q``; malformed input raises ``QuerySyntaxError`` with a Vietnamese message."""
    q = normalize_text(q or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"Câu truy vấn quá dài ({len(q)} ký tự); tối đa {MAX_QUERY_CHARS} ký tự.",
        )
    toks = _tokenize(q)
    if len([t for t in toks if not t.is_or]) > MAX_TERMS:
        raise QuerySyntaxError(f"Câu truy vấn có quá nhiều từ; tối đa {MAX_TERMS} từ.")
    clauses: list[Clause] = []
    pending_or = False
    for t in toks:
        if t.is_or:
            if not clauses or pending_or:
                raise QuerySyntaxError("“OR” phải đứng giữa hai từ, ví dụ: chỉ thị OR nghị quyết.", detail=q)
            pending_or = True
            continue
        if t.field:
            item: Item | None = _field_term(t.field, t.text, q)
        else:
            item = text_term(t.text, t.quoted)
        if item is None:
            continue
        if pending_or:
            prev = clauses[-1]
            if prev.negated or t.negated:
                raise QuerySyntaxError("Không dùng dấu “-” (loại trừ) cùng với “OR”.", detail=q)
            prev.items.append(item)
            pending_or = False
        else:
            clauses.append(Clause([item], negated=t.negated))
    if pending_or:
        raise QuerySyntaxError("“OR” phải đứng giữa hai từ, ví dụ: chỉ thị OR nghị quyết.", detail=q)
    if clauses and not any(not c.negated for c in clauses):
        raise QuerySyntaxError("Câu truy vấn chỉ có từ loại trừ (-từ): hãy thêm ít nhất một từ cần tìm.", detail=q)
    return ParsedQuery(text=q, clauses=clauses, symbol_keys=_symbol_keys(q, toks), type_numbers=_type_numbers(toks))


def _symbol_keys(q: str, toks: list[_Tok]) -> list[str]:
    """Keys to try as a document symbol: the whole query and each symbol-like word."""
    keys: list[str] = []
    plain = [t for t in toks if not t.field and not t.is_or and not t.negated]
    whole = [t for t in toks if t.field in (None, "so") and not t.is_or and not t.negated]
    if whole and len(whole) == len(toks) and len(whole) <= 8 and _SYMBOLISH.search(q):
        keys.append(symbol_key(q))
    for t in plain:
        if _SYMBOLISH.search(t.text) and re.search(r"[^\W\d_]", t.text) and re.search(r"[-/]", t.text):
            keys.append(symbol_key(t.text))
    seen: list[str] = []
    for k in keys:
        if k and k not in seen:
            seen.append(k)
    return seen


_GLUED = re.compile(r"^([^\W\d_]{1,5})(\d{1,6})$")  # "KH215"
_NUMBER = re.compile(r"^0*(\d{1,6})$")
_TYPE_NAMES = {tuple(fold(n).split()): fold(n) for n in all_type_names()}
_NAME_LENGTHS = sorted({len(k) for k in _TYPE_NAMES}, reverse=True)


def _type_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The document type written at ``words[i]`` (a code such as ``KH`` or a name such as ``kế hoạch``):
    its folded form as the index's ``type_key`` holds it, and how many words it took."""
    if is_type_code(words[i]) and not words[i].isdigit():
        return fold(words[i]), 1
    for n in _NAME_LENGTHS:
        name = _TYPE_NAMES.get(tuple(fold(w) for w in words[i : i + n]))
        if name is not None:
            return name, n
    return None


def _type_numbers(toks: list[_Tok]) -> list[tuple[str, str]]:
    """A type and a number typed without the issuer part: "Kế hoạch 215", "KH 215", "kh số 215", "KH215".
    Each pair is (folded type name or code, number key); the index holds both forms in ``type_key``."""
    words = [t.text for t in toks if not t.field and not t.is_or and not t.negated and not t.quoted]
    out: list[tuple[str, str]] = []
    for i, w in enumerate(words):
        glued = _GLUED.match(w)
        if glued and is_type_code(glued.group(1)):
            out.append((fold(glued.group(1)), glued.group(2).lstrip("0") or "0"))
            continue
        found = _type_at(words, i)
        if found is None:
            continue
        j = i + found[1]
        if j < len(words) and fold(words[j]).rstrip(":.") == "so":
            j += 1
        num = _NUMBER.match(words[j]) if j < len(words) else None
        if num:
            out.append((found[0], num.group(1).lstrip("0") or "0"))
    return list(dict.fromkeys(out))

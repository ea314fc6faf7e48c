"""Vietnamese citation of a document, the way reports and history volumes cite directives:

    Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên

Type name, "số" + symbol, "ngày dd/mm/yyyy" (or "tháng mm/yyyy", "năm yyyy" for partial dates),
"của" + the issuing authority, optionally "về" + the subject. The one formatter every screen and
export uses (document page, search hits, CSV, citation lists, collection bibliographies), so the
rules live here once:

- the authority is the collective body the signature speaks for ("T/M Ban Thường vụ", "T/M Bộ
  Chính trị", "TM. Ủy ban Thường vụ Quốc hội") joined with the issuer, the body's name written once
  ("Bộ Chính trị", not "Bộ Chính trị Ban Chấp hành Trung ương");
- a signature that speaks for a person's office ("K/T Trưởng ban", "KT. Bộ trưởng", "TL. Chủ
  tịch") adds nothing: the issuer alone is cited, without position words;
- a document without a number keeps its date and its subject (it has nothing else to be told by);
- the subject never repeats "về", and a title word that belongs to the type ("Chương trình hành
  động") stays with the type.

Books without a type are cited as title, issuer, place and year.
"""

from __future__ import annotations

import re

from sulieu.model import DocumentMetadata
from sulieu.symbols import normalize_symbol
from sulieu.text import fold, normalize_text

# Collective bodies a signature can speak for, by folded name.
_BODY_CASE = {
    "ban thuong vu": "Ban Thường vụ",
    "ban chap hanh": "Ban Chấp hành",
    "ban bi thu": "Ban Bí thư",
    "bo chinh tri": "Bộ Chính trị",
    "uy ban nhan dan": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "thuong truc": "Thường trực",
    "uy ban thuong vu quoc hoi": "Ủy ban Thường vụ Quốc hội",
    "chinh phu": "Chính phủ",
}
# Central Party bodies cited by their own name: they are organs of the Central Committee.
_STANDALONE = ("bo chinh tri", "ban bi thu")
# Offices held by one person: a signature "for" them, or such a word before a body, is not an authority.
POSITION_WORDS = (
    "pho truong ban", "truong ban", "pho chu tich", "chu tich", "thu truong", "bo truong", "pho thu tuong",
    "thu tuong", "pho thong doc", "thong doc", "pho tong thanh tra", "tong thanh tra", "pho giam doc", "giam doc",
    "chanh van phong", "pho chanh van phong", "pho bi thu", "tong bi thu", "bi thu", "chu nhiem", "vien truong",
    "chanh an", "tong kiem toan", "tong giam doc", "cuc truong", "vu truong", "hieu truong", "truong phong",
)
_POSITION_BEFORE_BODY = re.compile(
    r"^(?:" + "|".join(POSITION_WORDS) + r")\s+(?=(?:ban|bo|uy ban|so|cuc|tong cuc|van phong|thanh tra|ngan hang"
    r"|vien|toa an|hoc vien|truong|kiem toan|hoi dong|dang uy|tinh uy|thanh uy|huyen uy|quan uy)\b)"
)
_MINISTRY_CASE = re.compile(r"\b(Bộ )(?!trưởng)([a-zđ\u00e0-\u1ef9])")
_MOTTO = re.compile(r"\s*[,;-]?\s*cong hoa xa hoi.*$")
_SUBJECT_PREFIX = re.compile(r"^\s*(?:v/v|v\.v\.?|ve viec|ve)\b\s*[:.]?\s*")
# A subject beginning with one of these reads as it is after the type: "Thông tư quy định …".
_VERB_START = re.compile(r"^(?:quy dinh|ban hanh|huong dan|sua doi|thuc hien)\b")
# Title words that complete the type name ("CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện …").
_TYPE_COMPLETION = {"chuong trinh": ("hanh dong",), "ke hoach": ("hanh dong",)}


def format_date_vi(date: str | None) -> str | None:
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"ngày {parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"tháng {parts[1]}/{parts[0]}"
    if len(parts) == 1 and parts[0].isdigit():
        return f"năm {parts[0]}"
    return None


def signing_body(on_behalf_of: str | None) -> str | None:
    """The collective body a signature speaks for, or None when it speaks for an office ("Trưởng ban")."""
    if not on_behalf_of:
        return None
    name = normalize_text(on_behalf_of).strip()
    key = fold(name)
    if not key or any(key == p or key.startswith(p + " ") for p in POSITION_WORDS):
        return None
    if key in _BODY_CASE:
        return _BODY_CASE[key]
    return name[:1] + name[1:].lower() if name.isupper() else name


def clean_issuer(issuer: str | None) -> str | None:
    """The issuer without a motto run into it, a position word before the body or a doubled word."""
    if not issuer:
        return None
    name = " ".join(normalize_text(issuer).split())
    key = fold(name)  # same length as ``name``: slices of one are slices of the other
    motto = _MOTTO.search(key)
    if motto:
        name, key = name[: motto.start()], key[: motto.start()]
    pos = _POSITION_BEFORE_BODY.match(key)
    if pos:
        name = name[pos.end():]
    words = name.split()
    deduped = [w for i, w in enumerate(words) if i == 0 or fold(w) != fold(words[i - 1])]
    name = _drop_repeated_tail(" ".join(deduped))
    name = _MINISTRY_CASE.sub(lambda m: m.group(1) + m.group(2).upper(), name)  # "Bộ công an" → "Bộ Công an"
    return name.strip(" ,;-") or None


def _drop_repeated_tail(name: str) -> str:
    """"Ủy ban Thường vụ Quốc hội Quốc hội" → once: a trailing phrase that repeats the words before it."""
    words = name.split()
    for n in range(len(words) // 2, 0, -1):
        if [fold(w) for w in words[-n:]] == [fold(w) for w in words[-2 * n:-n]]:
            return " ".join(words[:-n])
    return name


def issuing_body(md: DocumentMetadata) -> str | None:
    """The authority a citation names after "của": the signing body joined with the issuer, named once."""
    issuer = clean_issuer(md.issuer)
    on_behalf = md.signer.on_behalf_of if md.signer else None
    if issuer and fold(issuer) == "chinh phu" and fold(on_behalf or "") == "thu tuong":
        return "Thủ tướng Chính phủ"  # the one office the law names as an issuer (Quyết định …/QĐ-TTg)
    body = signing_body(on_behalf)
    if not body:
        return issuer
    if not issuer:
        return body
    fb, fi = fold(body), fold(issuer)
    if fb in fi:
        return issuer
    if fi in fb or fb in _STANDALONE:
        return body
    if fi.startswith("ban chap hanh "):  # "Ban Thường vụ" of "Ban Chấp hành Đảng bộ huyện X"
        return f"{body} {issuer[len('Ban Chấp hành '):]}"
    return f"{body} {issuer}"


def _type_and_subject(md: DocumentMetadata) -> tuple[str, str | None]:
    """Type name (capitalised, completed by a title word that belongs to it) and the subject left."""
    doc_type = normalize_text(md.doc_type or "").strip()
    doc_type = doc_type[:1].upper() + doc_type[1:]
    subject = normalize_text(md.subject or "").strip().rstrip(" .,;:-")
    key = fold(subject)
    prefix = _SUBJECT_PREFIX.match(key)
    if prefix:
        subject, key = subject[prefix.end():], key[prefix.end():]
    for word in _TYPE_COMPLETION.get(fold(doc_type), ()):
        if key.startswith(word + " ") and word not in fold(doc_type):
            doc_type = f"{doc_type} {subject[: len(word)].lower()}"
            subject = subject[len(word):].strip()
    if subject.isupper():
        subject = subject.lower()
    elif subject[:1].isupper() and not subject[1:2].isupper():
        first, _, rest = subject.partition(" ")
        if not rest[:1].isupper():  # "Chuyển đổi số …", but not "Hồ Chí Minh …"
            subject = first.lower() + (" " + rest if rest else "")
    return doc_type, subject or None


def display_symbol(symbol: str) -> str:
    """The symbol as cited: no spaces in it, Latin letters, "…" where the number was left blank."""
    s = normalize_symbol(symbol)
    return "…" + s if s[:1] in "/-" else s


def format_citation(md: DocumentMetadata, *, with_subject: bool = False) -> str:
    """One citation line for a document's (effective) metadata."""
    if not md.doc_type:
        return _book_citation(md)
    doc_type, subject = _type_and_subject(md)
    parts = [doc_type]
    identity = md.symbol or md.number
    if identity:
        parts.append(f"số {display_symbol(identity)}")
    date = format_date_vi(md.date)
    if date:
        parts.append(date)
    body = issuing_body(md)
    if body:
        parts.append(f"của {body}")
    line = " ".join(parts)
    numbered = bool(md.number) or any(c.isdigit() for c in identity or "")
    if subject and (with_subject or not numbered):
        joiner = " " if _VERB_START.match(fold(subject)) else " về "
        line += joiner + subject
    return line


def _book_citation(md: DocumentMetadata) -> str:
    """A book or an untyped document: title, issuer, place, year."""
    title = normalize_text(md.title or md.subject or "Tài liệu không tên").strip()
    bits = [title]
    body = issuing_body(md)
    if body and fold(body) not in fold(title):
        bits.append(body)
    if md.place:
        bits.append(md.place)
    if md.year:
        bits.append(str(md.year))
    return ", ".join(bits)


def format_citation_list(items: list[DocumentMetadata], *, with_subject: bool = False, numbered: bool = True) -> str:
    lines = [format_citation(md, with_subject=with_subject) for md in items]
    if numbered:
        lines = [f"{i}. {line}." for i, line in enumerate(lines, 1)]
    return "\n".join(lines) + ("\n" if lines else "")

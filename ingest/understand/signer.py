"""Signature block and distribution list ("Nơi nhận") at the end of a directive.

Signature block, top to bottom: authority lines (Party ``T/M``, ``T/L``, ``K/T``; state
``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``) each naming the body or the office signed
for, then the signer's position in capitals, an optional ``(Đã ký)``, then the name.
A block is accepted only when a personal name closes it, so blank forms in appendices
("THỦ TRƯỞNG ĐƠN VỊ (Ký, ghi rõ họ tên)") are not taken for the signature.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ingest.understand.casing import restore_case, title_name
from ingest.understand.lines import Line
from ingest.understand.surnames import SURNAMES, repaired_surname

# Authority prefix (folded): T/M, T.M, TM., TM ; T/L ; K/T ; TUQ. ; Q. (a scan may add a stray "1": "T1/L")
AUTHORITY = re.compile(
    r"^(?P<auth>t1?\s*[/.]\s*m\b\.?|t1?\s*[/.]\s*l\b\.?|k1?\s*[/.]\s*t\b\.?|tm\b\.?|kt\b\.?|tl\b\.?|tuq\b\.?|q\.)"
    r"\s*(?P<rest>.*)$"
)
# Words that make an upper-case line a position title.
POSITION_WORDS = re.compile(
    r"\b(bi thu|chu tich|truong|thu tuong|thong doc|giam doc|chanh|pho|uy vien|tong kiem toan|chu nhiem|"
    r"tong thu ky|chanh an|cuc truong|vu truong|thu ky|dai bieu|tong bi thu)\b"
)
PLACEHOLDER = re.compile(r"^[(\[]?\s*(?:da\s*k[yi]|k[yi]|chu k[yi]|dau|daky)\b.*$")
RANKS = re.compile(
    r"^(?:(?:thuong|trung|thieu|dai) tuong|(?:thuong|trung|thieu|dai) ta|gs\.?\s*ts\.?|pgs\.?\s*ts\.?|ts\.?|ths\.?|ks\.?|bs\.?|ls\.?|nsnd|nsut)\s+",
)
NAME_WORD = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđ]*$|^[A-ZÀ-ỸĐ]+$")
DISTRIBUTION = re.compile(r"^noi\s+nhan\s*[:.]?\s*")
BULLET = re.compile(r"^[-–•+]\s*")
KEPT_ITEM = re.compile(r"^luu\b\s*:?\s*\S")  # "Lưu: VT", "Lưu Văn phòng Thành ủy"


@dataclass
class SignatureBlock:
    authority: str | None
    on_behalf_of: str | None
    position: str | None
    name: str
    chain: list[str] = field(default_factory=list)
    first: Line | None = None
    name_line: Line | None = None


def person_name(text: str) -> str | None:
    """A personal name line (2-6 capitalised words, optional rank before it), cased properly."""
    t = text.strip().strip(".,;")
    if not t or len(t) > 60 or any(ch.isdigit() for ch in t):
        return None
    from ingest.understand.lines import fold_same

    m = RANKS.match(fold_same(t))
    if m:
        t = t[m.end() :]
    words = t.split()
    if not 2 <= len(words) <= 6 or not all(NAME_WORD.match(w) and w[0].isupper() for w in words):
        return None  # (the class À-Ỹ holds lower-case letters too: "ựˆ W", a seal read over a name)
    if all(w.isupper() for w in words) and sum(len(w) > 1 for w in words) < 2:
        return None
    return repaired_surname(title_name(t) if all(w.isupper() for w in words) else t)


# Titles a signature block prints, to put back one whose letters a scan blurred ("hó bí thư thường
# trụ", "thường trụực", generated moderate scans); a title not close to one of these is kept as read.
POSITION_TITLES = (
    "BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM",
    "THƯỜNG TRỰC", "ỦY VIÊN", "ỦY VIÊN THƯỜNG TRỰC", "TỔNG BÍ THƯ",
)
CLOSE = 0.9  # difflib ratio on folded text: 0.93-0.98 for the blurred titles seen, 0.83 for "trưởng ban sim"


def _canonical_position(position: str) -> str:
    from difflib import SequenceMatcher

    from sulieu.text import fold

    read = fold(position.lower())
    best, ratio = None, 0.0
    for title in POSITION_TITLES:
        r = SequenceMatcher(None, read, fold(title.lower())).ratio()
        if r > ratio:
            best, ratio = title, r
    if best is None or ratio < CLOSE or position.upper() == best:
        return position
    return restore_case(best)


def _caps_name(text: str) -> bool:
    """A name in capitals under the position ("NGUYỄN VĂN AN"), not its second line ("THƯỜNG TRỰC"):
    a family name first."""
    name = person_name(text)
    return name is not None and name.split()[0] in SURNAMES


def _scribble(text: str) -> bool:
    """What OCR makes of a handwritten signature or of the seal's ring between position and name
    ("SG)", "VỰNG", "SN,", "Š", "w# %*" on generated moderate scans): a short line or one mostly
    of non-letters, never a personal name."""
    t = text.strip()
    chars = [c for c in t if not c.isspace()]
    if person_name(t) or not chars:
        return False
    return len(t) <= 6 or sum(c.isalpha() for c in chars) < 0.7 * len(chars)


def _is_position(ln: Line) -> bool:
    return (
        len(ln.text) < 90
        and not any(c.isdigit() for c in ln.text)
        and bool(POSITION_WORDS.search(ln.fold))
        and len(ln.text.split()) <= 10
        and ln.is_upper
    )


def find_signature(nb: list[Line], start: int = 0) -> SignatureBlock | None:
    """The first complete signature block after ``start`` (index in the non-blank lines)."""
    i = start
    n = len(nb)
    while i < n:
        ln = nb[i]
        am = AUTHORITY.match(ln.fold)
        if not ((am and (not am.group("rest") or ln.is_upper)) or _is_position(ln)):
            i += 1
            continue
        chain: list[tuple[str, str]] = []
        positions: list[str] = []
        j = i
        while j < n and j < i + 6:
            cur = nb[j]
            am = AUTHORITY.match(cur.fold)
            if am and cur.is_upper:
                auth = re.sub(r"^([TtKk])1", r"\1", cur.text[: am.start("rest")].strip())
                chain.append((auth, restore_case(cur.text[am.start("rest") :].strip())))
            elif _is_position(cur) or (
                positions and cur.is_upper and len(cur.text.split()) <= 10 and not _caps_name(cur.text)
                and not _scribble(cur.text)
            ):
                positions.append(cur.text)
            else:
                break
            j += 1
        while j < n and PLACEHOLDER.match(nb[j].fold.strip("()[] ")) and j < i + 9:
            j += 1
        skipped = 0
        while j + 1 < n and skipped < 3 and (chain or positions) and _scribble(nb[j].text):
            j += 1
            skipped += 1
        name = person_name(nb[j].text) if j < n else None
        # OCR reads the handwritten signature as a few letters ("kể NA", "TỐ VU") above the name
        nxt = person_name(nb[j + 1].text) if j + 1 < n and (chain or positions) else None
        if nxt and not nb[j + 1].is_upper and len(nb[j].text.split()) <= 3 and len(nb[j].text) <= 12:
            if name is None or nb[j].is_upper:
                name, j = nxt, j + 1
        elif nxt and not nb[j + 1].is_upper and nb[j].is_upper and name:
            # a position OCR misread out of the position words ("CHÀANH VĂN PHÒNG") above the
            # name printed in mixed case: the capitals are the position, not the signer
            positions.append(nb[j].text)
            name, j = nxt, j + 1
        if name and (chain or positions):
            # the position is the line above the name; "T/M BAN BÍ THƯ" / name has none printed
            position = _canonical_position(restore_case(" ".join(positions))) if positions else None
            chain_rest = chain
            return SignatureBlock(
                authority=chain[0][0] if chain else None,
                on_behalf_of=(chain[0][1] or None) if chain else None,
                position=position,
                name=name,
                chain=[f"{a} {b}".strip() for a, b in chain_rest],
                first=ln,
                name_line=nb[j],
            )
        i = max(i + 1, j if j > i else i + 1)
    return None


def _wrapped_word(ln: Line, item: str) -> bool:
    """One short word in capitals under an item that has not ended: the item's last word wrapped and
    read in capitals by OCR ("Văn phòng Thành" / "ỦY,"), not a signature line."""
    words = ln.text.split()
    return (len(words) == 1 and len(words[0].strip(",;.")) <= 4 and not item.rstrip().endswith((",", ";", "."))
            and not POSITION_WORDS.search(ln.fold))


# "Lưu: VT, NV": the offices keeping a copy, as abbreviations in capitals.
_KEPT = re.compile(r"^(?P<head>Lưu\s*:?\s*)(?P<codes>[A-ZĐ\u00c0-\u1ef9]{1,6}(?:[\s,]+[A-ZĐ\u00c0-\u1ef9]{1,6})*)$")
_CODE_V = frozenset({"VT", "VP"})  # the two-letter codes beginning with V: Văn thư, Văn phòng


def _code(word: str) -> str:
    """An office code as printed: plain capitals (and Đ), so "VPHŨ" read by OCR is "VPHU"; a two-letter
    code "V" + a letter other than T or P is "VT" ("VL", "VB", "VE" for "VT" in small footer print: no
    such code exists)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    plain = unicodedata.normalize("NFC", plain.replace("Đ", "\x00")).replace("\x00", "Đ")
    if len(plain) == 2 and plain[0] == "V" and plain not in _CODE_V:
        return "VT"
    return plain


def _kept_copies(item: str) -> str:
    """"Lưu: VT NV" (a comma lost in a scan) is "Lưu: VT, NV"; each code mended by ``_code``."""
    m = _KEPT.match(item)
    if not m or not all(w.isupper() for w in m.group("codes").replace(",", " ").split()):
        return item
    return m.group("head") + ", ".join(_code(w) for w in m.group("codes").replace(",", " ").split())


def find_distribution(nb: list[Line]) -> tuple[list[str], Line] | None:
    """Items of "Nơi nhận:" (one per bullet; wrapped lines joined to their item)."""
    for i, ln in enumerate(nb):
        m = DISTRIBUTION.match(ln.fold)
        if not m:
            continue
        items: list[str] = []
        rest = ln.text[m.end() :].strip()
        if rest:
            items.append(BULLET.sub("", rest))
        for nxt in nb[i + 1 : i + 60]:
            if BULLET.match(nxt.text):
                items.append(BULLET.sub("", nxt.text))
            elif items and KEPT_ITEM.match(nxt.fold):  # the last item, its bullet lost in a scan ("Lưu: VT,")
                items.append(nxt.text)
            elif (
                items
                and (not nxt.is_upper or _wrapped_word(nxt, items[-1]))
                and not AUTHORITY.match(nxt.fold)
                and (nxt.text[:1].islower() or not items[-1].rstrip().endswith((",", ";", ".")))
            ):  # a wrapped item: lower case, or the item above has not ended ("Ban Chấp hành" / "Trung ương Đảng,")
                items[-1] += " " + nxt.text
            else:
                break
        items = [_kept_copies(it.strip().rstrip(",;.").strip()) for it in items if it.strip(" ,;.")]
        if items:
            return items, ln
    return None

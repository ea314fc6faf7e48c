"""Party words Tesseract ``vie`` misreads in a way no reader would write: "chi bộ" read "chỉ bộ",
"đảng" read "đẳng".

Measured on generated scans (``bench/scan_fields.py``, 24 directives): "chi" came out as "chỉ" in 4 of
the 8 distribution lists that were wrong at the moderate level ("các chỉ bộ trực thuộc", "các chỉ,
đảng bộ cơ sở"). "chỉ bộ" is no Vietnamese phrase before a lower-case "bộ" other than "chỉ bộ đội"
("only soldiers"), which is left alone; "chỉ ủy" likewise. "đẳng" (hook above instead of the acute)
stood for "đảng" in 6 of the 12 wrong distribution lists and in both wrong issuers at the moderate
and heavy levels ("đẳng đoàn", "ĐẲNG ỦY PHƯỜNG"); "đẳng" is a word only in a few compounds ("bình
đẳng", "cao đẳng", "đẳng cấp"...), which are left alone. Word boxes are repaired with the text, so
search hits and the page text agree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sulieu.text import fold

# Words after "chỉ" that make it "chi" (a party cell): "chi bộ", "chi ủy"
_CELL_NEXT = ("bộ", "bộ,", "ủy", "ủy,")


# "đẳng" as a word of its own: after these ("bình đẳng", "cao đẳng") or before these ("đẳng cấp")
_DANG_BEFORE = frozenset("bình cao đồng siêu bất thượng trung hạ sơ biệt tam nhị nhất".split())
_DANG_AFTER = frozenset("cấp thức lập hướng áp tích nhiệt phương trị trật".split())
_DANG = {"đẳng": "đảng", "Đẳng": "Đảng", "ĐẲNG": "ĐẢNG"}
# "LỊCH SỬ ẢNG BỘ": the "Đ" lost from a bold title (two generated book title pages); "ảng" is no word.
_LOST_D = {"ảng": "đảng", "Ảng": "Đảng", "ẢNG": "ĐẢNG"}
_PUNCT = ",.;:()"


def _party_dang(out: list[str]) -> None:
    for i, w in enumerate(out):
        core = w.strip(_PUNCT)
        if core in _LOST_D:
            out[i] = w.replace(core, _LOST_D[core])
            continue
        if core not in _DANG:
            continue
        prev = out[i - 1].strip(_PUNCT).lower() if i else ""
        nxt = out[i + 1].strip(_PUNCT).lower() if i + 1 < len(out) else ""
        if (prev in _DANG_BEFORE and not out[i - 1].endswith(tuple(_PUNCT))) or nxt in _DANG_AFTER:
            continue
        out[i] = w.replace(core, _DANG[core])


# "quận ủ": the final "y" of "ủy" lost after a level word (one seal-covered distribution item)
_LEVEL_WORDS = frozenset("quận huyện tỉnh thành thị đảng xã phường chi".split())


_UY_WORDS = frozenset("tín quyền nghi lực danh thế vũ hiếp phong".split())  # "uy tín", "uy quyền"...
_UY = {"ủ": "ủy", "Ủ": "ỦY", "uy": "ủy", "Uy": "Ủy", "UY": "ỦY"}


def _lost_y(out: list[str]) -> None:
    """"quận ủ" (the y lost) and "thành uy" (the hook and dot lost) after a level word are "ủy"."""
    for i in range(1, len(out)):
        core = out[i].rstrip(_PUNCT)
        nxt = out[i + 1].strip(_PUNCT).lower() if i + 1 < len(out) else ""
        if core in _UY and out[i - 1].lower() in _LEVEL_WORDS and nxt not in _UY_WORDS:
            out[i] = _UY[core] + out[i][len(core) :]


# "(để b/©)": "c" read as a copyright or euro sign in the abbreviation of "báo cáo"
_BC = {"b/©": "b/c", "b/€": "b/c", "B/©": "B/C", "B/€": "B/C"}


def _report_abbreviation(out: list[str]) -> None:
    for i, w in enumerate(out):
        core = w.strip(_PUNCT)
        if core in _BC:
            out[i] = w.replace(core, _BC[core])


def _lost_uy(out: list[str]) -> None:
    """"các đồng chí viên": the "ủy" of "ủy viên" lost (one list, in three generated layouts). The word
    "viên" becomes "ủy viên": one box for both words, so the count of words stays."""
    for k in range(2, len(out)):
        nxt = out[k + 1].lower() if k + 1 < len(out) else ""
        if (out[k].lower().startswith("viên") and out[k - 1].lower() == "chí" and out[k - 2].lower() == "đồng"
                and not nxt.startswith("chức")):  # "đồng chí viên chức" is a phrase
            out[k] = ("Ủy " if out[k][0] == "V" else "ủy ") + out[k]


# "MIỄN NAM", "MIẾN NAM", "MIỀN NÀM", "MIỀN NĂM": tone marks read wrong on bold capitals (the chapter title
# "TIỀN TUYẾN MIỀN NAM" in 12 of the 13 chapter misses on held-out book scans, the contents line alike;
# the other three spellings on a fresh set of six books). "miễn" (exempt), "miến" (noodles), "miển",
# "miện" are never followed by a compass or terrain word, "miền" (region) is: there it is "miền". After
# "miền" a word spelt "nam" with other marks is "nam": "nàm" is no word, and "năm" (year) follows "miền"
# only as the start of a time ("các miền năm 2020", "miền năm nay"), which is left alone.
_REGION_NEXT = frozenset("nam bắc trung tây đông núi xuôi ngược biển".split())
_MIEN_LIKE = frozenset("miễn miến miển miện".split())
_YEAR_NEXT = frozenset("nay qua sau trước đó ấy này tới ngoái học".split())


def _cased(like: str, word: str) -> str:
    return word.upper() if like.isupper() else word.capitalize() if like[:1].isupper() else word


def _region(out: list[str]) -> None:
    for i, w in enumerate(out[:-1]):
        core = w.strip(_PUNCT)
        if w != core or not (core.lower() in _MIEN_LIKE or core.lower() == "miền"):
            continue
        nxt = out[i + 1].strip(_PUNCT)
        after = out[i + 2].rstrip(_PUNCT).lower() if i + 2 < len(out) else ""  # "(1954" opens a period
        south = (fold(nxt) == "nam" and nxt.lower() != "nam"
                 and not (nxt.lower() == "năm" and (after[:1].isdigit() or after in _YEAR_NEXT)))
        if core.lower() in _MIEN_LIKE and (nxt.lower() in _REGION_NEXT or south):
            out[i] = _cased(core, "miền")
        if out[i].lower() == "miền" and south:
            out[i + 1] = out[i + 1].replace(nxt, _cased(nxt, "nam"))


# "TIỀN TUYỂN": the acute read as a hook on a bold capital (the chapter title "CHI VIỆN CHO TIỀN TUYẾN
# MIỀN NAM" on 2 of 16 clean book scans of one held-out set, in the heading and the contents alike, so
# neither reading could mend the other). "tiền tuyến" (the front) is the phrase; "tuyển" (to select)
# follows "tiền" (money) only as the head of a verb ("tiền tuyển dụng", "tiền tuyển sinh"), left alone.
_TUYEN_AFTER = frozenset("dụng sinh chọn mộ lựa thủ quân binh".split())


def _front_line(out: list[str]) -> None:
    for i in range(1, len(out)):
        core = out[i].rstrip(_PUNCT)
        nxt = out[i + 1].strip(_PUNCT).lower() if i + 1 < len(out) else ""
        if core.lower() == "tuyển" and fold(out[i - 1]) == "tien" and not out[i - 1].endswith(tuple(_PUNCT)) \
                and nxt not in _TUYEN_AFTER:
            out[i] = _cased(core, "tuyến") + out[i][len(core):]


def repaired(words: Sequence[str]) -> list[str]:
    """The words with "chỉ" put back to "chi" where a party cell is meant, "đẳng" to "đảng" outside
    the compounds it belongs to, "miễn" to "miền" before a compass word and "miền năm" to "miền nam"."""
    out = [unicodedata.normalize("NFC", w) if not w.isascii() else w for w in words]
    _party_dang(out)
    _lost_y(out)
    _report_abbreviation(out)
    _lost_uy(out)
    _region(out)
    _front_line(out)
    for i, w in enumerate(out[:-1]):
        if w.lower() not in ("chỉ", "chỉ,"):
            continue
        nxt = out[i + 1]
        after = out[i + 2] if i + 2 < len(out) else ""
        cell = nxt in _CELL_NEXT and not (nxt == "bộ" and after.startswith("đội"))
        if cell or (w.endswith(",") and nxt == "đảng" and after.startswith("bộ")):
            out[i] = ("C" if w[0] == "C" else "c") + "hi" + w[3:]
    return out


def repaired_line(text: str) -> str:
    """A title joined from several printed lines, repaired across its line breaks ("MIỄN" ending one
    line, "NAM" opening the next: Tesseract reads the lines apart, so the words' repair misses them)."""
    return " ".join(repaired(text.split()))

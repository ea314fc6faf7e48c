"""Restore the case of capitalised header text and expand common abbreviations.

Headers are printed in capitals (``QUẬN ỦY KIẾN AN``); Vietnamese administrative style
writes ``Quận ủy Kiến An``: the organ's own words keep a fixed case (a dictionary below),
place names and personal names are title-cased, and the specific name of a ministry or
department capitalises its first word only (``Bộ Công an``, ``Bộ Giáo dục và Đào tạo``).
"""

from __future__ import annotations

import re

from ingest.understand.gazetteer import gazetteer
from ingest.understand.lines import fold_same

# Abbreviations expanded before casing (folded token → words).
ABBREVIATIONS: dict[str, str] = {
    "tp": "thành phố",
    "tp.": "thành phố",
    "ubnd": "Ủy ban nhân dân",
    "hdnd": "Hội đồng nhân dân",
    "tw": "Trung ương",
    "bch": "Ban Chấp hành",
    "btv": "Ban Thường vụ",
    "mttq": "Mặt trận Tổ quốc",
    "tx": "thị xã",
    "tx.": "thị xã",
}

# Fixed spellings of organ and position words (folded phrase → proper case).
PHRASES: dict[str, str] = {
    fold_same(p): p
    for p in (
        "Ủy ban Thường vụ Quốc hội",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Chủ tịch nước",
        "Ủy ban nhân dân",
        "Hội đồng nhân dân",
        "Ban Chấp hành",
        "Ban Thường vụ",
        "Thường trực",
        "Ban Bí thư",
        "Bộ Chính trị",
        "Ban Tuyên giáo",
        "Ban Tổ chức",
        "Ban Dân vận",
        "Ban Nội chính",
        "Ban Kinh tế",
        "Ủy ban Kiểm tra",
        "Văn phòng",
        "Trung ương Đảng",
        "Trung ương",
        "Đảng Cộng sản Việt Nam",
        "Đảng bộ",
        "Đảng ủy",
        "Đảng đoàn",
        "Ban cán sự đảng",
        "Chi bộ",
        "Quận ủy",
        "Huyện ủy",
        "Tỉnh ủy",
        "Thành ủy",
        "Thị ủy",
        "Chính phủ",
        "Thủ tướng",
        "Quốc hội",
        "Ngân hàng Nhà nước",
        "Việt Nam",
        "Hồ Chí Minh",
        "Học viện Chính trị quốc gia",
        "Kiểm toán nhà nước",
        "Tòa án nhân dân tối cao",
        "Viện kiểm sát nhân dân tối cao",
        "Mặt trận Tổ quốc",
        "Tổng Bí thư",
        "Phó Bí thư",
        "Bí thư",
        "Chủ tịch",
        "Phó",
        "Chánh",
        "Thống đốc",
        "Bộ trưởng",
        "Thứ trưởng",
        "Trưởng ban",
        "Giám đốc",
        "Tổng Kiểm toán",
        "Chánh án",
        "Viện trưởng",
        "Tổng Thư ký",
        "Chủ nhiệm",
        "Cục trưởng",
        "Vụ trưởng",
        "Tổng cục trưởng",
        "Ủy viên",
        "Công Thương",
        "Nhà nước",
    )
}
_MAX_PHRASE = max(len(k.split()) for k in PHRASES)

# Words after which a place name follows (title-cased).
PLACE_UNITS = {"tinh", "thanh pho", "quan", "huyen", "thi xa", "xa", "phuong", "thi tran"}
# Party committees named after their place: "Quận ủy Kiến An".
NAMED_BY_PLACE = {"quan uy", "huyen uy", "tinh uy", "thanh uy", "thi uy", "dang uy", "dang bo", "chi bo"}
# Organ heads whose specific name capitalises its first word: "Bộ Công an", "Sở Nội vụ".
ORGAN_HEADS = {
    "bo",
    "tong cuc",
    "cuc",
    "so",
    "vu",
    "vien",
    "hoc vien",
    "truong",
    "trung tam",
    "ban",
    "phong",
    "ngan hang",
    "uy ban",
    "hoi dong",
}

_TOKEN = re.compile(r"\S+")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _expand(text: str) -> list[str]:
    text = re.sub(r"\b(TP|Tp|TX)\.(?=\w)", r"\1. ", text)
    words: list[str] = []
    for w in _TOKEN.findall(text):
        exp = ABBREVIATIONS.get(fold_same(w))
        words.extend(exp.split() if exp else [w])
    return words


def restore_case(text: str) -> str:
    """``ĐẢNG BỘ TP HẢI PHÒNG`` → ``Đảng bộ thành phố Hải Phòng``; mixed-case text is kept as is."""
    text = " ".join(text.split())
    if not text:
        return text
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return " ".join(_expand(text))  # already in normal case: only expand abbreviations
    words = _expand(text)
    folded = [fold_same(w) for w in words]
    out: list[str] = []
    mode = "plain"  # plain | name (title-case) | organ (capitalise next word only)
    i = 0
    gaz = gazetteer()
    while i < len(words):
        matched = 0
        for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            key = " ".join(folded[i : i + n])
            if key in PHRASES:
                out.extend(PHRASES[key].split())
                matched = n
                mode = "name" if key in NAMED_BY_PLACE else ("organ" if key in ORGAN_HEADS else "plain")
                break
            if key in PLACE_UNITS and mode != "organ_rest":
                out.extend(w.lower() for w in words[i : i + n])
                matched = n
                mode = "name"
                break
            if n <= 2 and key in ORGAN_HEADS and mode not in ("organ", "organ_rest"):
                out.append(_cap(words[i]))
                out.extend(w.lower() for w in words[i + 1 : i + n])
                matched = n
                mode = "organ"
                break
        if matched:
            i += matched
            continue
        w = words[i]
        rest = " ".join(folded[i:])
        known = _known_place(folded, i)
        if known:  # spelled as the gazetteer spells it: restores diacritics OCR dropped
            out.extend(known[0].split())
            i += known[1]
            mode = "name"
            continue
        if mode == "name" or gaz.province(rest) or gaz.districts.get(rest):
            out.append(_cap(w))
            mode = "name"
        elif mode == "organ":
            out.append(_cap(w))
            mode = "organ_rest"
        elif (
            mode == "organ_rest"
            and out
            and out[-1].lower() in {"và", "-", "–"} | set()
            or (out and out[-1].endswith(","))
        ):
            out.append(_cap(w))
        else:
            out.append(w.lower())
            if w in {"-", "–"}:
                mode = "organ" if mode == "organ_rest" else mode
        i += 1
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _known_place(folded: list[str], i: int) -> tuple[str, int] | None:
    """Longest run of 1-4 words from ``i`` that is a province or district name."""
    gaz = gazetteer()
    for n in range(min(4, len(folded) - i), 0, -1):
        key = " ".join(w.strip(",.;") for w in folded[i : i + n])
        if key in gaz.provinces:
            return gaz.provinces[key], n
        found = gaz.districts.get(key)
        if found and n >= 2:
            return found[0].name, n
    return None


def title_name(text: str) -> str:
    """A personal name printed in capitals: ``VŨ THỊ THU HUYỀN`` → ``Vũ Thị Thu Huyền``."""
    return " ".join(_cap(w) for w in text.split())

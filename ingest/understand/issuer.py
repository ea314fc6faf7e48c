"""Issuing body, its superior body, level and province.

Sources, most trusted first: the header's left column (``ĐẢNG BỘ TP HẢI PHÒNG`` /
``QUẬN ỦY KIẾN AN``); for documents without a header, the line under the type
(``CỦA BAN THƯỜNG VỤ HUYỆN ỦY``), the issuer code of the symbol (``193-KH/QU`` → Quận
ủy), the committee most often named in the text, completed with the place of the date
line (``Long Biên``) and the gazetteer (Long Biên is a district of Hà Nội).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.understand.casing import restore_case
from ingest.understand.gazetteer import gazetteer
from ingest.understand.lines import Line, fold_same
from sulieu.doctypes import issuer_name
from sulieu.model import Level

# A left-column line starting with one of these opens a new body; otherwise it continues
# the line above ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HẢI PHÒNG" is one body).
ORGAN_START = re.compile(
    r"^(dang bo|dang uy|dang doan|chi bo|(quan|huyen|tinh|thanh|thi) uy|ban |bo |uy ban|hoi dong|tong cuc|cuc |so |vu |"
    r"vien |hoc vien|chinh phu|quoc hoi|van phong|ngan hang|toa an|kiem toan|thu tuong|truong |trung tam|cong an|"
    r"mat tran|thanh doan|tinh doan|lien doan|hoi |phong )"
)
# Departments of a Party committee, named after it ("Ban Tuyên giáo Thành ủy Hải Phòng").
DEPARTMENT = re.compile(r"^(ban |van phong\b|uy ban kiem tra\b|truong chinh tri\b)")
# Party committees and the level they sit at.
COMMITTEE = re.compile(r"\b(quan|huyen|tinh|thanh|thi|dang) uy\b")
COMMITTEE_NAMES = {
    "quan": "Quận ủy",
    "huyen": "Huyện ủy",
    "tinh": "Tỉnh ủy",
    "thanh": "Thành ủy",
    "thi": "Thị ủy",
    "dang": "Đảng ủy",
}
# Committees named in the body: "Ban Thường vụ Quận ủy", "Thường trực Huyện ủy".
COMMITTEE_IN_TEXT = re.compile(r"(?:ban thuong vu|thuong truc|ban chap hanh)\s+(quan|huyen|tinh|thanh|thi|dang) uy\b")
# Issuer codes of Party symbols → the committee they stand for.
CODE_COMMITTEE = {"qu": "quan", "hu": "huyen", "txu": "thi", "du": "dang"}

# Enacting clause of a legal document: "Bộ trưởng Bộ Công an ban hành Thông tư ...".
ENACTING = re.compile(
    r"^(?P<who>[^,;.]{4,90}?)\s+ban hanh\s+(?:thong tu|nghi dinh|quyet dinh|nghi quyet|chi thi|phap lenh|luat)\b"
)
# Office-holder words in front of the body they head.
OFFICE_PREFIX = re.compile(
    r"^(?:bo truong|thong doc|chu nhiem|tong kiem toan|chanh an|vien truong|tong giam doc|giam doc)\s+"
)

CENTRAL = re.compile(
    r"trung uong|\btw\b|chinh phu|quoc hoi|^bo |thu tuong|ngan hang nha nuoc|kiem toan nha nuoc|toi cao|"
    r"hoc vien chinh tri quoc gia|ban bi thu|bo chinh tri|^tong cuc|^cuc |thanh tra chinh phu|^uy ban dan toc"
)
COMMUNE = re.compile(r"\b(xa|phuong|thi tran)\b")
DISTRICT = re.compile(r"\b(quan|huyen|thi xa|thi) uy\b|uy ban nhan dan (quan|huyen|thi xa)\b|\b(quan|huyen|thi xa) \w")
PROVINCE = re.compile(r"\b(tinh|thanh) uy\b|uy ban nhan dan (tinh|thanh pho)\b|\bso \w|dang bo (tinh|thanh pho)\b")


@dataclass
class IssuerInfo:
    issuer: str | None = None
    parent: str | None = None
    rule: str = ""
    line: Line | None = None
    confidence: float = 1.0
    parent_rule: str = ""
    parent_confidence: float = 1.0


def group_bodies(left: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """Left-column lines → bodies, top first (superior body first)."""
    bodies: list[tuple[str, Line]] = []
    for text, ln in left:
        t = text.strip(" *-")
        if not t:
            continue
        if bodies and not ORGAN_START.match(fold_same(t)):
            bodies[-1] = (bodies[-1][0] + " " + t, bodies[-1][1])
        else:
            bodies.append((t, ln))
    return bodies


def places_in(name: str | None, hint: str | None = None) -> tuple[str | None, str | None]:
    """(province, district) named in a body's name, e.g. ``Quận ủy Kiến An`` → (Hải Phòng, Kiến An)."""
    if not name:
        return None, None
    gaz = gazetteer()
    words = fold_same(name).replace(",", " ").split()
    province = district = None
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            if province is None and key in gaz.provinces and (n > 1 or key == "hue"):
                province = gaz.provinces[key]
            if district is None and n > 1 and key in gaz.districts:
                district = key
    d = gaz.district(district, province or hint) if district else None
    return province or (d.province if d else None), d.name if d else None


def province_of_place(place: str | None, hint: str | None = None) -> str | None:
    if not place:
        return None
    gaz = gazetteer()
    p = gaz.province(place)
    if p:
        return p
    d = gaz.district(place, hint)
    return d.province if d else None


def _committee_for_place(committee: str, place: str | None) -> str:
    """``Quận ủy`` + ``Long Biên`` → ``Quận ủy Long Biên``; ``Thành ủy``/``Tỉnh ủy`` by the province kind."""
    if not place:
        return committee
    return f"{committee} {place}"


def find_issuer(
    bodies: list[tuple[str, Line]],
    of_line: tuple[str, Line] | None,
    issuer_code: str | None,
    place: str | None,
    nb: list[Line],
    on_behalf_of: str | None,
) -> IssuerInfo:
    info = IssuerInfo()
    if bodies:
        info.issuer = restore_case(bodies[-1][0]).rstrip(" :;,.")
        info.line = bodies[-1][1]
        info.rule = "header.left_column"
        if len(bodies) >= 2:
            info.parent = restore_case(bodies[-2][0]).rstrip(" :;,.")
            info.parent_rule = "header.left_column"
            full = qualified_department(info.issuer, info.parent)
            if full != info.issuer:
                info.issuer, info.rule = full, "header.left_column+superior"
        return info
    gaz = gazetteer()
    committee: str | None = None
    line: Line | None = None
    # 1. "CỦA BAN THƯỜNG VỤ HUYỆN ỦY" under the type line.
    if of_line:
        m = COMMITTEE.search(fold_same(of_line[0]))
        if m:
            committee, line, info.rule = COMMITTEE_NAMES[m.group(1)], of_line[1], "header.of_line+place"
    # 2. The symbol's issuer code.
    if committee is None and issuer_code:
        code = fold_same(issuer_code)
        if code in CODE_COMMITTEE:
            committee, info.rule = COMMITTEE_NAMES[CODE_COMMITTEE[code]], "symbol.issuer_code+place"
        elif code == "tu":
            kind = gaz.province_kind.get(province_of_place(place) or "", "Tỉnh")
            committee, info.rule = ("Thành ủy" if kind == "Thành phố" else "Tỉnh ủy"), "symbol.issuer_code+place"
        else:
            name = issuer_name(issuer_code)
            if name and "/" not in name:
                info.issuer, info.rule, info.confidence = name, "symbol.issuer_code", 0.8
                return info
    # 3. A legal document's enacting clause ("Bộ trưởng Bộ Công an ban hành Thông tư").
    if committee is None and not issuer_code:
        for ln in nb[:80]:
            m = ENACTING.match(ln.fold)
            if m:
                who = ln.text[: m.end("who")]
                om = OFFICE_PREFIX.match(fold_same(who))
                if om and len(who) > om.end():
                    who = who[om.end() :]
                info.issuer, info.line, info.rule, info.confidence = who.strip(), ln, "text.enacting_clause", 0.7
                return info
    # 4. The committee the body names most ("Ban Thường vụ Quận ủy yêu cầu ...").
    if committee is None:
        counts = Counter(COMMITTEE_IN_TEXT.findall(" ".join(ln.fold for ln in nb)))
        if counts:
            committee, info.rule = COMMITTEE_NAMES[counts.most_common(1)[0][0]], "text.committee+place"
            info.confidence = 0.7
    if committee is None:
        if on_behalf_of:
            info.issuer, info.rule, info.confidence = on_behalf_of, "signature.on_behalf_of", 0.5
        return info
    info.line = line
    # Kind of place must fit the committee (Quận ủy ↔ quận).
    d = gaz.district(place) if place else None
    if committee in ("Tỉnh ủy", "Thành ủy") and place and gaz.province(place):
        info.issuer = _committee_for_place(committee, gaz.province(place))
    elif d and committee in ("Quận ủy", "Huyện ủy", "Thị ủy", "Thành ủy"):
        info.issuer = _committee_for_place(committee, d.name)
    else:
        info.issuer = _committee_for_place(committee, place) if place else committee
    info.confidence = min(info.confidence, 0.8)
    province = province_of_place(place)
    if province and committee in ("Quận ủy", "Huyện ủy", "Thị ủy") and d:
        kind = gaz.province_kind.get(province, "Tỉnh")
        info.parent = f"Đảng bộ {'thành phố' if kind == 'Thành phố' else 'tỉnh'} {province}"
        info.parent_rule, info.parent_confidence = "gazetteer.district_province", 0.6
    return info


def qualified_department(issuer: str, parent: str | None) -> str:
    """A committee's department is named with its committee: header ``THÀNH ỦY HẢI PHÒNG`` /
    ``BAN TUYÊN GIÁO`` → ``Ban Tuyên giáo Thành ủy Hải Phòng``; under ``BAN CHẤP HÀNH TRUNG ƯƠNG``
    → ``Ban Tuyên giáo Trung ương``. ``Đảng bộ thành phố X`` is led by ``Thành ủy X``. The
    superior stays in ``issuer_parent``; a department already qualified is left alone."""
    f = fold_same(issuer)
    if not parent or not DEPARTMENT.match(f) or COMMITTEE.search(f) or re.search(r"trung uong|dang bo", f):
        return issuer
    pf = fold_same(parent)
    if re.search(r"\btrung uong\b|\btw\b", pf):
        return f"{issuer} Trung ương"
    m = COMMITTEE.search(pf)
    if m and m.group(1) != "dang":
        return f"{issuer} {parent[m.start() :].strip()}"
    m = re.match(r"^dang bo (tinh|thanh pho|quan|huyen|thi xa)\s+(.+)$", pf)
    if m:
        unit = {"tinh": "Tỉnh ủy", "thanh pho": "Thành ủy", "quan": "Quận ủy", "huyen": "Huyện ủy", "thi xa": "Thị ủy"}
        place = " ".join(parent.split()[2 + len(m.group(1).split()) :])
        return f"{issuer} {unit[m.group(1)]} {place}"
    return issuer


def level_of(issuer: str | None, parent: str | None = None) -> Level | None:
    if not issuer:
        return None
    f = fold_same(issuer)
    gaz = gazetteer()
    if CENTRAL.search(f):
        return "central"
    m = re.search(r"thanh uy\s+(.+)$", f)
    if m:  # Thành ủy of a centrally-run city is provincial; of a provincial city, district level
        return "province" if m.group(1).strip() in gaz.provinces else "district"
    if re.search(r"\bdang uy\b", f) and COMMUNE.search(f):
        return "commune"
    if re.search(r"uy ban nhan dan (xa|phuong|thi tran)\b|^(xa|phuong)\b", f):
        return "commune"
    if DISTRICT.search(f):
        return "district"
    if PROVINCE.search(f):
        return "province"
    if parent:
        lp = level_of(parent)
        if lp == "central":
            return "central"
    return None


def find_province(
    issuer: str | None, parent: str | None, place: str | None, level: str | None
) -> tuple[str | None, str]:
    """Province of the issuer: named in it, in its superior body, or from the place of issue."""
    if level == "central":
        return None, ""
    p_parent, _ = places_in(parent)
    p_issuer, _ = places_in(issuer, p_parent)
    if p_issuer:
        return p_issuer, "issuer_name"
    if p_parent:
        return p_parent, "parent_name"
    p = province_of_place(place)
    if p:
        return p, "place"
    return None, ""

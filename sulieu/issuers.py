"""Which bodies a document's issuer belongs to: the one scope rule of ``co_quan:``, the issuer facet
and the issuer tree.

A document of "Ban Tuyên giáo Thành ủy Hải Phòng" is also a document of "Thành ủy Hải Phòng"; one of
"Ủy ban nhân dân quận Lê Chân" is also one of "Quận ủy Lê Chân" and of "Thành ủy Hải Phòng"; one of
"Đảng ủy xã Tam Đa" (superior "Đảng bộ huyện Vĩnh Bảo") also one of "Huyện ủy Vĩnh Bảo" and of the
city committee. ``issuer_scope`` names these bodies, from the issuer up, each spelled one way
("Đảng bộ huyện Vĩnh Bảo", "Ban Thường vụ Huyện ủy Vĩnh Bảo" and "Huyện ủy Vĩnh Bảo" are one body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sulieu.model import DocumentMetadata
from sulieu.text import fold

# Centrally-run cities: their Party committee is a "Thành ủy" (a province's is a "Tỉnh ủy").
CENTRAL_CITIES = frozenset(fold(x) for x in ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Thành phố Hồ Chí Minh",
                                              "Cần Thơ", "Huế"))
_UNITS = {"thanh pho": "Thành ủy", "tinh": "Tỉnh ủy", "huyen": "Huyện ủy", "quan": "Quận ủy", "thi xa": "Thị ủy",
          "xa": "Đảng ủy xã", "phuong": "Đảng ủy phường", "thi tran": "Đảng ủy thị trấn"}
_UNIT_WORDS = "|".join(sorted(("thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn"),
                              key=len, reverse=True))
_LEADERS = re.compile(r"^(?:ban chấp hành|ban thường vụ|thường trực)\s+(?!trung ương)", re.IGNORECASE)
_DANG_BO = re.compile(rf"^đảng bộ\s+({_UNIT_WORDS})\s+(.+)$", re.IGNORECASE)
_PEOPLE = re.compile(rf"^(?:ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân)\s+({_UNIT_WORDS})\s+(.+)$", re.IGNORECASE)
_COMMITTEE = re.compile(r"(?:thành ủy|thành uỷ|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|quận ủy|quận uỷ|thị ủy|thị uỷ|"
                        r"đảng ủy (?:xã|phường|thị trấn)|đảng uỷ (?:xã|phường|thị trấn))\s+\S.*$", re.IGNORECASE)
_CENTRAL = "Ban Chấp hành Trung ương"
_LEVEL_OF = {"Thành ủy": "province", "Tỉnh ủy": "province", "Huyện ủy": "district", "Quận ủy": "district",
             "Thị ủy": "district", "Đảng ủy": "commune"}


def _tidy(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;")
    return name.replace("uỷ", "ủy").replace("Uỷ", "Ủy").replace("UỶ", "ỦY")


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def committee_name(name: str | None) -> str | None:
    """One spelling per body: "Đảng bộ thành phố Hải Phòng" and "Ban Thường vụ Thành ủy Hải Phòng" are
    "Thành ủy Hải Phòng"; "Ban Chấp hành Trung ương Đảng" is "Ban Chấp hành Trung ương"."""
    if not name or not name.strip():
        return None
    n = _tidy(name)
    if fold(n).startswith(fold(_CENTRAL)):
        return _CENTRAL
    n = _LEADERS.sub("", n)
    m = _DANG_BO.match(n)
    if m:
        return f"{_UNITS[fold(m.group(1))]} {m.group(2)}"
    return _cap(n)


def _superior(name: str) -> str | None:
    """The committee a body serves, read from its name: a Ban, Văn phòng or Ủy ban Kiểm tra of a
    committee, or the people's committee/council of a locality."""
    m = _PEOPLE.match(name)
    if m:
        return f"{_UNITS[fold(m.group(1))]} {m.group(2)}"
    if fold(name).endswith("trung uong") and name != _CENTRAL:
        return _CENTRAL
    m = _COMMITTEE.search(name)
    if m and m.start() > 0:
        return committee_name(m.group(0))
    return None


def province_committee(province: str | None) -> str | None:
    if not province or not province.strip():
        return None
    p = _tidy(province)
    p = re.sub(r"^(?:thành phố|tỉnh|tp\.?)\s+", "", p, flags=re.IGNORECASE)
    return f"{'Thành ủy' if fold(p) in CENTRAL_CITIES else 'Tỉnh ủy'} {p}"


def name_level(name: str) -> str | None:
    """The Party level a committee's name says (``Huyện ủy …`` → district), None when it says none."""
    if name == _CENTRAL or fold(name).endswith("trung uong"):
        return "central"
    for word, level in _LEVEL_OF.items():
        if name.startswith(word):
            return level
    return None


def issuer_scope(md: DocumentMetadata) -> list[str]:
    """The issuer and every body above it, nearest first (empty without an issuer)."""
    return list(_scope(md.issuer, md.issuer_parent, md.level, md.province))


@lru_cache(maxsize=4096)  # the tree asks for every document on every render: few distinct issuers
def _scope(issuer: str | None, issuer_parent: str | None, level: str | None, province: str | None) -> tuple[str, ...]:
    own = committee_name(issuer)
    if own is None:
        return ()
    chain = [own]

    def add(name: str | None) -> None:
        if name and fold(name) not in {fold(x) for x in chain}:
            chain.append(name)

    add(_superior(own))
    parent = committee_name(issuer_parent)
    if parent is not None and fold(parent) != fold(own):
        add(_superior(parent) if fold(parent) in {fold(x) for x in chain} else parent)
    for name in list(chain):
        add(_superior(name))
    if province and (level in ("district", "commune") or name_level(chain[-1]) in ("district", "commune")
                     or _PEOPLE.match(own)):
        add(province_committee(province))
    return tuple(chain)


_COMMITTEE_UNIT = re.compile(r"^(thành ủy|tỉnh ủy|huyện ủy|quận ủy|thị ủy|đảng ủy (?:xã|phường|thị trấn|đặc khu))\s+(.+)$",
                             re.IGNORECASE)
_UNIT_LEVEL = {"tinh": "province", "huyen": "district", "quan": "district", "thi xa": "district", "xa": "commune",
               "phuong": "commune", "thi tran": "commune", "dac khu": "commune"}


@dataclass(frozen=True)
class Locality:
    """The administrative unit a locality-bound body belongs to: "Quận ủy Kiến An" → (district, Kiến An)."""
    system: str  # "party" or "state"
    level: str  # province, district, commune
    unit: str  # "quận", "thành phố", "xã", ... as the name says it (lower case)
    place: str  # "Kiến An"


def locality(name: str | None) -> Locality | None:
    """The unit a Party committee or a people's committee/council serves, read from its name; None for
    other bodies (a Ban, a Văn phòng, central bodies). A "Thành ủy" of a centrally-run city is provincial,
    of any other city district-level."""
    if not name:
        return None
    n = _tidy(name)
    m = _COMMITTEE_UNIT.match(n)
    if m:
        head, place = fold(m.group(1)), m.group(2)
        unit = {"thanh uy": "thành phố", "tinh uy": "tỉnh", "huyen uy": "huyện", "quan uy": "quận",
                "thi uy": "thị xã"}.get(head) or m.group(1).split(" ", 2)[2].lower()
        return Locality("party", _level_of_unit(unit, place), unit, place)
    m = _PEOPLE.match(n) or re.match(r"^(?:ủy ban nhân dân|hội đồng nhân dân)\s+(đặc khu)\s+(.+)$", n, re.IGNORECASE)
    if m:
        unit, place = m.group(1).lower(), m.group(2)
        return Locality("state", _level_of_unit(unit, place), unit, place)
    return None


def _level_of_unit(unit: str, place: str) -> str:
    if fold(unit) == "thanh pho":
        return "province" if fold(place) in CENTRAL_CITIES else "district"
    return _UNIT_LEVEL.get(fold(unit), "district")


def body_name(system: str, unit: str, place: str) -> str:
    """The committee of a unit: ("party", "phường", "Kiến An") → "Đảng ủy phường Kiến An"; ("state", "tỉnh",
    "Hưng Yên") → "Ủy ban nhân dân tỉnh Hưng Yên"."""
    unit = unit.lower()
    if system == "state":
        return f"Ủy ban nhân dân {unit} {place}"
    head = {"thành phố": "Thành ủy", "tỉnh": "Tỉnh ủy", "huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy"}
    return f"{head[unit]} {place}" if unit in head else f"Đảng ủy {unit} {place}"

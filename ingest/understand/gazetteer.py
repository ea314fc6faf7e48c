"""Provinces and districts of Vietnam (the 63-province, district-level map used until 2025).

Local Party documents name their district only ("Kiến An, ngày ..."), so the province a
document belongs to (the context that tells Hải Phòng's "...-KH/TU" from Hưng Yên's)
comes from this map. Data: the ``vietnamadminunits`` package's legacy parser table; when
the package is missing the gazetteer is empty and province detection degrades to names
written in full ("thành phố Hải Phòng").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from sulieu.text import fold


@dataclass(frozen=True, slots=True)
class District:
    name: str  # "Kiến An"
    kind: str  # "Quận", "Huyện", "Thị xã", "Thành phố"
    province: str  # short province name, "Hải Phòng"


@dataclass(frozen=True)
class Gazetteer:
    provinces: dict[str, str]  # folded short name → short name ("hai phong" → "Hải Phòng")
    province_kind: dict[str, str]  # short name → "Tỉnh" / "Thành phố"
    districts: dict[str, list[District]]  # folded short name → districts with that name

    def province(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.provinces.get(_key(name))

    def district(self, name: str | None, province: str | None = None) -> District | None:
        """The district with this name; ambiguous names need the province to decide."""
        if not name:
            return None
        found = self.districts.get(_key(name), [])
        if province:
            found = [d for d in found if d.province == province]
        return found[0] if len(found) == 1 else None


def _key(name: str) -> str:
    return " ".join(fold(name).replace(".", " ").split())


def _strip_kind(name: str, kinds: tuple[str, ...]) -> str:
    for k in kinds:
        if name.startswith(k + " "):
            return name[len(k) + 1 :]
    return name


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    try:
        # Locate the data file without importing the package (it pulls in geopy and shapely).
        spec = find_spec("vietnamadminunits")
        if spec is None or not spec.origin:
            raise FileNotFoundError("vietnamadminunits")
        data_file = Path(spec.origin).parent / "data" / "parser_legacy.json"
        data = json.loads(data_file.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return Gazetteer({}, {}, {})
    provinces: dict[str, str] = {}
    kinds: dict[str, str] = {}
    districts: dict[str, list[District]] = {}
    for pkey, p in data.get("DICT_PROVINCE", {}).items():
        short = p["provinceShort"]
        provinces[_key(short)] = short
        kinds[short] = "Thành phố" if p["province"].startswith("Thành phố") else "Tỉnh"
        for d in data.get("DICT_PROVINCE_DISTRICT", {}).get(pkey, {}).values():
            kind = d.get("districtType") or ""
            dname = d.get("districtShort") or _strip_kind(d["district"], ("Quận", "Huyện", "Thị xã", "Thành phố"))
            districts.setdefault(_key(dname), []).append(District(dname, kind, short))
    # Names written differently in documents.
    for alias, short in (("tp ho chi minh", "Hồ Chí Minh"), ("tphcm", "Hồ Chí Minh"), ("thua thien hue", "Huế")):
        if short in kinds:
            provinces.setdefault(alias, short)
    return Gazetteer(provinces, kinds, districts)

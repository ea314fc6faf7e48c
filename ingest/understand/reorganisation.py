"""The July 2025 reorganisation of Vietnam's administrative units, from the ``vietnamadminunits`` data.

Since 1 July 2025 there is no district level and 63 provinces became 34 (Hải Dương merged into Hải
Phòng, Thái Bình into Hưng Yên, ...); communes were merged too. The package's converter tables say,
for each new province, which old provinces it took in, and for each new commune, which old communes
(keyed ``<province>_<district>_<commune>``) it took in, whole or in part. Read once, without importing
the package (it pulls in geopy and shapely), as ``gazetteer.py`` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from sulieu.text import fold


@dataclass(frozen=True)
class NewUnit:
    name: str  # "Phường Kiến An"
    kind: str  # "Phường", "Xã", "Đặc khu"
    short: str  # "Kiến An"
    province: str  # short name of the new province, "Hải Phòng"


@dataclass(frozen=True)
class Reorganisation:
    merged_into: dict[str, str]  # folded old province → new province (short names; itself when it kept its name)
    absorbed: dict[str, list[str]]  # new province → old provinces it took in (other than itself)
    district_successors: dict[tuple[str, str], list[NewUnit]]  # (folded old province, folded district) → new communes
    commune_successors: dict[tuple[str, str, str], list[NewUnit]]  # (province, district, commune), folded

    def province(self, old: str) -> str | None:
        return self.merged_into.get(fold(old))

    def after_district(self, province: str, district: str) -> list[NewUnit]:
        return self.district_successors.get((fold(province), fold(district)), [])

    def after_commune(self, province: str, district: str | None, commune: str) -> list[NewUnit]:
        if district:
            return self.commune_successors.get((fold(province), fold(district), fold(commune)), [])
        found = [v for (p, _, c), v in self.commune_successors.items() if p == fold(province) and c == fold(commune)]
        return found[0] if len(found) == 1 else []


def _data_dir() -> Path | None:
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "data"


def _legacy_names(legacy: dict[str, Any]) -> tuple[dict[str, str], dict[tuple[str, str], str], dict[tuple[str, str, str], str]]:
    """Old keys → short names: provinces, districts, communes."""
    prov = {k: v["provinceShort"] for k, v in legacy["DICT_PROVINCE"].items()}
    dist = {(p, d): v.get("districtShort") or v["district"] for p, ds in legacy["DICT_PROVINCE_DISTRICT"].items()
            for d, v in ds.items()}
    comm: dict[tuple[str, str, str], str] = {}
    for table in ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED"):
        for p, ds in legacy.get(table, {}).items():
            for d, ws in ds.items():
                for w, v in ws.items():
                    comm.setdefault((p, d, w), v.get("wardShort") or v["ward"])
    return prov, dist, comm


def _new_units(new: dict[str, Any]) -> tuple[dict[str, str], dict[tuple[str, str], NewUnit]]:
    prov = {k: v["provinceShort"] for k, v in new["DICT_PROVINCE"].items()}
    units: dict[tuple[str, str], NewUnit] = {}
    for table in ("DICT_PROVINCE_WARD_NO_ACCENTED", "DICT_PROVINCE_WARD_ACCENTED"):
        for p, ws in new.get(table, {}).items():
            for w, v in ws.items():
                units.setdefault((p, w), NewUnit(v["ward"], v.get("wardType") or "", v.get("wardShort") or v["ward"],
                                                 prov[p]))
    return prov, units


def _split_key(key: str) -> tuple[str, str, str] | None:
    parts = key.split("_")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


@lru_cache(maxsize=1)
def reorganisation() -> Reorganisation:
    """The tables, or empty ones when the package's data is not installed."""
    base = _data_dir()
    try:
        if base is None:
            raise FileNotFoundError("vietnamadminunits")
        conv = json.loads((base / "converter_2025.json").read_text(encoding="utf-8"))
        legacy = json.loads((base / "parser_legacy.json").read_text(encoding="utf-8"))
        new = json.loads((base / "parser_from_2025.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Reorganisation({}, {}, {}, {})
    old_prov, old_dist, old_comm = _legacy_names(legacy)
    new_prov, new_units = _new_units(new)
    merged_into: dict[str, str] = {}
    absorbed: dict[str, list[str]] = {}
    for nk, olds in conv["DICT_PROVINCE"].items():
        for ok in olds:
            if ok in old_prov:
                merged_into[fold(old_prov[ok])] = new_prov[nk]
                if fold(old_prov[ok]) != fold(new_prov[nk]):
                    absorbed.setdefault(new_prov[nk], []).append(old_prov[ok])
    pairs: list[tuple[tuple[str, str, str], NewUnit]] = []
    for nk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wk, olds in wards.items():
            unit = new_units.get((nk, wk))
            pairs += [(k, unit) for k in map(_split_key, olds) if k and unit]
    for nk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            k = _split_key(old_key)
            pairs += [(k, new_units[(nk, t["newWardKey"])]) for t in targets if k and (nk, t["newWardKey"]) in new_units]
    districts: dict[tuple[str, str], list[NewUnit]] = {}
    communes: dict[tuple[str, str, str], list[NewUnit]] = {}
    for (p, d, w), unit in pairs:
        if p not in old_prov or (p, d) not in old_dist:
            continue
        dkey = (fold(old_prov[p]), fold(old_dist[(p, d)]))
        if unit not in districts.setdefault(dkey, []):
            districts[dkey].append(unit)
        if (p, d, w) in old_comm:
            ckey = (*dkey, fold(old_comm[(p, d, w)]))
            if unit not in communes.setdefault(ckey, []):
                communes[ckey].append(unit)
    return Reorganisation(merged_into, absorbed, districts, communes)

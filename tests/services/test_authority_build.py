"""Authority records built from issuer names and the 2025 tables of ``vietnamadminunits`` (real package data)."""

from __future__ import annotations

from services.authority_build import MANY, build_authority
from sulieu.authority import AuthorityFile, AuthorityIndex
from sulieu.issuers import issuer_scope
from sulieu.model import DocumentMetadata


def _md(issuer: str, parent: str | None, level: str, province: str, date: str = "2023-05-01") -> DocumentMetadata:
    return DocumentMetadata(issuer=issuer, issuer_parent=parent, level=level, province=province, date=date)


DOCS = [
    _md("Quận ủy Kiến An", "Đảng bộ thành phố Hải Phòng", "district", "Hải Phòng"),
    _md("Ban Tuyên giáo Thành ủy Hải Phòng", "Thành ủy Hải Phòng", "province", "Hải Phòng"),
    _md("Huyện ủy Gia Lộc", "Đảng bộ tỉnh Hải Dương", "district", "Hải Dương", "2019-02-01"),
    _md("Tỉnh ủy Thái Bình", None, "province", "Thái Bình", "2020-01-01"),
    _md("Huyện ủy Không Có Thật", "Đảng bộ tỉnh Hưng Yên", "district", "Hưng Yên"),
]


def test_every_issuer_resolves_and_2025_fates_come_from_the_package() -> None:
    data = build_authority(AuthorityFile(), DOCS)
    index = AuthorityIndex(data)
    for md in DOCS:
        for name in issuer_scope(md):
            assert index.resolve(name, md.province) is not None, name
    kien_an = index.resolve("Quận ủy Kiến An", "Hải Phòng")
    assert kien_an is not None and kien_an.end == "2025-06-30"
    assert {index.records[s.target].name for s in kien_an.successors} == {"Đảng ủy phường Kiến An",
                                                                           "Đảng ủy phường Phù Liễn"}
    hai_duong = index.resolve("Tỉnh ủy Hải Dương")
    assert hai_duong is not None and [index.records[s.target].name for s in hai_duong.successors] == ["Thành ủy Hải Phòng"]
    hai_phong = index.resolve("Thành ủy Hải Phòng")
    assert hai_phong is not None and hai_phong.end is None
    assert [index.records[p].name for p, _ in index.predecessors(hai_phong.id)] == ["Tỉnh ủy Hải Dương"]
    thai_binh = index.resolve("Tỉnh ủy Thái Bình")
    assert thai_binh is not None and [index.records[s.target].name for s in thai_binh.successors] == ["Tỉnh ủy Hưng Yên"]
    assert [a.name for a in data.ambiguous if a.reason == MANY] == []
    assert "Huyện ủy Không Có Thật" in {a.name for a in data.ambiguous}


def test_lineage_reaches_the_merged_province_in_one_direction_only() -> None:
    index = AuthorityIndex(build_authority(AuthorityFile(), DOCS))
    gia_loc = index.scope(DOCS[2])
    assert "Thành ủy Hải Phòng" in gia_loc.lineage and "Thành ủy Hải Phòng" not in gia_loc.path
    thai_binh = index.scope(DOCS[3])
    assert "Tỉnh ủy Hưng Yên" in thai_binh.lineage and "Thành ủy Hải Phòng" not in thai_binh.lineage


def test_rebuilding_is_stable_and_keeps_an_editors_record() -> None:
    first = build_authority(AuthorityFile(), DOCS)
    assert build_authority(first, DOCS) == first
    rec = next(r for r in first.records if r.names[0].name == "Quận ủy Kiến An")
    rec.history, rec.edited_by, rec.successors = "Sửa tay.", "bientap", []
    again = build_authority(first, DOCS)
    kept = next(r for r in again.records if r.id == rec.id)
    assert kept.history == "Sửa tay." and kept.successors == []

"""Every field of the five real seeds, checked against values read from the seeds by hand.

The seeds are read by path at test time (never copied into the project).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.understand import understand

pytestmark = pytest.mark.integration


def _seed(shared_dir: Path, prefix: str):
    path = next((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
    return understand([path.read_text(encoding="utf-8")])


def _cit(u, symbol: str):
    found = [c for c in u.citations if c.symbol == symbol]
    assert found, f"citation {symbol} not found in {[c.symbol for c in u.citations]}"
    return found[0]


def test_seed_000_party_cong_van_with_header(shared_dir: Path) -> None:
    u = _seed(shared_dir, "000")
    md = u.metadata
    assert md.system == "party"
    assert md.issuer == "Quận ủy Kiến An"
    assert md.issuer_parent == "Đảng bộ thành phố Hải Phòng"  # "TP" expanded, case restored
    assert md.level == "district"
    assert md.province == "Hải Phòng"
    assert (md.doc_type, md.doc_type_code) == ("Công văn", "CV")
    assert (md.number, md.symbol, md.symbol_key, md.issuer_code) == ("1902", "1902-CV/QU", "1902-cv-qu", "QU")
    assert md.place == "Kiến An"
    assert md.date == "2024-02-28"
    assert md.subject == "tuyên truyền cuốn Lịch sử Đảng bộ thành phố Hải Phòng - Tập IV (2001 - 2020)"
    assert md.title.startswith("Công văn về việc tuyên truyền cuốn Lịch sử Đảng bộ")
    assert (md.period.start, md.period.end) == (2001, 2020)
    assert len(md.recipients) == 6
    assert md.recipients[0] == "Đảng ủy 10 phường"
    assert md.recipients[-1] == "Trung tâm Văn hóa - Thông tin và Thể thao quận"
    assert md.signer.authority == "T/L"
    assert md.signer.on_behalf_of == "Ban Thường vụ"
    assert md.signer.position == "Chánh Văn phòng"
    assert md.signer.name == "Vũ Thị Thu Huyền"
    assert md.distribution == [
        "Ban Tuyên giáo Thành ủy",
        "Thường trực Quận ủy",
        "Ủy ban nhân dân quận",
        "Phòng Văn hóa và Thông tin quận",
        "Như trên",
        "Lưu VPQU",
    ]
    assert {"Kiến An", "Hải Phòng"} <= set(md.places)
    assert "Vũ Thị Thu Huyền" in md.people
    # evidence: every filled field says where it came from
    for f in ("issuer", "symbol", "date", "doc_type", "signer", "subject", "recipients", "distribution"):
        ev = md.evidence[f]
        assert ev.rule and 0 < ev.confidence <= 1, f
    assert md.evidence["symbol"].page == 1 and md.evidence["symbol"].line is not None
    c = _cit(u, "328-KH/TU")
    assert (c.relation, c.doc_type, c.date, c.issuer) == (
        "implements",
        "Kế hoạch",
        "2024-01-12",
        "Ban Thường vụ Thành ủy",
    )
    c = _cit(u, "1912-CV/BTGTU")
    assert (c.doc_type, c.date, c.issuer) == ("Công văn", "2024-02-06", "Ban Tuyên giáo Thành ủy")
    assert all(c.symbol != "1902-CV/QU" for c in u.citations)  # its own symbol is not a citation


def test_seed_001_plan_without_header(shared_dir: Path) -> None:
    u = _seed(shared_dir, "001")
    md = u.metadata
    assert md.system == "party"
    assert md.symbol == "193 -KH/QU"  # as written, stray space kept
    assert md.symbol_normalized == "193-KH/QU"
    assert md.symbol_key == "193-kh-qu"
    assert md.number == "193"
    assert (md.doc_type, md.doc_type_code) == ("Kế hoạch", "KH")
    # no header: the issuer comes from the symbol's issuer code and the place of issue
    assert md.issuer == "Quận ủy Long Biên"
    assert md.evidence["issuer"].confidence < 1
    assert md.issuer_parent == "Đảng bộ thành phố Hà Nội"
    assert (md.level, md.province, md.place, md.date) == ("district", "Hà Nội", "Long Biên", "2023-11-03")
    assert md.subject == 'tuyên truyền cuốn sách "Lịch sử Đảng bộ quận Long Biên (2013 - 2023)"'
    assert md.title == 'Kế hoạch tuyên truyền cuốn sách "Lịch sử Đảng bộ quận Long Biên (2013 - 2023)"'
    assert (md.period.start, md.period.end) == (2013, 2023)
    assert md.recipients == []
    assert (md.signer.authority, md.signer.on_behalf_of) == ("T/M", "Ban Thường vụ")
    assert md.signer.position == "Phó Bí thư Thường trực"
    assert md.signer.name == "Ngô Mạnh Điềm"
    assert md.distribution[0] == "Ban Tuyên giáo TU (để báo cáo)"
    assert md.distribution[-1] == "Lưu" and len(md.distribution) == 7
    assert {"Long Biên", "Hà Nội"} <= set(md.places)
    c = _cit(u, "20-CT/TW")
    assert (c.relation, c.doc_type, c.date, c.issuer) == (
        "implements",
        "Chỉ thị",
        "2018-01-18",
        "Ban Bí thư Trung ương Đảng",
    )
    c = _cit(u, "104-KH/TU")
    assert (c.relation, c.date, c.issuer) == ("implements", "2018-10-03", "Ban Thường vụ Thành ủy")
    chapters = [h for h in u.structure if h.kind == "chapter"]
    assert [(h.period.start, h.period.end) for h in chapters] == [(2013, 2015), (2015, 2020), (2020, 2025)]
    assert any(h.kind == "conclusion" for h in u.structure)  # "Phần lời kết"
    assert [h.title for h in u.structure if h.kind == "numbered"] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "III. HÌNH THỨC TUYÊN TRUYỀN",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]


def test_seed_002_cong_van_ve_viec(shared_dir: Path) -> None:
    u = _seed(shared_dir, "002")
    md = u.metadata
    assert (md.system, md.issuer, md.issuer_parent) == ("party", "Quận ủy Kiến An", "Đảng bộ thành phố Hải Phòng")
    assert (md.doc_type, md.number, md.symbol_key) == ("Công văn", "1579", "1579-cv-qu")
    assert (md.place, md.date) == ("Kiến An", "2023-06-22")
    assert md.subject.startswith("tiếp tục đẩy mạnh tuyên truyền, tham gia Cuộc thi trắc nghiệm trên Internet")
    assert md.recipients == [
        "Các chi, đảng bộ trực thuộc Quận ủy",
        "Đảng bộ Trường: THPT Kiến An, THPT Đồng Hòa",
        "Chi bộ Phòng Giáo dục và Đào tạo quận",
        "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội quận",
    ]
    assert (md.signer.authority, md.signer.position, md.signer.name) == ("T/L", "Chánh Văn phòng", "Vũ Thị Thu Huyền")
    assert md.period is None
    rel = {c.symbol: (c.relation, c.date) for c in u.citations}
    assert rel["57-KH/BTGTU"] == ("implements", "2023-05-04")
    assert rel["68-KH/QU"] == ("implements", "2023-05-11")  # shares the verb of the one before
    assert rel["01-KL/TW"] == ("reviews", "2021-05-18")  # "sơ kết 02 năm thực hiện Kết luận"
    assert "05-CT/TW" in rel


def test_seed_003_state_draft_without_number(shared_dir: Path) -> None:
    u = _seed(shared_dir, "003")
    md = u.metadata
    assert md.system == "state"
    assert md.issuer == "Ủy ban nhân dân thành phố Hải Phòng"
    assert md.issuer_parent is None
    assert (md.level, md.province, md.place) == ("province", "Hải Phòng", "Hải Phòng")
    assert md.symbol == "/UBND-VX" and md.number is None and md.issuer_code == "UBND"
    assert md.date == "2023"  # "ngày tháng năm 2023": day and month left blank, not invented
    assert md.doc_type == "Công văn"
    assert md.subject == "thực hiện Kết luận số 2517-HVCTQG và Thông báo số 387-TB/BTGTW"
    assert md.recipients == ["Các sở, ban, ngành thành phố", "Ủy ban nhân dân các quận, huyện"]
    s = md.signer
    assert (s.authority, s.on_behalf_of, s.position, s.name) == (
        "TM.",
        "Ủy ban nhân dân",
        "Phó Chủ tịch",
        "Lê Khắc Nam",
    )
    assert s.chain == ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]
    assert md.distribution[-1] == "Lưu: VT, GD" and len(md.distribution) == 7
    c = _cit(u, "2517-HVCTQG")
    assert (c.doc_type, c.doc_type_code, c.date, c.relation) == ("Kết luận", "KL", "2023-10-09", "implements")
    assert c.issuer == "Học viện Chính trị quốc gia Hồ Chí Minh"
    c = _cit(u, "1161-CV/TU")
    assert (c.date, c.issuer, c.province, c.relation) == ("2023-12-25", "Thành uỷ Hải Phòng", "Hải Phòng", "implements")
    assert _cit(u, "20-CT/TW").relation == "reviews"  # "sơ kết 05 năm thực hiện Chỉ thị"
    assert _cit(u, "17-CT/TU").date == "2018-11-13"
    assert _cit(u, "387-TB/BTGTW").date == "2023-10-27"


def test_seed_004_notice_without_header_or_signature(shared_dir: Path) -> None:
    u = _seed(shared_dir, "004")
    md = u.metadata
    assert md.system == "party"
    # no header, no symbol: issuer from "CỦA BAN THƯỜNG VỤ HUYỆN ỦY" and the place of issue
    assert md.issuer == "Huyện ủy Kim Động"
    assert md.issuer_parent == "Đảng bộ tỉnh Hưng Yên"
    assert (md.level, md.province, md.place, md.date) == ("district", "Hưng Yên", "Kim Động", "2024-06-14")
    assert (md.doc_type, md.doc_type_code) == ("Thông báo", "TB")
    assert md.symbol is None and md.number is None
    assert md.subject == (
        "tiếp tục đẩy mạnh công tác nghiên cứu, biên soạn, tuyên truyền, giáo dục lịch sử Đảng trên địa bàn huyện"
    )
    # No signature block: no name or position is invented; the authority is the type line's "CỦA BAN THƯỜNG VỤ".
    assert md.signer is not None and (md.signer.name, md.signer.position, md.signer.chain) == (None, None, [])
    assert md.signer.on_behalf_of == "Ban Thường vụ" and md.evidence["signer"].rule == "header.of_line_authority"
    assert md.distribution[0] == "Ban Thường vụ Tỉnh ủy (để b/c)" and len(md.distribution) == 7
    assert {"Nguyễn Xuân Thắng", "Nguyễn Phú Trọng"} <= set(md.people)
    c = _cit(u, "296-KH/TU")
    assert (c.relation, c.date, c.issuer) == ("implements", "2024-03-29", "Ban Thường vụ Tỉnh ủy")
    c = _cit(u, "2517-KL/HVCTQG")
    assert (c.doc_type, c.date) == ("Kết luận", "2023-10-09")
    assert _cit(u, "20-CT/TW").relation == "reviews"

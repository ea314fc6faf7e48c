"""The traps of DESIGN.md §3-§5: messy symbols, blank dates, interleaved columns, OCR noise."""

from __future__ import annotations

from ingest.understand import understand
from ingest.understand.casing import restore_case
from ingest.understand.citations import find_citations
from ingest.understand.dates import date_at, worded_date
from ingest.understand.lines import fold_same
from sulieu.doctypes import is_local_issuer, issuer_name, type_code, type_name
from sulieu.symbols import normalize_symbol, parse_symbol, symbol_key

PARTY_HEADER = """ĐẢNG BỘ TP HẢI PHÒNG
QUẬN ỦY KIẾN AN
*
Số 1902-CV/QU
V/v tuyên truyền cuốn sách

ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 28 tháng 02 năm 2024

Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024 của Ban Thường vụ Thành ủy về việc tổ chức gặp mặt.

T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG

Vũ Thị Thu Huyền
"""


def test_symbol_with_stray_space() -> None:
    p = parse_symbol("Số 193 -KH/QU")
    assert (p.normalized, p.key, p.number, p.type_code, p.issuer_code, p.system) == (
        "193-KH/QU",
        "193-kh-qu",
        "193",
        "KH",
        "QU",
        "party",
    )
    md = understand(["Long Biên, ngày 03 tháng 11 năm 2023\nSố 193 -KH/QU\nKẾ HOẠCH\ntuyên truyền\n"]).metadata
    assert (md.symbol, md.symbol_normalized, md.number) == ("193 -KH/QU", "193-KH/QU", "193")


def test_symbol_with_blank_number() -> None:
    p = parse_symbol("Số: /UBND-VX")
    assert (p.number, p.issuer_code, p.unit, p.system, p.key) == (None, "UBND", "VX", "state", "ubnd-vx")
    md = understand(["ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: /UBND-VX\nV/v thực hiện\n"]).metadata
    assert md.symbol == "/UBND-VX" and md.number is None


def test_blank_day_and_month_are_not_invented() -> None:
    assert worded_date(fold_same("Hải Phòng, ngày tháng năm 2023")).iso == "2023"
    assert worded_date(fold_same("ngày ... tháng 5 năm 2023")).iso == "2023-05"
    assert worded_date(fold_same("ngày 28 tháng 02 năm 2024")).iso == "2024-02-28"
    assert worded_date(fold_same("ngày 31 tháng 13 năm 2024")).iso == "2024"  # impossible month dropped


def test_short_and_full_forms_of_the_same_conclusion() -> None:
    a, b = parse_symbol("2517-HVCTQG"), parse_symbol("2517-KL/HVCTQG")
    assert a.key != b.key  # written differently: keys differ ...
    assert (a.number, a.issuer_code, a.type_code) == ("2517", "HVCTQG", None)
    assert (b.number, b.issuer_code, b.type_code) == ("2517", "HVCTQG", "KL")  # ... identity agrees


def test_symbol_followed_by_a_date_is_symbol_then_day_first_date() -> None:
    cits = find_citations(["Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024 của Ban Thường vụ Thành ủy về việc."])
    assert len(cits) == 1
    c = cits[0]
    assert (c.symbol, c.number, c.date, c.issuer, c.relation) == (
        "328-KH/TU",
        "328",
        "2024-01-12",
        "Ban Thường vụ Thành ủy",
        "implements",
    )
    assert date_at(fold_same(", ngày 04/5/2023 của"), 0).iso == "2023-05-04"


def test_symbol_key_invariants() -> None:
    assert symbol_key("328-KH/TU") == symbol_key("328/KH-TU") == symbol_key("số 328 kh tu") == "328-kh-tu"
    assert symbol_key("249/2025/NĐ-CP") == symbol_key("249/2025/ND-CP")
    assert normalize_symbol("249 / 2025 / NĐ – CP") == "249/2025/NĐ-CP"


def test_state_symbols() -> None:
    p = parse_symbol("249/2025/NĐ-CP")
    assert (p.number, p.year, p.type_code, p.issuer_code, p.system) == ("249", 2025, "NĐ", "CP", "state")
    p = parse_symbol("1161/UBND-VX")
    assert (p.type_code, p.issuer_code, p.unit) == (None, "UBND", "VX")
    p = parse_symbol("5053-CV/VPTW/nb")
    assert (p.type_code, p.issuer_code, p.suffix) == ("CV", "VPTW", "nb")
    assert parse_symbol("12/01/2024") is None  # a date is not a symbol


def test_two_header_columns_interleaved_on_one_line() -> None:
    text = (
        "ĐẢNG BỘ TP HẢI PHÒNG ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "QUẬN ỦY KIẾN AN Kiến An, ngày 28 tháng 02 năm 2024\n"
        "Số 1902-CV/QU\n"
        "V/v tuyên truyền cuốn sách\n\n"
        "Nội dung.\n"
    )
    md = understand([text]).metadata
    assert md.system == "party"
    assert (md.issuer, md.issuer_parent) == ("Quận ủy Kiến An", "Đảng bộ thành phố Hải Phòng")
    assert (md.place, md.date, md.symbol) == ("Kiến An", "2024-02-28", "1902-CV/QU")
    assert md.subject == "tuyên truyền cuốn sách"


def test_right_column_before_left_column() -> None:
    text = (
        "ĐẢNG CỘNG SẢN VIỆT NAM\nKiến An, ngày 28 tháng 02 năm 2024\n"
        "ĐẢNG BỘ TP HẢI PHÒNG\nQUẬN ỦY KIẾN AN\n*\nSố 1902-CV/QU\nV/v tuyên truyền\n\nNội dung.\n"
    )
    md = understand([text]).metadata
    assert (md.issuer, md.issuer_parent, md.date, md.number) == (
        "Quận ủy Kiến An",
        "Đảng bộ thành phố Hải Phòng",
        "2024-02-28",
        "1902",
    )


def test_ocr_noise_in_header() -> None:
    # dropped diacritics, O for 0 and l for 1 in the date, "S0" for "Số", a heading broken over two lines
    text = (
        "DANG BO TP HAI PHONG\nQUAN UY KIEN AN\n*\nS0 1902-CV/QU\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\nKiến An, ngay 2l thang O2 nam 2O24\n"
        "V/v tuyên truyền cuốn Lịch sử Đảng bộ\nthành phố Hải Phòng\n\nNội dung.\n"
    )
    md = understand([text]).metadata
    assert md.date == "2024-02-21"
    assert md.symbol_normalized == "1902-CV/QU"
    assert md.issuer == "Quận ủy Kiến An"  # diacritics restored from the gazetteer
    assert md.issuer_parent == "Đảng bộ thành phố Hải Phòng"
    assert md.subject == "tuyên truyền cuốn Lịch sử Đảng bộ thành phố Hải Phòng"
    assert parse_symbol("193-KH/Q0").issuer_code == "QO"  # 0 inside letters read as O
    assert parse_symbol("1O2-KH/QU") is None or parse_symbol("1O2-KH/QU").number != "1O2"


def test_markdown_and_full_document() -> None:
    u = understand([PARTY_HEADER])
    md = u.metadata
    assert (md.issuer, md.doc_type, md.number, md.date) == ("Quận ủy Kiến An", "Công văn", "1902", "2024-02-28")
    assert md.signer.name == "Vũ Thị Thu Huyền"
    assert [c.symbol for c in u.citations] == ["328-KH/TU"]


def test_case_restoration_and_abbreviations() -> None:
    assert restore_case("QUẬN ỦY KIẾN AN") == "Quận ủy Kiến An"
    assert restore_case("ĐẢNG BỘ TP HẢI PHÒNG") == "Đảng bộ thành phố Hải Phòng"
    assert restore_case("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN") == "Ủy ban nhân dân tỉnh Hưng Yên"
    assert restore_case("BỘ GIÁO DỤC VÀ ĐÀO TẠO") == "Bộ Giáo dục và Đào tạo"
    assert restore_case("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "Bộ Lao động - Thương binh và Xã hội"
    assert restore_case("PHÓ BÍ THƯ THƯỜNG TRỰC") == "Phó Bí thư Thường trực"
    assert restore_case("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM") == "Ngân hàng Nhà nước Việt Nam"
    assert restore_case("UBND TP HẢI PHÒNG") == "Ủy ban nhân dân thành phố Hải Phòng"


def test_type_and_issuer_codes() -> None:
    assert type_name("KH") == "Kế hoạch"
    assert type_name("NĐ", "state") == "Nghị định"
    assert type_name("QD") == "Quyết định"  # Đ written as D
    assert type_code("Kế hoạch") == "KH"
    assert type_code("Quy định", "party") == "QĐi" and type_code("Quy định", "state") == "QyĐ"
    assert issuer_name("BTGTW") == "Ban Tuyên giáo Trung ương"
    assert is_local_issuer("TU") and is_local_issuer("BTGTU") and is_local_issuer("UBND")
    assert not is_local_issuer("TW") and not is_local_issuer("HVCTQG") and not is_local_issuer("CP")


def test_relations() -> None:
    page = (
        "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15; Theo Nghị định số 35/2025/NĐ-CP; "
        "Thông tư này bãi bỏ Thông tư số 12/2020/TT-BTC. Thay thế Quyết định số 5/2019/QĐ-TTg. "
        "Sửa đổi Điều 3 Nghị định số 20/2021/NĐ-CP. Hội nghị tổng kết 10 năm thực hiện Nghị quyết số 29-NQ/TW."
    )
    rel = {c.symbol: c.relation for c in find_citations([page])}
    assert rel == {
        "63/2025/QH15": "based_on",
        "35/2025/NĐ-CP": "per",
        "12/2020/TT-BTC": "repeals",
        "5/2019/QĐ-TTg": "replaces",
        "20/2021/NĐ-CP": "amends",
        "29-NQ/TW": "reviews",
    }
    law = next(c for c in find_citations([page]) if c.symbol == "63/2025/QH15")
    assert (law.doc_type, law.date) == ("Luật", "2025")


def test_issuer_from_the_enacting_clause_when_the_header_is_missing() -> None:
    text = (
        "THÔNG TƯ\nQuy định về phân công trách nhiệm\n"
        "Căn cứ Luật Công an nhân dân số 37/2018/QH14;\n"
        "Bộ trưởng Bộ Công an ban hành Thông tư quy định về phân công trách nhiệm.\n"
    )
    md = understand([text]).metadata
    assert (md.issuer, md.level, md.doc_type) == ("Bộ Công an", "central", "Thông tư")
    assert md.evidence["issuer"].rule == "text.enacting_clause" and md.evidence["issuer"].line == 4
    assert md.date is None and md.signer is None  # nothing in the text: nothing invented


def test_english_translation_is_not_read_with_vietnamese_rules() -> None:
    text = (
        "DECREE\nON LEGAL CONSULTANCY\nTHE GOVERNMENT\nPursuant to the December 25, 2001 Law on Organization of the "
        "Government; At the proposal of the Minister of Justice, DECREES: Chapter I GENERAL PROVISIONS. This Decree "
        "provides for the organization and operation of legal consultancy and the rights of the parties in the field "
        "of law and shall take effect. See Decree No. 77/2008/ND-CP of the Government."
    )
    u = understand([text])
    assert u.metadata.language == "en"
    assert u.metadata.issuer is None and u.metadata.signer is None


def test_laws_cited_by_name_and_date_only() -> None:
    page = (
        "Căn cứ Luật Nghĩa vụ quân sự ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của 11 luật "
        "về quân sự, quốc phòng ngày 27 tháng 6 năm 2025;\nCăn cứ Luật Công an nhân dân số 37/2018/QH14;"
    )
    cits = {c.text: c for c in find_citations([page])}
    law = cits["Luật Nghĩa vụ quân sự ngày 19 tháng 6 năm 2015"]
    assert (law.doc_type, law.symbol, law.date, law.relation) == ("Luật", None, "2015-06-19", "based_on")
    assert "Luật sửa đổi, bổ sung một số điều của 11 luật về quân sự, quốc phòng ngày 27 tháng 6 năm 2025" in cits
    assert any(c.symbol == "37/2018/QH14" for c in cits.values())

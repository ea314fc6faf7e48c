"""Marks near the header ("DỰ THẢO", "MẬT", "KHẨN") become a field; a body sentence naming them does not."""

from __future__ import annotations

from ingest.understand import understand

DOC = """ĐẢNG BỘ TỈNH HÀ NAM
HUYỆN ỦY KIM BẢNG
*
Số 45-TB/HU
{marks}
ĐẢNG CỘNG SẢN VIỆT NAM
Kim Bảng, ngày 15 tháng 3 năm 2024

THÔNG BÁO
về việc sưu tầm tư liệu lịch sử Đảng bộ huyện

Ban Thường vụ Huyện ủy đề nghị các chi bộ bảo vệ bí mật nhà nước, tài liệu mật
phải được lưu giữ theo quy định; việc khẩn cấp báo cáo ngay.

T/M BAN THƯỜNG VỤ
BÍ THƯ


Nguyễn Văn An
"""


def test_marks_are_read_in_print_order_and_kept_out_of_the_issuer():
    md = understand([DOC.format(marks="|MẬT|\nTHƯỢNG KHẨN")]).metadata
    assert md.marks == ["Mật", "Thượng khẩn"]
    assert md.issuer == "Huyện ủy Kim Bảng"
    assert md.evidence["marks"].rule == "header.marks"


def test_ocr_tone_errors_and_draft_numbers_are_still_marks():
    md = understand([DOC.format(marks="MẶT\nDỰ THẢO 2")]).metadata
    assert md.marks == ["Mật", "Dự thảo"]


def test_a_body_sentence_naming_secrecy_is_no_mark():
    md = understand([DOC.format(marks="")]).metadata
    assert md.marks == []
    assert md.signer is not None and md.signer.name == "Nguyễn Văn An"


def test_a_misread_issuer_code_is_repaired_with_what_was_read():
    md = understand([DOC.format(marks="").replace("Số 45-TB/HU", "Số 45-TB/HỤ")]).metadata
    assert md.symbol == "45-TB/HU" and md.symbol_key == "45-tb-hu"
    ev = md.evidence["symbol"]
    assert ev.read == "45-TB/HỤ" and ev.rule == "symbol.ocr_repair.tone" and ev.confidence < 1


def test_a_misread_surname_and_a_misread_position_above_the_name():
    text = DOC.format(marks="").replace("BÍ THƯ\n\n\nNguyễn Văn An", "CHÀANH VĂN PHÒNG\nĐỉnh Công Thắng")
    md = understand([text]).metadata
    assert md.signer is not None and md.signer.name == "Đinh Công Thắng"
    assert md.signer.position == "Chánh Văn phòng"  # the blurred title put back (signer.POSITION_TITLES)


def test_a_misread_vv_still_opens_the_subject_of_a_cong_van():
    head = "ỦY BAN NHÂN DÂN\nQUẬN LÊ CHÂN\nSố: 2315/UBND-VX\n{vv} triển khai Kế hoạch số\n142-KH/QU của Ban Thường vụ\n"
    rest = "Quận ủy\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLê Chân, ngày 22 tháng 4 năm 2024\n"
    for vv in ("V/v", "V/", "V⁄%v", "V%"):
        md = understand([head.format(vv=vv) + rest]).metadata
        assert (md.doc_type, md.subject) == ("Công văn", "triển khai Kế hoạch số 142-KH/QU của Ban Thường vụ Quận ủy"), vv

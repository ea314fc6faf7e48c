"""What OCR makes of a scanned directive's header and footer, and what understanding must still find.

The texts are written here in the shapes Tesseract gives on generated moderate scans (scribbles and
seal-ring words between position and name, a wrapped word read in capitals, a lost bullet, garbled
words where the header's two columns meet); every layout, place and name is made up for the test."""

from __future__ import annotations

import pytest

from ingest.understand import understand

HEAD = """ĐẢNG BỘ TỈNH NAM HƯNG
HUYỆN ỦY ĐÔNG SƠN
*
Số 17-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Đông Sơn, ngày 3 tháng 5 năm 2024
KẾ HOẠCH
sưu tầm tư liệu lịch sử đảng bộ các xã
Thực hiện Kế hoạch số 9-KH/TU của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy ban hành kế hoạch.
"""


def _footer(between: str, dist: str = "- Thường trực Huyện ủy,\n- Lưu VPHU.") -> str:
    return f"{HEAD}Nơi nhận:\n{dist}\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n{between}Trần Thị Lan\n"


@pytest.mark.parametrize("between", ["", "SG)\n", "VỰNG\n", "SN,\n", "Š\nw# %*\n", "ựˆ W\n"])
def test_scribbles_and_seal_words_are_neither_position_nor_name(between: str) -> None:
    s = understand([_footer(between)]).metadata.signer
    assert s is not None
    assert (s.authority, s.position, s.name) == ("T/M", "Phó Bí thư", "Trần Thị Lan")


def test_a_stray_one_in_the_authority_is_dropped() -> None:
    text = _footer("").replace("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "T1/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG")
    s = understand([text]).metadata.signer
    assert s is not None and (s.authority, s.position, s.name) == ("T/L", "Chánh Văn phòng", "Trần Thị Lan")


def test_a_word_wrapped_in_capitals_and_a_last_item_without_its_bullet_stay_in_the_list() -> None:
    dist = "- Các ban đảng, Văn phòng Huyện\nỦY,\n- Thường trực Huyện ủy,\nLưu: VT NV"
    md = understand([_footer("", dist)]).metadata
    assert [x.lower() for x in md.distribution] == [
        "các ban đảng, văn phòng huyện ủy", "thường trực huyện ủy", "lưu: vt, nv"]
    assert md.signer is not None and md.signer.name == "Trần Thị Lan"


def test_a_position_of_two_lines_is_kept_whole() -> None:
    text = _footer("").replace("PHÓ BÍ THƯ\n", "PHÓ BÍ THƯ\nTHƯỜNG TRỰC\n")
    s = understand([text]).metadata.signer
    assert s is not None and s.position is not None and s.position.lower() == "phó bí thư thường trực"


@pytest.mark.parametrize(("issuer_lines", "date_line"), [
    ("ĐẢNG ỦY XÃ ĐÔNG HÀ _ ưinn Hà, ngày 3 tháng 5 năm 2024", None),  # the issuer shares the line
    ("ĐẢNG ỦY XÃ ĐÔNG HÀ", "„+ Hà, ngày 3 tháng 5 năm 2024"),  # the issuer on a line of its own
])
def test_a_place_garbled_where_the_columns_meet_is_taken_from_the_issuer(issuer_lines: str, date_line) -> None:
    head = ["ĐẢNG BỘ HUYỆN ĐÔNG SƠN", issuer_lines, "*", "Số 4-BC/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    head += [date_line] if date_line else []
    text = "\n".join(head) + "\nBÁO CÁO\nkết quả sưu tầm tư liệu năm 2024\nThực hiện Kế hoạch số 17-KH/HU.\n"
    md = understand([text]).metadata
    assert md.place == "Đông Hà"
    assert md.issuer == "Đảng ủy xã Đông Hà"


def test_a_place_garbled_but_not_the_end_of_the_issuer_is_left_as_read() -> None:
    head = "ĐẢNG BỘ HUYỆN ĐÔNG SƠN\nĐẢNG ỦY XÃ ĐÔNG HÀ\n*\nSố 4-BC/ĐU\n„+ Lâm, ngày 3 tháng 5 năm 2024\n"
    md = understand([head + "BÁO CÁO\nkết quả năm 2024\nThực hiện Kế hoạch số 17-KH/HU.\n"]).metadata
    assert md.place == "Lâm"


def test_a_place_without_its_comma_and_a_misread_subject_mark() -> None:
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN\nSố: 88/UBND-VX\nV/w triển khai Kế hoạch số 17-KH/HU\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐông Sơn ngày 9 tháng 5 năm 2024\n"
            "Kính gửi: Các phòng, ban huyện.\nThực hiện Kế hoạch số 17-KH/HU, Ủy ban nhân dân huyện yêu cầu.\n")
    md = understand([text]).metadata
    assert md.place == "Đông Sơn" and md.date == "2024-05-09"
    assert md.doc_type == "Công văn" and md.subject == "triển khai Kế hoạch số 17-KH/HU"


@pytest.mark.parametrize(("read", "title"), [
    ("HÓ BÍ THƯ THƯỜNG TRỤ", "phó bí thư thường trực"),
    ("PHÓ BÍ THƯ THƯỜNG TRỤỰC", "phó bí thư thường trực"),
    ("PHÓ TRƯỞNG BAN TUYÊN GIÁO", "phó trưởng ban tuyên giáo"),  # not close to a title: kept as read
])
def test_a_blurred_title_is_put_back(read: str, title: str) -> None:
    s = understand([_footer("").replace("PHÓ BÍ THƯ\n", read + "\n")]).metadata.signer
    assert s is not None and s.position is not None and s.position.lower() == title


def test_the_issuer_line_loses_the_marks_where_the_columns_meet_and_a_vw_subject() -> None:
    text = ("ĐẢNG BỘ HUYỆN ĐÔNG SƠN\nĐẢNG ỦY XÃ ĐÔNG HÀ Nï\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "m Hà, ngày 3 tháng 5 năm 2024\n*\nSố 4-CV/ĐU\nVW%w sưu tầm tư liệu năm 2024\n"
            "Kính gửi: Các chi bộ trực thuộc.\nThực hiện Kế hoạch số 17-KH/HU, Đảng ủy xã yêu cầu.\n")
    md = understand([text]).metadata
    assert (md.issuer, md.place) == ("Đảng ủy xã Đông Hà", "Đông Hà")
    assert md.subject == "sưu tầm tư liệu năm 2024"


@pytest.mark.parametrize(("read", "printed"), [
    ("- Lưu VPHŨ.", "lưu vphu"),  # office codes are plain capitals: a tone mark read on one is dropped
    ("- Lưu: VL.", "lưu: vt"),  # "V" and a letter other than T or P: no such code, the "T" misread
    ("- Lưu VB", "lưu vt"),
    ("- Lưu: VP, ĐU", "lưu: vp, đu"),  # real codes stay
    ("- Lưu Văn phòng Huyện ủy.", "lưu văn phòng huyện ủy"),  # words, not codes: left alone
])
def test_the_copies_kept_are_office_codes(read: str, printed: str) -> None:
    md = understand([_footer("", f"- Thường trực Huyện ủy,\n{read}")]).metadata
    assert [x.lower() for x in md.distribution] == ["thường trực huyện ủy", printed]


def test_a_period_in_the_subject_gets_back_the_dash_a_scan_lost() -> None:
    text = HEAD.replace("sưu tầm tư liệu lịch sử đảng bộ các xã", "sưu tầm tư liệu lịch sử giai đoạn 2024 2026")
    md = understand([text]).metadata
    assert md.subject == "sưu tầm tư liệu lịch sử giai đoạn 2024 - 2026"
    assert md.period is not None and (md.period.start, md.period.end) == (2024, 2026)
    same = understand([HEAD.replace("các xã", "năm 2026 2024")]).metadata  # not a span: left as read
    assert same.subject is not None and same.subject.endswith("năm 2026 2024")

"""'chỉ bộ' (a Tesseract misreading) is put back to 'chi bộ'; real uses of 'chỉ' are left alone."""

from __future__ import annotations

import pytest

from ingest.ocr import tesseract as ts
from ingest.ocr.word_repair import repaired


@pytest.mark.parametrize(("read", "printed"), [
    ("các chỉ bộ trực thuộc", "các chi bộ trực thuộc"),
    ("các chỉ, đảng bộ cơ sở", "các chi, đảng bộ cơ sở"),
    ("chỉ đạo các chỉ ủy", "chỉ đạo các chi ủy"),
    ("Chỉ bộ thôn Đông", "Chi bộ thôn Đông"),
    ("không chỉ bộ đội mà", "không chỉ bộ đội mà"),
    ("chỉ đảng viên", "chỉ đảng viên"),
    ("Chỉ thị số 41-CT/TW", "Chỉ thị số 41-CT/TW"),
])
def test_chi_bo(read: str, printed: str) -> None:
    assert " ".join(repaired(read.split())) == printed


@pytest.mark.parametrize(("read", "printed"), [
    ("các ban đẳng, ban cán sự đẳng, đẳng đoàn", "các ban đảng, ban cán sự đảng, đảng đoàn"),
    ("các chỉ, đẳng bộ cơ sở", "các chi, đảng bộ cơ sở"),
    ("ĐẲNG ỦY PHƯỜNG VĨNH NIỆM", "ĐẢNG ỦY PHƯỜNG VĨNH NIỆM"),
    ("lịch sử Đẳng.", "lịch sử Đảng."),
    ("quyền bình đẳng giới", "quyền bình đẳng giới"),
    ("trường cao đẳng sư phạm", "trường cao đẳng sư phạm"),
    ("xóa bỏ đẳng cấp", "xóa bỏ đẳng cấp"),
    ("bình, đẳng ủy", "bình, đảng ủy"),
    ("Thường trực Quận ủ,", "Thường trực Quận ủy,"),
    ("ĐẢNG Ủ PHƯỜNG", "ĐẢNG ỦY PHƯỜNG"),
    ("ủ phân chuồng", "ủ phân chuồng"),
    ("Văn phòng Thành uy,", "Văn phòng Thành ủy,"),
    ("trưởng thành uy tín", "trưởng thành uy tín"),
    ("Thường trực Huyện ủy (để b/©),", "Thường trực Huyện ủy (để b/c),"),
    ("Các đồng chí Viên Ban Chấp hành", "Các đồng chí Ủy Viên Ban Chấp hành"),
    ("các đồng chí viên chức", "các đồng chí viên chức"),
    ("LỊCH SỬ ẢNG BỘ HUYỆN", "LỊCH SỬ ĐẢNG BỘ HUYỆN"),
    ("TIỀN TUYẾN MIỄN NAM", "TIỀN TUYẾN MIỀN NAM"),
    ("đồng bào Miễn Bắc,", "đồng bào Miền Bắc,"),
    ("các xã miễn núi", "các xã miền núi"),
    ("miễn thuế nông nghiệp", "miễn thuế nông nghiệp"),
    ("được miễn, nam giới", "được miễn, nam giới"),
    ("TIỀN TUYẾN MIẾN NAM", "TIỀN TUYẾN MIỀN NAM"),
    ("TIỀN TUYẾN MIỀN NÀM (1954", "TIỀN TUYẾN MIỀN NAM (1954"),
    ("TIỀN TUYẾN MIỀN NĂM (1954 - 1975)", "TIỀN TUYẾN MIỀN NAM (1954 - 1975)"),
    ("TIỀN TUYẾN MIỄN NĂM", "TIỀN TUYẾN MIỀN NAM"),
    ("đồng bào miền Nàm,", "đồng bào miền Nam,"),
    ("lũ lớn ở các miền năm 2020", "lũ lớn ở các miền năm 2020"),
    ("mưa nhiều ở miền năm nay", "mưa nhiều ở miền năm nay"),
    ("bát miến năm ngoái", "bát miến năm ngoái"),
    ("các xã miền đồng bằng", "các xã miền đồng bằng"),
    ("CHI VIỆN CHO TIỀN TUYỂN MIỀN NAM", "CHI VIỆN CHO TIỀN TUYẾN MIỀN NAM"),
    ("CHO TIẾN TUYỂN", "CHO TIẾN TUYẾN"),
    ("ra tiền tuyển.", "ra tiền tuyến."),
    ("chi tiền tuyển dụng", "chi tiền tuyển dụng"),
    ("kinh phí tiền tuyển sinh", "kinh phí tiền tuyển sinh"),
    ("bằng tiền, tuyển thêm", "bằng tiền, tuyển thêm"),
])
def test_dang(read: str, printed: str) -> None:
    assert " ".join(repaired(read.split())) == printed


def test_tsv_text_and_word_boxes_are_repaired_together() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [header] + [f"5\t1\t1\t1\t1\t{n}\t{100 + 150 * n}\t100\t120\t40\t95.0\t{t}"
                       for n, t in enumerate(["các", "chỉ", "bộ"], 1)]
    r = ts.parse_tsv("\n".join(rows))
    assert r.text == "các chi bộ" and [w.text for w in r.words] == ["các", "chi", "bộ"]

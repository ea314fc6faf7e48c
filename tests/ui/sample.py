"""Test documents written for the UI tests (our own text, not copied from ../shared).

* ``CT20``: a directive the Long Biên seed cites (Chỉ thị 20-CT/TW), so a citation resolves.
* ``SCAN_TB``: a district committee notice rendered as a scanned page (OCR, word boxes).
* ``UPLOAD_KH``: a commune plan rendered as a scan for the upload step.
"""

from __future__ import annotations

from pathlib import Path

CT20 = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 20-CT/TW

ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 18 tháng 01 năm 2018

CHỈ THỊ
CỦA BAN BÍ THƯ
về tiếp tục tăng cường, nâng cao chất lượng nghiên cứu, biên soạn, tuyên truyền, giáo dục lịch sử Đảng

Thời gian qua, công tác nghiên cứu, biên soạn lịch sử đảng bộ các địa phương đã đạt nhiều kết quả.
Để tiếp tục nâng cao chất lượng công tác này, Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt
các nội dung sau:

1. Các cấp ủy đảng tăng cường lãnh đạo việc sưu tầm, lưu trữ tư liệu lịch sử Đảng ở địa phương.
2. Chú trọng biên soạn lịch sử đảng bộ cấp huyện, cấp xã và lịch sử truyền thống các ngành.
3. Đổi mới phương pháp tuyên truyền, giáo dục lịch sử Đảng cho cán bộ, đảng viên và Nhân dân.

T/M BAN BÍ THƯ
"""

SCAN_TB = """ĐẢNG BỘ TP HẢI PHÒNG
HUYỆN ỦY THỦY NGUYÊN
*
Số 45-TB/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Thủy Nguyên, ngày 09 tháng 8 năm 2022

THÔNG BÁO

về công tác phòng chống thiên tai và bảo vệ đê biển

Ban Thường vụ Huyện ủy thông báo kết luận về công tác phòng chống thiên tai năm 2022 như sau.

Các xã ven biển kiểm tra toàn bộ tuyến đê biển, cống dưới đê và vật tư dự phòng.

Các đảng ủy xã chuẩn bị lực lượng xung kích, phương tiện cứu hộ và nơi sơ tán an toàn cho Nhân dân.

Ban Chỉ huy phòng chống thiên tai huyện tổng hợp tình hình và báo cáo Thường trực Huyện ủy hằng tuần.

"""

UPLOAD_KH = """ĐẢNG BỘ HUYỆN THỦY NGUYÊN
ĐẢNG ỦY XÃ LẬP LỄ
*
Số 77-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Lập Lễ, ngày 15 tháng 3 năm 2021

KẾ HOẠCH

xây dựng nhà văn hóa thôn kiểu mẫu

Đảng ủy xã ban hành kế hoạch xây dựng nhà văn hóa thôn kiểu mẫu giai đoạn 2021 - 2025.

Mỗi thôn huy động Nhân dân đóng góp ngày công, vật liệu và giữ gìn nhà văn hóa thôn sạch đẹp.

Các chi bộ thôn đưa nội dung này vào nghị quyết sinh hoạt hằng tháng và báo cáo kết quả.

"""


def write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_scan(path: Path, text: str, signature: list[str] | None = None, dpi: int = 300) -> Path:
    """One clean scanned page (PNG) rendered with helper C's scan renderer, DejaVu fonts."""
    from sample_data.scans import render_pages

    pages = render_pages(text, dpi=dpi, signature=signature)
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, format="PNG", dpi=(dpi, dpi))
    return path

"""Hà Nội: Thành ủy, Ban Tuyên giáo Thành ủy, huyện Gia Lâm and xã Bát Tràng."""

from __future__ import annotations

from sample_data.bodies import BT_DU, GL_HU, HN_BTG, HN_TU
from sample_data.content import Ctx, contents, organisation, purpose, report_results
from sample_data.spec import Doc

CITY = Ctx("thành phố", "Thủ đô Hà Nội", "Thành ủy", "các huyện ủy, quận ủy, thị ủy và đảng ủy trực thuộc Thành ủy", "10/12")
GL = Ctx("huyện", "huyện Gia Lâm", "Huyện ủy", "các chi, đảng bộ cơ sở trực thuộc Huyện ủy")


def documents() -> list[Doc]:
    kh268 = Doc(
        key="hn-tu-kh268",
        body=HN_TU,
        doc_type="Kế hoạch",
        type_code="KH",
        number="268",
        date=(2024, 3, 18),
        subject="thực hiện [[implements:tw-ct41:nodate]] về tăng cường công tác nghiên cứu, biên soạn lịch sử đảng bộ "
        "địa phương và số hóa tư liệu lịch sử Đảng",
        organ="Ban Thường vụ Thành ủy",
        topics=("ls", "cds"),
        fmt="pdf",
        blocks=[
            "Thực hiện [[implements:tw-ct41:pad]]; tiếp tục thực hiện [[implements:ext-ct20-tw]] và [[implements:ext-hn-ct15-tu]], "
            "Ban Thường vụ Thành ủy Hà Nội ban hành Kế hoạch thực hiện như sau:",
            *purpose(CITY, "ls"),
            *contents(CITY, "ls"),
            "### 5. Thăng Long - Hà Nội và lịch sử Đảng bộ Thủ đô",
            "Gắn nghiên cứu lịch sử Đảng bộ Thủ đô với giá trị văn hóa nghìn năm Thăng Long - Hà Nội; hoàn thành số hóa "
            "bộ sách Lịch sử Đảng bộ thành phố Hà Nội và lịch sử đảng bộ các quận, huyện, thị xã trong năm 2025.",
            *organisation(CITY, "ls"),
        ],
        signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Văn Quang"),
        distribution=(
            "- Ban Tuyên giáo Trung ương (để b/c),",
            "- Các đồng chí Thành ủy viên,",
            "- Các huyện ủy, quận ủy, thị ủy, đảng ủy trực thuộc,",
            "- Lưu Văn phòng Thành ủy.",
        ),
    )
    hd39 = Doc(
        key="hn-btg-hd39",
        body=HN_BTG,
        doc_type="Hướng dẫn",
        type_code="HD",
        number="39",
        date=(2024, 4, 3),
        subject="sưu tầm, số hóa tư liệu và biên soạn lịch sử đảng bộ xã, phường, thị trấn",
        organ="Ban Tuyên giáo Thành ủy",
        topics=("ls", "cds"),
        fmt="docx",
        blocks=[
            "Thực hiện [[implements:hn-tu-kh268]], Ban Tuyên giáo Thành ủy hướng dẫn như sau:",
            "## I. SƯU TẦM VÀ SỐ HÓA TƯ LIỆU",
            "- Tư liệu cần sưu tầm: văn kiện đại hội, nghị quyết, báo cáo của đảng bộ xã, phường qua các thời kỳ; ảnh, "
            "thư từ, nhật ký, hiện vật; lời kể của nhân chứng (ghi âm, ghi hình có biên bản).",
            "- Tư liệu được số hóa theo thứ tự ưu tiên; mỗi bản số hóa ghi đủ nguồn gốc, nơi lưu giữ bản gốc, mức độ tiếp cận.",
            "## II. BIÊN SOẠN",
            "- Lịch sử đảng bộ cấp xã có dung lượng từ 200 đến 350 trang, chia chương theo các thời kỳ lịch sử của dân tộc "
            "và của địa phương.",
            "- Bản thảo được thẩm định bởi hội đồng do ban thường vụ huyện ủy, quận ủy, thị ủy thành lập.",
            "## III. TỔ CHỨC THỰC HIỆN",
            "Ban tuyên giáo các huyện ủy, quận ủy, thị ủy hướng dẫn, kiểm tra; báo cáo Ban Tuyên giáo Thành ủy trước ngày 30/11 hằng năm.",
        ],
        signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Hà Minh Châu"),
        distribution=("- Thường trực Thành ủy (để b/c),", "- Ban tuyên giáo các huyện ủy, quận ủy, thị ủy,", "- Lưu Ban."),
    )
    kh187 = Doc(
        key="gl-hu-kh187",
        body=GL_HU,
        doc_type="Kế hoạch",
        type_code="KH",
        number="187",
        date=(2024, 4, 19),
        subject="nghiên cứu, biên soạn, tuyên truyền lịch sử Đảng bộ huyện Gia Lâm và lịch sử đảng bộ các xã, thị trấn",
        organ="Ban Thường vụ Huyện ủy",
        topics=("ls",),
        fmt="txt",
        header_style="none",
        blocks=[
            "Thực hiện [[implements:hn-tu-kh268]]; [[per:hn-btg-hd39]], Ban Thường vụ Huyện ủy Gia Lâm xây dựng Kế hoạch "
            "như sau:",
            *purpose(GL, "ls"),
            *contents(GL, "ls"),
            "### 5. Lịch sử làng nghề gắn với lịch sử đảng bộ",
            "Khuyến khích các xã có làng nghề truyền thống như Bát Tràng, Kim Lan biên soạn chuyên đề lịch sử làng nghề "
            "gắn với lịch sử đảng bộ xã, phục vụ giáo dục truyền thống và phát triển du lịch.",
            *organisation(GL, "ls"),
        ],
        signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Đỗ Thị Kim Oanh"),
        distribution=("- Ban Thường vụ Thành ủy (để b/c),", "- Ban Tuyên giáo Thành ủy,", "- Các chi, đảng bộ cơ sở,", "- Lưu VPHU."),
    )
    bc27 = Doc(
        key="bt-du-bc27",
        body=BT_DU,
        doc_type="Báo cáo",
        type_code="BC",
        number="27",
        date=(2024, 12, 11),
        subject="kết quả thực hiện [[reviews:gl-hu-kh187:nodate]] năm 2024",
        organ="Đảng ủy xã",
        topics=("ls",),
        fmt="md",
        blocks=[
            "Thực hiện [[reviews:gl-hu-kh187]], Đảng ủy xã Bát Tràng báo cáo kết quả năm 2024 như sau:",
            *report_results(Ctx("xã", "xã Bát Tràng", "Đảng ủy", "các chi bộ trực thuộc"), "ls", (4, 530, 19, 19, 274),
                            "năm 2024"),
            "- Phối hợp với Hội Gốm sứ Bát Tràng sưu tầm tư liệu về các cơ sở cách mạng tại làng gốm thời kỳ 1945 - 1954.",
        ],
        signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Lê Văn Cường"),
        distribution=("- Ban Thường vụ Huyện ủy (để b/c),", "- Ban Tuyên giáo Huyện ủy,", "- Lưu VP."),
    )
    return [kh268, hd39, kh187, bc27]

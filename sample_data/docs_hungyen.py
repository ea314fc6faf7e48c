"""Hưng Yên: Tỉnh ủy, Ban Tuyên giáo, UBND tỉnh; huyện Khoái Châu with two communes; huyện Văn Lâm."""

from __future__ import annotations

from sample_data.bodies import BM_DU, DT_DU, HY_BTG, HY_TU, HY_UB, KC_HU, VL_HU
from sample_data.content import Ctx, contents, organisation, purpose, report_results
from sample_data.spec import Doc

PROV = Ctx("tỉnh", "tỉnh Hưng Yên", "Tỉnh ủy", "các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc Tỉnh ủy", "10/12")
KC = Ctx("huyện", "huyện Khoái Châu", "Huyện ủy", "các chi, đảng bộ cơ sở trực thuộc Huyện ủy")

_TU_DIST = (
    "- Ban Tuyên giáo Trung ương (để b/c),",
    "- Thường trực Tỉnh ủy,",
    "- Các đồng chí Tỉnh ủy viên,",
    "- Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc,",
    "- Lưu Văn phòng Tỉnh ủy.",
)
_HU_DIST = (
    "- Ban Thường vụ Tỉnh ủy (để b/c),",
    "- Ban Tuyên giáo Tỉnh ủy (để b/c),",
    "- Thường trực Huyện ủy,",
    "- Các chi, đảng bộ cơ sở,",
    "- Lưu VPHU.",
)


def documents() -> list[Doc]:
    docs: list[Doc] = []
    add = docs.append

    add(
        Doc(
            key="hy-tu-kh178",
            body=HY_TU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="178",
            date=(2024, 4, 2),
            subject="thực hiện [[implements:tw-ct41:nodate]] về tăng cường công tác nghiên cứu, biên soạn lịch sử đảng bộ "
            "địa phương và số hóa tư liệu lịch sử Đảng",
            organ="Ban Thường vụ Tỉnh ủy",
            topics=("ls", "cds"),
            fmt="pdf",
            blocks=[
                "Thực hiện [[implements:tw-ct41:comma]]; [[per:btgtw-hd112]]; gắn với việc tiếp tục "
                "thực hiện [[implements:ext-hy-ct28-tu]] về tăng cường lãnh đạo công tác lịch sử Đảng và [[implements:ext-ct20-tw]], "
                "Ban Thường vụ Tỉnh ủy Hưng Yên ban hành Kế hoạch như sau:",
                *purpose(PROV, "ls"),
                *contents(PROV, "ls"),
                "### 5. Công trình trọng điểm",
                "Hoàn thành biên soạn, xuất bản Lịch sử Đảng bộ tỉnh Hưng Yên, Tập IV (2005 - 2025) trước Đại hội Đảng bộ tỉnh "
                "lần thứ XX; số hóa toàn bộ văn kiện đại hội Đảng bộ tỉnh các khóa.",
                *organisation(PROV, "ls"),
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Hữu Nghĩa"),
            distribution=_TU_DIST,
        )
    )
    add(
        Doc(
            key="hy-tu-kh215",
            body=HY_TU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="215",
            date=(2024, 12, 26),
            subject="tổ chức các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)",
            organ="Ban Thường vụ Tỉnh ủy",
            topics=("kn",),
            fmt="docx",
            blocks=[
                "Thực hiện [[implements:btgtw-hd131]] về tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng, Ban Thường vụ Tỉnh "
                "ủy ban hành Kế hoạch tổ chức các hoạt động kỷ niệm như sau:",
                *purpose(PROV, "kn"),
                *contents(PROV, "kn"),
                "### 4. Các hoạt động chính",
                "- Tổ chức Lễ kỷ niệm cấp tỉnh vào tối ngày 02/02/2025 tại Quảng trường Nguyễn Văn Linh, thành phố Hưng Yên.",
                "- Triển lãm ảnh \u201cĐảng bộ tỉnh Hưng Yên - 95 năm theo Đảng\u201d tại Bảo tàng tỉnh.",
                *organisation(PROV, "kn"),
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Hữu Nghĩa"),
            distribution=_TU_DIST,
        )
    )
    add(
        Doc(
            key="hy-tu-nq12",
            body=HY_TU,
            doc_type="Nghị quyết",
            type_code="NQ",
            number="12",
            date=(2024, 6, 14),
            subject="về đẩy mạnh chuyển đổi số trong các cơ quan đảng, trọng tâm là số hóa tài liệu lưu trữ, "
            "giai đoạn 2024 - 2030",
            organ="Ban Chấp hành Đảng bộ tỉnh",
            title_lines=("CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH",),
            topics=("cds",),
            fmt="pdf",
            blocks=[
                "## I. TÌNH HÌNH",
                "Thời gian qua, các cơ quan đảng của tỉnh đã ứng dụng phần mềm quản lý văn bản, hồ sơ công việc; bước đầu "
                "số hóa một phần tài liệu lưu trữ. Tuy nhiên, khối lượng tài liệu giấy còn rất lớn, nhiều tài liệu giai đoạn "
                "trước năm 1997 xuống cấp; hạ tầng, nhân lực chưa đáp ứng yêu cầu; việc triển khai [[implements:tw-ct41]] "
                "mới ở bước đầu.",
                "## II. MỤC TIÊU",
                "- Đến năm 2026: 100% văn bản đi, đến của các cơ quan đảng cấp tỉnh, cấp huyện được xử lý trên môi trường "
                "mạng; số hóa xong văn kiện đại hội, nghị quyết, chỉ thị của Tỉnh ủy từ năm 1997 đến nay.",
                "- Đến năm 2030: số hóa ít nhất 70% tài liệu lưu trữ có giá trị lịch sử của Đảng bộ tỉnh; cơ sở dữ liệu tài "
                "liệu lưu trữ cho phép tìm kiếm toàn văn, kết nối phục vụ nghiên cứu lịch sử Đảng.",
                *contents(PROV, "cds", "III. NHIỆM VỤ, GIẢI PHÁP"),
                "## IV. TỔ CHỨC THỰC HIỆN",
                "1. Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc tổ chức quán triệt, xây dựng chương trình hành động "
                "thực hiện Nghị quyết.",
                "2. Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh "
                "theo dõi, hướng dẫn, định kỳ sơ kết, báo cáo Ban Thường vụ Tỉnh ủy.",
                "Nghị quyết này phổ biến đến chi bộ.",
            ],
            signer=("T/M TỈNH ỦY", "BÍ THƯ", "Đặng Quốc Thịnh"),
            distribution=_TU_DIST,
        )
    )
    add(
        Doc(
            key="hy-btg-hd64",
            body=HY_BTG,
            doc_type="Hướng dẫn",
            type_code="HD",
            number="64",
            date=(2024, 4, 12),
            subject="biên soạn, tuyên truyền lịch sử đảng bộ cấp huyện, cấp xã",
            organ="Ban Tuyên giáo Tỉnh ủy",
            topics=("ls",),
            fmt="md",
            blocks=[
                "Thực hiện [[implements:hy-tu-kh178]], Ban Tuyên giáo Tỉnh ủy hướng dẫn như sau:",
                "## I. VỀ BIÊN SOẠN",
                "- Các huyện ủy chỉ đạo rà soát lịch sử đảng bộ các xã, thị trấn; nơi đã xuất bản trước năm 2010 cần biên "
                "soạn bổ sung giai đoạn tiếp theo.",
                "- Đề cương và bản thảo lịch sử đảng bộ cấp huyện gửi Ban Tuyên giáo Tỉnh ủy cho ý kiến trước khi thẩm định.",
                "## II. VỀ TUYÊN TRUYỀN",
                "- Giới thiệu các cuốn lịch sử đảng bộ mới xuất bản trên Báo Hưng Yên, Đài Phát thanh và Truyền hình tỉnh.",
                "- Tổ chức cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh trên mạng Internet trong đoàn viên, thanh niên.",
                "## III. VỀ BÁO CÁO",
                "Ban tuyên giáo các huyện ủy, thị ủy, thành ủy báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy trước ngày 30/11 hằng năm.",
            ],
            signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lê Thị Thu Hương"),
            distribution=("- Thường trực Tỉnh ủy (để b/c),", "- Ban tuyên giáo các huyện ủy, thị ủy, thành ủy,", "- Lưu Ban."),
        )
    )
    add(
        Doc(
            key="hy-tu-tb1020",
            body=HY_TU,
            doc_type="Thông báo",
            type_code="TB",
            number="1020",
            date=(2024, 9, 30),
            subject="về kết quả 6 tháng thực hiện [[reviews:hy-tu-kh178:nodate]]",
            title_lines=("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY",),
            organ="Ban Thường vụ Tỉnh ủy",
            topics=("ls", "cds"),
            fmt="txt",
            access="internal",
            blocks=[
                "Ngày 26/9/2024, Ban Thường vụ Tỉnh ủy nghe Ban Tuyên giáo Tỉnh ủy báo cáo kết quả 6 tháng thực hiện "
                "[[reviews:hy-tu-kh178]]. Ban Thường vụ Tỉnh ủy kết luận:",
                "1. Các cấp ủy đã quán triệt, ban hành kế hoạch thực hiện; 9/10 huyện ủy, thị ủy, thành ủy đã rà soát các "
                "công trình lịch sử đảng bộ. Việc số hóa tài liệu bước đầu gắn với [[mentions:hy-tu-nq12]].",
                "2. Hạn chế: tiến độ biên soạn lịch sử đảng bộ cấp xã còn chậm; một số nơi chưa bố trí kinh phí.",
                "3. Yêu cầu các huyện ủy hoàn thành đề cương lịch sử đảng bộ các xã còn thiếu trước ngày 31/12/2024.",
                "4. Giao Văn phòng Tỉnh ủy phối hợp Ban Tuyên giáo Tỉnh ủy đôn đốc, báo cáo Ban Thường vụ Tỉnh ủy.",
            ],
            signer=("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Trương Công Bằng"),
            distribution=("- Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy,", "- Các huyện ủy, thị ủy, thành ủy,", "- Lưu VPTU."),
        )
    )
    add(
        Doc(
            key="hy-ub-qd1520",
            body=HY_UB,
            doc_type="Quyết định",
            type_code="QĐ",
            number="1520",
            date=(2024, 9, 10),
            subject="về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ lịch sử của tỉnh giai đoạn 2024 - 2030",
            organ="Ủy ban nhân dân tỉnh",
            title_lines=("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",),
            topics=("cds",),
            fmt="pdf",
            blocks=[
                "Căn cứ [[based_on:ext-luat-luutru-2024:long]];",
                "Căn cứ [[based_on:ext-nd30-2020]] về công tác văn thư;",
                "Thực hiện [[implements:hy-tu-nq12]];",
                "Theo đề nghị của Giám đốc Sở Nội vụ.",
                "#c QUYẾT ĐỊNH:",
                "Điều 1. Phê duyệt Kế hoạch số hóa tài liệu lưu trữ lịch sử của tỉnh giai đoạn 2024 - 2030 (kèm theo). "
                "Tổng số tài liệu dự kiến số hóa khoảng 1,8 triệu trang; ưu tiên tài liệu của các cơ quan cấp tỉnh giai "
                "đoạn 1997 - 2010 và tài liệu có giá trị lịch sử.",
                "Điều 2. Sở Nội vụ chủ trì tổ chức thực hiện; Sở Tài chính bố trí kinh phí; Sở Thông tin và Truyền thông "
                "bảo đảm hạ tầng và an toàn thông tin.",
                "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, "
                "Thủ trưởng các cơ quan, đơn vị liên quan và Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố chịu "
                "trách nhiệm thi hành Quyết định này./.",
            ],
            signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Quốc Văn"),
            distribution=("- Như Điều 3;", "- Thường trực Tỉnh ủy;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, KGVX."),
        )
    )
    add(
        Doc(
            key="hy-ub-cv2876",
            body=HY_UB,
            doc_type="Công văn",
            type_code=None,
            number="2876",
            date=(2024, 10, 9),
            subject="V/v triển khai [[implements:hy-ub-qd1520]]",
            organ="Ủy ban nhân dân tỉnh",
            topics=("cds",),
            fmt="html",
            recipients=("- Các sở, ban, ngành tỉnh;", "- UBND các huyện, thị xã, thành phố."),
            blocks=[
                "Để triển khai Kế hoạch số hóa tài liệu lưu trữ lịch sử của tỉnh giai đoạn 2024 - 2030, Ủy ban nhân dân "
                "tỉnh yêu cầu:",
                "1. Các cơ quan, đơn vị rà soát tài liệu lưu trữ tại cơ quan, lập danh mục hồ sơ đề nghị số hóa, gửi Sở "
                "Nội vụ trước ngày 15/11/2024.",
                "2. Sở Nội vụ ban hành hướng dẫn kỹ thuật số hóa: ảnh quét 300 dpi, định dạng PDF/A, nhận dạng ký tự tiếng "
                "Việt, nhập đủ trường thông tin mô tả.",
                "3. UBND các huyện, thị xã, thành phố bố trí kinh phí số hóa tài liệu của cấp huyện, cấp xã.",
            ],
            signer=("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Minh Hải"),
            distribution=("- Như trên;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, KGVX."),
        )
    )

    # --- huyện Khoái Châu ------------------------------------------------------------------
    add(
        Doc(
            key="kc-hu-kh96",
            body=KC_HU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="96",
            date=(2024, 4, 18),
            subject="thực hiện [[implements:hy-tu-kh178:nodate]] về công tác nghiên cứu, biên soạn lịch sử đảng bộ "
            "địa phương và số hóa tư liệu lịch sử Đảng",
            organ="Ban Thường vụ Huyện ủy",
            topics=("ls", "cds"),
            fmt="pdf",
            blocks=[
                "Thực hiện [[implements:hy-tu-kh178:pad]]; [[per:hy-btg-hd64]], Ban Thường vụ Huyện ủy Khoái Châu ban hành "
                "Kế hoạch như sau:",
                *purpose(KC, "ls"),
                *contents(KC, "ls"),
                *organisation(KC, "ls"),
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lê Văn Thuần"),
            distribution=_HU_DIST,
        )
    )
    add(
        Doc(
            key="kc-hu-kh131",
            body=KC_HU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="131",
            date=(2025, 1, 6),
            subject="tổ chức các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng trên địa bàn huyện",
            organ="Ban Thường vụ Huyện ủy",
            topics=("kn",),
            fmt="scan-pdf",
            scan_level="light",
            blocks=[
                "Thực hiện [[implements:hy-tu-kh215]] về tổ chức các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản "
                "Việt Nam, Ban Thường vụ Huyện ủy Khoái Châu xây dựng Kế hoạch như sau:",
                "## I. MỤC ĐÍCH, YÊU CẦU",
                "- Giáo dục truyền thống vẻ vang của Đảng và Đảng bộ huyện; tạo khí thế thi đua chào mừng đại hội đảng bộ các cấp.",
                "- Tổ chức trang trọng, thiết thực, tiết kiệm, phù hợp với điều kiện của địa phương.",
                "## II. CÁC HOẠT ĐỘNG CHÍNH",
                "1. Gặp mặt, trao Huy hiệu Đảng đợt 03/02/2025 cho 146 đảng viên tại Hội trường Huyện ủy.",
                "2. Tuyên truyền trực quan tại trung tâm huyện và các trục đường chính từ ngày 20/01 đến ngày 10/02/2025.",
                "3. Giới thiệu cuốn Lịch sử Đảng bộ huyện Khoái Châu trên Trang thông tin điện tử của huyện.",
                "4. Thăm, tặng quà các đồng chí đảng viên lão thành, gia đình chính sách trên địa bàn huyện.",
                "## III. TỔ CHỨC THỰC HIỆN",
                "Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Văn phòng Huyện ủy tổ chức thực hiện; các đảng ủy xã, thị trấn "
                "xây dựng kế hoạch của cơ sở, báo cáo kết quả trước ngày 15/02/2025.",
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Văn Thuần"),
            distribution=_HU_DIST,
        )
    )
    add(
        Doc(
            key="kc-hu-bc245",
            body=KC_HU,
            doc_type="Báo cáo",
            type_code="BC",
            number="245",
            date=(2024, 12, 20),
            subject="sơ kết 01 năm thực hiện [[reviews:tw-ct41:nodate]] trên địa bàn huyện",
            organ="Ban Thường vụ Huyện ủy",
            topics=("ls", "cds"),
            fmt="docx",
            access="internal",
            blocks=[
                "Thực hiện [[per:hy-tu-kh178]], Ban Thường vụ Huyện ủy báo cáo sơ kết 01 năm thực hiện "
                "[[reviews:tw-ct41:comma]] và [[reviews:kc-hu-kh96]] như sau:",
                *report_results(KC, "cds", (27, 3150, 201, 214, 4860), "năm 2024"),
                "- Đề nghị Ban Thường vụ Tỉnh ủy hỗ trợ trang thiết bị số hóa cho Lưu trữ Huyện ủy.",
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lê Văn Thuần"),
            distribution=_HU_DIST,
        )
    )
    add(
        Doc(
            key="dt-du-bc52",
            body=DT_DU,
            doc_type="Báo cáo",
            type_code="BC",
            number="52",
            symbol_written="52 -BC/ĐU",
            date=(2024, 12, 16),
            subject="kết quả thực hiện công tác lịch sử Đảng năm 2024",
            organ="Đảng ủy xã",
            topics=("ls",),
            fmt="txt",
            blocks=[
                "Thực hiện [[reviews:kc-hu-kh96]], Đảng ủy xã Dạ Trạch báo cáo kết quả năm 2024 như sau:",
                *report_results(Ctx("xã", "xã Dạ Trạch", "Đảng ủy", "các chi bộ trực thuộc"), "ls", (2, 320, 14, 14, 88),
                                "năm 2024"),
                "- Gắn tuyên truyền lịch sử Đảng bộ xã với quảng bá di tích Đền Chử Đồng Tử - Tiên Dung và làng nghề truyền thống.",
            ],
            signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Thị Bích"),
            distribution=("- Ban Thường vụ Huyện ủy (để b/c),", "- Ban Tuyên giáo Huyện ủy,", "- Lưu VP."),
        )
    )
    add(
        Doc(
            key="bm-du-kh08",
            body=BM_DU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="08",
            date=(2025, 1, 10),
            subject="tổ chức kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)",
            organ="Đảng ủy xã",
            topics=("kn",),
            fmt="md",
            blocks=[
                "Thực hiện [[implements:hy-tu-kh215]]; [[implements:kc-hu-kh131]], Đảng ủy xã Bình Minh xây dựng Kế hoạch "
                "như sau:",
                *purpose(Ctx("xã", "xã Bình Minh", "Đảng ủy", "các chi bộ trực thuộc"), "kn"),
                "## II. NỘI DUNG",
                "- Tổ chức trao Huy hiệu Đảng cho 12 đảng viên tại Hội trường Ủy ban nhân dân xã ngày 02/02/2025.",
                "- Treo cờ Đảng, cờ Tổ quốc tại trụ sở, nhà văn hóa các thôn; phát thanh tài liệu tuyên truyền trên loa "
                "truyền thanh xã.",
                "- Tổ chức giải bóng đá thanh niên và đêm văn nghệ chào mừng.",
                "## III. TỔ CHỨC THỰC HIỆN",
                "Các chi bộ thôn triển khai đến đảng viên; Đoàn Thanh niên xã chủ trì phần văn nghệ, thể thao; Văn phòng "
                "Đảng ủy tổng hợp, báo cáo Huyện ủy.",
            ],
            signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Đào Văn Tuấn"),
            distribution=("- Ban Thường vụ Huyện ủy (để b/c),", "- Các chi bộ,", "- Lưu VP."),
        )
    )

    # --- huyện Văn Lâm (the history book is in book.py) ----------------------------------------
    add(
        Doc(
            key="vl-hu-kh203",
            body=VL_HU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="203",
            date=(2024, 5, 10),
            subject="tuyên truyền cuốn sách \u201cLịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)\u201d",
            organ="Ban Thường vụ Huyện ủy",
            topics=("ls",),
            fmt="docx",
            blocks=[
                "Thực hiện [[implements:hy-tu-kh178]], Ban Chấp hành Đảng bộ huyện đã chỉ đạo biên soạn, xuất bản cuốn sách "
                "\u201cLịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)\u201d. Để tuyên truyền sâu rộng nội dung cuốn sách, Ban "
                "Thường vụ Huyện ủy xây dựng Kế hoạch như sau:",
                "## I. MỤC ĐÍCH, YÊU CẦU",
                "- Giúp cán bộ, đảng viên và Nhân dân hiểu rõ quá trình Đảng bộ huyện lãnh đạo phát triển công nghiệp, "
                "xây dựng nông thôn mới giai đoạn 2005 - 2020.",
                "- Khơi dậy niềm tự hào, ý thức trách nhiệm xây dựng quê hương Văn Lâm.",
                "## II. NỘI DUNG TUYÊN TRUYỀN",
                "1. Chương I: Đảng bộ huyện lãnh đạo đẩy mạnh công nghiệp hóa, phát triển các khu công nghiệp (2005 - 2010).",
                "2. Chương II: Đảng bộ huyện lãnh đạo xây dựng nông thôn mới, chuyển dịch cơ cấu kinh tế (2010 - 2015).",
                "3. Chương III: Đảng bộ huyện lãnh đạo phát triển nhanh, bền vững, xây dựng huyện đạt chuẩn nông thôn mới "
                "(2015 - 2020).",
                "## III. HÌNH THỨC VÀ TỔ CHỨC THỰC HIỆN",
                "- Cấp phát sách đến các chi bộ, trường học, thư viện; giới thiệu sách trong sinh hoạt chi bộ quý III năm 2024.",
                "- Tổ chức cuộc thi tìm hiểu nội dung cuốn sách trong học sinh trung học cơ sở; Ban Tuyên giáo Huyện ủy chủ trì "
                "thực hiện.",
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Thị Thanh Hoa"),
            distribution=_HU_DIST,
        )
    )
    return docs

"""Hải Phòng: Thành ủy, Ban Tuyên giáo, UBND thành phố; quận Lê Chân and huyện Vĩnh Bảo with their wards and communes."""

from __future__ import annotations

from sample_data.bodies import (
    CA_DU,
    HK_DU,
    HP_BTG,
    HP_TU,
    HP_UB,
    LC_QU,
    LC_UB,
    NN_DU,
    TD_DU,
    VB_BTG,
    VB_HU,
    VN_DU,
)
from sample_data.content import Ctx, contents, organisation, purpose, report_results
from sample_data.spec import Doc

CITY = Ctx("thành phố", "thành phố Hải Phòng", "Thành ủy", "các quận ủy, huyện ủy và đảng ủy trực thuộc Thành ủy", "10/12")
LC = Ctx("quận", "quận Lê Chân", "Quận ủy", "các chi, đảng bộ cơ sở trực thuộc Quận ủy")
VB = Ctx("huyện", "huyện Vĩnh Bảo", "Huyện ủy", "các chi, đảng bộ cơ sở trực thuộc Huyện ủy")

_TU_DIST = (
    "- Ban Tuyên giáo Trung ương (để báo cáo),",
    "- Thường trực Thành ủy,",
    "- Các đồng chí Thành ủy viên,",
    "- Các quận ủy, huyện ủy, đảng ủy trực thuộc,",
    "- Các ban đảng, Văn phòng Thành ủy,",
    "- Lưu Văn phòng Thành ủy.",
)
_QU_DIST = (
    "- Ban Thường vụ Thành ủy (để báo cáo),",
    "- Ban Tuyên giáo Thành ủy (để báo cáo),",
    "- Thường trực Quận ủy,",
    "- Các chi, đảng bộ cơ sở,",
    "- Lưu VPQU.",
)
_HU_DIST = (
    "- Ban Thường vụ Thành ủy (để b/c),",
    "- Ban Tuyên giáo Thành ủy (để b/c),",
    "- Thường trực Huyện ủy,",
    "- Các chi, đảng bộ trực thuộc Huyện ủy,",
    "- Lưu VPHU.",
)
_DU_DIST = ("- Ban Thường vụ Quận ủy (để báo cáo),", "- Ban Tuyên giáo Quận ủy,", "- Các chi bộ trực thuộc,", "- Lưu VP.")
_UB_DIST = ("- Như trên;", "- Thường trực Thành ủy;", "- CT, các PCT UBND TP;", "- Ban Tuyên giáo Thành ủy;", "- Lưu: VT.")


def documents() -> list[Doc]:
    docs: list[Doc] = []
    add = docs.append

    add(
        Doc(
            key="hp-tu-kh215",
            body=HP_TU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="215",
            date=(2024, 3, 12),
            subject="thực hiện [[implements:tw-ct41:nodate]] về tăng cường công tác nghiên cứu, biên soạn "
            "lịch sử đảng bộ địa phương và số hóa tư liệu lịch sử Đảng",
            organ="Ban Thường vụ Thành ủy",
            topics=("ls", "cds"),
            fmt="pdf",
            blocks=[
                "Thực hiện [[implements:tw-ct41]]; [[per:btgtw-hd112]]; tiếp tục thực hiện [[implements:ext-ct20-tw]] "
                "và [[implements:ext-hp-ct09-tu]], Ban Thường vụ Thành ủy Hải Phòng ban hành Kế hoạch thực hiện như sau:",
                *purpose(CITY, "ls"),
                *contents(CITY, "ls"),
                "### 5. Số hóa tư liệu lịch sử Đảng bộ thành phố",
                "Năm 2024 hoàn thành số hóa các văn kiện đại hội Đảng bộ thành phố từ khóa I đến khóa XVI; đến năm 2026 số hóa "
                "xong các tập Lịch sử Đảng bộ thành phố và lịch sử đảng bộ các quận, huyện đã xuất bản.",
                *organisation(CITY, "ls"),
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Đinh Công Thắng"),
            distribution=_TU_DIST,
        )
    )
    add(
        Doc(
            key="hp-btg-hd58",
            body=HP_BTG,
            doc_type="Hướng dẫn",
            type_code="HD",
            number="58",
            date=(2024, 3, 25),
            subject="tuyên truyền, giáo dục lịch sử Đảng bộ thành phố trong sinh hoạt chi bộ và trong trường học",
            organ="Ban Tuyên giáo Thành ủy",
            topics=("ls",),
            fmt="docx",
            blocks=[
                "Thực hiện [[implements:hp-tu-kh215]], Ban Tuyên giáo Thành ủy hướng dẫn việc tuyên truyền, giáo dục lịch "
                "sử Đảng bộ thành phố như sau:",
                "## I. TRONG SINH HOẠT CHI BỘ",
                "- Mỗi năm ít nhất một kỳ sinh hoạt chuyên đề về lịch sử Đảng bộ thành phố, lịch sử đảng bộ địa phương; "
                "nội dung chọn theo các mốc kỷ niệm trong năm.",
                "- Cấp ủy cấp trên cử cán bộ dự, hướng dẫn các chi bộ khó khăn; tài liệu sinh hoạt do Ban Tuyên giáo "
                "Thành ủy cung cấp trên Trang thông tin điện tử.",
                "## II. TRONG TRƯỜNG HỌC",
                "- Phòng Giáo dục và Đào tạo các quận, huyện đưa nội dung Lịch sử Đảng bộ thành phố vào giờ học lịch sử "
                "địa phương bậc trung học cơ sở.",
                "- Các trường tổ chức tham quan di tích lịch sử cách mạng, nói chuyện truyền thống với cựu chiến binh, "
                "nhân chứng lịch sử.",
                "## III. TRÊN KHÔNG GIAN MẠNG",
                "Đăng tải các tập Lịch sử Đảng bộ thành phố bản điện tử; mở chuyên mục hỏi - đáp về lịch sử Đảng bộ; "
                "phối hợp với Thành Đoàn tổ chức cuộc thi trắc nghiệm trực tuyến cho đoàn viên, thanh niên.",
                "## IV. TỔ CHỨC THỰC HIỆN",
                "Ban tuyên giáo các quận ủy, huyện ủy, đảng ủy trực thuộc Thành ủy hướng dẫn các tổ chức cơ sở đảng thực "
                "hiện; báo cáo kết quả về Ban Tuyên giáo Thành ủy trước ngày 05/12 hằng năm.",
            ],
            signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Thị Hải Yến"),
            distribution=(
                "- Thường trực Thành ủy (để b/c),",
                "- Ban tuyên giáo các quận ủy, huyện ủy, đảng ủy trực thuộc,",
                "- Sở Giáo dục và Đào tạo,",
                "- Lưu Ban Tuyên giáo.",
            ),
        )
    )
    add(
        Doc(
            key="hp-tu-ctr47",
            body=HP_TU,
            doc_type="Chương trình",
            type_code="CTr",
            number="47",
            date=(2024, 5, 20),
            subject="hành động thực hiện [[implements:tw-kl85]] về tiếp tục đẩy mạnh học "
            "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            organ="Ban Thường vụ Thành ủy",
            topics=("hcm",),
            fmt="pdf",
            blocks=[
                "Thực hiện [[implements:tw-kl85]], Ban Thường vụ Thành ủy Hải Phòng xây dựng Chương trình hành động như sau:",
                *purpose(CITY, "hcm", "I. MỤC TIÊU"),
                *contents(CITY, "hcm", "II. NHIỆM VỤ, GIẢI PHÁP"),
                "### 4. Gắn với cuộc thi \u201cHải Phòng làm theo lời Bác\u201d",
                "Duy trì cuộc thi tìm hiểu hằng năm; mở rộng đối tượng dự thi là học sinh trung học phổ thông và công "
                "nhân các khu công nghiệp; biểu dương các tập thể, cá nhân có nhiều người tham gia.",
                *organisation(CITY, "hcm"),
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Đinh Công Thắng"),
            distribution=_TU_DIST,
        )
    )
    add(
        Doc(
            key="hp-tu-cv1356",
            body=HP_TU,
            doc_type="Công văn",
            type_code="CV",
            number="1356",
            date=(2024, 12, 5),
            subject="V/v tổ chức các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam",
            organ="Thành ủy Hải Phòng",
            topics=("kn",),
            fmt="txt",
            recipients=(
                "- Các quận ủy, huyện ủy, đảng ủy trực thuộc Thành ủy,",
                "- Các ban đảng, Văn phòng Thành ủy,",
                "- Ban cán sự đảng Ủy ban nhân dân thành phố.",
            ),
            blocks=[
                "Thực hiện [[implements:btgtw-hd131]], Thường trực Thành ủy đề nghị các cấp ủy, cơ quan, đơn vị tổ chức "
                "các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2025) như sau:",
                "1. Tổ chức tuyên truyền sâu rộng về lịch sử vẻ vang của Đảng và Đảng bộ thành phố; giới thiệu các tập "
                "Lịch sử Đảng bộ thành phố Hải Phòng trên các phương tiện thông tin đại chúng.",
                "2. Các quận ủy, huyện ủy tổ chức gặp mặt, trao Huy hiệu Đảng đợt 03/02/2025; thăm, tặng quà đảng viên "
                "lão thành, gia đình chính sách; bảo đảm trang trọng, tiết kiệm.",
                "3. Trang trí, tuyên truyền trực quan từ ngày 20/01/2025 đến ngày 10/02/2025 theo khẩu hiệu của Ban Tuyên "
                "giáo Trung ương.",
                "4. Ban Tuyên giáo Thành ủy hướng dẫn, tổng hợp kết quả, báo cáo Thường trực Thành ủy trước ngày 20/02/2025.",
            ],
            signer=("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Đức Long"),
            distribution=("- Như trên,", "- Thường trực Thành ủy (để b/c),", "- Lưu Văn phòng Thành ủy."),
        )
    )
    add(
        Doc(
            key="hp-tu-qd1284",
            body=HP_TU,
            doc_type="Quyết định",
            type_code="QĐ",
            number="1284",
            date=(2024, 4, 8),
            subject="về việc thành lập Tổ biên tập sách Lịch sử Đảng bộ thành phố Hải Phòng, Tập V (2021 - 2025)",
            organ="Ban Thường vụ Thành ủy",
            topics=("ls",),
            fmt="docx",
            access="restricted",
            blocks=[
                "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                "- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XVI, nhiệm kỳ 2020 - 2025;",
                "- Căn cứ [[based_on:hp-tu-kh215]];",
                "- Xét đề nghị của Ban Tuyên giáo Thành ủy,",
                "#c BAN THƯỜNG VỤ THÀNH ỦY QUYẾT ĐỊNH",
                "Điều 1. Thành lập Tổ biên tập sách Lịch sử Đảng bộ thành phố Hải Phòng, Tập V (2021 - 2025), gồm các đồng chí:",
                "- Đồng chí Trần Thị Hải Yến, Phó Trưởng Ban Tuyên giáo Thành ủy, Tổ trưởng;",
                "- Đồng chí Bùi Văn Khải, Trưởng phòng Lý luận chính trị - Lịch sử Đảng, Tổ phó;",
                "- Đồng chí Phạm Thu Hằng, Phó Giám đốc Trung tâm Lưu trữ lịch sử thành phố, thành viên;",
                "- Đồng chí Hoàng Minh Tú, giảng viên Trường Chính trị Tô Hiệu, thành viên;",
                "- Đồng chí Lương Thị Nga, chuyên viên Văn phòng Thành ủy, thư ký.",
                "Điều 2. Tổ biên tập có nhiệm vụ xây dựng đề cương, sưu tầm tư liệu, biên soạn bản thảo, trình Ban Thường "
                "vụ Thành ủy trước tháng 6 năm 2026. Tổ biên tập tự giải thể sau khi hoàn thành nhiệm vụ.",
                "Điều 3. Văn phòng Thành ủy, Ban Tuyên giáo Thành ủy, các cơ quan liên quan và các đồng chí có tên tại "
                "Điều 1 thi hành Quyết định này.",
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Đinh Công Thắng"),
            distribution=("- Như Điều 3,", "- Thường trực Thành ủy,", "- Lưu Văn phòng Thành ủy."),
        )
    )
    add(
        Doc(
            key="hp-btg-bc41",
            body=HP_BTG,
            doc_type="Báo cáo",
            type_code="BC",
            number="41",
            date=(2024, 12, 28),
            subject="tình hình tư tưởng của cán bộ, đảng viên và Nhân dân thành phố quý IV năm 2024",
            organ="Ban Tuyên giáo Thành ủy",
            topics=("kn",),
            fmt="pdf",
            access="restricted",
            blocks=[
                "## I. TÌNH HÌNH TƯ TƯỞNG",
                "Trong quý IV năm 2024, tư tưởng của cán bộ, đảng viên và Nhân dân thành phố cơ bản ổn định. Dư luận quan "
                "tâm, đồng tình với chủ trương sắp xếp, tinh gọn tổ chức bộ máy của hệ thống chính trị; phấn khởi trước "
                "kết quả tăng trưởng kinh tế của thành phố.",
                "Cán bộ, đảng viên đón nhận tích cực các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng theo [[per:hp-tu-cv1356]]. "
                "Một bộ phận cán bộ thuộc diện dôi dư sau sắp xếp còn băn khoăn về chế độ, chính sách, việc bố trí công tác.",
                "## II. DƯ LUẬN XÃ HỘI CẦN LƯU Ý",
                "- Việc giải phóng mặt bằng một số dự án giao thông trọng điểm còn khiếu kiện kéo dài.",
                "- Một số tài khoản mạng xã hội đăng tải thông tin sai lệch về lịch sử Đảng bộ thành phố, cần kịp thời phản bác.",
                "## III. ĐỀ XUẤT, KIẾN NGHỊ",
                "- Đề nghị Thường trực Thành ủy chỉ đạo làm tốt công tác tư tưởng trong quá trình sắp xếp bộ máy; kịp thời "
                "cung cấp thông tin chính thống.",
                "- Tăng cường lực lượng nắm bắt dư luận xã hội ở cơ sở; phát huy vai trò của báo cáo viên, cộng tác viên dư luận.",
            ],
            signer=("TRƯỞNG BAN", "Mai Văn Quyết"),
            distribution=("- Thường trực Thành ủy (để b/c),", "- Ban Tuyên giáo Trung ương (để b/c),", "- Lưu Ban Tuyên giáo."),
        )
    )
    add(
        Doc(
            key="hp-ub-kh286",
            body=HP_UB,
            doc_type="Kế hoạch",
            type_code="KH",
            number="286",
            date=(2024, 10, 15),
            subject="chuyển đổi số công tác văn thư, lưu trữ trên địa bàn thành phố năm 2025",
            organ="Ủy ban nhân dân thành phố",
            topics=("cds",),
            fmt="pdf",
            blocks=[
                "Căn cứ [[based_on:ext-luat-luutru-2024]]; căn cứ [[based_on:ext-nd30-2020]] về công tác văn thư; thực hiện "
                "[[implements:hp-tu-kh215]], Ủy ban nhân dân thành phố ban hành Kế hoạch chuyển đổi số công tác văn thư, "
                "lưu trữ năm 2025 như sau:",
                *purpose(CITY, "cds"),
                *contents(CITY, "cds"),
                "## III. TỔ CHỨC THỰC HIỆN",
                "1. Sở Nội vụ chủ trì, hướng dẫn nghiệp vụ số hóa; phối hợp với Văn phòng Thành ủy trong số hóa tài liệu "
                "có giá trị lịch sử của Đảng bộ thành phố.",
                "2. Sở Thông tin và Truyền thông bảo đảm hạ tầng, an toàn thông tin cho cơ sở dữ liệu tài liệu lưu trữ điện tử.",
                "3. Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.",
                "4. Ủy ban nhân dân các quận, huyện xây dựng kế hoạch của địa phương, báo cáo kết quả trước ngày 15/11/2025.",
            ],
            signer=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Toản"),
            distribution=_UB_DIST,
        )
    )
    add(
        Doc(
            key="hp-ub-cv4127",
            body=HP_UB,
            doc_type="Công văn",
            type_code=None,
            number="4127",
            date=(2024, 3, 28),
            subject="V/v triển khai [[implements:hp-tu-kh215:nodate]]",
            organ="Ủy ban nhân dân thành phố",
            topics=("ls",),
            fmt="docx",
            recipients=("- Các sở, ban, ngành thành phố;", "- Ủy ban nhân dân các quận, huyện."),
            blocks=[
                "Thực hiện [[implements:hp-tu-kh215]] về thực hiện [[implements:tw-ct41:nodate]]; tiếp thu "
                "những đề xuất nêu tại [[mentions:ext-kl2517-hvctqg:abbr]] về nâng cao chất lượng công trình lịch sử Đảng, "
                "Ủy ban nhân dân thành phố có ý kiến như sau:",
                "1. Sở Giáo dục và Đào tạo hướng dẫn các trường đưa nội dung lịch sử Đảng bộ thành phố vào giảng dạy lịch sử "
                "địa phương từ năm học 2024 - 2025.",
                "2. Sở Nội vụ chủ trì, phối hợp với Văn phòng Thành ủy rà soát tài liệu lưu trữ có giá trị lịch sử, đề xuất "
                "danh mục số hóa năm 2024 - 2025.",
                "3. Sở Văn hóa và Thể thao tổ chức triển lãm ảnh tư liệu về lịch sử Đảng bộ thành phố tại Bảo tàng Hải Phòng.",
                "4. Sở Tài chính cân đối, bố trí kinh phí theo quy định.",
                "Ủy ban nhân dân thành phố yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.",
            ],
            signer=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Toản"),
            distribution=_UB_DIST,
        )
    )

    # --- quận Lê Chân ---------------------------------------------------------------------
    add(
        Doc(
            key="lc-qu-kh142",
            body=LC_QU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="142",
            date=(2024, 4, 8),
            subject="thực hiện [[implements:hp-tu-kh215:nodate]] về công tác nghiên cứu, biên soạn lịch sử đảng bộ "
            "địa phương và số hóa tư liệu lịch sử Đảng",
            organ="Ban Thường vụ Quận ủy",
            topics=("ls",),
            fmt="pdf",
            blocks=[
                "Thực hiện [[implements:hp-tu-kh215:comma]] và [[per:hp-btg-hd58]], "
                "Ban Thường vụ Quận ủy Lê Chân xây dựng Kế hoạch thực hiện như sau:",
                *purpose(LC, "ls"),
                *contents(LC, "ls"),
                "### 5. Biên soạn lịch sử đảng bộ các phường",
                "Năm 2024 hoàn thành bản thảo lịch sử đảng bộ các phường Vĩnh Niệm, Hàng Kênh, Niệm Nghĩa; năm 2025 hoàn "
                "thành các phường còn lại, xuất bản nhân dịp kỷ niệm Ngày thành lập Đảng.",
                *organisation(LC, "ls"),
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Vũ Thị Lan Anh"),
            distribution=_QU_DIST,
        )
    )
    add(
        Doc(
            key="lc-qu-cv1488",
            body=LC_QU,
            doc_type="Công văn",
            type_code="CV",
            number="1488",
            date=(2024, 12, 16),
            subject="V/v tổ chức các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng và chào mừng đại hội đảng bộ các cấp",
            organ="Quận ủy Lê Chân",
            topics=("kn",),
            fmt="md",
            recipients=(
                "- Đảng ủy 15 phường,",
                "- Các chi, đảng bộ trực thuộc Quận ủy,",
                "- Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội quận.",
            ),
            blocks=[
                "Thực hiện [[implements:hp-tu-cv1356]] và [[implements:btgtw-hd131:abbr]] về tuyên "
                "truyền kỷ niệm 95 năm Ngày thành lập Đảng, Thường trực Quận ủy đề nghị:",
                "1. Đảng ủy các phường tổ chức trao Huy hiệu Đảng tại cơ sở, gắn với giới thiệu cuốn lịch sử đảng bộ phường "
                "đã xuất bản; nơi chưa có sách thì giới thiệu bản thảo đang biên soạn.",
                "2. Trung tâm Văn hóa, Thông tin và Thể thao quận tổ chức chương trình nghệ thuật \u201cMùa xuân dâng Đảng\u201d "
                "tối ngày 01/02/2025 tại Quảng trường quận.",
                "3. Đoàn Thanh niên quận tổ chức hành trình về địa chỉ đỏ, thắp hương tưởng niệm các anh hùng liệt sĩ.",
                "4. Ban Tuyên giáo Quận ủy theo dõi, tổng hợp, báo cáo Thường trực Quận ủy trước ngày 15/02/2025.",
            ],
            signer=("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Phạm Quang Huy"),
            distribution=("- Như trên,", "- Thường trực Quận ủy,", "- Lưu VPQU."),
        )
    )
    add(
        Doc(
            key="lc-qu-bc189",
            body=LC_QU,
            doc_type="Báo cáo",
            type_code="BC",
            number="189",
            date=(2024, 12, 16),
            subject="kết quả thực hiện [[reviews:lc-qu-kh142:nodate]] năm 2024",
            organ="Ban Thường vụ Quận ủy",
            topics=("ls",),
            fmt="txt",
            access="internal",
            blocks=[
                "Thực hiện chế độ báo cáo theo [[per:hp-btg-hd58:nodate]], Ban Thường vụ Quận ủy báo cáo kết quả thực hiện "
                "[[reviews:lc-qu-kh142]] năm 2024 như sau:",
                *report_results(LC, "ls", (18, 2460, 112, 118, 1340), "năm 2024"),
                "- Hoàn thành xuất bản lịch sử đảng bộ 03 phường trong quý I năm 2025.",
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Vũ Thị Lan Anh"),
            distribution=_QU_DIST,
        )
    )
    add(
        Doc(
            key="lc-ub-cv2315",
            body=LC_UB,
            doc_type="Công văn",
            type_code=None,
            number="2315",
            date=(2024, 4, 22),
            subject="V/v triển khai [[implements:lc-qu-kh142:nodate]]",
            organ="Ủy ban nhân dân quận",
            topics=("ls",),
            fmt="docx",
            recipients=("- Các phòng, ban, ngành quận;", "- Ủy ban nhân dân 15 phường."),
            blocks=[
                "Thực hiện [[implements:lc-qu-kh142]]; theo [[per:hp-ub-cv4127]], Ủy ban nhân dân quận yêu cầu:",
                "1. Phòng Giáo dục và Đào tạo chỉ đạo các trường trung học cơ sở sử dụng tài liệu lịch sử Đảng bộ thành phố, "
                "lịch sử đảng bộ quận trong giờ học lịch sử địa phương.",
                "2. Phòng Nội vụ hướng dẫn các phường chỉnh lý, lập danh mục tài liệu lưu trữ có giá trị lịch sử.",
                "3. Ủy ban nhân dân các phường bố trí kinh phí, phối hợp với đảng ủy phường sưu tầm tư liệu, biên soạn lịch sử "
                "đảng bộ phường.",
                "Ủy ban nhân dân quận đề nghị các đơn vị thực hiện nghiêm túc./.",
            ],
            signer=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đoàn Thị Thu Trang"),
            distribution=("- Như trên;", "- TT Quận ủy;", "- CT, các PCT UBND quận;", "- Lưu: VT."),
        )
    )
    add(
        Doc(
            key="lc-ub-draft",
            body=LC_UB,
            doc_type="Công văn",
            type_code=None,
            number=None,
            date=(2024, None, None),
            subject="V/v xây dựng kế hoạch số hóa tài liệu lưu trữ của quận năm 2025",
            organ="Ủy ban nhân dân quận",
            topics=("cds",),
            fmt="docx",
            access="internal",
            recipients=("- Phòng Nội vụ quận;", "- Văn phòng HĐND và UBND quận;", "- Ủy ban nhân dân 15 phường."),
            blocks=[
                "Thực hiện [[implements:hp-ub-kh286]] về chuyển đổi số công tác văn thư, lưu trữ trên địa bàn thành phố "
                "năm 2025, Ủy ban nhân dân quận giao:",
                "1. Phòng Nội vụ chủ trì, lập danh mục hồ sơ ưu tiên số hóa, dự toán kinh phí, trình Ủy ban nhân dân quận "
                "trong tháng 12.",
                "2. Văn phòng HĐND và UBND quận bố trí kho tạm, máy quét; bảo đảm an toàn tài liệu gốc trong quá trình số hóa.",
                "3. Ủy ban nhân dân các phường rà soát tài liệu lưu trữ tại phường, báo cáo số lượng hồ sơ, mét giá tài liệu.",
            ],
            signer=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đoàn Thị Thu Trang"),
            distribution=("- Như trên;", "- CT, các PCT UBND quận;", "- Lưu: VT, NV."),
        )
    )
    add(
        Doc(
            key="vn-du-bc38",
            body=VN_DU,
            doc_type="Báo cáo",
            type_code="BC",
            number="38",
            date=(2024, 12, 10),
            subject="kết quả thực hiện [[reviews:lc-qu-kh142:nodate]] năm 2024",
            organ="Đảng ủy phường",
            topics=("ls",),
            fmt="txt",
            blocks=[
                "Thực hiện [[reviews:lc-qu-kh142]] về thực hiện [[implements:hp-tu-kh215:nodate]], Đảng ủy phường Vĩnh "
                "Niệm báo cáo kết quả năm 2024 như sau:",
                *report_results(Ctx("phường", "phường Vĩnh Niệm", "Đảng ủy", "các chi bộ trực thuộc"), "ls",
                                (3, 410, 21, 23, 186), "năm 2024"),
                "- Hoàn thiện bản thảo Lịch sử Đảng bộ phường Vĩnh Niệm, trình Ban Thường vụ Quận ủy thẩm định trong quý I năm 2025.",
            ],
            signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn Sơn"),
            distribution=_DU_DIST,
        )
    )
    add(
        Doc(
            key="hk-du-bc45",
            body=HK_DU,
            doc_type="Báo cáo",
            type_code="BC",
            number="45",
            date=(2024, 12, 12),
            subject="kết quả sưu tầm tư liệu, biên soạn Lịch sử Đảng bộ phường Hàng Kênh năm 2024",
            organ="Đảng ủy phường",
            topics=("ls",),
            fmt="jpeg",
            scan_level="light",
            blocks=[
                "Thực hiện [[reviews:lc-qu-kh142:pad]], Đảng ủy phường Hàng Kênh báo cáo như sau:",
                "1. Đảng ủy đã thành lập Tổ biên soạn gồm 05 đồng chí; tổ chức 04 buổi gặp mặt nhân chứng lịch sử, ghi âm "
                "42 giờ lời kể; sưu tầm được 215 ảnh, 37 văn bản gốc giai đoạn 1945 - 1975.",
                "2. Đã hoàn thành bản thảo lần thứ nhất gồm 3 chương, khoảng 180 trang; tổ chức hội thảo lấy ý kiến ngày 28/11/2024.",
                "3. Khó khăn: nhiều tư liệu giai đoạn kháng chiến chống Pháp bị thất lạc; kinh phí biên soạn còn hạn hẹp.",
                "4. Đề nghị Ban Tuyên giáo Quận ủy hỗ trợ thẩm định bản thảo trong quý I năm 2025.",
            ],
            signer=("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Lê Thị Hồng Nhung"),
            distribution=_DU_DIST,
        )
    )
    add(
        Doc(
            key="nn-du-kh21",
            body=NN_DU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="21",
            date=(2024, 4, 20),
            subject="biên soạn Lịch sử Đảng bộ phường Niệm Nghĩa (1981 - 2025)",
            organ="Đảng ủy phường",
            topics=("ls",),
            fmt="md",
            blocks=[
                "Thực hiện [[implements:lc-qu-kh142:long]], Đảng ủy phường Niệm Nghĩa xây dựng Kế hoạch biên soạn lịch sử "
                "Đảng bộ phường như sau:",
                *purpose(Ctx("phường", "phường Niệm Nghĩa", "Đảng ủy", "các chi bộ trực thuộc"), "ls"),
                "## II. NỘI DUNG VÀ TIẾN ĐỘ",
                "- Tháng 5/2024: thành lập Tổ biên soạn, xây dựng đề cương chi tiết.",
                "- Tháng 6 - 9/2024: sưu tầm tư liệu tại Lưu trữ Quận ủy, gặp mặt nhân chứng, các đồng chí nguyên bí thư, "
                "chủ tịch phường qua các thời kỳ.",
                "- Tháng 10/2024 - 02/2025: viết bản thảo, hội thảo lấy ý kiến.",
                "- Tháng 3/2025: trình Ban Thường vụ Quận ủy thẩm định, xuất bản.",
                "## III. KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN",
                "Kinh phí từ ngân sách phường và nguồn xã hội hóa. Văn phòng Đảng ủy giúp Đảng ủy theo dõi, đôn đốc; các chi "
                "bộ cung cấp tư liệu, giới thiệu nhân chứng lịch sử.",
            ],
            signer=("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Trịnh Văn Phúc"),
            distribution=_DU_DIST,
        )
    )

    # --- huyện Vĩnh Bảo -------------------------------------------------------------------
    add(
        Doc(
            key="vb-hu-kh96",
            body=VB_HU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="96",
            date=(2024, 4, 10),
            subject="thực hiện công tác nghiên cứu, biên soạn, tuyên truyền lịch sử Đảng bộ huyện và lịch sử đảng bộ các xã, "
            "thị trấn giai đoạn 2024 - 2026",
            organ="Ban Thường vụ Huyện ủy",
            topics=("ls",),
            fmt="pdf",
            blocks=[
                "Thực hiện [[implements:hp-tu-kh215:pad]]; trên cơ sở kết quả thực hiện [[reviews:ext-vb-kh71-hu]], Ban "
                "Thường vụ Huyện ủy Vĩnh Bảo ban hành Kế hoạch như sau:",
                *purpose(VB, "ls"),
                *contents(VB, "ls"),
                *organisation(VB, "ls"),
            ],
            signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phạm Văn Đức"),
            distribution=_HU_DIST,
        )
    )
    add(
        Doc(
            key="vb-hu-tb305",
            body=VB_HU,
            doc_type="Thông báo",
            type_code="TB",
            number="305",
            date=(2024, 8, 5),
            subject="về tiến độ biên soạn lịch sử đảng bộ các xã, thị trấn",
            title_lines=("KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY",),
            organ="Ban Thường vụ Huyện ủy",
            topics=("ls",),
            fmt="png",
            scan_level="clean",
            blocks=[
                "Ngày 01/8/2024, Ban Thường vụ Huyện ủy nghe Ban Tuyên giáo Huyện ủy báo cáo tiến độ thực hiện "
                "[[per:vb-hu-kh96]]. Ban Thường vụ Huyện ủy kết luận:",
                "1. Có 17/29 xã, thị trấn đã thành lập tổ biên soạn; 6 xã đã có bản thảo. Một số xã còn chậm, chưa bố trí kinh phí.",
                "2. Yêu cầu các đảng ủy xã chậm tiến độ hoàn thành đề cương trước ngày 30/9/2024.",
                "3. Giao Ban Tuyên giáo Huyện ủy hướng dẫn nghiệp vụ, tổ chức thẩm định theo từng đợt.",
            ],
            signer=("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Bùi Thị Thanh"),
            distribution=("- Các đảng ủy xã, thị trấn,", "- Lưu VPHU."),
        )
    )
    add(
        Doc(
            key="vb-btg-hd07",
            body=VB_BTG,
            doc_type="Hướng dẫn",
            type_code="HD",
            number="07",
            date=(2024, 4, 22),
            subject="sưu tầm tư liệu, biên soạn lịch sử đảng bộ xã, thị trấn",
            organ="Ban Tuyên giáo Huyện ủy",
            topics=("ls",),
            fmt="docx",
            blocks=[
                "Thực hiện [[implements:vb-hu-kh96]], Ban Tuyên giáo Huyện ủy hướng dẫn quy trình biên soạn lịch sử đảng bộ "
                "xã, thị trấn như sau:",
                "## I. CÁC BƯỚC BIÊN SOẠN",
                "Bước 1. Đảng ủy xã ra quyết định thành lập tổ biên soạn, giao một đồng chí Thường trực Đảng ủy phụ trách.",
                "Bước 2. Xây dựng đề cương, chia giai đoạn lịch sử theo các mốc: trước năm 1945; 1945 - 1954; 1954 - 1975; "
                "1975 - 1986; 1986 đến nay.",
                "Bước 3. Sưu tầm tư liệu: văn kiện đại hội, nghị quyết của Đảng bộ xã; hồ sơ lưu trữ tại Lưu trữ Huyện ủy; "
                "hồi ký, lời kể của nhân chứng; ảnh, hiện vật.",
                "Bước 4. Viết bản thảo, hội thảo lấy ý kiến các đồng chí lão thành cách mạng, nguyên lãnh đạo xã.",
                "Bước 5. Gửi bản thảo về Ban Tuyên giáo Huyện ủy thẩm định trước khi xuất bản.",
                "## II. MỘT SỐ LƯU Ý",
                "- Mỗi sự kiện, số liệu phải ghi rõ nguồn; khi các nguồn khác nhau phải đối chiếu, xác minh.",
                "- Tư liệu gốc sau khi sử dụng phải được số hóa và giao nộp vào Lưu trữ Huyện ủy.",
            ],
            signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Đỗ Thị Mai"),
            distribution=("- Thường trực Huyện ủy (để b/c),", "- Các đảng ủy xã, thị trấn,", "- Lưu Ban Tuyên giáo."),
        )
    )
    add(
        Doc(
            key="ca-du-bc12",
            body=CA_DU,
            doc_type="Báo cáo",
            type_code="BC",
            number="12",
            date=(2023, None, None),
            subject="sơ kết 05 năm thực hiện [[reviews:ext-ct20-tw:nodate]] trên địa bàn xã",
            organ="Đảng ủy xã",
            topics=("ls",),
            fmt="tiff",
            scan_level="clean",
            blocks=[
                "Thực hiện [[implements:ext-vb-kh71-hu]] về sơ kết 05 năm thực hiện [[reviews:ext-ct20-tw]], Đảng ủy xã Cổ Am "
                "báo cáo như sau:",
                "## I. KẾT QUẢ THỰC HIỆN",
                "1. Đảng ủy đã tổ chức quán triệt Chỉ thị đến 100% chi bộ; đưa nội dung lịch sử Đảng bộ xã vào sinh hoạt chi "
                "bộ hằng năm.",
                "2. Năm 2019 tái bản cuốn Lịch sử Đảng bộ xã Cổ Am (1930 - 2015) với 500 cuốn; cấp phát đến các chi bộ, "
                "trường học, thư viện xã.",
                "3. Sưu tầm được 96 ảnh tư liệu, 14 hiện vật thời kỳ kháng chiến; tổ chức 05 buổi nói chuyện truyền thống "
                "cho học sinh.",
                "4. Phối hợp với Trường Trung học cơ sở Cổ Am đưa nội dung lịch sử Đảng bộ xã vào giờ học lịch sử địa phương; "
                "tổ chức cho học sinh dâng hương tại Nhà bia ghi danh liệt sĩ của xã vào dịp 27/7 hằng năm.",
                "5. Các chi bộ thôn duy trì sinh hoạt chuyên đề về truyền thống cách mạng của quê hương; nhiều đảng viên lão "
                "thành tham gia kể chuyện truyền thống cho đoàn viên, thanh niên.",
                "6. Hệ thống truyền thanh xã duy trì chuyên mục \u201cTrang sử quê hương\u201d phát sóng hai kỳ mỗi tháng.",
                "## II. HẠN CHẾ",
                "Một số chi bộ sinh hoạt chuyên đề lịch sử còn hình thức; chưa có điều kiện số hóa tư liệu; cán bộ phụ trách "
                "kiêm nhiệm nhiều việc.",
                "## III. PHƯƠNG HƯỚNG",
                "Tiếp tục sưu tầm tư liệu, chuẩn bị biên soạn phần tiếp theo của lịch sử Đảng bộ xã giai đoạn 2015 - 2025.",
                "## IV. ĐỀ XUẤT, KIẾN NGHỊ",
                "- Đề nghị Ban Tuyên giáo Huyện ủy tổ chức tập huấn nghiệp vụ sưu tầm, biên soạn lịch sử đảng bộ cho cán bộ cấp xã.",
                "- Đề nghị Huyện ủy hỗ trợ kinh phí số hóa tư liệu lịch sử của Đảng bộ xã đang lưu giữ tại Văn phòng Đảng ủy.",
            ],
            signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Vũ Văn Hiệp"),
            distribution=("- Ban Thường vụ Huyện ủy (để b/c),", "- Ban Tuyên giáo Huyện ủy,", "- Lưu VP."),
        )
    )
    add(
        Doc(
            key="td-du-kh15",
            body=TD_DU,
            doc_type="Kế hoạch",
            type_code="KH",
            number="15",
            date=(2024, 5, 6),
            subject="biên soạn cuốn Lịch sử Đảng bộ xã Tam Đa (1930 - 2025)",
            organ="Đảng ủy xã",
            topics=("ls",),
            fmt="txt",
            blocks=[
                "Thực hiện [[implements:vb-hu-kh96]] và [[per:vb-btg-hd07]], Đảng ủy xã Tam Đa xây dựng Kế hoạch như sau:",
                *purpose(Ctx("xã", "xã Tam Đa", "Đảng ủy", "các chi bộ trực thuộc"), "ls"),
                "## II. NỘI DUNG",
                "- Cuốn sách gồm phần mở đầu về vùng đất, con người Tam Đa và 5 chương theo các giai đoạn lịch sử, "
                "dung lượng khoảng 250 trang.",
                "- Tổ biên soạn gồm 07 đồng chí, do đồng chí Phó Bí thư Thường trực Đảng ủy làm tổ trưởng.",
                "- Thời gian: hoàn thành bản thảo tháng 6/2025, xuất bản trước Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030.",
                "## III. TỔ CHỨC THỰC HIỆN",
                "Các chi bộ thôn giới thiệu nhân chứng lịch sử, cung cấp tư liệu; Ủy ban nhân dân xã bảo đảm kinh phí; "
                "Văn phòng Đảng ủy tổng hợp, báo cáo Ban Thường vụ Huyện ủy theo quy định.",
            ],
            signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Hoàng Văn Lực"),
            distribution=("- Ban Thường vụ Huyện ủy (để b/c),", "- Ban Tuyên giáo Huyện ủy,", "- Các chi bộ,", "- Lưu VP."),
        )
    )
    return docs

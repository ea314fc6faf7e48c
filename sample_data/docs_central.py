"""Central documents of the sample (fictional content, real bodies)."""

from __future__ import annotations

from sample_data.bodies import BTGTW, TW
from sample_data.spec import Doc

_TW_DIST = (
    "- Các tỉnh ủy, thành ủy,",
    "- Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương,",
    "- Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng,",
    "- Lưu Văn phòng Trung ương Đảng.",
)
_BTG_DIST = (
    "- Thường trực Ban Bí thư (để báo cáo),",
    "- Ban tuyên giáo các tỉnh ủy, thành ủy,",
    "- Ban tuyên giáo các đảng ủy trực thuộc Trung ương,",
    "- Lãnh đạo Ban, các vụ, đơn vị liên quan,",
    "- Lưu Văn phòng Ban.",
)


def documents() -> list[Doc]:
    ct41 = Doc(
        key="tw-ct41",
        body=TW,
        doc_type="Chỉ thị",
        type_code="CT",
        number="41",
        date=(2024, 1, 15),
        subject="về tăng cường công tác nghiên cứu, biên soạn lịch sử đảng bộ địa phương và số hóa tư liệu lịch sử Đảng",
        organ="Ban Bí thư",
        title_lines=("CỦA BAN BÍ THƯ",),
        topics=("ls", "cds"),
        fmt="pdf",
        blocks=[
            "Sau hơn 05 năm thực hiện [[reviews:ext-ct20-tw]], công tác nghiên cứu, biên soạn, tuyên truyền, giáo dục "
            "lịch sử Đảng có bước phát triển mới. Các tỉnh ủy, thành ủy đã xuất bản nhiều tập lịch sử đảng bộ; phần lớn "
            "các huyện và khoảng hai phần ba số xã, phường, thị trấn đã có công trình lịch sử đảng bộ; nhiều tư liệu quý "
            "được sưu tầm, bổ sung vào kho lưu trữ của Đảng.",
            "Tuy nhiên, chất lượng một số công trình lịch sử đảng bộ cấp huyện, cấp xã chưa cao, còn nặng về liệt kê sự "
            "kiện; tư liệu gốc phân tán ở nhiều nơi, một phần đã xuống cấp, chưa được số hóa; nhiều nhân chứng lịch sử "
            "tuổi đã cao; việc khai thác các công trình đã xuất bản trong tuyên truyền, giáo dục còn hạn chế.",
            "Để khắc phục những hạn chế nêu trên, Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt một số nhiệm vụ sau:",
            "1. Nâng cao nhận thức, trách nhiệm của cấp ủy, tổ chức đảng, trước hết là người đứng đầu, đối với công tác "
            "lịch sử Đảng; xác định đây là nhiệm vụ chính trị thường xuyên, lâu dài, gắn với bảo vệ nền tảng tư tưởng của Đảng.",
            "2. Rà soát các công trình lịch sử đảng bộ đã xuất bản; đến hết năm 2026, bảo đảm 100% đảng bộ cấp huyện và "
            "ít nhất 90% đảng bộ cấp xã có công trình lịch sử đảng bộ được biên soạn, thẩm định đúng quy trình.",
            "3. Tổ chức sưu tầm, thu thập tư liệu, hồi ký, lời kể của nhân chứng lịch sử; ưu tiên số hóa tài liệu lưu trữ "
            "của cấp ủy có giá trị lịch sử, hình thành cơ sở dữ liệu tư liệu lịch sử Đảng dùng chung, khai thác theo phân quyền.",
            "4. Đổi mới nội dung, hình thức tuyên truyền, giáo dục lịch sử Đảng; đưa lịch sử đảng bộ địa phương vào sinh "
            "hoạt chi bộ, chương trình bồi dưỡng lý luận chính trị và giảng dạy lịch sử địa phương trong nhà trường.",
            "5. Bố trí kinh phí thường xuyên cho công tác nghiên cứu, biên soạn, số hóa tư liệu lịch sử Đảng; kiện toàn "
            "đội ngũ làm công tác lịch sử Đảng ở các cấp, có chính sách thu hút chuyên gia, nhà khoa học tham gia.",
            "6. Ban Tuyên giáo Trung ương chủ trì, phối hợp với Văn phòng Trung ương Đảng, Học viện Chính trị quốc gia "
            "Hồ Chí Minh hướng dẫn, theo dõi, kiểm tra việc thực hiện Chỉ thị; định kỳ báo cáo Ban Bí thư.",
            "Chỉ thị này phổ biến đến chi bộ.",
        ],
        signer=("T/M BAN BÍ THƯ", "Đỗ Văn Khiêm"),
        distribution=_TW_DIST,
    )
    kl85 = Doc(
        key="tw-kl85",
        body=TW,
        doc_type="Kết luận",
        type_code="KL",
        number="85",
        date=(2024, 4, 22),
        subject="về tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        organ="Bộ Chính trị",
        title_lines=("CỦA BỘ CHÍNH TRỊ",),
        topics=("hcm",),
        fmt="pdf",
        blocks=[
            "Tại phiên họp ngày 12/4/2024, sau khi nghe Ban Tuyên giáo Trung ương báo cáo kết quả 03 năm thực hiện "
            "[[reviews:ext-kl01-tw]] về tiếp tục thực hiện [[mentions:ext-ct05-tw:nodate]] khóa XII, "
            "Bộ Chính trị kết luận như sau:",
            "1. Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh đã đi vào chiều sâu, trở thành nhu cầu "
            "tự giác của nhiều cán bộ, đảng viên; xuất hiện nhiều mô hình hay, cách làm sáng tạo ở cơ sở. Tuy vậy, ở một số "
            "nơi việc làm theo còn hình thức, chưa gắn với giải quyết những vấn đề bức xúc của Nhân dân.",
            "2. Các cấp ủy, tổ chức đảng tiếp tục xác định học tập và làm theo Bác là nhiệm vụ thường xuyên; gắn chặt với "
            "công tác xây dựng, chỉnh đốn Đảng, với việc thực hiện quy định về trách nhiệm nêu gương của cán bộ, đảng viên.",
            "3. Mỗi địa phương, cơ quan, đơn vị lựa chọn nội dung đột phá, việc làm cụ thể hằng năm; đưa kết quả làm theo "
            "Bác vào tiêu chí đánh giá, xếp loại tổ chức đảng và đảng viên.",
            "4. Đổi mới công tác tuyên truyền, phát huy vai trò của báo chí, xuất bản và các nền tảng số trong giới thiệu "
            "các tấm gương điển hình; chú trọng giáo dục thế hệ trẻ.",
            "5. Ban Tuyên giáo Trung ương chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, theo dõi, đôn đốc việc "
            "thực hiện Kết luận này; hằng năm báo cáo Bộ Chính trị, Ban Bí thư.",
        ],
        signer=("T/M BỘ CHÍNH TRỊ", "Phạm Thế Hưng"),
        distribution=_TW_DIST,
    )
    hd112 = Doc(
        key="btgtw-hd112",
        body=BTGTW,
        doc_type="Hướng dẫn",
        type_code="HD",
        number="112",
        date=(2024, 3, 5),
        subject="thực hiện [[implements:tw-ct41]] về tăng cường công tác nghiên cứu, biên soạn lịch sử đảng bộ địa phương "
        "và số hóa tư liệu lịch sử Đảng",
        organ="Ban Tuyên giáo Trung ương",
        topics=("ls", "cds"),
        fmt="docx",
        blocks=[
            "Để thực hiện thống nhất, hiệu quả Chỉ thị, Ban Tuyên giáo Trung ương hướng dẫn một số nội dung sau:",
            "## I. QUÁN TRIỆT, TRIỂN KHAI CHỈ THỊ",
            "Các cấp ủy tổ chức quán triệt Chỉ thị đến cán bộ, đảng viên trong quý II năm 2024; xây dựng kế hoạch thực "
            "hiện sát với điều kiện của địa phương, xác định rõ lộ trình, kinh phí và cơ quan chủ trì.",
            "## II. VỀ BIÊN SOẠN LỊCH SỬ ĐẢNG BỘ",
            "- Quy trình gồm: xây dựng đề cương; sưu tầm, xác minh tư liệu; viết bản thảo; hội thảo lấy ý kiến; thẩm định; "
            "cấp ủy cho ý kiến và quyết định xuất bản.",
            "- Hội đồng thẩm định có đại diện ban tuyên giáo cấp trên, nhà khoa học chuyên ngành lịch sử và nhân chứng lịch sử.",
            "- Công trình phải có chú thích nguồn tư liệu rõ ràng; số liệu, sự kiện được đối chiếu với văn kiện, hồ sơ lưu trữ.",
            "## III. VỀ SỐ HÓA TƯ LIỆU LỊCH SỬ ĐẢNG",
            "- Ưu tiên số hóa văn kiện đại hội, nghị quyết, chỉ thị, kết luận, biên bản hội nghị cấp ủy và các tập lịch sử "
            "đảng bộ đã xuất bản nhưng không còn bản điện tử.",
            "- Bản số hóa phải giữ ảnh trang gốc, có lớp chữ tìm kiếm được, ghi đủ số, ký hiệu, ngày ban hành, cơ quan "
            "ban hành và mức độ tiếp cận.",
            "- Tài liệu có nội dung bí mật nhà nước chỉ được số hóa và khai thác trên hệ thống đáp ứng yêu cầu bảo vệ bí mật.",
            "## IV. CHẾ ĐỘ BÁO CÁO",
            "Ban tuyên giáo các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương tổng hợp, báo cáo kết quả thực hiện về "
            "Ban Tuyên giáo Trung ương (qua Vụ Lý luận chính trị - Lịch sử Đảng) trước ngày 15/12 hằng năm.",
        ],
        signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Vũ Thanh Bình"),
        distribution=_BTG_DIST,
    )
    tb204 = Doc(
        key="btgtw-tb204",
        body=BTGTW,
        doc_type="Thông báo",
        type_code="TB",
        number="204",
        date=(2024, 6, 20),
        subject="kết luận của lãnh đạo Ban Tuyên giáo Trung ương tại Hội nghị trực tuyến về số hóa tư liệu lịch sử Đảng",
        organ="Ban Tuyên giáo Trung ương",
        topics=("cds", "ls"),
        fmt="txt",
        blocks=[
            "Ngày 14/6/2024, Ban Tuyên giáo Trung ương tổ chức Hội nghị trực tuyến toàn quốc về số hóa tư liệu lịch sử "
            "Đảng, đánh giá bước đầu việc triển khai [[implements:tw-ct41]]. Sau khi nghe báo cáo và ý kiến của các đại "
            "biểu, đồng chí Phó Trưởng Ban Thường trực kết luận như sau:",
            "1. Đến nay đã có 58 tỉnh ủy, thành ủy ban hành kế hoạch thực hiện Chỉ thị; nhiều địa phương bố trí kinh phí "
            "riêng cho số hóa tư liệu. Một số nơi triển khai chậm, còn chờ hướng dẫn chi tiết.",
            "2. Tiếp tục thực hiện những đề xuất nêu tại [[mentions:ext-kl2517-hvctqg]] về nâng cao chất lượng công trình "
            "lịch sử Đảng; gắn số hóa với khai thác, không số hóa để cất giữ.",
            "3. Các địa phương thống nhất bộ trường thông tin mô tả tài liệu: số, ký hiệu; ngày tháng; loại văn bản; cơ quan "
            "ban hành; trích yếu; người ký; mức độ tiếp cận; trích dẫn văn bản liên quan.",
            "4. Giao Vụ Lý luận chính trị - Lịch sử Đảng tổng hợp danh mục văn bản được trích dẫn nhiều nhưng chưa có trong "
            "kho dữ liệu để các địa phương ưu tiên sưu tầm.",
            "Ban Tuyên giáo Trung ương thông báo để các cấp ủy, ban tuyên giáo các cấp biết, thực hiện.",
        ],
        signer=("T/L TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "Lê Thị Minh Nguyệt"),
        distribution=_BTG_DIST,
    )
    hd131 = Doc(
        key="btgtw-hd131",
        body=BTGTW,
        doc_type="Hướng dẫn",
        type_code="HD",
        number="131",
        date=(2024, 11, 18),
        subject="tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)",
        organ="Ban Tuyên giáo Trung ương",
        topics=("kn", "ls"),
        fmt="pdf",
        blocks=[
            "Năm 2025 là năm có nhiều ngày lễ lớn của đất nước. Để tuyên truyền sâu rộng kỷ niệm 95 năm Ngày thành lập "
            "Đảng, gắn với tiếp tục thực hiện [[implements:tw-ct41:nodate]] và [[implements:tw-kl85]], Ban Tuyên giáo "
            "Trung ương hướng dẫn như sau:",
            "## I. MỤC ĐÍCH, YÊU CẦU",
            "- Giáo dục sâu sắc truyền thống vẻ vang của Đảng, khẳng định vai trò lãnh đạo của Đảng đối với thắng lợi "
            "của cách mạng Việt Nam; củng cố niềm tin của Nhân dân đối với Đảng.",
            "- Gắn tuyên truyền kỷ niệm với tuyên truyền đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030, tiến tới Đại hội "
            "đại biểu toàn quốc lần thứ XIV của Đảng.",
            "## II. NỘI DUNG TUYÊN TRUYỀN",
            "- Sự ra đời của Đảng Cộng sản Việt Nam - bước ngoặt vĩ đại của cách mạng Việt Nam; vai trò của lãnh tụ Nguyễn "
            "Ái Quốc - Hồ Chí Minh đối với việc thành lập Đảng.",
            "- Những thắng lợi to lớn của cách mạng Việt Nam dưới sự lãnh đạo của Đảng qua 95 năm; thành tựu của công cuộc "
            "đổi mới.",
            "- Lịch sử đảng bộ các địa phương; giới thiệu các công trình lịch sử đảng bộ mới xuất bản.",
            "- Đấu tranh phản bác quan điểm sai trái, thù địch xuyên tạc lịch sử Đảng.",
            "## III. HÌNH THỨC TUYÊN TRUYỀN",
            "- Tổ chức lễ kỷ niệm, gặp mặt, trao Huy hiệu Đảng; hội thảo khoa học, tọa đàm về lịch sử Đảng bộ địa phương.",
            "- Tuyên truyền trên báo chí, xuất bản, cổng thông tin điện tử và mạng xã hội; triển lãm ảnh, tư liệu.",
            "- Tuyên truyền trực quan, cổ động tại các tuyến phố, nơi công cộng.",
            "## IV. KHẨU HIỆU TUYÊN TRUYỀN",
            "- Nhiệt liệt chào mừng kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)!",
            "- Đảng Cộng sản Việt Nam quang vinh muôn năm!",
            "- Toàn Đảng, toàn dân, toàn quân thi đua lập thành tích chào mừng đại hội đảng bộ các cấp!",
            "## V. TỔ CHỨC THỰC HIỆN",
            "Ban tuyên giáo các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương căn cứ Hướng dẫn này tham mưu cấp ủy xây dựng "
            "kế hoạch, tổ chức thực hiện; báo cáo kết quả về Ban Tuyên giáo Trung ương trước ngày 28/02/2025.",
        ],
        signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Vũ Thanh Bình"),
        distribution=_BTG_DIST,
    )
    return [ct41, kl85, hd112, tb204, hd131]

import Plot
import Services

/// Abbreviations and terms of Vietnamese public administration, explained in plain words.
struct GlossaryPage {
    static let entries: [(term: String, meaning: String)] = [
        ("CCHC", "Cải cách hành chính."),
        (
            "PAR INDEX",
            "Chỉ số cải cách hành chính (Public Administration Reform Index), do Bộ Nội vụ đánh giá hằng năm đối với các tỉnh, thành phố; Thành phố đánh giá các sở, ngành và xã, phường."
        ),
        (
            "SIPAS",
            "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (Satisfaction Index of Public Administrative Services)."
        ),
        ("TTHC", "Thủ tục hành chính."),
        ("UBND", "Ủy ban nhân dân."),
        ("HĐND", "Hội đồng nhân dân."),
        ("DVCTT", "Dịch vụ công trực tuyến; toàn trình (nộp, xử lý, trả kết quả hoàn toàn trên mạng) hoặc một phần."),
        ("DVCQG", "Cổng Dịch vụ công quốc gia."),
        ("PAKN", "Phản ánh, kiến nghị của người dân, doanh nghiệp."),
        ("Một cửa", "Cơ chế tiếp nhận hồ sơ, trả kết quả tại một đầu mối: Bộ phận Một cửa hoặc Trung tâm Phục vụ hành chính công."),
        ("Một cửa liên thông", "Giải quyết một thủ tục qua nhiều cơ quan, người dân chỉ nộp và nhận kết quả tại một nơi."),
        (
            "Chỉ số 766",
            "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp theo thời gian thực (Quyết định 766/QĐ-TTg ngày 23/6/2022)."
        ),
        (
            "Ngày làm việc",
            "Ngày không phải thứ Bảy, Chủ nhật, ngày lễ, Tết hay ngày nghỉ bù, hoán đổi theo quyết định của cơ quan có thẩm quyền."
        ),
        ("Số định danh cá nhân", "Dãy 12 chữ số trên thẻ căn cước, dùng để xác định công dân trong thủ tục hành chính."),
    ]

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Thuật ngữ, chữ viết tắt")),
            .dl(
                .class("glossary"),
                .forEach(Self.entries) { entry in
                    .group(.dt(.text(entry.term)), .dd(.text(entry.meaning)))
                }),
        ]
    }
}

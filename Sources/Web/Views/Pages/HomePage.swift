import Domain
import Plot

/// The front page: what MotCua is, and where to go next.
struct HomePage {
    var identity: Identity?
    var unitCount: Int

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Hệ thống một cửa điện tử và cải cách hành chính Hà Nội")),
            .p(.class("lead"), .text("Tra cứu thủ tục, nộp và theo dõi hồ sơ; đo lường chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg), chỉ số hài lòng (SIPAS) và chỉ số cải cách hành chính (PAR INDEX) trực tiếp từ dữ liệu vận hành.")),
            greeting,
            .ul(
                .class("cards"),
                .li(.class("card"), .h2(.a(.href(SiteRoute.units.path), .text("Đơn vị hành chính"))),
                    .p(.text("\(unitCount) đơn vị: 126 xã, phường từ ngày 01/07/2025, các quận, huyện và xã, phường trước đó, cùng quan hệ sắp xếp."))),
                .li(.class("card"), .h2(.a(.href(SiteRoute.glossary.path), .text("Thuật ngữ, chữ viết tắt"))),
                    .p(.text("TTHC, UBND, CCHC, PAR INDEX, SIPAS và các thuật ngữ khác được giải thích."))),
                .li(.class("card"), .h2(.a(.href(SiteRoute.apiUnits.path), .text("Dữ liệu mở"))),
                    .p(.text("Danh sách đơn vị ở định dạng JSON, dùng tự do.")))
            ),
        ]
    }

    private var greeting: Node<HTML.BodyContext> {
        guard let identity else {
            return .p(.text("Cán bộ, công chức: "), .a(.href(SiteRoute.signIn.path), .text("đăng nhập")), .text(" để làm việc."))
        }
        return .section(
            .class("greeting"), .attribute(named: "aria-labelledby", value: "greeting-title"),
            .h2(.id("greeting-title"), .text("Xin chào, \(identity.user.displayName)")),
            .p(.text("Vai trò của bạn:")),
            .ul(.forEach(identity.grants) { .li(.text($0.role.title)) })
        )
    }
}

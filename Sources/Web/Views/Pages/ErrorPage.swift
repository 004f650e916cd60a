import Hummingbird
import Plot
import Services

/// The answer to a refused or failed request, in Vietnamese, with a way back.
struct ErrorPage {
    var status: HTTPResponse.Status
    var message: String
    /// The page that was asked for: signing in from here returns to it.
    var path = SiteRoute.home.path

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "Cần đăng nhập"
        case 403: "Không có quyền truy cập"
        case 404: "Không tìm thấy"
        case 405: "Phương thức không được hỗ trợ"
        case 429: "Quá nhiều yêu cầu"
        case 503: "Tạm thời chưa phục vụ được"
        case 507: "Máy chủ hết chỗ lưu trữ"
        case 400..<500: "Yêu cầu không hợp lệ"
        default: "Lỗi hệ thống"
        }
    }

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(Self.title(status))),
            .p(.class("notice notice--error"), .text(message)),
            .if(
                status == .unauthorized,
                .p(.a(.class("button"), .href(SiteRoute.signIn(returningTo: path)), .text("Đăng nhập để tiếp tục")))),
            .p(.a(.href(SiteRoute.home.path), .text("Về trang chủ"))),
        ]
    }
}

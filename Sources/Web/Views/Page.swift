import Foundation
import Hummingbird
import Plot
import Services

/// A page of the site: a title and body content, rendered inside the common layout with the signed-in person,
/// the CSRF token and the navigation.
struct Page {
    var title: String
    var body: [Node<HTML.BodyContext>]
    var status: HTTPResponse.Status = .ok
    /// Shown to the public on a shared device: no menu, no account (``Layout/isKiosk``).
    var isKiosk = false

    init(_ title: String, body: [Node<HTML.BodyContext>], status: HTTPResponse.Status = .ok, isKiosk: Bool = false) {
        self.title = title
        self.body = body
        self.status = status
        self.isKiosk = isKiosk
    }

    func render(context: AppRequestContext, request: Request) -> Response {
        let html = Layout(
            title: title, identity: context.identity, csrfToken: context.csrfToken, currentPath: request.uri.path, isKiosk: isKiosk
        )
        .document(content: body)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: ResponsiveTables.label(html.render()))))
    }
}

/// How dates and times are shown: dd/MM/yyyy and HH:mm in Hà Nội's time zone.
enum DisplayFormat {
    static func dateTime(_ date: Date, in zone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day!, c.month!, c.year!, c.hour!, c.minute!)
    }

    /// "1.200.000 đ": đồng with dots between thousands, the sign kept on the amount's line (a no-break space).
    static func money(_ amount: Int) -> String { integer(amount) + "\u{00A0}đ" }

    /// "12.345": a count with dots between thousands, as Vietnamese writes it.
    static func integer(_ value: Int) -> String {
        var digits = String(value.magnitude)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (value < 0 ? "-" : "") + groups.joined(separator: ".")
    }
}

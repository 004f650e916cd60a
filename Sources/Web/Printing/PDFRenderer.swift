import Foundation
import Hummingbird
import Plot
import Services

/// The printed forms as PDF answers (the renderer itself is in Services).
extension PDFRenderer {
    /// A PDF answer for a printed page, or a clear refusal when this server has no browser to print with.
    static func response(
        _ renderer: PDFRenderer?, title: String, fileName: String, content: [Node<HTML.BodyContext>]
    ) async throws -> Response {
        guard let renderer else {
            throw AppError.unavailable(
                "Máy chủ chưa cài trình tạo tệp PDF. Vui lòng dùng nút “In phiếu” của trình duyệt (có thể chọn “Lưu thành PDF”).")
        }
        let data: Data
        do {
            data = try await renderer.pdf(html: document(title: title, content: content, stylesheet: Asset.stylesheet.text))
        } catch {
            throw AppError.unavailable("Không tạo được tệp PDF lúc này. Vui lòng thử lại hoặc dùng nút “In phiếu”.")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = "inline; filename=\"\(fileName)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The standalone document a form prints from: the page's content with the site's stylesheet inline.
    static func document(title: String, content: [Node<HTML.BodyContext>], stylesheet: String) -> String {
        HTML(
            .lang(.vietnamese),
            .head(.encoding(.utf8), .element(named: "title", text: title), .element(named: "style", nodes: [.raw(stylesheet)])),
            .body(.main(.group(content)))
        ).render()
    }
}

import Crypto
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import Services

/// Protects every state-changing request against cross-site request forgery with a signed double-submit
/// token: a random value in an HttpOnly, SameSite=Strict cookie, and in each form (or the `X-CSRF-Token`
/// header) its HMAC under the server's secret. A request without the matching pair is refused with 403.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "motcua_csrf"
    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    let secret: Data
    let secureCookie: Bool

    init(secret: String, secureCookie: Bool) {
        self.secret = Data(secret.utf8)
        self.secureCookie = secureCookie
    }

    func token(for cookieValue: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(cookieValue.utf8), using: SymmetricKey(data: secret))
        return Data(code).base64EncodedString()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let existing = request.cookies[Self.cookieName].map(\.value).flatMap { $0.count == 43 ? $0 : nil }
        let cookieValue = existing ?? randomToken(bytes: 32)
        context.csrfToken = token(for: cookieValue)
        if ![.get, .head, .options].contains(request.method) {
            guard existing != nil, let submitted = try await submittedToken(&request, context: context),
                constantTimeEquals(submitted, context.csrfToken)
            else {
                context.logger.info("csrf check failed", metadata: ["path": "\(request.uri.path)"])
                throw AppError.csrf
            }
        }
        var response = try await next(request, context)
        if existing == nil {
            let cookie = Cookie(
                name: Self.cookieName, value: cookieValue, path: "/", secure: secureCookie, httpOnly: true,
                sameSite: .strict)
            response.headers[values: .setCookie].append(cookie.description)
        }
        return response
    }

    /// The token from the header, or from the `_csrf` field of a URL-encoded or multipart form body.
    private func submittedToken(_ request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[Self.headerName] { return header }
        let contentType = request.headers[.contentType] ?? ""
        if let boundary = Self.multipartBoundary(contentType) {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            return (try? FormDataDecoder().decode(TokenField.self, from: body, boundary: boundary))?.token
        }
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return nil
        }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let text = String(buffer: body)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == Self.fieldName {
                return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
        }
        return nil
    }
}

extension CSRFMiddleware {
    struct TokenField: Decodable {
        var token: String?
        enum CodingKeys: String, CodingKey { case token = "_csrf" }
    }

    /// The boundary of a `multipart/form-data` content type.
    static func multipartBoundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}

func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf8)
    let b = Array(rhs.utf8)
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}

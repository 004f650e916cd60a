import Hummingbird
import Services

/// MotCua's pages use GET, HEAD and POST only, and its JSON API (read-only) GET and HEAD: any other method is
/// answered 405 with `Allow`, before the session or the form-token check would refuse it as a forged form.
struct MethodMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static func allowed(on path: String) -> [HTTPRequest.Method] {
        path.hasPrefix(SiteRoute.apiPrefix) ? [.get, .head] : [.get, .head, .post]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.allowed(on: request.uri.path).contains(request.method) else { throw AppError.methodNotAllowed }
        return try await next(request, context)
    }
}

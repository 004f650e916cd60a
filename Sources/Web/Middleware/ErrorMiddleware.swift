import Foundation
import Hummingbird
import Services

/// Maps every error to one answer: a Vietnamese page for people, `{"error":{"code","message"}}` for the API.
/// Known errors are logged at info; anything else is a 500 logged at error, with no detail shown.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let thrown {
            var context = context
            var error = thrown
            if let failure = thrown as? SignedInFailure {
                (context.identity, context.csrfToken, error) = (failure.identity, failure.csrfToken, failure.error)
            }
            let known = AppError(error)
            let status = known?.status ?? .internalServerError
            let message = known?.message ?? "Hệ thống gặp sự cố. Vui lòng thử lại sau."
            if known == .overloaded {
                // Shed without logging each refusal: under overload the log would add to the load.
            } else if known == nil {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            } else if !(error is AppError), known == .insufficientStorage || known?.status == .serviceUnavailable {
                // The machine's trouble (a full disk, a database or scanner that does not answer): the operator needs the cause.
                context.logger.warning(
                    "request refused",
                    metadata: [
                        "path": "\(request.uri.path)", "status": "\(status.code)",
                        "error": "\(String(reflecting: error))",
                    ])
            } else {
                context.logger.info("request refused", metadata: ["path": "\(request.uri.path)", "status": "\(status.code)"])
            }
            var response: Response
            if request.uri.path.hasPrefix(SiteRoute.apiPrefix) {
                response = try APIError(code: known?.code ?? "internal_error", message: message)
                    .response(from: request, context: context)
                response.status = status
            } else {
                let page = ErrorPage(
                    status: status, message: message, path: request.method == .get ? request.uri.path : SiteRoute.home.path)
                response = Page(ErrorPage.title(status), body: page.body, status: status)
                    .render(context: context, request: request)
            }
            switch known {
            case .tooManyRequests(let seconds): response.headers[.retryAfter] = String(seconds)
            case .insufficientStorage: response.headers[.retryAfter] = "300"
            case .unavailable: response.headers[.retryAfter] = "10"
            case .overloaded: response.headers[.retryAfter] = "2"
            case .methodNotAllowed:
                response.headers[.allow] = MethodMiddleware.allowed(on: request.uri.path).map(\.rawValue).joined(separator: ", ")
            default: break
            }
            return response
        }
    }
}

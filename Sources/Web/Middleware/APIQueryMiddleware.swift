import Hummingbird
import Services

/// The pages treat an empty number, date or choice in a query as "any" (a form's empty select); the API does
/// not: a typed parameter that is present must hold a value, or the request is refused with 400.
struct APIQueryMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The query parameters openapi.yaml types as integers, dates or enumerations (`APITests` checks the list).
    static let typed: Set<String> = ["unitId", "kind", "validOn", "onlineLevel", "online", "event", "from", "to"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix(SiteRoute.apiPrefix),
            let empty = request.uri.queryParameters.first(where: { Self.typed.contains(String($0.key)) && $0.value.isEmpty })
        {
            throw AppError.badRequest("Tham số \(empty.key) không được để trống.")
        }
        return try await next(request, context)
    }
}

import Hummingbird
import Persistence
import Services

/// Refuses every change (a POST) with 507 and Retry-After while the SQLite file's disk is below its
/// ``StorageReserve``, before the session, the form token or the route would write anything. Readings go on,
/// but for those that are audited: ``AppServices/audit(_:)`` refuses them at the same reserve.
struct StorageReserveMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let reserve: StorageReserve

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method != .get, request.method != .head { try reserve.ensureRoom() }
        return try await next(request, context)
    }
}

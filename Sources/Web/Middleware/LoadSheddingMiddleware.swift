import Hummingbird
import Services
import Synchronization

/// Sheds load: at most `limit` requests are handled at once; one more is refused at once with 503 and
/// Retry-After rather than queued, so the accepted ones keep their latency and the client is told when to come
/// back (issue 10, figure 3). The health check is never refused.
struct LoadSheddingMiddleware<Context: RequestContext>: RouterMiddleware {
    final class Gate: Sendable {
        let limit: Int
        private let inFlight = Atomic<Int>(0)

        init(limit: Int) { self.limit = limit }

        /// Takes a place if one is free.
        func enter() -> Bool {
            if inFlight.add(1, ordering: .acquiringAndReleasing).newValue <= limit { return true }
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
            return false
        }

        func leave() { inFlight.subtract(1, ordering: .acquiringAndReleasing) }
    }

    let gate: Gate
    let exempt: Set<String>

    init(limit: Int, exempt: Set<String> = [SiteRoute.health.path]) {
        gate = Gate(limit: limit)
        self.exempt = exempt
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if exempt.contains(request.uri.path) { return try await next(request, context) }
        guard gate.enter() else { throw AppError.overloaded }
        defer { gate.leave() }
        return try await next(request, context)
    }
}

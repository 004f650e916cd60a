import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import Services
@testable import Web

/// Beyond the limit of requests in flight, one more is refused at once with 503 and Retry-After; the health
/// check never is; a place freed is taken again (issue 10, figure 3).
@Suite struct LoadSheddingTests {
    /// Requests that wait in their handler until released.
    final class Hold: Sendable {
        let entered = Atomic<Int>(0)
        let released = Atomic<Bool>(false)
    }

    @Test func theRequestBeyondTheLimitIsShedWithRetryAfter() async throws {
        let hold = Hold()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: LoadSheddingMiddleware(limit: 2))
        router.get("/slow") { _, _ in
            hold.entered.add(1, ordering: .relaxed)
            while !hold.released.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
            return "done"
        }
        router.get("/fast") { _, _ in "fast" }
        router.get(SiteRoute.health.pattern) { _, _ in "ok" }
        try await Application(router: router).test(.router) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<2 { group.addTask { try await client.execute(uri: "/slow", method: .get).status } }
                while hold.entered.load(ordering: .relaxed) < 2 { try await Task.sleep(for: .milliseconds(5)) }
                let shed = try await client.execute(uri: "/fast", method: .get)
                #expect(shed.status == .serviceUnavailable)
                #expect(shed.headers[.retryAfter] == "2")
                #expect(String(buffer: shed.body).contains("quá nhiều yêu cầu"))
                #expect(try await client.execute(uri: SiteRoute.health.path, method: .get).status == .ok)
                hold.released.store(true, ordering: .relaxed)
                for try await status in group { #expect(status == .ok) }
            }
            #expect(try await client.execute(uri: "/fast", method: .get).status == .ok)
        }
    }
}

import Foundation
import Hummingbird
import Persistence
import Services
import Synchronization

/// hummingbird-auth's session storage over the `sessions` table, so sessions survive restarts and are shared
/// by every instance. Values are JSON.
struct DatabasePersistDriver: PersistDriver {
    let store: SessionStore
    let clock: @Sendable () -> Date

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await store.create(key: key, value: try encode(value), expiresAt: expiry(expires))
        } catch PersistenceError.duplicate {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.set(key: key, value: try encode(value), expiresAt: expiry(expires))
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = clock()
        let found: (value: String, expiresAt: Date?)?
        do { found = try await store.get(key: key, at: now) } catch {
            SessionReadFailure.current?.record(error)
            throw error
        }
        guard let stored = found else { return nil }
        let object = try JSONDecoder().decode(Object.self, from: Data(stored.value.utf8))
        let ttl = stored.expiresAt.map { Duration.milliseconds(Int64($0.timeIntervalSince(now) * 1000)) }
        return (object, ttl)
    }

    func remove(key: String) async throws {
        try await store.remove(key: key)
    }

    private func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private func expiry(_ duration: Duration?) -> Date? {
        duration.map { clock().addingTimeInterval(Double($0.components.seconds)) }
    }
}

/// hummingbird-auth reads a session that cannot be loaded as no session at all — signed out. When the database
/// does not answer, that would send a signed-in person to the sign-in page; so the failure is kept for the
/// request here (set up by ``SessionReadFailure/Middleware``) and raised by ``IdentityMiddleware`` (a 503).
final class SessionReadFailure: Sendable {
    @TaskLocal static var current: SessionReadFailure?
    private let stored = Mutex<(any Error)?>(nil)

    var error: (any Error)? { stored.withLock { $0 } }
    func record(_ error: any Error) { stored.withLock { $0 = error } }

    struct Middleware: RouterMiddleware {
        typealias Context = AppRequestContext
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            try await SessionReadFailure.$current.withValue(SessionReadFailure()) { try await next(request, context) }
        }
    }
}

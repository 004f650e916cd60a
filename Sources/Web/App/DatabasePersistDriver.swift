import Foundation
import Hummingbird
import Persistence

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
        guard let stored = try await store.get(key: key, at: now) else { return nil }
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

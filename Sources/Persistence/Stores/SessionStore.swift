import Foundation
import SQLKit

/// Web sessions as key → JSON value with an optional expiry. Keys are stored as their SHA-256, so the table
/// does not contain usable cookies. Expired rows read as absent and are purged by ``purgeExpired(at:)``.
public struct SessionStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    static func keyHash(_ key: String) -> String {
        sha256Hex(key)
    }

    /// Inserts a new key; fails with ``PersistenceError/duplicate(_:)`` if it exists.
    public func create(key: String, value: String, expiresAt: Date?) async throws {
        let hash = Self.keyHash(key)
        if try await database.select().column("key_hash").from("sessions").where("key_hash", .equal, hash).first() != nil {
            throw PersistenceError.duplicate("session")
        }
        try await database.insert(into: "sessions").columns("key_hash", "value", "expires_at")
            .values(SQLBind(hash), SQLBind(value), SQLBind(expiresAt?.milliseconds)).run()
    }

    /// Inserts or replaces a key. A nil `expiresAt` keeps the current expiry of an existing row.
    public func set(key: String, value: String, expiresAt: Date?) async throws {
        let hash = Self.keyHash(key)
        var update = database.update("sessions").set("value", to: value)
        if let expiresAt { update = update.set("expires_at", to: expiresAt.milliseconds) }
        let existing = try await database.select().column("key_hash").from("sessions").where("key_hash", .equal, hash).first()
        if existing != nil {
            try await update.where("key_hash", .equal, hash).run()
        } else {
            try await database.insert(into: "sessions").columns("key_hash", "value", "expires_at")
                .values(SQLBind(hash), SQLBind(value), SQLBind(expiresAt?.milliseconds)).run()
        }
    }

    /// The value and expiry of a live key.
    public func get(key: String, at time: Date) async throws -> (value: String, expiresAt: Date?)? {
        guard
            let row = try await database.select().columns("value", "expires_at").from("sessions")
                .where("key_hash", .equal, Self.keyHash(key)).first()
        else { return nil }
        let expiresAt = try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(milliseconds:))
        if let expiresAt, expiresAt <= time { return nil }
        return (try row.decode(column: "value", as: String.self), expiresAt)
    }

    public func remove(key: String) async throws {
        try await database.delete(from: "sessions").where("key_hash", .equal, Self.keyHash(key)).run()
    }

    public func purgeExpired(at time: Date) async throws {
        try await database.delete(from: "sessions").where("expires_at", .lessThanOrEqual, time.milliseconds).run()
    }
}

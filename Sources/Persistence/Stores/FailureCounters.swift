import Domain
import Foundation
import SQLKit

/// Counts failed or guarded attempts per key in the database (table `sign_in_failures`, named for its first
/// use), so that every instance throttles alike: sign-in failures (`account:<name>`, `address:<ip>`) and public
/// tracking (`track-address:<ip>`, `track-code:<code>`).
public struct FailureCounters: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Until when the key is locked, if it is.
    public func lockedUntil(_ key: String, at time: Date) async throws -> Date? {
        guard
            let row = try await database.sql.select().column("locked_until").from("sign_in_failures")
                .where("key", .equal, key).first()
        else { return nil }
        let until = Date(milliseconds: try row.decode(column: "locked_until", as: Int64.self))
        return until > time ? until : nil
    }

    /// Counts one more failure and returns the lock it causes (nil while attempts are free).
    @discardableResult
    public func recordFailure(_ key: String, at time: Date, policy: ThrottlePolicy) async throws -> Date? {
        try await database.transaction { session in
            let row = try await session.select().columns("failures", "first_failure_at").from("sign_in_failures")
                .where("key", .equal, key).first()
            var failures = 1
            var firstFailure = time
            if let row {
                let previousFirst = Date(milliseconds: try row.decode(column: "first_failure_at", as: Int64.self))
                if time.timeIntervalSince(previousFirst) <= policy.window {
                    failures = try row.decode(column: "failures", as: Int.self) + 1
                    firstFailure = previousFirst
                }
                try await session.delete(from: "sign_in_failures").where("key", .equal, key).run()
            }
            let delay = policy.delay(afterFailures: failures)
            let lockedUntil = time.addingTimeInterval(delay)
            try await session.insert(into: "sign_in_failures")
                .columns("key", "failures", "first_failure_at", "locked_until")
                .values(SQLBind(key), SQLBind(Int64(failures)), SQLBind(firstFailure.milliseconds), SQLBind(lockedUntil.milliseconds))
                .run()
            return delay > 0 ? lockedUntil : nil
        }
    }

    /// Forgets counters whose window has passed and whose lock has ended: they no longer affect anything.
    public func purgeStale(at time: Date, window: TimeInterval) async throws {
        try await database.sql.delete(from: "sign_in_failures")
            .where("first_failure_at", .lessThan, time.addingTimeInterval(-window).milliseconds)
            .where("locked_until", .lessThan, time.milliseconds)
            .run()
    }

    public func clear(_ key: String) async throws {
        try await database.sql.delete(from: "sign_in_failures").where("key", .equal, key).run()
    }
}

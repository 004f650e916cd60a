import Domain
import Foundation
import SQLKit

/// What the outboxes share (the national portal's `portal_outbox`, the applicants' `notifications`): rows with
/// a `status` of pending, sent or failed, `attempts`, `next_attempt_at`, `last_error` and `sent_at`, claimed
/// before an attempt and retried on a schedule.
struct OutboxTable: Sendable {
    let database: any SQLDatabase
    let name: String

    /// Takes a pending row for one attempt, if its attempt time is still the one the caller read: of several
    /// instances one wins it, and the lease makes an attempt that crashed due again later.
    func claim(id: Int64, seenAttemptAt: Date, until lease: Date) async throws -> Bool {
        try await !database.update(name).set("next_attempt_at", to: lease.milliseconds)
            .where("id", .equal, id).where("status", .equal, "pending")
            .where("next_attempt_at", .equal, seenAttemptAt.milliseconds)
            .returning("id").all().isEmpty
    }

    func markSent(id: Int64, at time: Date) async throws {
        try await database.update(name).set("status", to: "sent").set("sent_at", to: time.milliseconds)
            .set("last_error", to: SQLLiteral.null).where("id", .equal, id).run()
    }

    /// Records a failed attempt: pending again after the schedule's delay, or failed after its last attempt.
    func markFailed(id: Int64, previousAttempts: Int, error: String, at time: Date, schedule: RetrySchedule) async throws {
        let attempts = previousAttempts + 1
        let delay = schedule.delay(afterAttempts: attempts)
        try await database.update(name)
            .set("attempts", to: Int64(attempts))
            .set("status", to: delay == nil ? "failed" : "pending")
            .set("next_attempt_at", to: time.addingTimeInterval(delay ?? 0).milliseconds)
            .set("last_error", to: String(error.prefix(500)))
            .where("id", .equal, id).run()
    }

    /// How many rows have each status.
    /// Puts the failed rows back in the queue (the administrator's retry); returns how many.
    @discardableResult
    func retryFailed(at time: Date) async throws -> Int {
        let count =
            try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(name).where(
                "status", .equal, "failed"
            )
            .first()?.decode(column: "n", as: Int.self) ?? 0
        try await database.update(name).set("status", to: "pending").set("attempts", to: Int64(0))
            .set("next_attempt_at", to: time.milliseconds).where("status", .equal, "failed").run()
        return count
    }

    func counts<Status: RawRepresentable & Hashable>(as _: Status.Type) async throws -> [Status: Int] where Status.RawValue == String {
        let rows = try await database.select().column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(name).groupBy("status").all()
        var result: [Status: Int] = [:]
        for row in rows {
            if let status = Status(rawValue: try row.decode(column: "status", as: String.self)) {
                result[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return result
    }
}

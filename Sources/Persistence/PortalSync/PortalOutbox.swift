import Domain
import Foundation
import SQLKit

/// One message for the national portal: a dossier event in the documented JSON shape (docs/PORTAL-SYNC.md).
public struct PortalMessage: Sendable, Equatable, Codable {
    public struct Event: Sendable, Equatable, Codable {
        public var sequence: Int
        public var action: String
        public var status: String
        public var occurredAt: String
        public var reason: String
    }

    public var schema = "motcua.dossier-event/1"
    public var dossierCode: String
    public var procedureCode: String
    public var receivingUnitCode: String
    public var processingUnitCode: String
    public var channel: String
    public var receivedAt: String
    public var dueAt: String?
    public var appointmentAt: String?
    public var finishedAt: String?
    public var event: Event
}

/// The outbox: rows written with each dossier event, claimed and sent by the sync service with retries.
public struct PortalOutbox: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    public enum Status: String, Sendable, CaseIterable, Codable {
        /// Waiting to be sent (or to be retried at its next attempt time).
        case pending
        /// Accepted by the portal.
        case sent
        /// Given up after the last retry; an administrator may retry it.
        case failed

        public var title: String {
            switch self {
            case .pending: "Chờ gửi"
            case .sent: "Đã đồng bộ"
            case .failed: "Gửi không thành công"
            }
        }
    }

    /// A queued row as the sync service and the admin page see it.
    public struct Row: Sendable, Equatable {
        public var id: Int64
        public var dossierID: Int64
        public var message: PortalMessage
        public var status: Status
        public var attempts: Int
        public var nextAttemptAt: Date
        public var lastError: String?
    }

    /// Queues the message of a dossier event, inside the event's transaction.
    /// One message to enqueue: the dossier after the event, the event, and the codes the portal knows.
    struct Entry: Sendable {
        var dossier: Dossier
        var event: DossierEvent
        var units: (receiving: String, processing: String)
        var procedureCode: String
    }

    /// Writes the messages of `entries` in one insert, inside the caller's transaction; each is due at once.
    func enqueue(_ entries: [Entry]) async throws {
        guard !entries.isEmpty else { return }
        // UTC instants in ISO 8601 (…+00:00), written without allocating a date formatter per message.
        let iso = { (date: Date) in LocalClock(utcOffsetMinutes: 0).iso(date) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let insert = database.insert(into: "portal_outbox")
            .columns("dossier_id", "event_sequence", "payload", "status", "attempts", "next_attempt_at", "created_at")
        for entry in entries {
            let dossier = entry.dossier, event = entry.event
            let message = PortalMessage(
                dossierCode: dossier.code.text, procedureCode: entry.procedureCode, receivingUnitCode: entry.units.receiving,
                processingUnitCode: entry.units.processing, channel: dossier.channel.rawValue, receivedAt: iso(dossier.receivedAt),
                dueAt: dossier.dueAt.map(iso), appointmentAt: dossier.appointmentAt.map(iso), finishedAt: dossier.finishedAt.map(iso),
                event: .init(
                    sequence: event.sequence, action: event.action, status: event.statusAfter.rawValue, occurredAt: iso(event.occurredAt),
                    reason: event.reason))
            insert.values(
                SQLBind(dossier.id), SQLBind(Int64(event.sequence)), SQLBind(String(decoding: try encoder.encode(message), as: UTF8.self)),
                SQLBind(Status.pending.rawValue), SQLBind(Int64(0)), SQLBind(event.occurredAt.milliseconds),
                SQLBind(event.occurredAt.milliseconds))
        }
        try await insert.run()
    }

    /// Pending rows whose attempt time has come, oldest first; a row waits while an earlier event of the
    /// same dossier is unsent, so that the portal receives each dossier's events in order.
    public func due(at time: Date, limit: Int = 100) async throws -> [Row] {
        let earlierUnsent = database.select().column(SQLLiteral.numeric("1"))
            .from(SQLAlias(SQLIdentifier("portal_outbox"), as: SQLIdentifier("earlier")))
            .where(SQLColumn("dossier_id", table: "earlier"), .equal, SQLColumn("dossier_id", table: "portal_outbox"))
            .where(SQLColumn("id", table: "earlier"), .lessThan, SQLColumn("id", table: "portal_outbox"))
            .where(SQLColumn("status", table: "earlier"), .notEqual, SQLBind(Status.sent.rawValue))
        return try await database.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("portal_outbox"))).from("portal_outbox")
            .where(SQLColumn("status", table: "portal_outbox"), .equal, SQLBind(Status.pending.rawValue))
            .where(SQLColumn("next_attempt_at", table: "portal_outbox"), .lessThanOrEqual, SQLBind(time.milliseconds))
            .where(SQLFunction("NOT EXISTS", args: earlierUnsent.select))
            .orderBy(SQLOrderBy(expression: SQLColumn("id", table: "portal_outbox"), direction: SQLDirection.ascending))
            .limit(limit).all().map(Self.decode)
    }

    var table: OutboxTable { OutboxTable(database: database, name: "portal_outbox") }

    /// Takes a row for one attempt: only one worker (of several instances) wins it.
    public func claim(_ row: Row, until lease: Date) async throws -> Bool {
        try await table.claim(id: row.id, seenAttemptAt: row.nextAttemptAt, until: lease)
    }

    public func markSent(_ id: Int64, at time: Date) async throws {
        try await table.markSent(id: id, at: time)
    }

    /// Records a failed attempt: retried after a growing delay (1, 2, 4 … minutes, at most a day), given up
    /// after the schedule's last attempt.
    public func markFailed(_ row: Row, error: String, at time: Date, schedule: RetrySchedule = RetrySchedule()) async throws {
        try await table.markFailed(id: row.id, previousAttempts: row.attempts, error: error, at: time, schedule: schedule)
    }

    /// Puts the failed rows back in the queue (the administrator's retry).
    public func retryFailed(at time: Date) async throws {
        try await table.retryFailed(at: time)
    }

    public func counts() async throws -> [Status: Int] {
        try await table.counts(as: Status.self)
    }

    /// The most recent rows that failed at least once, for the admin page.
    public func recentProblems(limit: Int = 20) async throws -> [Row] {
        try await database.select().column("*").from("portal_outbox").where("last_error", .isNot, SQLLiteral.null)
            .where("status", .notEqual, Status.sent.rawValue).orderBy("id", .descending).limit(limit).all().map(Self.decode)
    }

    /// The sync status of one dossier's events.
    public func rows(of dossierID: Int64) async throws -> [Row] {
        try await database.select().column("*").from("portal_outbox").where("dossier_id", .equal, dossierID).orderBy("id").all().map(
            Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> Row {
        let payload = try row.decode(column: "payload", as: String.self)
        guard let message = try? JSONDecoder().decode(PortalMessage.self, from: Data(payload.utf8)) else {
            throw PersistenceError.corrupt("portal outbox payload \(try row.decode(column: "id", as: Int64.self))")
        }
        return Row(
            id: try row.decode(column: "id", as: Int64.self), dossierID: try row.decode(column: "dossier_id", as: Int64.self),
            message: message,
            status: try decodeEnum(row, "status", as: Status.self), attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Date(milliseconds: try row.decode(column: "next_attempt_at", as: Int64.self)),
            lastError: try row.decode(column: "last_error", as: String?.self))
    }
}

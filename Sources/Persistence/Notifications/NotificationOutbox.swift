import Domain
import Foundation
import SQLKit

/// Messages to applicants waiting to be sent, being retried, sent or given up (`notifications`).
public struct NotificationOutbox: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    public enum Status: String, Sendable, CaseIterable, Codable {
        /// Waiting to be sent, or to be retried at its next attempt time.
        case pending
        case sent
        /// Given up after the last retry.
        case failed
        /// Not sent because this server has no transport for the channel.
        case skipped

        public var title: String {
            switch self {
            case .pending: "Chờ gửi"
            case .sent: "Đã gửi"
            case .failed: "Gửi không thành công"
            case .skipped: "Không gửi (chưa cấu hình kênh)"
            }
        }
    }

    /// A message to write.
    public struct Message: Sendable, Equatable {
        public var dossierID: Int64?
        public var eventSequence: Int?
        public var purpose: NotificationPurpose
        public var channel: NotificationChannel
        public var recipient: String
        public var subject: String?
        public var body: String

        public init(
            dossierID: Int64?, eventSequence: Int?, purpose: NotificationPurpose, channel: NotificationChannel, recipient: String,
            subject: String?, body: String
        ) {
            self.dossierID = dossierID
            self.eventSequence = eventSequence
            self.purpose = purpose
            self.channel = channel
            self.recipient = recipient
            self.subject = subject
            self.body = body
        }
    }

    /// A stored message as the service and the pages see it.
    public struct Row: Sendable, Equatable {
        public var id: Int64
        public var message: Message
        public var status: Status
        public var attempts: Int
        public var nextAttemptAt: Date
        public var lastError: String?
        public var createdAt: Date
        public var sentAt: Date?
    }

    /// Writes messages inside the caller's transaction, due at `time`. A message for an event and channel that
    /// already has one is not written again.
    public func enqueue(_ messages: [Message], at time: Date) async throws {
        guard !messages.isEmpty else { return }
        let insert = database.insert(into: "notifications")
            .columns(
                "dossier_id", "event_sequence", "purpose", "channel", "recipient", "subject", "body", "status", "attempts",
                "next_attempt_at",
                "created_at")
        for message in messages {
            insert.values(
                SQLBind(message.dossierID), SQLBind(message.eventSequence.map(Int64.init)), SQLBind(message.purpose.rawValue),
                SQLBind(message.channel.rawValue), SQLBind(message.recipient), SQLBind(message.subject), SQLBind(message.body),
                SQLBind(Status.pending.rawValue), SQLBind(Int64(0)), SQLBind(time.milliseconds), SQLBind(time.milliseconds))
        }
        try await insert.ignoringConflicts(with: ["dossier_id", "event_sequence", "channel"]).run()
    }

    /// Pending messages whose attempt time has come, oldest first.
    public func due(at time: Date, limit: Int = 100) async throws -> [Row] {
        try await database.select().column("*").from("notifications")
            .where("status", .equal, Status.pending.rawValue).where("next_attempt_at", .lessThanOrEqual, time.milliseconds)
            .orderBy("id").limit(limit).all().map(Self.decode)
    }

    var table: OutboxTable { OutboxTable(database: database, name: "notifications") }

    /// Takes a message for one attempt: of several instances, one wins it; the lease makes a crashed attempt
    /// due again later.
    public func claim(_ row: Row, until lease: Date) async throws -> Bool {
        try await table.claim(id: row.id, seenAttemptAt: row.nextAttemptAt, until: lease)
    }

    public func markSent(_ id: Int64, at time: Date) async throws {
        try await table.markSent(id: id, at: time)
    }

    public func markSkipped(_ id: Int64, reason: String) async throws {
        try await database.update("notifications").set("status", to: Status.skipped.rawValue).set("last_error", to: reason)
            .where("id", .equal, id).run()
    }

    /// Records a failed attempt: retried on the schedule, given up after its last attempt.
    public func markFailed(_ row: Row, error: String, at time: Date, schedule: RetrySchedule = RetrySchedule()) async throws {
        try await table.markFailed(id: row.id, previousAttempts: row.attempts, error: error, at: time, schedule: schedule)
    }

    /// The messages of one dossier, oldest first.
    public func rows(of dossierID: Int64) async throws -> [Row] {
        try await database.select().column("*").from("notifications").where("dossier_id", .equal, dossierID).orderBy("id").all().map(
            Self.decode)
    }

    /// The most recent messages, newest first (the administrators' delivery page).
    public func recent(limit: Int = 100) async throws -> [Row] {
        try await database.select().column("*").from("notifications").orderBy("id", .descending).limit(limit).all().map(Self.decode)
    }

    public func counts() async throws -> [Status: Int] {
        try await table.counts(as: Status.self)
    }

    /// Puts the messages given up on back in the queue (the administrator's retry); returns how many.
    @discardableResult
    public func retryFailed(at time: Date) async throws -> Int {
        try await table.retryFailed(at: time)
    }

    /// The most recent messages given up on, newest first.
    public func failed(limit: Int = 20) async throws -> [Row] {
        try await database.select().column("*").from("notifications").where("status", .equal, Status.failed.rawValue).orderBy(
            "id", .descending
        )
        .limit(limit).all().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> Row {
        Row(
            id: try row.decode(column: "id", as: Int64.self),
            message: Message(
                dossierID: try row.decode(column: "dossier_id", as: Int64?.self),
                eventSequence: try row.decode(column: "event_sequence", as: Int?.self),
                purpose: try decodeEnum(row, "purpose", as: NotificationPurpose.self),
                channel: try decodeEnum(row, "channel", as: NotificationChannel.self),
                recipient: try row.decode(column: "recipient", as: String.self),
                subject: try row.decode(column: "subject", as: String?.self),
                body: try row.decode(column: "body", as: String.self)),
            status: try decodeEnum(row, "status", as: Status.self), attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Date(milliseconds: try row.decode(column: "next_attempt_at", as: Int64.self)),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self)),
            sentAt: try row.decode(column: "sent_at", as: Int64?.self).map(Date.init(milliseconds:)))
    }
}

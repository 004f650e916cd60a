import Domain
import Foundation
import SQLKit

/// One piece of feedback as its unit and its submitter see it.
public struct FeedbackItem: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var subject: FeedbackSubject
    public var unitID: Int64
    public var dossierID: Int64?
    public var officer: String
    public var content: String
    public var contactName: String
    public var contactPhone: String?
    public var contactEmail: String?
    public var receivedAt: Date
    public var dueAt: Date
    public var answer: String?
    public var answeredAt: Date?
    public var publishable: Bool
    public var satisfied: Bool?
    /// When the sender rated the answer.
    public var ratedAt: Date? = nil
    /// The signed-in account that sent it, if any: it finds the item in its account without the private link.
    public var submittedBy: Int64? = nil

    /// "PA-000042": what the submitter quotes.
    public var code: String { "PA-" + String(repeating: "0", count: max(0, 6 - String(id).count)) + String(id) }

    public static func id(fromCode code: String) -> Int64? {
        let text = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard text.hasPrefix("PA-") else { return nil }
        return Int64(text.dropFirst(3))
    }

    public var isAnswered: Bool { answeredAt != nil }
}

/// Where feedback is kept: submitted by anyone (with a way to be answered), answered by the unit it is
/// routed to, rated by its submitter once answered, audited at each step.
public struct FeedbackStore: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    public struct Submission: Sendable {
        public var subject: FeedbackSubject
        public var unitID: Int64
        public var dossierID: Int64?
        public var officer: String
        public var content: String
        public var contactName: String
        public var contactPhone: String?
        public var contactEmail: String?
        public var submittedBy: Int64?

        public init(
            subject: FeedbackSubject, unitID: Int64, dossierID: Int64?, officer: String, content: String, contactName: String,
            contactPhone: String?, contactEmail: String?, submittedBy: Int64?
        ) {
            self.subject = subject
            self.unitID = unitID
            self.dossierID = dossierID
            self.officer = officer
            self.content = content
            self.contactName = contactName
            self.contactPhone = contactPhone
            self.contactEmail = contactEmail
            self.submittedBy = submittedBy
        }
    }

    public enum Problem: Error, Equatable {
        case notAnswered, alreadyRated, alreadyAnswered, emptyAnswer

        public var message: String {
            switch self {
            case .notAnswered: "Phản ánh chưa được trả lời."
            case .alreadyRated: "Ông/bà đã đánh giá câu trả lời này."
            case .alreadyAnswered: "Phản ánh này đã được trả lời."
            case .emptyAnswer: "Vui lòng nhập nội dung trả lời."
            }
        }
    }

    /// Keeps a submission, due `due`, and returns its id.
    public func submit(_ submission: Submission, tokenHash: String, due: Date, at time: Date) async throws -> Int64 {
        try await database.transaction { session in
            let row = try await session.insert(into: "feedback")
                .columns(
                    "subject", "unit_id", "dossier_id", "officer", "content", "contact_name", "contact_phone", "contact_email",
                    "submitted_by",
                    "token_hash", "received_at", "due_at", "publishable"
                )
                .values(
                    SQLBind(submission.subject.rawValue), SQLBind(submission.unitID), SQLBind(submission.dossierID),
                    SQLBind(submission.officer),
                    SQLBind(submission.content), SQLBind(submission.contactName), SQLBind(submission.contactPhone),
                    SQLBind(submission.contactEmail),
                    SQLBind(submission.submittedBy), SQLBind(tokenHash), SQLBind(time.milliseconds), SQLBind(due.milliseconds),
                    SQLBind(false)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("feedback insert returned no id")
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: submission.submittedBy, unitID: submission.unitID, action: "feedback.submit",
                    objectType: "feedback", objectID: String(id), reason: submission.subject.title), at: time, on: session)
            return id
        }
    }

    public func find(id: Int64) async throws -> FeedbackItem? {
        try await database.sql.select().column("*").from("feedback").where("id", .equal, id).first().map(Self.decode)
    }

    /// The item its submitter opens with the private token.
    public func find(id: Int64, tokenHash: String) async throws -> FeedbackItem? {
        try await database.sql.select().column("*").from("feedback").where("id", .equal, id).where("token_hash", .equal, tokenHash).first()
            .map(Self.decode)
    }

    /// What an account sent, newest first.
    public func submitted(by userID: Int64, limit: Int = 100) async throws -> [FeedbackItem] {
        try await database.sql.select().column("*").from("feedback").where("submitted_by", .equal, userID).orderBy("id", .descending).limit(
            limit
        )
        .all().map(Self.decode)
    }

    /// The items routed to some units, unanswered first by due instant, then the answered, newest first.
    public func inbox(units: [Int64]) async throws -> [FeedbackItem] {
        guard !units.isEmpty else { return [] }
        let items = try await database.sql.select().column("*").from("feedback").where("unit_id", .in, units).orderBy("id", .descending)
            .limit(500)
            .all().map(Self.decode)
        return items.filter { !$0.isAnswered }.sorted { $0.dueAt < $1.dueAt } + items.filter(\.isAnswered)
    }

    public func answer(_ id: Int64, text: String, publishable: Bool, by userID: Int64, at time: Date) async throws {
        let answer = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !answer.isEmpty else { throw Problem.emptyAnswer }
        try await database.transaction { session in
            let updated = try await session.update("feedback").set("answer", to: answer).set("answered_by", to: userID)
                .set("answered_at", to: time.milliseconds).set("publishable", to: publishable)
                .where("id", .equal, id).where("answered_at", .is, SQLLiteral.null).returning("unit_id").all()
            guard let unit = try updated.first?.decode(column: "unit_id", as: Int64.self) else { throw Problem.alreadyAnswered }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, unitID: unit, action: "feedback.answer", objectType: "feedback", objectID: String(id),
                    reason: publishable ? "được công khai" : "không công khai"), at: time, on: session)
        }
    }

    /// The submitter's one rating of the answer.
    public func rate(_ id: Int64, satisfied: Bool, at time: Date) async throws {
        try await database.transaction { session in
            guard let item = try await session.select().column("*").from("feedback").where("id", .equal, id).first().map(Self.decode) else {
                throw PersistenceError.notFound
            }
            guard item.isAnswered else { throw Problem.notAnswered }
            guard item.satisfied == nil else { throw Problem.alreadyRated }
            try await session.update("feedback").set("satisfied", to: satisfied).set("rated_at", to: time.milliseconds).where(
                "id", .equal, id
            ).run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: nil, unitID: item.unitID, action: "feedback.rate", objectType: "feedback", objectID: String(id),
                    reason: satisfied ? "hài lòng" : "không hài lòng"), at: time, on: session)
        }
    }

    /// Answered items the unit marked publishable, newest first (the public page shows no personal data).
    public func published(limit: Int = 100) async throws -> [FeedbackItem] {
        try await database.sql.select().column("*").from("feedback").where("publishable", .equal, true).where(
            "answered_at", .isNot, SQLLiteral.null
        )
        .orderBy("answered_at", .descending).limit(limit).all().map(Self.decode)
    }

    /// For the indices: items of a unit received in [start, end) — how many were due, answered on time, rated,
    /// and rated satisfied.
    public func handling(unitID: Int64, from start: Date, to end: Date) async throws -> (
        received: Int, onTime: Int, rated: Int, satisfied: Int
    ) {
        let items = try await database.sql.select().column("*").from("feedback").where("unit_id", .equal, unitID)
            .where("received_at", .greaterThanOrEqual, start.milliseconds).where("received_at", .lessThan, end.milliseconds).all().map(
                Self.decode)
        let onTime = items.filter { item in item.answeredAt.map { FeedbackRules.isOnTime(answeredAt: $0, due: item.dueAt) } ?? false }
        return (items.count, onTime.count, items.filter { $0.satisfied != nil }.count, items.filter { $0.satisfied == true }.count)
    }

    static func decode(_ row: any SQLRow) throws -> FeedbackItem {
        func instant(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(milliseconds:)) }
        return FeedbackItem(
            id: try row.decode(column: "id", as: Int64.self), subject: try decodeEnum(row, "subject", as: FeedbackSubject.self),
            unitID: try row.decode(column: "unit_id", as: Int64.self), dossierID: try row.decode(column: "dossier_id", as: Int64?.self),
            officer: try row.decode(column: "officer", as: String.self), content: try row.decode(column: "content", as: String.self),
            contactName: try row.decode(column: "contact_name", as: String.self),
            contactPhone: try row.decode(column: "contact_phone", as: String?.self),
            contactEmail: try row.decode(column: "contact_email", as: String?.self), receivedAt: try instant("received_at")!,
            dueAt: try instant("due_at")!,
            answer: try row.decode(column: "answer", as: String?.self), answeredAt: try instant("answered_at"),
            publishable: try row.decode(column: "publishable", as: Bool.self),
            satisfied: try row.decode(column: "satisfied", as: Bool?.self),
            ratedAt: try instant("rated_at"), submittedBy: try row.decode(column: "submitted_by", as: Int64?.self))
    }
}

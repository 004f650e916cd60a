import Domain
import Foundation
import SQLKit

/// A digest as recorded: the in-app copy of what a unit was urged about, to whom it was e-mailed.
public struct ReformUrge: Sendable, Equatable {
    public var id: Int64
    public var planID: Int64
    public var unitID: Int64
    public var asOf: LocalDate
    public var dueSoon: Int
    public var overdue: Int
    public var escalated: Bool
    public var body: String
    public var recipients: [String]
    public var actorID: Int64?
    public var at: Date
}

extension ReformStore {
    /// Records an urging run: each digest and its e-mails in one transaction. A unit already urged about the
    /// plan on that day is skipped — a second click or a second instance sends nothing twice. Returns the
    /// digests recorded now.
    @discardableResult
    public func recordUrges(
        _ digests: [(digest: ReformDigest, recipients: [String], messages: [NotificationOutbox.Message])], plan planID: Int64,
        by userID: Int64?, at time: Date
    ) async throws -> [ReformDigest] {
        try await database.transaction { session in
            var recorded: [ReformDigest] = []
            for item in digests where !item.digest.text.isEmpty {
                let row = try await session.insert(into: "reform_urges")
                    .columns("plan_id", "unit_id", "as_of", "due_soon", "overdue", "escalated", "body", "recipients", "actor_id", "at")
                    .values(
                        SQLBind(planID), SQLBind(item.digest.unitID), SQLBind(item.digest.asOf.iso), SQLBind(item.digest.dueSoon.count),
                        SQLBind(item.digest.overdue.count), SQLBind(item.digest.escalated), SQLBind(item.digest.text),
                        SQLBind(item.recipients.joined(separator: ",")), SQLBind(userID), SQLBind(time.milliseconds)
                    )
                    .ignoringConflicts(with: ["plan_id", "unit_id", "as_of"])
                    .returning("id").first()
                guard let id = try row?.decode(column: "id", as: Int64.self) else { continue }
                try await NotificationOutbox(session).enqueue(item.messages, at: time)
                try await AuditTrail.append(
                    AuditRecord(
                        actorID: userID, unitID: item.digest.unitID, action: "reform.urge", objectType: "reformUrge",
                        objectID: String(id),
                        reason: "\(item.digest.overdue.count) quá hạn, \(item.digest.dueSoon.count) sắp đến hạn"
                            + (item.digest.escalated ? ", báo cáo lãnh đạo" : "")),
                    at: time, on: session)
                recorded.append(item.digest)
            }
            return recorded
        }
    }

    /// The digests a plan's run wrote, newest first; of one unit when given.
    public func urges(plan planID: Int64, unit unitID: Int64? = nil) async throws -> [ReformUrge] {
        let query = database.sql.select().column("*").from("reform_urges").where("plan_id", .equal, planID)
        if let unitID { query.where("unit_id", .equal, unitID) }
        return try await query.orderBy("id", .descending).all().map { row in
            guard let asOf = LocalDate(iso: try row.decode(column: "as_of", as: String.self)) else {
                throw PersistenceError.corrupt("urge day")
            }
            return ReformUrge(
                id: try row.decode(column: "id", as: Int64.self), planID: planID, unitID: try row.decode(column: "unit_id", as: Int64.self),
                asOf: asOf, dueSoon: try row.decode(column: "due_soon", as: Int.self),
                overdue: try row.decode(column: "overdue", as: Int.self),
                escalated: try row.decode(column: "escalated", as: Bool.self), body: try row.decode(column: "body", as: String.self),
                recipients: try row.decode(column: "recipients", as: String.self).split(separator: ",").map(String.init),
                actorID: try row.decode(column: "actor_id", as: Int64?.self),
                at: Date(milliseconds: try row.decode(column: "at", as: Int64.self)))
        }
    }
}

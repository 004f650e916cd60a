import Domain
import Foundation
import SQLKit

/// The append-only, hash-chained audit trail (nhật ký hệ thống). Each row's hash covers the row and the
/// previous row's hash; ``verify(on:)`` walks the chain and reports the first row that does not fit.
public enum AuditTrail {
    /// Appends a record inside the caller's transaction and returns the stored row. The chain head is locked
    /// (`FOR UPDATE` on PostgreSQL; SQLite's write transaction already serialises writers).
    @discardableResult
    public static func append(_ record: AuditRecord, at time: Date, on session: any SQLDatabase) async throws -> AuditEntry {
        try await append([(record, time)], on: session)[0]
    }

    /// Appends records in order inside the caller's transaction, with one read and one update of the chain
    /// head and one insert for all of them.
    @discardableResult
    public static func append(_ records: [(record: AuditRecord, time: Date)], on session: any SQLDatabase) async throws -> [AuditEntry] {
        guard !records.isEmpty else { return [] }
        let head = try await session.select()
            .columns("last_sequence", "last_hash")
            .from("audit_head")
            .where("id", .equal, Int64(1))
            .for(.update)
            .first()
        guard let head else { throw PersistenceError.corrupt("audit_head row is missing") }
        var previousSequence = try head.decode(column: "last_sequence", as: Int64.self)
        var previousHash = try head.decode(column: "last_hash", as: String.self)
        var entries: [AuditEntry] = []
        entries.reserveCapacity(records.count)
        let insert = session.insert(into: "audit_log")
            .columns(
                "sequence", "occurred_at", "actor_id", "unit_id", "action", "object_type", "object_id", "reason",
                "previous_hash", "hash"
            )
        for (record, time) in records {
            var entry = AuditEntry(
                sequence: previousSequence + 1, occurredAt: Date(milliseconds: time.milliseconds),
                actorID: record.actorID, unitID: record.unitID, action: record.action, objectType: record.objectType,
                objectID: record.objectID, reason: record.reason, previousHash: previousHash, hash: ""
            )
            entry.hash = hash(of: entry)
            insert.values(
                SQLBind(entry.sequence), SQLBind(entry.occurredAt.milliseconds), SQLBind(entry.actorID),
                SQLBind(entry.unitID), SQLBind(entry.action), SQLBind(entry.objectType), SQLBind(entry.objectID),
                SQLBind(entry.reason), SQLBind(entry.previousHash), SQLBind(entry.hash)
            )
            entries.append(entry)
            previousSequence = entry.sequence
            previousHash = entry.hash
        }
        try await insert.run()
        try await session.update("audit_head")
            .set("last_sequence", to: previousSequence)
            .set("last_hash", to: previousHash)
            .where("id", .equal, Int64(1))
            .run()
        return entries
    }

    /// The SHA-256 of the row's canonical text, in lowercase hex.
    public static func hash(of entry: AuditEntry) -> String {
        sha256Hex(entry.canonicalText)
    }

    /// The outcome of checking the whole chain.
    public struct Verification: Sendable, Equatable {
        public var rowsChecked: Int
        /// The sequence number of the first row that is missing, altered or out of place; nil when intact.
        public var firstBrokenSequence: Int64?
        public var problem: String?
        public var isIntact: Bool { firstBrokenSequence == nil }
    }

    /// Walks the chain in pages, recomputing every hash and checking each link and the head.
    public static func verify(on database: any SQLDatabase, pageSize: Int = 5000) async throws -> Verification {
        var expectedSequence: Int64 = 1
        var previousHash = AuditEntry.genesisHash
        var checked = 0
        while true {
            let rows = try await database.select().column("*").from("audit_log")
                .where("sequence", .greaterThanOrEqual, expectedSequence)
                .orderBy("sequence").limit(pageSize).all()
            for row in rows {
                let entry = try decodeEntry(row)
                if entry.sequence != expectedSequence {
                    return Verification(
                        rowsChecked: checked, firstBrokenSequence: expectedSequence, problem: "row \(expectedSequence) is missing")
                }
                if entry.previousHash != previousHash {
                    return Verification(
                        rowsChecked: checked, firstBrokenSequence: entry.sequence,
                        problem: "row \(entry.sequence) does not link to the row before it")
                }
                if hash(of: entry) != entry.hash {
                    return Verification(
                        rowsChecked: checked, firstBrokenSequence: entry.sequence, problem: "row \(entry.sequence) was altered")
                }
                previousHash = entry.hash
                expectedSequence += 1
                checked += 1
            }
            if rows.count < pageSize { break }
        }
        let head = try await database.select().columns("last_sequence", "last_hash").from("audit_head")
            .where("id", .equal, Int64(1)).first()
        let headSequence = try head?.decode(column: "last_sequence", as: Int64.self) ?? -1
        let headHash = try head?.decode(column: "last_hash", as: String.self) ?? ""
        if headSequence != expectedSequence - 1 || headHash != previousHash {
            return Verification(
                rowsChecked: checked, firstBrokenSequence: expectedSequence, problem: "rows after \(expectedSequence - 1) were deleted")
        }
        return Verification(rowsChecked: checked, firstBrokenSequence: nil, problem: nil)
    }

    /// The most recent rows about one object, newest first.
    public static func entries(objectType: String, objectID: String, limit: Int = 50, on database: any SQLDatabase) async throws
        -> [AuditEntry]
    {
        try await database.select().column("*").from("audit_log")
            .where("object_type", .equal, objectType).where("object_id", .equal, objectID)
            .orderBy("sequence", .descending).limit(limit).all().map(decodeEntry)
    }

    /// A page of the trail, newest first: rows before `sequence` (all when nil), optionally only those of one
    /// action prefix (`user.`), one object type or one actor.
    public struct Query: Sendable, Equatable {
        public var before: Int64?
        public var actionPrefix: String?
        public var objectType: String?
        public var actorID: Int64?
        public var limit: Int

        public init(before: Int64? = nil, actionPrefix: String? = nil, objectType: String? = nil, actorID: Int64? = nil, limit: Int = 100) {
            self.before = before
            self.actionPrefix = actionPrefix
            self.objectType = objectType
            self.actorID = actorID
            self.limit = limit
        }
    }

    public static func entries(_ query: Query, on database: any SQLDatabase) async throws -> [AuditEntry] {
        var select = database.select().column("*").from("audit_log")
        if let before = query.before { select = select.where("sequence", .lessThan, before) }
        if let prefix = query.actionPrefix, !prefix.isEmpty { select = select.where("action", .like, escapeLike(prefix) + "%") }
        if let objectType = query.objectType, !objectType.isEmpty { select = select.where("object_type", .equal, objectType) }
        if let actorID = query.actorID { select = select.where("actor_id", .equal, actorID) }
        return try await select.orderBy("sequence", .descending).limit(max(1, min(query.limit, 500))).all().map(decodeEntry)
    }

    static func decodeEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.decode(column: "sequence", as: Int64.self),
            occurredAt: Date(milliseconds: try row.decode(column: "occurred_at", as: Int64.self)),
            actorID: try row.decode(column: "actor_id", as: Int64?.self),
            unitID: try row.decode(column: "unit_id", as: Int64?.self),
            action: try row.decode(column: "action", as: String.self),
            objectType: try row.decode(column: "object_type", as: String.self),
            objectID: try row.decode(column: "object_id", as: String.self),
            reason: try row.decode(column: "reason", as: String.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self)
        )
    }
}

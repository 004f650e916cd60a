import Domain
import SQLKit

/// The append-only audit trail and its chain head. Appending locks the head row, so concurrent writers
/// (several instances on PostgreSQL) take turns and the chain stays linear.
struct CreateAuditTrail: Migration {
    let name = "004-create-audit-trail"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "audit_log")
            .column("sequence", type: .bigint, .primaryKey(autoIncrement: false))
            .column("occurred_at", type: .bigint, .notNull)
            .column("actor_id", type: .bigint)
            .column("unit_id", type: .bigint)
            .column("action", type: .text, .notNull)
            .column("object_type", type: .text, .notNull)
            .column("object_id", type: .text, .notNull)
            .column("reason", type: .text, .notNull)
            .column("previous_hash", type: .text, .notNull)
            .column("hash", type: .text, .notNull)
            .run()
        try await database.create(index: "audit_log_object").on("audit_log").column("object_type").column("object_id").run()
        try await database.create(table: "audit_head")
            .column("id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("last_sequence", type: .bigint, .notNull)
            .column("last_hash", type: .text, .notNull)
            .run()
        try await database.insert(into: "audit_head")
            .columns("id", "last_sequence", "last_hash")
            .values(SQLBind(Int64(1)), SQLBind(Int64(0)), SQLBind(AuditEntry.genesisHash))
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "audit_head").run()
        try await database.drop(table: "audit_log").run()
    }
}

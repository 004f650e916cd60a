import SQLKit

/// The outbox of messages for the national public service portal (DVCQG): one row per dossier event,
/// written in the event's own transaction and sent later with retries.
struct CreatePortalOutbox: Migration {
    let name = "008-create-portal-outbox"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "portal_outbox")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("dossier_id", type: .bigint, .notNull, .references("dossiers", "id"))
            .column("event_sequence", type: .bigint, .notNull)
            .column("payload", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("attempts", type: .bigint, .notNull)
            .column("next_attempt_at", type: .bigint, .notNull)
            .column("last_error", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("sent_at", type: .bigint)
            .unique("dossier_id", "event_sequence")
            .run()
        try await database.create(index: "portal_outbox_due").on("portal_outbox").column("status").column("next_attempt_at").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "portal_outbox").run()
    }
}

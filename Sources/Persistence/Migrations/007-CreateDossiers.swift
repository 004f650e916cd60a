import SQLKit

/// Dossiers, their events, and the daily code sequences per receiving agency. A dossier row is the
/// projection of its events (status, step, due instants) with a lock version for optimistic locking.
struct CreateDossiers: Migration {
    let name = "007-create-dossiers"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "dossier_sequences")
            .column("agency_unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("day", type: .text, .notNull)
            .column("last", type: .bigint, .notNull)
            .primaryKey("agency_unit_id", "day")
            .run()
        try await database.create(table: "dossiers")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("code", type: .text, .notNull, .unique)
            .column("receiving_unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("processing_unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("procedure_version_id", type: .bigint, .notNull, .references("procedure_versions", "id"))
            .column("channel", type: .text, .notNull)
            .column("applicant_kind", type: .text, .notNull)
            .column("applicant_name", type: .text, .notNull)
            .column("applicant_identifier", type: .text, .notNull)
            .column("applicant_phone", type: .text)
            .column("applicant_email", type: .text)
            .column("applicant_address", type: .text)
            .column("search_text", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("step", type: .bigint, .notNull)
            .column("assignee_id", type: .bigint, .references("users", "id"))
            .column("status_before_pause", type: .text)
            .column("received_at", type: .bigint, .notNull)
            .column("first_due_at", type: .bigint, .notNull)
            .column("due_at", type: .bigint)
            .column("appointment_at", type: .bigint)
            .column("finished_at", type: .bigint)
            .column("lock_version", type: .bigint, .notNull)
            .column("is_demo", type: .boolean, .notNull)
            .run()
        try await database.create(index: "dossiers_receiving").on("dossiers").column("receiving_unit_id").column("received_at").run()
        try await database.create(index: "dossiers_processing").on("dossiers").column("processing_unit_id").column("status").run()
        try await database.create(table: "dossier_events")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("dossier_id", type: .bigint, .notNull, .references("dossiers", "id"))
            .column("sequence", type: .bigint, .notNull)
            .column("action", type: .text, .notNull)
            .column("actor_id", type: .bigint, .references("users", "id"))
            .column("unit_id", type: .bigint, .references("units", "id"))
            .column("occurred_at", type: .bigint, .notNull)
            .column("reason", type: .text, .notNull)
            .column("detail", type: .text, .notNull)
            .column("status_after", type: .text, .notNull)
            .column("step_after", type: .bigint, .notNull)
            .unique("dossier_id", "sequence")
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "dossier_events").run()
        try await database.drop(table: "dossiers").run()
        try await database.drop(table: "dossier_sequences").run()
    }
}

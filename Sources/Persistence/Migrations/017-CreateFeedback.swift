import SQLKit

/// Phản ánh, kiến nghị: each item with the unit it is routed to, its due instant, the answer and the
/// submitter's rating of it; the submitter reaches it by its code and a private token (stored hashed).
struct CreateFeedback: Migration {
    let name = "017-create-feedback"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "feedback")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("subject", type: .text, .notNull)
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("dossier_id", type: .bigint, .references("dossiers", "id"))
            .column("officer", type: .text, .notNull)
            .column("content", type: .text, .notNull)
            .column("contact_name", type: .text, .notNull)
            .column("contact_phone", type: .text)
            .column("contact_email", type: .text)
            .column("submitted_by", type: .bigint, .references("users", "id"))
            .column("token_hash", type: .text, .notNull)
            .column("received_at", type: .bigint, .notNull)
            .column("due_at", type: .bigint, .notNull)
            .column("answer", type: .text)
            .column("answered_by", type: .bigint, .references("users", "id"))
            .column("answered_at", type: .bigint)
            .column("publishable", type: .boolean, .notNull)
            .column("satisfied", type: .boolean)
            .column("rated_at", type: .bigint)
            .run()
        try await database.create(index: "feedback_unit").on("feedback").column("unit_id").column("received_at").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "feedback").run()
    }
}

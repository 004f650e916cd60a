import SQLKit

/// Messages to applicants (e-mail, SMS): written in the transaction of the dossier event they tell of (or of
/// the one-time code), sent by the notification service with retries; one message per event and channel.
struct CreateNotifications: Migration {
    let name = "013-create-notifications"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "notifications")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("dossier_id", type: .bigint, .references("dossiers", "id"))
            .column("event_sequence", type: .int)
            .column("purpose", type: .text, .notNull)
            .column("channel", type: .text, .notNull)
            .column("recipient", type: .text, .notNull)
            .column("subject", type: .text)
            .column("body", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("next_attempt_at", type: .bigint, .notNull)
            .column("last_error", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("sent_at", type: .bigint)
            .unique("dossier_id", "event_sequence", "channel")
            .run()
        try await database.create(index: "notifications_due").on("notifications").column("status").column("next_attempt_at").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "notifications").run()
    }
}

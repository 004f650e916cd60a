import SQLKit

/// Web sessions, kept in the database so that several instances can serve the same users. The key is the
/// SHA-256 of the cookie value, so a copy of the table does not hand out live sessions.
struct CreateSessions: Migration {
    let name = "003-create-sessions"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "sessions")
            .column("key_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("value", type: .text, .notNull)
            .column("expires_at", type: .bigint)
            .run()
        try await database.create(index: "sessions_expires").on("sessions").column("expires_at").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "sessions").run()
    }
}

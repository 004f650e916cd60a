import SQLKit

/// Citizens' accounts: their verified identity facts beside the account, registrations waiting for the
/// one-time code, and consents per purpose (Decree 13/2023).
struct CreateCitizenAccounts: Migration {
    let name = "015-create-citizen-accounts"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "citizen_profiles")
            .column("user_id", type: .bigint, .primaryKey(autoIncrement: false), .references("users", "id", onDelete: .cascade))
            .column("personal_id", type: .text, .notNull, .unique)
            .column("phone", type: .text)
            .column("verified_channel", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "registrations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("token_hash", type: .text, .notNull, .unique)
            .column("display_name", type: .text, .notNull)
            .column("personal_id", type: .text, .notNull)
            .column("phone", type: .text)
            .column("email", type: .text)
            .column("password_hash", type: .text, .notNull)
            .column("consents", type: .text, .notNull)
            .column("channel", type: .text, .notNull)
            .column("code_hash", type: .text, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("sent_at", type: .bigint, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "consents")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("purpose", type: .text, .notNull)
            .column("granted_at", type: .bigint, .notNull)
            .column("withdrawn_at", type: .bigint)
            .run()
        try await database.create(index: "consents_user").on("consents").column("user_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "consents").run()
        try await database.drop(table: "registrations").run()
        try await database.drop(table: "citizen_profiles").run()
    }
}

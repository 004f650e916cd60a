import SQLKit

/// Accounts, their role grants on units, and the sign-in failure counters that throttle guessing.
struct CreatePeople: Migration {
    let name = "002-create-people"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "users")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("username", type: .text, .notNull, .unique)
            .column("display_name", type: .text, .notNull)
            .column("search_text", type: .text, .notNull)
            .column("email", type: .text)
            .column("password_hash", type: .text, .notNull)
            .column("is_active", type: .boolean, .notNull)
            .column("is_demo", type: .boolean, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "grants")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("role", type: .text, .notNull)
            .column("unit_id", type: .bigint, .references("units", "id"))
            .run()
        try await database.create(index: "grants_user").on("grants").column("user_id").run()
        try await database.create(index: "grants_unit").on("grants").column("unit_id").run()
        try await database.create(table: "sign_in_failures")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("failures", type: .bigint, .notNull)
            .column("first_failure_at", type: .bigint, .notNull)
            .column("locked_until", type: .bigint, .notNull)
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "sign_in_failures").run()
        try await database.drop(table: "grants").run()
        try await database.drop(table: "users").run()
    }
}

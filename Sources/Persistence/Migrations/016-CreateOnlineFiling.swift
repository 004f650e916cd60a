import SQLKit

/// Online filing: the citizen who filed a dossier, and drafts with the files uploaded for each document of the
/// procedure's list, kept until they are submitted (then they become the dossier's attachments) or deleted.
struct CreateOnlineFiling: Migration {
    let name = "016-create-online-filing"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "dossiers").column("citizen_user_id", type: .bigint).run()
        try await database.create(index: "dossiers_citizen").on("dossiers").column("citizen_user_id").run()
        try await database.create(table: "online_drafts")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("procedure_code", type: .text, .notNull)
            .column("receiving_unit_id", type: .bigint, .references("units", "id"))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "online_drafts_user").on("online_drafts").column("user_id").run()
        try await database.create(table: "draft_files")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("draft_id", type: .bigint, .notNull, .references("online_drafts", "id", onDelete: .cascade))
            .column("document", type: .text, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("file_type", type: .text, .notNull)
            .column("original_name", type: .text, .notNull)
            .column("uploaded_at", type: .bigint, .notNull)
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "draft_files").run()
        try await database.drop(table: "online_drafts").run()
        try await database.drop(index: "dossiers_citizen").run()
        try await database.alter(table: "dossiers").dropColumn("citizen_user_id").run()
    }
}

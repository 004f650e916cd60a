import SQLKit

/// Files attached to dossiers: the content is stored once by its SHA-256 (FileStore); a row says which
/// dossier, under which name and type, by whom and when.
struct CreateAttachments: Migration {
    let name = "009-create-attachments"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "dossier_attachments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("dossier_id", type: .bigint, .notNull, .references("dossiers", "id"))
            .column("sha256", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("file_type", type: .text, .notNull)
            .column("original_name", type: .text, .notNull)
            .column("description", type: .text, .notNull)
            .column("uploaded_by", type: .bigint, .references("users", "id"))
            .column("uploaded_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "dossier_attachments_dossier").on("dossier_attachments").column("dossier_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "dossier_attachments").run()
    }
}

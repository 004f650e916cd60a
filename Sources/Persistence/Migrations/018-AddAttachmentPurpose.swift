import SQLKit

/// A file attached to a dossier is part of the application or the electronic result (`AttachmentPurpose`).
struct AddAttachmentPurpose: Migration {
    let name = "018-add-attachment-purpose"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "dossier_attachments")
            .column("purpose", type: .text, .notNull, .default(SQLLiteral.string("application"))).run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.alter(table: "dossier_attachments").dropColumn("purpose").run()
    }
}

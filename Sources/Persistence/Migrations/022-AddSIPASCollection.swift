import SQLKit

/// SIPAS collection: an invitation keeps the answers saved so far (the questionnaire is resumable; the draft
/// is deleted when the answers are sent) and when its person declined; paper forms are entered twice, by two
/// people, one row per enumerator and form until the two entries agree.
struct AddSIPASCollection: Migration {
    let name = "022-add-sipas-collection"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "sipas_invitations").column("draft", type: .text).run()
        try await database.alter(table: "sipas_invitations").column("declined_at", type: .bigint).run()
        try await database.create(index: "sipas_invitations_dossier").on("sipas_invitations").column("dossier_id").run()
        try await database.create(table: "sipas_paper_entries")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("invitation_id", type: .bigint, .notNull, .references("sipas_invitations", "id"))
            .column("entered_by", type: .bigint, .notNull, .references("users", "id"))
            .column("answers", type: .text, .notNull)
            .column("entered_at", type: .bigint, .notNull)
            .unique("invitation_id", "entered_by")
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "sipas_paper_entries").run()
        try await database.drop(index: "sipas_invitations_dossier").run()
        try await database.alter(table: "sipas_invitations").dropColumn("declined_at").run()
        try await database.alter(table: "sipas_invitations").dropColumn("draft").run()
    }
}

import SQLKit

/// The applicants' ratings of their dossiers' handling: one per dossier, changeable for 7 days, with the
/// raw answers and the version of the criteria they answered.
struct CreateDossierRatings: Migration {
    let name = "014-create-dossier-ratings"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "dossier_ratings")
            .column("dossier_id", type: .bigint, .primaryKey(autoIncrement: false), .references("dossiers", "id"))
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("criteria_version", type: .int, .notNull)
            .column("overall", type: .int, .notNull)
            .column("answers", type: .text, .notNull)
            .column("comment", type: .text, .notNull)
            .column("channel", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "dossier_ratings_unit").on("dossier_ratings").column("unit_id").column("created_at").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "dossier_ratings").run()
    }
}

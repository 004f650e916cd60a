import SQLKit

/// The unit a dossier's opinion is asked of while it is consulting: that unit sees the dossier in its queue and answers
/// on it. Null when no opinion is pending.
struct AddConsultedUnit: Migration {
    let name = "035-add-consulted-unit"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "dossiers").column("consulted_unit_id", type: .bigint, .references("units", "id")).run()
        try await database.create(index: "dossiers_consulted_unit").on("dossiers").column("consulted_unit_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(index: "dossiers_consulted_unit").run()
        try await database.alter(table: "dossiers").dropColumn("consulted_unit_id").run()
    }
}

import SQLKit

/// The procedure catalogue: a procedure and its versions (a dossier points at the version it was received
/// under), with the units that receive and process each version. The full definition (documents, fees,
/// steps) is kept as JSON text read in Swift; the columns are what lists, searches and joins need.
struct CreateProcedures: Migration {
    let name = "006-create-procedures"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "procedures")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("code", type: .text, .notNull, .unique)
            .column("current_version", type: .bigint, .notNull)
            .column("is_demo", type: .boolean, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "procedure_versions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("procedure_id", type: .bigint, .notNull, .references("procedures", "id"))
            .column("version", type: .bigint, .notNull)
            .column("name", type: .text, .notNull)
            .column("field", type: .text, .notNull)
            .column("level", type: .text, .notNull)
            .column("online_level", type: .text, .notNull)
            .column("limit_half_days", type: .bigint)
            .column("limit_minutes", type: .bigint)
            .column("is_boundary_free", type: .boolean, .notNull)
            .column("delegated_until", type: .text)
            .column("definition", type: .text, .notNull)
            .column("search_text", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("created_by", type: .bigint)
            .unique("procedure_id", "version")
            .run()
        try await database.create(table: "procedure_units")
            .column("procedure_version_id", type: .bigint, .notNull, .references("procedure_versions", "id"))
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("role", type: .text, .notNull)
            .run()
        try await database.create(index: "procedure_units_unit").on("procedure_units").column("unit_id").run()
        try await database.create(index: "procedure_units_version").on("procedure_units").column("procedure_version_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "procedure_units").run()
        try await database.drop(table: "procedure_versions").run()
        try await database.drop(table: "procedures").run()
    }
}

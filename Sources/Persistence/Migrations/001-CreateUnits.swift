import SQLKit

/// Organisational units with their tree, validity and reorganisation links.
struct CreateUnits: Migration {
    let name = "001-create-units"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "units")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("code", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("search_text", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("parent_id", type: .bigint, .references("units", "id"))
            .column("valid_from", type: .text)
            .column("valid_to", type: .text)
            .column("is_demo", type: .boolean, .notNull)
            .run()
        try await database.create(index: "units_code").on("units").column("code").run()
        try await database.create(index: "units_parent").on("units").column("parent_id").run()
        try await database.create(table: "unit_links")
            .column("predecessor_id", type: .bigint, .notNull, .references("units", "id"))
            .column("successor_id", type: .bigint, .notNull, .references("units", "id"))
            .column("is_whole", type: .boolean, .notNull)
            .column("is_primary", type: .boolean, .notNull)
            .column("effective", type: .text, .notNull)
            .column("legal_basis", type: .text, .notNull)
            .primaryKey("predecessor_id", "successor_id")
            .run()
        try await database.create(index: "unit_links_successor").on("unit_links").column("successor_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "unit_links").run()
        try await database.drop(table: "units").run()
    }
}

import SQLKit

/// Units are searched in memory (`UnitDirectory` folds their names itself): the folded copy of their names that
/// the first migration stored is no longer read.
struct DropUnitSearchText: Migration {
    let name = "030-drop-unit-search-text"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "units").dropColumn("search_text").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.alter(table: "units").column("search_text", type: .text, .notNull, .default("")).run()
    }
}

import SQLKit

/// The order in which a procedure version lists its receiving and processing units: the first processing
/// unit is the one a dossier goes to when the desk names none. Rows written before this change keep 0.
struct OrderProcedureUnits: Migration {
    let name = "011-order-procedure-units"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "procedure_units")
            .column("position", type: .int, .notNull, .default(SQLLiteral.numeric("0")))
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.alter(table: "procedure_units").dropColumn("position").run()
    }
}

import Domain
import Foundation
import SQLKit

/// The service index (Decision 766): the facts of a dossier it measures (`ServiceFacts`), the frameworks
/// loaded as data, and the statistics counters summed per month beside the daily ones, so that a quarter for
/// every unit is a sum over a few rows per unit. The daily counters are emptied: the server recounts them
/// (with the new counters, ratings included) when it starts.
struct AddServiceIndex: Migration {
    let name = "019-add-service-index"

    static let factColumns = [
        "fully_online_offered", "fee_due", "fee_paid_online", "digitised", "reused_documents", "population_checked",
        "electronic_result", "result_synced",
    ]

    func prepare(on database: any SQLDatabase) async throws {
        for column in Self.factColumns {
            try await database.alter(table: "dossiers").column(column, type: .boolean, .notNull, .default(false)).run()
        }
        // Whether a procedure version charges a fee, from its stored definition.
        try await database.alter(table: "procedure_versions").column("has_fee", type: .boolean, .notNull, .default(false)).run()
        for row in try await database.select().columns("id", "definition").from("procedure_versions").all() {
            let definition = try row.decode(column: "definition", as: String.self)
            guard let procedure = try? JSONDecoder().decode(Procedure.self, from: Data(definition.utf8)), procedure.hasFee else { continue }
            try await database.update("procedure_versions").set("has_fee", to: true).where(
                "id", .equal, try row.decode(column: "id", as: Int64.self)
            ).run()
        }
        try await database.create(table: "service_index_frameworks")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("valid_from", type: .text, .notNull)
            .column("valid_to", type: .text)
            .column("definition", type: .text, .notNull)
            .column("loaded_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "statistics_monthly")
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("counter", type: .text, .notNull)
            .column("month", type: .text, .notNull)
            .column("value", type: .bigint, .notNull)
            .unique("unit_id", "counter", "month")
            .run()
        // Covering indexes: a period's sums for every unit are read from the index alone.
        try await database.create(index: "statistics_monthly_month").on("statistics_monthly").column("month").column("counter").column(
            "unit_id"
        )
        .column("value").run()
        try await database.create(index: "statistics_counters_day").on("statistics_counters").column("day").column("counter").column(
            "unit_id"
        )
        .column("value").run()
        try await database.delete(from: "statistics_counters").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(index: "statistics_counters_day").run()
        try await database.drop(table: "statistics_monthly").run()
        try await database.drop(table: "service_index_frameworks").run()
        try await database.alter(table: "procedure_versions").dropColumn("has_fee").run()
        for column in Self.factColumns.reversed() { try await database.alter(table: "dossiers").dropColumn(column).run() }
    }
}
